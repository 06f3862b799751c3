"""What is public at a moment: the load leaves out drafts and what waits for its time, records each as data
(Unpublished) for the commands' reports, and marks what a build includes before its time."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from innosite.build import BuildOptions, footnote_titles
from innosite.content.load import LoadOptions, load_site
from innosite.model.site import Site, Unpublished
from innosite.problems import Problems

HELSINKI = ZoneInfo("Europe/Helsinki")
SPORT = "press/2023-01-10-sport-news"
LEAD = "press/2022-09-13-lead-projects"
PHOTONICS = "projects/photonics-ecosystem"


def _load(content: Path, now: str, problems: Problems | None = None, **options: object) -> Site:
    """The tiny site as a build at `now` (Finnish time) loads it."""
    moment = datetime.fromisoformat(now)
    titles = partial(footnote_titles, BuildOptions(content=content))
    site = load_site(content, problems or Problems(), LoadOptions(now=moment, **options), titles)  # type: ignore[arg-type]
    assert site is not None
    return site


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=HELSINKI)


def _keys(site: Site) -> dict[str, tuple[str, ...]]:
    """Each entry's key and the languages it is published in."""
    return {e.key: e.langs for e in (*site.press, *site.projects, *site.pages)}


@pytest.fixture
def content(site_dir: Path) -> Path:
    return site_dir / "content"


def test_a_scheduled_release_is_left_out_until_its_minute_in_finnish_time(content: Path, edit) -> None:
    edit(f"{SPORT}/meta.yaml", "published: 2026-12-10 09:00\nkind: news\n")
    before = _load(content, "2026-12-10 08:59")
    assert SPORT not in _keys(before)
    assert before.unpublished == (
        Unpublished("press", "2023-01-10-sport-news", None, False, _at("2026-12-10 09:00"), False),
    )
    assert _keys(_load(content, "2026-12-10 09:00"))[SPORT] == ("fi", "sv")
    # With an offset the moment is taken as given: 09:00 in Helsinki is 07:00 UTC in winter.
    assert SPORT not in _keys(_load(content, "2026-12-10 06:59+00:00"))
    assert SPORT in _keys(_load(content, "2026-12-10 07:00Z"))
    assert _load(content, "2026-12-10 07:00+00:00").unpublished == ()


def test_with_future_it_is_included_and_every_version_marked(content: Path, edit) -> None:
    edit(f"{SPORT}/meta.yaml", "published: 2026-12-10 09:00\nkind: news\n")
    site = _load(content, "2026-12-10 08:59", future=True)
    release = next(e for e in site.press if e.key == SPORT)
    assert [v.goes_live for v in release.versions] == [_at("2026-12-10 09:00")] * 2
    assert site.unpublished[0].included
    lead = next(e for e in site.press if e.key == LEAD)
    assert [v.goes_live for v in lead.versions] == [None, None]  # public: not marked


def test_a_version_published_later_waits_for_its_own_time(content: Path, edit) -> None:
    edit(f"{LEAD}/sv.md", "---\ntitle: Städerna\nsummary: Städerna.\npublished: 2026-12-11 12:00\n---\nText.\n")
    site = _load(content, "2026-12-11 11:59")
    assert _keys(site)[LEAD] == ("fi",)
    assert site.unpublished == (
        Unpublished("press", "2022-09-13-lead-projects", "sv", False, _at("2026-12-11 12:00"), False),
    )
    assert _keys(_load(content, "2026-12-11 12:00"))[LEAD] == ("fi", "sv")


def test_a_waiting_version_is_no_missing_language(content: Path, edit) -> None:
    edit(f"{LEAD}/sv.md", "---\ntitle: Städerna\nsummary: Städerna.\npublished: 2026-12-11 12:00\n---\nText.\n")
    problems = Problems()
    _load(content, "2026-12-11 11:59", problems)
    assert problems.all == ()


