"""An output folder that cannot be written as usual: read-only, on a full disk, or a mount point.

The first two are one `error:` line saying what to do (exit 2), the previous site intact; a mount point (a Docker
volume, which cannot be renamed: EBUSY) gets each build copied into it, file by file."""

from __future__ import annotations

import errno
import os
import shutil
import stat
from pathlib import Path

import pytest

from innosite.output import files, sync, tree
from tests.conftest import read_tree
from tests.permissions import build_process

RELEASE = "content/press/2022-09-13-lead-projects/fi.md"


def cold(root: Path, run) -> dict[str, bytes]:
    assert run("--no-search", "--no-cache", "--out", "cold").code == 0
    tree_ = read_tree(root / "cold")
    shutil.rmtree(root / "cold")
    for spare in root.glob(".cold*"):
        shutil.rmtree(spare)
    return tree_


def edit(root: Path, number: int) -> None:
    path = root / RELEASE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Kuusi", f"Kuusi ({number})", 1), encoding="utf-8")


def test_a_folder_that_holds_the_output_and_is_read_only_is_one_error(site_dir: Path, run) -> None:
    (site_dir / "www").mkdir()
    assert run("--no-search", "--out", "www/site").code == 0
    before = read_tree(site_dir / "www")
    edit(site_dir, 1)
    (site_dir / "www").chmod(0o555)
    try:
        result = build_process(site_dir, "--no-search", "--out", "www/site")
    finally:
        (site_dir / "www").chmod(0o755)
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "error: cannot write beside www/site (Permission denied): make the folder that holds it writable, "
        "or choose another --out\n"
    )
    assert read_tree(site_dir / "www") == before


def test_an_output_folder_made_read_only_is_one_error_and_the_site_stays(site_dir: Path, run) -> None:
    assert run("--no-search").code == 0
    edit(site_dir, 1)
    assert run("--no-search").code == 0  # site/ and its spare both hold a build
    before = read_tree(site_dir / "site")
    folders = [path for root in ("site", ".site-spare") for path in (site_dir / root).rglob("*") if path.is_dir()]
    folders += [site_dir / "site", site_dir / ".site-spare"]
    for folder in folders:
        folder.chmod(stat.S_IMODE(folder.stat().st_mode) & ~0o222)
    try:
        edit(site_dir, 2)
        result = build_process(site_dir, "--no-search")
    finally:
        for folder in folders:
            folder.chmod(0o755)
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("error: cannot write .site-spare/")
    assert result.err.endswith(
        " (permission denied): make it writable, or choose another --out; the previous site is unchanged\n"
    )
    assert len(result.err.splitlines()) == 1
    assert read_tree(site_dir / "site") == before
    assert run("--no-search").code == 0
    assert read_tree(site_dir / "site") == cold(site_dir, run)


def full_disk(monkeypatch: pytest.MonkeyPatch, module, after: int) -> None:
    """Writing files fails with ENOSPC once `after` files are written (in the module's write_new)."""
    real = module.write_new
    written: list[str] = []

    def write_new(target: str, *args, **kwargs):
        if len(written) >= after:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), target)
        written.append(target)
        return real(target, *args, **kwargs)

    monkeypatch.setattr(module, "write_new", write_new)


