"""The preview's builds from memory: after any change the watcher reports, the bytes of a cold build."""

from __future__ import annotations

import os
import random
import shutil
from dataclasses import replace
from pathlib import Path

from innosite.build import PACKAGE, build
from innosite.content.load import SECTION_DIRS
from innosite.preview.server import Preview
from innosite.preview.session import entry_folders
from innosite.preview.watcher import SourceWatcher
from innosite.problems import Problems
from tests.conftest import images_made_once, read_tree
from tests.speed.test_incremental import ACTIONS, _random_change, big_site, options  # noqa: F401 (a fixture)


def cold_preview(preview: Preview, root: Path) -> dict[str, bytes]:
    """What a fresh build with the preview's settings (drafts, scheduled entries) writes."""
    out = root / "cold"
    shutil.rmtree(out, ignore_errors=True)
    with images_made_once():
        build(replace(preview.options, out=out, cache=False, jobs=1, now=preview.last_now), Problems())
    tree = read_tree(out)
    shutil.rmtree(out)
    return tree


def test_random_changes_in_the_preview_give_the_bytes_of_a_cold_build(big_site: Path) -> None:  # noqa: F811
    """Seeded: the preview told only which files changed rebuilds, from memory, what a cold build writes; every
    value it remembers is made again and compared (a page type's inputs that leave something out fail here)."""
    templates = big_site / "templates"
    shutil.copytree(PACKAGE / "templates", templates)
    settings = replace(options(big_site, "preview", templates=templates), drafts=True, future=True, jobs=2)
    preview = Preview(settings, verify=True)
    watcher = SourceWatcher((big_site / "content", templates, PACKAGE / "locales"), lambda paths: None)
    try:
        assert preview.rebuild().problems == ()
        _age_sections(big_site / "content")
        rng = random.Random(2027)
        actions = ACTIONS + [rng.choice(ACTIONS) for _ in range(4)]
        rng.shuffle(actions)
        for step, action in enumerate(actions):
            done = _random_change(big_site, rng, step, templates, action)
            changed = watcher.changes()
            assert changed, done
            result = preview.rebuild(changed)
            assert result.problems == (), done
            assert read_tree(big_site / "preview") == cold_preview(preview, big_site), f"after step {step}: {done}"
            _age_sections(big_site / "content")  # so that the next build may use the sections' last listing
    finally:
        preview.close()


def _age_sections(content: Path) -> None:
    """The section folders' times set to a moment long ago, as if the last entry had been added then: their
    listing is trusted by the next build unless an entry was added, removed or renamed (see content/load.section_listing)."""
    then = 1_700_000_000 * 10**9
    for section in SECTION_DIRS:
        os.utime(content / section, ns=(then, then))


def test_only_the_entry_folders_of_changed_files_are_looked_at_again(tmp_path: Path) -> None:
    content = tmp_path / "content"
    changed = [content / "press" / "a" / "fi.md", content / "projects" / "p" / "img.jpg"]
    found = entry_folders(content, [str(path) for path in changed])
    assert found == {str(content / "press" / "a"), str(content / "projects" / "p")}
    for outside in (content / "site.yaml", content / "press" / "stray.md", tmp_path / "templates" / "base.html"):
        assert entry_folders(content, [str(changed[0]), str(outside)]) is None


def test_after_a_failed_build_every_folder_is_looked_at_again(big_site: Path, tmp_path: Path) -> None:  # noqa: F811
    """A problem found in one entry folder is still reported when the next save is in another folder."""
    preview = Preview(replace(options(big_site, "preview"), drafts=True, future=True, jobs=1))
    press = big_site / "content" / "press"
    outside = tmp_path / "outside.txt"
    outside.write_text("not content", encoding="utf-8")
    try:
        assert preview.rebuild().problems == ()
        link = press / "2024-r001" / "notes.txt"
        link.symlink_to(outside)
        assert "outside the content folder" in preview.rebuild([str(link)]).problems[0].message
        other = press / "2024-r002" / "fi.md"
        other.write_text(other.read_text(encoding="utf-8") + "\nLisäys.\n", encoding="utf-8")
        assert "outside the content folder" in preview.rebuild([str(other)]).problems[0].message
        link.unlink()
        assert preview.rebuild([str(link)]).problems == ()
    finally:
        preview.close()