def test_a_version_never_goes_out_before_its_release(content: Path, edit) -> None:
    """Every version dated later than meta.yaml's time: the release waits for the first of them (it used to
    publish its first version at meta.yaml's time)."""
    edit(f"{SPORT}/meta.yaml", "published: 2026-12-10 09:00\nkind: news\n")
    edit(f"{SPORT}/fi.md", "---\ntitle: Urheilu\nsummary: Urheilu.\npublished: 2026-12-10 10:00\n---\nX.\n")
    edit(f"{SPORT}/sv.md", "---\ntitle: Idrott\nsummary: Idrott.\npublished: 2026-12-10 11:00\n---\nX.\n")
    site = _load(content, "2026-12-10 09:30")
    assert SPORT not in _keys(site)
    assert site.unpublished == (
        Unpublished("press", "2023-01-10-sport-news", None, False, _at("2026-12-10 10:00"), False),
        Unpublished("press", "2023-01-10-sport-news", "sv", False, _at("2026-12-10 11:00"), False),
    )
    # A version dated before its release goes out with the release, not before.
    edit(f"{SPORT}/fi.md", "---\ntitle: Urheilu\nsummary: Urheilu.\npublished: 2026-12-09 10:00\n---\nX.\n")
    assert SPORT not in _keys(_load(content, "2026-12-10 08:59"))
    assert _keys(_load(content, "2026-12-10 09:00"))[SPORT] == ("fi",)


def test_a_project_stays_public_when_a_translation_is_scheduled(content: Path, edit) -> None:
    """A project's versions have no common time: an undated one is public (a dated translation used to hide it)."""
    edit(f"{PHOTONICS}/sv.md", "---\ntitle: Fotonik\npublished: 2026-12-10 09:00\n---\nX.\n")
    site = _load(content, "2026-12-10 08:59")
    assert _keys(site)[PHOTONICS] == ("fi", "en")
    assert [(u.key, u.lang) for u in site.unpublished] == [(PHOTONICS, "sv")]


def test_drafts_are_recorded_as_left_out_or_included(content: Path, edit) -> None:
    edit(f"{SPORT}/meta.yaml", "published: 2023-01-10 09:00\nkind: news\ndraft: true\n")
    left = _load(content, "2026-12-10 09:00")
    assert SPORT not in _keys(left)
    assert left.unpublished == (Unpublished("press", "2023-01-10-sport-news", None, True, None, False),)
    included = _load(content, "2026-12-10 09:00", drafts=True)
    assert SPORT in _keys(included)
    assert included.unpublished == (Unpublished("press", "2023-01-10-sport-news", None, True, None, True),)


def test_attachments_wait_with_the_only_version_that_links_to_them(content: Path, edit) -> None:
    edit(
        f"{LEAD}/sv.md",
        "---\ntitle: Städerna\nsummary: Kort.\npublished: 2026-12-11 12:00\n---\n[Bilaga](bilaga.pdf), [liite](liite.pdf).\n",
    )
    edit(f"{LEAD}/bilaga.pdf", "%PDF-1.4 b\n")
    edit(f"{LEAD}/muistio.pdf", "%PDF-1.4 m\n")  # linked from no version: never published
    files = {e.key: e.files for e in _load(content, "2026-12-11 11:59").press}
    assert files[LEAD] == ("liite.pdf",)  # liite.pdf: the Finnish version links to it too
    files = {e.key: e.files for e in _load(content, "2026-12-11 12:00").press}
    assert files[LEAD] == ("bilaga.pdf", "liite.pdf")
    marked = {e.key: e.files for e in _load(content, "2026-12-11 11:59", future=True).press}
    assert marked[LEAD] == ("bilaga.pdf", "liite.pdf")


def test_base_url_and_preview_override_site_yaml(content: Path) -> None:
    site = _load(content, "2026-12-10 09:00", base_url="http://localhost:8000/", preview=True)
    assert (site.config.base_url, site.config.base_path, site.config.preview) == ("http://localhost:8000/", "/", True)
    # Links in bodies are made for the preview's address too.
    lead = next(e for e in site.press if e.key == LEAD)
    assert 'href="/media/press/2022-09-13-lead-projects/liite.pdf"' in lead.versions[0].html