def test_a_full_disk_is_one_error_and_the_site_stays(site_dir: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("--no-search").code == 0
    before = read_tree(site_dir / "site")
    (site_dir / "content" / "pages" / "uusi").mkdir()
    (site_dir / "content" / "pages" / "uusi" / "fi.md").write_text("---\ntitle: Uusi\n---\nTeksti.\n", "utf-8")
    with monkeypatch.context() as patch:
        full_disk(patch, files, after=2)
        result = run("--no-search")
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("error: the disk is full: cannot write .site-spare/")
    assert result.err.endswith(": free some space, then build again; the previous site is unchanged\n")
    assert read_tree(site_dir / "site") == before
    assert run("--no-search").code == 0
    assert read_tree(site_dir / "site") == cold(site_dir, run)


def mount_point(monkeypatch: pytest.MonkeyPatch, out: Path, device: bool) -> None:
    """out/ as a mount point: it cannot be renamed (EBUSY); on another device (`device`), nothing can be linked
    or renamed between it and the folder around it (EXDEV), and os.path.ismount says so."""
    where = os.path.abspath(out)

    def inside(path) -> bool:
        path = os.path.abspath(os.fsdecode(path))
        return path == where or path.startswith(where + os.sep)

    def exchange(a: Path, b: Path) -> bool:
        if inside(a) or inside(b):
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(b))
        return real_exchange(a, b)

    real_exchange, real_rename, real_link, real_ismount = tree.exchange, os.rename, os.link, os.path.ismount
    monkeypatch.setattr(tree, "exchange", exchange)

    def rename(a, b, **kwargs) -> None:
        if os.path.abspath(os.fsdecode(a)) == where or os.path.abspath(os.fsdecode(b)) == where:
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), os.fsdecode(a))
        if device and inside(a) != inside(b):
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV), os.fsdecode(a))
        real_rename(a, b, **kwargs)

    monkeypatch.setattr(os, "rename", rename)
    if device:

        def link(a, b, **kwargs) -> None:
            if inside(a) != inside(b):
                raise OSError(errno.EXDEV, os.strerror(errno.EXDEV), os.fsdecode(a))
            real_link(a, b, **kwargs)

        monkeypatch.setattr(os, "link", link)
        monkeypatch.setattr(os.path, "ismount", lambda path: os.path.abspath(path) == where or real_ismount(path))


def stats(root: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()
    }


@pytest.mark.parametrize("device", [False, True], ids=["a bind mount", "a volume on another device"])
def test_a_mount_point_gets_each_build_copied_into_it(
    site_dir: Path, run, monkeypatch: pytest.MonkeyPatch, device: bool
) -> None:
    out = site_dir / "site"
    out.mkdir()  # the volume, empty at first
    folder = out.stat().st_ino
    for number in range(4):
        if number:
            edit(site_dir, number)
        before = stats(out)
        with monkeypatch.context() as patch:
            mount_point(patch, out, device)
            result = run("--no-search")
        assert (result.code, result.err) == (0, "")
        after = stats(out)
        assert out.stat().st_ino == folder  # the same folder: its files changed, not it
        assert read_tree(out) == cold(site_dir, run), f"build {number}"
        changed = {rel for rel in after if after[rel] != before.get(rel)}
        assert result.out.endswith(f"({len(changed)} files changed).\n")
        if number:  # the release's pages and the feeds that list it (the language's, its themes' and cities'):
            assert 0 < len(changed) <= 8  # not the site
    assert not (out / sync.STAGING).exists()


def test_a_mount_point_update_stopped_by_a_full_disk_is_completed_by_the_next_build(
    site_dir: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = site_dir / "site"
    out.mkdir()
    with monkeypatch.context() as patch:
        mount_point(patch, out, device=True)
        assert run("--no-search").code == 0
        (site_dir / "content" / "pages" / "uusi").mkdir()
        (site_dir / "content" / "pages" / "uusi" / "fi.md").write_text("---\ntitle: Uusi\n---\nTeksti.\n", "utf-8")
        edit(site_dir, 1)
        with monkeypatch.context() as full:
            full_disk(full, sync, after=1)
            result = run("--no-search")
        assert (result.code, result.out) == (2, "")
        assert result.err.startswith("error: the disk is full: cannot write site/.innosite-new/")
        assert result.err.endswith(
            ": free some space, then build again; site is partly updated: build again once that is done\n"
        )
        result = run("--no-search")
        assert (result.code, result.err) == (0, "")
    assert read_tree(out) == cold(site_dir, run)
    assert not (out / sync.STAGING).exists()
