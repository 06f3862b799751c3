"""The record of published addresses as authors meet it after a merge: any order and repeated lines are fine, and a
damaged line is an error at its line that stops the build, the previous site intact."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from tests.conftest import read_tree

RECORD = "published-addresses.txt"
LEAD = "press/2022-09-13-lead-projects"
GOOD = f"/fi/tiedotteet/kaupungit-ottavat-vetovastuuta/ {LEAD} fi"
EXAMPLE = "like '/fi/tiedotteet/otsikko/ press/2024-03-01-otsikko fi'"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "/fi/tiedotteet/vanha/ press/2022-09-13-lead-projects",
            "not a line of the record: each line reads '/address/ section/folder language', "
            f"{EXAMPLE}, not '/fi/tiedotteet/vanha/ press/2022-09-13-lead-projects'",
        ),
        (
            "<<<<<<< HEAD",
            "a merge conflict marker: delete this line and keep the lines of both sides (the next build sorts them)",
        ),
        (">>>>>>> uusi-tiedote", "a merge conflict marker: delete this line"),
        ("=======", "a merge conflict marker: delete this line"),
        (
            f"fi/tiedotteet/vanha/ {LEAD} fi",
            'the address "fi/tiedotteet/vanha/" must start and end with "/" and have at least two parts, '
            "like /fi/otsikko/",
        ),
        (f"/fi/ {LEAD} fi", 'the address "/fi/" must start and end with "/" and have at least two parts'),
        (f"/fi/tiedotteet/Vanha/ {LEAD} fi", 'the address "/fi/tiedotteet/Vanha/" can only have a-z, 0-9 and "-"'),
        ("/fi/tiedotteet/vanha/ tiedotteet/vanha fi", '"tiedotteet/vanha" is not an entry: write it as press/<folder>'),
        (f"/fi/tiedotteet/vanha/ {LEAD} sv", 'the language "sv" must be the first part of the address'),
        (f"/fi/tiedotteet/vanha/ {LEAD} fi poistettu", '"poistettu" after the language: only "removed" may follow it'),
    ],
)
def test_a_damaged_line_is_an_error_at_its_line(site_dir: Path, run, edit, line: str, message: str) -> None:
    assert run("--out", "site", "--no-search").code == 0
    before = read_tree(site_dir / "site")
    edit(RECORD, f"# a comment\n\n{GOOD}\n{line}\n")
    for command in (("check",), ("--out", "site", "--no-search")):
        result = run(*command)
        assert result.code == 1
        first = result.err.splitlines()[0]
        assert first.startswith(f"content/{RECORD}:4: {message}"), first
    assert read_tree(site_dir / "site") == before
    assert (site_dir / "content" / RECORD).read_text() == f"# a comment\n\n{GOOD}\n{line}\n"  # not rewritten


def test_every_damaged_line_is_told_in_one_run(site_dir: Path, run, edit) -> None:
    edit(RECORD, f"<<<<<<< HEAD\n{GOOD}\n=======\n/fi/x/ {LEAD}\n>>>>>>> other\n")
    result = run("check")
    assert [line.split(": ")[0] for line in result.err.splitlines()[:-1]] == [
        f"content/{RECORD}:{number}" for number in (1, 3, 4, 5)
    ]


def test_any_order_and_repeated_lines_are_read_and_written_sorted_once(site_dir: Path, run, edit) -> None:
    """As git's union merge leaves the file: both sides' lines, in no order, some twice."""
    assert run("--out", "site", "--no-search").code == 0
    record = site_dir / "content" / RECORD
    lines = record.read_text().splitlines()
    header = [line for line in lines if line.startswith("#")]
    body = [line for line in lines if not line.startswith("#")]
    merged = [*reversed(body), body[0], "", f"  {body[1]}  ", "/fi/vanha/ pages/about fi", "/fi/vanha/ pages/about fi"]
    record.write_text("\n".join(merged) + "\n")
    result = run("--out", "site", "--no-search")
    assert result.code == 0 and result.err == ""
    assert result.out.splitlines()[-2] == (
        "Sorted content/published-addresses.txt (each line once): commit it with the content."
    )
    assert record.read_text().splitlines() == [*header, *sorted([*body, "/fi/vanha/ pages/about fi"])]
    assert "published-addresses" not in run("--out", "site", "--no-search").out  # tidy now: not written again
    assert (site_dir / "site/fi/vanha/index.html").read_text().count('content="0; url=/programme/fi/tietoa/"') == 1


def test_a_site_without_a_record_starts_one(site_dir: Path, run) -> None:
    assert not (site_dir / "content" / RECORD).exists()
    assert run("check").code == 0
    assert not (site_dir / "content" / RECORD).exists()
    assert run("--out", "site", "--no-search").code == 0
    assert (site_dir / "content" / RECORD).read_text().startswith("# Every address this site has published")


def test_the_example_content_has_its_record_complete() -> None:
    """Building the example (README's first command, CI) records nothing new, so it leaves the repository clean."""
    from datetime import UTC, datetime

    from innosite.build import BuildOptions, footnote_titles
    from innosite.content.load import LoadOptions, load_site
    from innosite.output.address_record import record_after
    from innosite.problems import Problems
    from tests.conftest import EXAMPLE

    titles = partial(footnote_titles, BuildOptions(content=EXAMPLE))
    site = load_site(EXAMPLE, Problems(), LoadOptions(now=datetime.now(UTC)), titles)
    assert site is not None
    assert record_after(EXAMPLE, site) is None, "build the example once and commit content/published-addresses.txt"
