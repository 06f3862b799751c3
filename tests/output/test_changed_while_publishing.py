"""An attachment saved while a build publishes it: the record holds the hash of exactly the bytes published, so
the version saved next is published whatever it is (the one hashed before included)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from innosite.build import BuildOptions, build
from innosite.preview.session import preview_session
from innosite.problems import Problems
from innosite.speed import loader
from innosite.speed.session import BuildSession
from tests.conftest import read_tree

ATTACHMENT = "press/2022-09-13-lead-projects/liite.pdf"
PUBLISHED = "media/press/2022-09-13-lead-projects/liite.pdf"


def saved_between_hash_and_copy(monkeypatch: pytest.MonkeyPatch, path: Path, data: bytes) -> None:
    """The author saves `data` to the attachment once, just after the build hashed it and before it copies it."""
    original = BuildSession.copy_want
    saved: list[bool] = []

    def copy_want(self: BuildSession, src: Path):
        want = original(self, src)
        if src.resolve() == path.resolve() and not saved:
            path.write_bytes(data)
            saved.append(True)
        return want

    monkeypatch.setattr(BuildSession, "copy_want", copy_want)


def cold(root: Path) -> dict[str, bytes]:
    build(BuildOptions(content=root / "content", out=root / "cold", cache=False, search=False), Problems())
    tree = read_tree(root / "cold")
    shutil.rmtree(root / "cold")
    return tree


def test_a_build_publishes_the_version_saved_back_after_one_saved_while_it_copied(
    site_dir: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    attachment = site_dir / "content" / ATTACHMENT
    first = attachment.read_bytes()
    assert run("--no-search").code == 0
    with monkeypatch.context() as patch:
        attachment.write_bytes(first + b"\n% version 2\n")
        saved_between_hash_and_copy(patch, attachment, first + b"\n% version 3\n")
        assert run("--no-search").code == 0
    assert (site_dir / "site" / PUBLISHED).read_bytes() == first + b"\n% version 3\n"
    attachment.write_bytes(first + b"\n% version 2\n")  # saved back: the version the build hashed
    result = run("--no-search")
    assert result.code == 0
    assert (site_dir / "site" / PUBLISHED).read_bytes() == first + b"\n% version 2\n"
    assert read_tree(site_dir / "site") == cold(site_dir)
    attachment.write_bytes(first)
    assert run("--no-search").code == 0
    assert read_tree(site_dir / "site") == cold(site_dir)


def test_the_preview_publishes_the_version_saved_back_after_one_saved_while_it_copied(
    site_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attachment = site_dir / "content" / ATTACHMENT
    first = attachment.read_bytes()
    options = BuildOptions(content=site_dir / "content", out=site_dir / "preview", search=False)
    session = preview_session(options.content, options.out)
    try:
        build(options, Problems(), session)
        with monkeypatch.context() as patch:
            attachment.write_bytes(first + b"\n% version 2\n")
            saved_between_hash_and_copy(patch, attachment, first + b"\n% version 3\n")
            session.next_build(frozenset({str(attachment.parent)}))
            build(options, Problems(), session)
        attachment.write_bytes(first + b"\n% version 2\n")
        session.next_build(frozenset({str(attachment.parent)}))
        build(replace(options), Problems(), session)
        assert (site_dir / "preview" / PUBLISHED).read_bytes() == first + b"\n% version 2\n"
    finally:
        session.close()


def test_a_text_saved_while_the_build_reads_its_folder_is_read_again_when_saved_back(
    site_dir: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder is hashed, then a version is saved, then the folder is loaded: what was loaded must not be
    kept under the hash of the version before, or saving that version back would show the other one for good."""
    text = site_dir / "content" / "press" / "2022-09-13-lead-projects" / "fi.md"
    first = text.read_text(encoding="utf-8")
    assert run("--no-search").code == 0
    real = loader.load_chunk

    def load_chunk(job, tasks):
        text.write_text(first.replace("Kuusi", "Kahdeksan"), encoding="utf-8")
        return real(job, tasks)

    text.write_text(first.replace("Kuusi", "Seitsemän"), encoding="utf-8")
    with monkeypatch.context() as patch:
        patch.setattr(loader, "load_chunk", load_chunk)
        assert run("--no-search").code == 0
    text.write_text(first.replace("Kuusi", "Seitsemän"), encoding="utf-8")  # saved back: the version hashed
    assert run("--no-search").code == 0
    assert read_tree(site_dir / "site") == cold(site_dir)
