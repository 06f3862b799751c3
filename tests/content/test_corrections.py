"""Corrections: a note dated later than the build's moment is a warning at its line (it is shown at once)."""

from __future__ import annotations

from pathlib import Path

REL = "content/press/2022-09-13-lead-projects"
FOLDER = "press/2022-09-13-lead-projects"
SV = (Path(__file__).parent.parent / "sites/tiny/content" / FOLDER / "sv.md").read_text(encoding="utf-8")
PUBLISHED = "published: 2022-09-14 11:16"


def test_a_correction_dated_later_than_now_is_a_warning_at_its_date(site_dir: Path, run, edit) -> None:
    edit(
        f"{FOLDER}/sv.md",
        SV.replace(
            PUBLISHED,
            f"{PUBLISHED}\ncorrection:\n  - date: 2026-12-01 10:00\n    text: Projekten är sju.\n"
            "  - date: 2026-12-14 11:30\n    text: Projekten är sex.",
        ),
    )
    result = run("check", "--now", "2026-12-07 09:20")
    assert (result.code, result.err.splitlines()) == (
        0,
        [
            f"{REL}/sv.md:8: warning: the correction is dated 2026-12-14 11:30, later than now (2026-12-07 09:20):"
            " it is shown at once all the same; write the time it was made"
        ],
    )
    assert run("check", "--now", "2026-12-14 11:30").err == ""  # made now: fine
    assert run("check", "--now", "2026-12-07 09:20", "--strict").code == 1


def test_a_single_correction_later_than_now_in_a_build(site_dir: Path, run, edit) -> None:
    edit(
        f"{FOLDER}/sv.md",
        SV.replace(PUBLISHED, f"{PUBLISHED}\ncorrection:\n  text: Projekten är sju.\n  date: 2026-12-14 11:30"),
    )
    result = run("--no-search", "--now", "2026-12-14 11:29")
    assert (result.code, result.err.splitlines()) == (
        0,
        [
            f"{REL}/sv.md:7: warning: the correction is dated 2026-12-14 11:30, later than now (2026-12-14 11:29):"
            " it is shown at once all the same; write the time it was made"
        ],
    )
