"""Only a build that publishes the public site keeps the record of published addresses, after publishing, in one step."""

from __future__ import annotations

import errno
import os
import shutil
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import innosite.build
from innosite.build import BuildOptions, build
from innosite.preview.server import Preview
from innosite.problems import Problems

RECORD = "published-addresses.txt"
LEAD_FI = "press/2022-09-13-lead-projects/fi.md"
OLD_FI = "fi/tiedotteet/kaupungit-ottavat-vetovastuuta/"
HELSINKI = ZoneInfo("Europe/Helsinki")


def state(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def retitle(site_dir: Path) -> None:
    path = site_dir / "content" / LEAD_FI
    path.write_text(path.read_text().replace("ottavat vetovastuuta", "ottavat vetovastuun", 1))


def test_check_serve_drafts_and_future_builds_leave_the_record_alone(site_dir: Path, run) -> None:
    assert run("--out", "site", "--no-search").code == 0
    record = site_dir / "content" / RECORD
    retitle(site_dir)
    before = state(record)
    assert run("check").code == 0
    assert run("--out", "drafts", "--no-search", "--drafts").code == 0
    assert run("--out", "future", "--no-search", "--future").code == 0
    serve = BuildOptions(content=Path("content"), out=site_dir / "preview", drafts=True, future=True, search=False)
    preview = Preview(serve)
    try:
        assert preview.rebuild().problems == ()
    finally:
        preview.close()
    assert state(record) == before
    for out in ("drafts", "future", "preview"):  # they redirect the old address all the same
        assert "kaupungit-ottavat-vetovastuun/" in (site_dir / out / OLD_FI / "index.html").read_text()
    result = run("--out", "site", "--no-search")
    assert "2 new published addresses" in result.out
    assert state(record) != before


def test_the_preview_redirects_old_addresses_as_they_change_and_leaves_the_record_alone(site_dir: Path, run) -> None:
    assert run("--out", "site", "--no-search").code == 0
    record = site_dir / "content" / RECORD
    before = state(record)
    fi = site_dir / "content" / LEAD_FI
    serve = BuildOptions(content=Path("content"), out=site_dir / "preview", drafts=True, future=True, search=False)
    preview = Preview(serve, verify=True)  # every page it keeps is rendered again and compared
    old_page = site_dir / "preview" / OLD_FI / "index.html"
    try:
        assert preview.rebuild().problems == ()
        assert "http-equiv" not in old_page.read_text()
        for old, new, moved in (("vetovastuuta", "vetovastuun", True), ("vetovastuun", "vetovastuuta", False)):
            fi.write_text(fi.read_text().replace(f"ottavat {old}", f"ottavat {new}", 1))
            assert preview.rebuild([str(fi)]).problems == ()
            assert (
                'content="0; url=/programme/fi/tiedotteet/kaupungit-ottavat-vetovastuun/"' in old_page.read_text()
            ) == moved
    finally:
        preview.close()
    assert state(record) == before


def test_the_build_after_one_that_recorded_reuses_its_output(
    site_dir: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writing the record changes what the next build reads, not what it publishes: it plans nothing again."""
    import innosite.build

    planned = []
    plan_site = innosite.build.plan_site
    monkeypatch.setattr(innosite.build, "plan_site", lambda *args: planned.append(1) or plan_site(*args))
    for _ in range(2):  # the second build stamps the output with its key
        assert run("--out", "site", "--no-search").code == 0
    sport, sv = site_dir / "content/press/2023-01-10-sport-news", site_dir / "content/pages/about/sv.md"
    moved = (
        lambda: retitle(site_dir),
        lambda: shutil.rmtree(sport),
        lambda: sv.write_text("---\ntitle: Om oss\n---\n"),
    )
    for step in moved:
        step()
        first = run("--out", "site", "--no-search")
        assert first.code == 0 and "Recorded" in first.out
        planned.clear()
        again = run("--out", "site", "--no-search")
        assert (again.code, again.err, planned) == (0, "", [])
        assert "Recorded" not in again.out


def test_a_scheduled_entry_is_recorded_only_once_it_is_published(
    site_dir: Path, edit, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(innosite.build, "real_now", lambda: datetime(2030, 1, 3, tzinfo=HELSINKI))
    edit("press/2030-01-01-tulevaisuus/meta.yaml", "published: 2030-01-01 09:00\n")
    edit("press/2030-01-01-tulevaisuus/fi.md", "---\ntitle: Tulevaisuus\nsummary: Tulevaisuus.\n---\nTeksti.\n")
    edit(
        "press/2030-01-01-tulevaisuus/sv.md",
        "---\ntitle: Framtiden\nsummary: Framtiden.\npublished: 2030-01-02 09:00\n---\nText.\n",
    )
    options = BuildOptions(content=Path("content"), out=Path("site"), search=False, record=True)
    record = site_dir / "content" / RECORD
    build(replace(options, now=datetime(2030, 1, 1, 8, 59, tzinfo=HELSINKI)), Problems())
    assert "tulevaisuus" not in record.read_text()
    build(replace(options, now=datetime(2030, 1, 1, 9, 0, tzinfo=HELSINKI)), Problems())
    assert "/fi/tiedotteet/tulevaisuus/ press/2030-01-01-tulevaisuus fi\n" in record.read_text()
    assert "framtiden" not in record.read_text()  # its Swedish version comes out a day later
    build(replace(options, now=datetime(2030, 1, 2, 9, 0, tzinfo=HELSINKI)), Problems())
    assert "/sv/pressmeddelanden/framtiden/ press/2030-01-01-tulevaisuus sv\n" in record.read_text()


def test_a_build_for_a_later_moment_records_nothing(site_dir: Path, run) -> None:
    """--now later than the clock shows the site as it will be: its addresses are not out yet."""
    record = site_dir / "content" / RECORD
    result = run("--out", "site", "--no-search", "--now", "2099-01-01 09:00")
    assert result.code == 0 and "Recorded" not in result.out
    assert not record.exists()


def test_a_record_that_cannot_be_written_is_said_and_the_site_is_out(
    site_dir: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("--out", "site", "--no-search").code == 0
    record = site_dir / "content" / RECORD
    before = state(record)
    retitle(site_dir)

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("innosite.output.whole_file.os.replace", full)
    result = run("--out", "site", "--no-search")
    assert result.code == 2
    assert result.err == (
        "error: the record of published addresses content/published-addresses.txt could not be written "
        "(No space left on device): the site was published, but its new addresses were not recorded; "
        "fix this and build again\n"
    )
    assert (site_dir / "site/fi/tiedotteet/kaupungit-ottavat-vetovastuun/index.html").is_file()
    assert state(record) == before
    assert sorted(p.name for p in record.parent.iterdir() if p.name.startswith(".")) == []  # no temporary file left
