"""The image cache keeps what the site uses and loses the rest: a photo taken off the site leaves `.cache/media/`
at the next build, other recipes' folders and stopped builds' temporary files too; never while another build
holds the cache."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from pathlib import Path

import pytest

from innosite.media import recipe_key
from tests.fixture_images.add import RELEASE, add_images

REL = f"content/{RELEASE}"


@pytest.fixture
def pictured(site_dir: Path) -> Path:
    add_images(site_dir / "content")  # kuva.jpg the photo, kartta.png in the Finnish text, logo.png to share
    return site_dir


def cached(site_dir: Path) -> dict[str, bytes]:
    """The files of the image cache, by their path under .cache/media/."""
    media = site_dir / ".cache/media"
    return {p.relative_to(media).as_posix(): p.read_bytes() for p in sorted(media.rglob("*")) if p.is_file()}


def made_of(site_dir: Path, name: str) -> set[str]:
    """The cache's files for one source picture of the release: its description and the files it names."""
    sha = hashlib.sha256((site_dir / REL / name).read_bytes()).hexdigest()
    folder = site_dir / ".cache/media" / recipe_key()
    (description,) = folder.glob(f"{sha}-*.json")
    original, sizes, share = json.loads(description.read_bytes().split(b"\n", 1)[1])
    files = [item[4] for item in (original, *sizes, *([share] if share else []))]
    return {f"{recipe_key()}/{description.name}", *(f"{recipe_key()}/{file}.bin" for file in files)}


def take_off_the_map(site_dir: Path) -> None:
    """Remove kartta.png and its link from the release."""
    fi = site_dir / REL / "fi.md"
    fi.write_text(fi.read_text(encoding="utf-8").replace("\n![Kartta kaupungeista](kartta.png)\n", ""), "utf-8")
    (site_dir / REL / "kartta.png").unlink()


def test_a_picture_taken_off_the_site_leaves_the_cache_and_the_others_stay(pictured: Path, run) -> None:
    assert run("--out", "site", "--no-search").code == 0
    before = cached(pictured)
    gone = made_of(pictured, "kartta.png")
    assert len(gone) == 5  # its description, the original, two WebP sizes, the fallback
    take_off_the_map(pictured)
    assert run("--out", "site", "--no-search").code == 0
    assert cached(pictured) == {path: data for path, data in before.items() if path not in gone}


def test_other_recipes_and_the_leftovers_of_a_stopped_build_are_removed(pictured: Path, run) -> None:
    assert run("--out", "site", "--no-search").code == 0
    before = cached(pictured)
    old = pictured / ".cache/media/0123456789abcdef"
    old.mkdir()
    (old / "f00d.bin").write_bytes(b"made by an older Pillow")
    (pictured / ".cache/media" / recipe_key() / ".part-x1y2z3").write_bytes(b"cut short")
    fi = pictured / REL / "fi.md"
    fi.write_text(fi.read_text(encoding="utf-8") + "\nLisäys.\n", "utf-8")  # a change: the image step runs
    assert run("--out", "site", "--no-search").code == 0
    assert cached(pictured) == before


def test_nothing_is_removed_while_another_build_holds_the_cache(pictured: Path, run) -> None:
    assert run("--out", "site", "--no-search").code == 0
    before = cached(pictured)
    other = os.open(pictured / ".cache/media/.lock", os.O_RDWR)
    fcntl.flock(other, fcntl.LOCK_SH)  # another build, between its image step and its end
    try:
        take_off_the_map(pictured)
        assert run("--out", "site", "--no-search").code == 0
        assert cached(pictured) == before
    finally:
        os.close(other)
    fi = pictured / REL / "fi.md"
    fi.write_text(fi.read_text(encoding="utf-8") + "\nLisäys.\n", "utf-8")
    assert run("--out", "site", "--no-search").code == 0
    assert len(cached(pictured)) == len(before) - 5


def test_a_site_without_pictures_any_more_keeps_nothing(site_dir: Path, pictured: Path, run) -> None:
    assert run("--out", "site", "--no-search").code == 0
    (site_dir / "content/site.yaml").write_text(
        (site_dir / "content/site.yaml").read_text(encoding="utf-8").split("share_image:")[0], "utf-8"
    )
    meta = site_dir / REL / "meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").split("image:")[0], "utf-8")
    take_off_the_map(site_dir)
    assert run("--out", "site", "--no-search").code == 0
    assert cached(site_dir) == {".lock": b""}


def test_a_site_that_never_had_pictures_has_no_image_cache(site_dir: Path, run) -> None:
    assert run("--out", "site", "--no-search").code == 0
    assert (site_dir / ".cache").is_dir() and not (site_dir / ".cache/media").exists()


def test_a_build_that_changes_nothing_does_not_look_at_the_image_cache(
    pictured: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("--out", "site", "--no-search").code == 0
    assert run("--out", "site", "--no-search").code == 0  # (the first recorded the published addresses)

    def looked(*args: object) -> None:
        raise AssertionError("the image cache was looked at")

    monkeypatch.setattr("innosite.speed.images._described", looked)
    monkeypatch.setattr("innosite.speed.images.clean_media", looked)
    result = run("--out", "site", "--no-search")
    assert (result.code, result.err) == (0, "")
