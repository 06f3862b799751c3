"""What one load leaves for the next in the preview's process: used again only while provably the same."""

from __future__ import annotations

import os
import time
from dataclasses import replace
from functools import partial
from pathlib import Path

from innosite.build import footnote_titles
from innosite.content.load import LoadOptions, _check_languages, _check_slugs, load_site, section_listing
from innosite.memo import Memory, Same
from innosite.model.entry import Entry
from innosite.model.site import Site
from innosite.problems import Problems
from tests.speed.test_incremental import NOW, big_site, options  # noqa: F401 (a fixture)

HOUR_NS = 3600 * 10**9


def _age(folder: Path) -> None:
    """The folder's modification time an hour back: old enough for its listing to be trusted."""
    then = time.time_ns() - HOUR_NS
    os.utime(folder, ns=(then, then))


def test_a_section_listed_long_after_its_last_change_is_not_listed_again(tmp_path: Path) -> None:
    press = tmp_path / "press"
    (press / "a").mkdir(parents=True)
    _age(press)
    memory = Memory()
    first = section_listing(press, "press", True, memory)
    assert section_listing(press, "press", True, memory) is first
    assert section_listing(press, "press", False, memory) is not first  # anything may have changed: listed again


def test_an_added_removed_or_renamed_folder_is_seen(tmp_path: Path) -> None:
    press = tmp_path / "press"
    (press / "a").mkdir(parents=True)
    memory = Memory()
    for change in (lambda: (press / "b").mkdir(), lambda: (press / "b").rename(press / "c"), (press / "a").rmdir):
        _age(press)
        before = section_listing(press, "press", True, memory)
        change()
        after = section_listing(press, "press", True, memory)
        assert [path.name for _, path in after.folders] == sorted(p.name for p in press.iterdir())
        assert after is not before


def test_a_listing_made_just_after_a_change_is_not_trusted(tmp_path: Path) -> None:
    """Within the file system's time resolution a later change could leave the same time."""
    press = tmp_path / "press"
    (press / "a").mkdir(parents=True)
    memory = Memory()
    first = section_listing(press, "press", True, memory)
    assert section_listing(press, "press", True, memory) is not first


def test_stray_files_are_errors_each_time_the_listing_is_used(tmp_path: Path) -> None:
    press = tmp_path / "press"
    press.mkdir()
    (press / "stray.md").write_text("x", encoding="utf-8")
    _age(press)
    memory = Memory()
    for _ in range(2):
        listing = section_listing(press, "press", True, memory)
        assert [path.name for path, _ in listing.errors] == ["stray.md"]


def _load(root: Path) -> Site:
    """The site as a build loads it (entries made anew: other objects each time)."""
    titles = partial(footnote_titles, options(root, "x"))
    site = load_site(root / "content", Problems(), LoadOptions(now=NOW), titles)
    assert site is not None
    return site


def test_language_warnings_are_those_of_a_fresh_check(big_site: Path) -> None:  # noqa: F811
    """Remembered per entry object and settings: the same warnings, in the same order, as without memory."""
    settings = big_site / "content" / "site.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "required_languages: [fi, sv, en]\n", encoding="utf-8")
    site = _load(big_site)
    entries = [*site.press, *site.projects, *site.pages]
    fresh = Problems()
    _check_languages(entries, site.config, fresh, Memory())
    assert fresh.warnings  # most releases lack English
    memory = Memory()
    for _ in range(2):
        found = Problems()
        _check_languages(entries, site.config, found, memory)
        assert found.warnings == fresh.warnings
    other = _load(big_site)  # other objects, the same values: made again
    memory.next_build()
    found = Problems()
    _check_languages([*other.press, *other.projects, *other.pages], other.config, found, memory)
    assert found.warnings == fresh.warnings
    remembered = memory.memo("load.warnings")
    assert all(remembered.last(Same(entry)) is not None for entry in other.press)  # the new objects' warnings
    memory.next_build()
    assert all(remembered.last(Same(entry)) is None for entry in site.press)  # the old ones' are forgotten


def test_settings_are_read_again_unless_only_entry_folders_changed(big_site: Path) -> None:  # noqa: F811
    titles = partial(footnote_titles, options(big_site, "x"))
    memory = Memory()

    def load(changed: frozenset[str] | None) -> Site:
        site = load_site(big_site / "content", Problems(), LoadOptions(now=NOW, changed=changed), titles, None, memory)
        assert site is not None
        return site

    first = load(None)
    assert load(frozenset()).config is first.config  # only entry folders changed: the settings are the same
    themes = big_site / "content" / "themes.yaml"
    themes.write_text(themes.read_text(encoding="utf-8").replace("fi: ", "fi: Uusi ", 1), encoding="utf-8")
    again = load(None)
    assert again.themes != first.themes
    assert load(frozenset()).themes is again.themes


def test_a_slug_taken_by_an_edit_is_found_after_a_clean_check(big_site: Path) -> None:  # noqa: F811
    site = _load(big_site)
    entries: list[Entry] = [*site.press, *site.projects, *site.pages]
    memory = Memory()
    for _ in range(2):
        problems = Problems()
        _check_slugs(entries, problems, memory)
        assert problems.errors == ()
    edited = list(entries)
    edited[1] = replace(entries[1], versions=tuple(replace(v, title=f"{v.title}!") for v in entries[1].versions))
    problems = Problems()
    _check_slugs(edited, problems, memory)  # the same slugs: no check needed, none found
    assert problems.errors == ()
    taken = entries[0].versions[0]
    clash = tuple(replace(v, slug=taken.slug) if v.lang == taken.lang else v for v in entries[1].versions)
    edited[1] = replace(entries[1], versions=clash)
    for _ in range(2):  # found, and found again (a check that found a clash is not remembered as clean)
        problems = Problems()
        _check_slugs(edited, problems, memory)
        assert "is already used by" in problems.errors[0].message
