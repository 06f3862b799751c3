"""Every page type's declared inputs are checked: one left out fails the verifying preview at the first edit
that changes it, instead of serving (or, in incremental builds, keeping) a stale page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from innosite.build import BuildOptions
from innosite.model.entry import PressRelease, Project
from innosite.pages import plan
from innosite.preview.server import Preview

PROJECT_FI = "projects/photonics-ecosystem/fi.md"
RELEASE_FI = "press/2022-09-13-lead-projects/fi.md"


def _without_reads(inputs: Callable[..., tuple | None], kind: type) -> Callable[..., tuple | None]:
    """entry_inputs that leaves out everything but the entry itself for entries of one kind."""
    return lambda p, entry: (entry,) if isinstance(entry, kind) else inputs(p, entry)


WRONG_INPUTS: dict[str, tuple[str, Callable, str]] = {
    "a release page without the projects it lists": (
        "entry_inputs", _without_reads(plan.entry_inputs, PressRelease), PROJECT_FI
    ),
    "a project page without its releases": ("entry_inputs", _without_reads(plan.entry_inputs, Project), RELEASE_FI),
    "a home page without the projects it lists": ("home_inputs", lambda p, lang: ("home",), PROJECT_FI),
    "a listing page without its entries": (
        "listing_inputs", lambda section, page: ("listing", section, page.inputs[0]), RELEASE_FI
    ),
    "a theme page without the theme": (
        "term_inputs", lambda term, page, projects: ("term", *page.inputs, projects), "themes.yaml"
    ),
    "a feed directory without the themes": ("feeds_inputs", lambda p, lang: ("feeds",), "themes.yaml"),
}  # fmt: skip


def _edit(content: Path, rel: str) -> Path:
    """A change of a title (or a theme's name) that the pages above show."""
    path = content / rel
    text = path.read_text(encoding="utf-8")
    key = "fi: " if rel == "themes.yaml" else "title: "
    path.write_text(text.replace(key, f"{key}Uusi ", 1), encoding="utf-8")
    return path


def _preview(site_dir: Path) -> Preview:
    options = BuildOptions(content=site_dir / "content", out=site_dir / "preview", search=False, jobs=1)
    return Preview(replace(options, drafts=True, future=True), verify=True)


@pytest.mark.parametrize("case", WRONG_INPUTS)
def test_an_input_left_out_fails_the_verifying_preview(
    case: str, site_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name, wrong, edited = WRONG_INPUTS[case]
    monkeypatch.setattr(plan, name, wrong)
    preview = _preview(site_dir)
    try:
        assert preview.rebuild().problems == ()
        changed = _edit(site_dir / "content", edited)
        problems = preview.rebuild([str(changed)]).problems
        assert len(problems) == 1
        assert "differs from the one made now" in problems[0].message or "renders differently" in problems[0].message
    finally:
        preview.close()


@pytest.mark.parametrize("edited", sorted({edited for _, _, edited in WRONG_INPUTS.values()}))
def test_with_the_declared_inputs_the_same_edits_pass(edited: str, site_dir: Path) -> None:
    preview = _preview(site_dir)
    try:
        assert preview.rebuild().problems == ()
        assert preview.rebuild([str(_edit(site_dir / "content", edited))]).problems == ()
    finally:
        preview.close()


def test_with_images_a_new_photo_and_a_new_logo_pass_the_verifying_preview(site_dir: Path) -> None:
    """The pictures on a page come from its entry (the hash of each image's bytes) and the settings (the share
    logo's): another photo under the same name, or another logo, shows on the next preview build."""
    import io

    from PIL import Image

    from tests.fixture_images.add import RELEASE, add_images

    content = site_dir / "content"
    add_images(content)
    preview = _preview(site_dir)
    try:
        assert [p.message for p in preview.rebuild().problems if "warning" not in p.message] == []
        out = io.BytesIO()
        Image.new("RGB", (1600, 900), (200, 40, 40)).save(out, "JPEG")
        (content / RELEASE / "kuva.jpg").write_bytes(out.getvalue())
        assert preview.rebuild([str(content / RELEASE / "kuva.jpg")]).problems == ()
        page = (site_dir / "preview/fi/tiedotteet/kaupungit-ottavat-vetovastuuta/index.html").read_text()
        assert 'kuva-1600.webp 1600w"' in page and 'width="1600" height="900"' in page
        Image.open(content / "logo.png").rotate(90).save(content / "logo.png")
        assert preview.rebuild([str(content / "logo.png")]).problems == ()
    finally:
        preview.close()
