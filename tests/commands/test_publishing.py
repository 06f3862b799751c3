"""Publishing on time, as the commands tell it: --now and --base-url, what a build left out and what went live,
what check covered, and the next publication in status (which deploy/next_publication.py reads)."""

from __future__ import annotations

import importlib.util
import json
import re
import shlex
import sys
from pathlib import Path

import pytest

from tests.conftest import read_tree
from tests.html import parse

ROOT = Path(__file__).resolve().parents[2]
SPORT = "press/2023-01-10-sport-news"
LEAD = "press/2022-09-13-lead-projects"
SCHEDULED = "published: 2026-12-10 09:00\nkind: news\nregion: tampere\nthemes: [sport]\n"
DRAFT_META = "published: 2022-09-13 14:56\ndraft: true\n"
SV_LATER = "---\ntitle: Städerna tar ledningsansvar\nsummary: Städerna tar ledningsansvar.\npublished: 2026-12-11 12:00\n---\nSex projekt.\n"
BASE = "https://example.org/programme/"


def _script(name: str):
    """One of the pipeline scripts in deploy/ (not a package), imported from its file."""
    spec = importlib.util.spec_from_file_location(f"deploy_{name}", ROOT / "deploy" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def newsroom(site_dir: Path, edit) -> Path:
    """The tiny site with a scheduled news item, a draft and a Swedish version scheduled a day later."""
    edit(f"{SPORT}/meta.yaml", SCHEDULED)
    edit("press/2024-02-01-luonnos/meta.yaml", DRAFT_META)
    edit("press/2024-02-01-luonnos/fi.md", "---\ntitle: Luonnos\nsummary: Luonnos.\n---\nKesken.\n")
    edit("press/2024-02-01-luonnos/sv.md", "---\ntitle: Utkast\nsummary: Utkast.\n---\nPågår.\n")
    edit(f"{LEAD}/sv.md", SV_LATER)
    return site_dir


# --now and --base-url


@pytest.mark.parametrize("command", [("build",), ("check",), ("status",), ("status", "--json")])
@pytest.mark.parametrize("value", ["2026-13-01 09:00", "10.12.2026 9.00", "2026-12-10", "tomorrow"])
def test_a_bad_now_is_a_usage_error(site_dir: Path, run, command: tuple[str, ...], value: str) -> None:
    result = run(*command, "--now", value)
    assert result.code == 2
    assert result.err.splitlines()[-1] == (
        f"python build.py {command[0]}: error: argument --now: expected a date and time "
        f'"YYYY-MM-DD HH:MM" (Finnish time), like "2026-12-10 09:00", not {value!r}'
    )
    assert not (site_dir / "site").exists()


@pytest.mark.parametrize("value", ["ftp://example.org/", "https://example.org/preview", "/pr-12/", "https://x/?a=b/"])
def test_a_bad_base_url_is_a_usage_error(site_dir: Path, run, value: str) -> None:
    result = run("--base-url", value)
    assert result.code == 2
    assert result.err.splitlines()[-1] == (
        "python build.py build: error: argument --base-url: expected an address like "
        f"https://preview.example.org/pr-12/ (http or https, ending in /), not {value!r}"
    )


def test_base_url_gives_the_site_its_preview_address(site_dir: Path, run) -> None:
    assert run("--base-url", "https://preview.example.org/pr-12/", "--no-search").code == 0
    page = parse((site_dir / "site/fi/tiedotteet/kaupungit-ottavat-vetovastuuta/index.html").read_bytes())
    assert page.find("link", rel="canonical").attrs["href"] == (
        "https://preview.example.org/pr-12/fi/tiedotteet/kaupungit-ottavat-vetovastuuta/"
    )
    links = [a.attrs["href"] for a in page.find("div", class_="body").find_all("a")]
    assert "/pr-12/media/press/2022-09-13-lead-projects/liite.pdf" in links
    assert "https://example.org/" not in (site_dir / "site/sitemap.xml").read_text(encoding="utf-8")
    assert run("check", "--base-url", "http://localhost:8000/").code == 0  # every link checked under that path


# What a build says


def test_a_build_says_what_it_left_out_before_its_last_line(newsroom: Path, run) -> None:
    result = run("--now", "2026-12-10 08:59", "--no-search")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "Not published: 1 draft (press/2024-02-01-luonnos), "
        f"1 scheduled release ({SPORT}, goes live 10.12.2026 9.00), "
        f"1 language version scheduled later ({LEAD}/sv.md, goes live 11.12.2026 12.00)",
        "Built 46 pages into site (69 files changed).",
    ]
    assert result.err == ""  # the Swedish version waits: it is not missing


def test_a_build_says_what_went_live_since_the_last_build_of_its_folder(newsroom: Path, run) -> None:
    assert run("--now", "2026-12-10 08:59", "--no-search").out.startswith("Not published")  # the first: no record
    result = run("--now", "2026-12-11 12:00", "--no-search")
    assert result.out.splitlines() == [
        f"Went live: 2026-12-10 09:00 fi {BASE}fi/tiedotteet/urheilu-yhdistaa-kaupungit/",
        f"Went live: 2026-12-10 09:00 sv {BASE}sv/pressmeddelanden/idrotten-forenar-staderna/",
        f"Went live: 2026-12-11 12:00 sv {BASE}sv/pressmeddelanden/staderna-tar-ledningsansvar/",
        "Not published: 1 draft (press/2024-02-01-luonnos)",
        "Built 49 pages into site (30 files changed).",
    ]
    # Another folder has a record of its own; without the cache nothing is known of the last build.
    assert "Went live" not in run("--now", "2026-12-11 12:00", "--no-search", "--out", "other").out
    assert "Went live" not in run("--now", "2026-12-11 12:00", "--no-search", "--out", "other").out
    assert "Went live" not in run("--now", "2026-12-11 12:00", "--no-search", "--no-cache").out


def test_a_version_taken_back_goes_live_again(newsroom: Path, run, edit) -> None:
    run("--now", "2026-12-11 12:00", "--no-search")
    edit(f"{SPORT}/meta.yaml", SCHEDULED + "draft: true\n")
    assert "Went live" not in run("--now", "2026-12-11 12:00", "--no-search").out
    edit(f"{SPORT}/meta.yaml", SCHEDULED)
    assert run("--now", "2026-12-11 12:01", "--no-search").out.splitlines()[:2] == [
        f"Went live: 2026-12-10 09:00 fi {BASE}fi/tiedotteet/urheilu-yhdistaa-kaupungit/",
        f"Went live: 2026-12-10 09:00 sv {BASE}sv/pressmeddelanden/idrotten-forenar-staderna/",
    ]


# What check covers


def test_check_covers_drafts_and_scheduled_entries_and_says_so(newsroom: Path, run) -> None:
    result = run("check", "--now", "2026-12-10 08:59")
    assert (result.code, result.out) == (0, "No errors: 52 pages checked (1 draft, 2 scheduled).\n")
    published = run("check", "--now", "2026-12-10 08:59", "--published-only")
    assert (published.code, published.out) == (0, "No errors: 46 pages checked (not checked: 1 draft, 2 scheduled).\n")
    assert run("check", "--now", "2027-01-01 00:00").out == "No errors: 52 pages checked (1 draft).\n"


def test_a_draft_with_a_broken_link_fails_check(newsroom: Path, run, edit) -> None:
    edit(
        "press/2024-02-01-luonnos/fi.md",
        "---\ntitle: Luonnos\nsummary: Luonnos.\n---\nKatso [hanke](/fi/hankkeet/ei-ole/).\n",
    )
    result = run("check")
    assert result.code == 1
    assert result.err.splitlines()[0].startswith(
        'content/press/2024-02-01-luonnos/fi.md:5: broken link "/fi/hankkeet/ei-ole/"'
    )
    assert run("check", "--published-only").code == 0  # what is public now has no broken link


def test_a_public_text_that_links_to_what_is_not_public_yet_fails_check(newsroom: Path, run, edit) -> None:
    """check renders the scheduled release, so the link resolves there; the public site has no page at it until
    its time, and the address shows the title."""
    about = "---\ntitle: Tietoa\n---\nLue [uutinen](/fi/tiedotteet/urheilu-yhdistaa-kaupungit/) ja [luonnos](/fi/tiedotteet/luonnos/).\n"
    edit("pages/about/fi.md", about)
    result = run("check", "--now", "2026-12-10 08:59")
    assert result.code == 1
    assert result.err.splitlines() == [
        f'content/pages/about/fi.md:4: broken link "/fi/tiedotteet/urheilu-yhdistaa-kaupungit/": it leads to '
        f"{SPORT}, published only at 10.12.2026 9.00: the public site has no page there until then, "
        "and the address can give away its title",
        'content/pages/about/fi.md:4: broken link "/fi/tiedotteet/luonnos/": it leads to '
        "press/2024-02-01-luonnos, a draft: the public site has no page there until it is published, "
        "and the address can give away its title",
        "2 error(s).",
    ]
    assert run("check", "--now", "2026-12-10 09:00").err.count("broken link") == 1  # the draft's only


def test_a_build_refuses_a_published_text_that_links_to_what_it_leaves_out(newsroom: Path, run, edit) -> None:
    """What check refuses, the build refuses too, so that a build run by hand or by a pipeline without check never
    publishes the address (and so the title) of what it leaves out: a scheduled release, a draft, a language version
    published later, a scheduled release's attachment."""
    edit(
        f"{SPORT}/fi.md", "---\ntitle: Urheilu yhdistää kaupungit\nsummary: Yhteistyö.\n---\n[Ohjelma](ohjelma.pdf).\n"
    )
    edit(f"{SPORT}/ohjelma.pdf", "%PDF-1.4 ohjelma\n")
    assert run("--now", "2026-12-10 08:59", "--no-search").code == 0
    before = read_tree(newsroom / "site")
    about = (
        "---\ntitle: Tietoa\n---\nLue [uutinen](/fi/tiedotteet/urheilu-yhdistaa-kaupungit/) ja "
        "[luonnos](/fi/tiedotteet/luonnos/).\n\n[Ohjelma](/media/press/2023-01-10-sport-news/ohjelma.pdf), "
        "[ruotsiksi](https://example.org/programme/sv/pressmeddelanden/staderna-tar-ledningsansvar/).\n"
    )
    edit("pages/about/fi.md", about)
    result = run("--now", "2026-12-10 08:59", "--no-search")
    assert result.code == 1
    scheduled = f"{SPORT}, published only at 10.12.2026 9.00: the public site has no page there until then"
    give_away = "and the address can give away its title"
    assert result.err.splitlines() == [
        f'content/pages/about/fi.md:4: broken link "/fi/tiedotteet/luonnos/": it leads to '
        f"press/2024-02-01-luonnos, a draft: the public site has no page there until it is published, {give_away}",
        f'content/pages/about/fi.md:4: broken link "/fi/tiedotteet/urheilu-yhdistaa-kaupungit/": it leads to '
        f"{scheduled}, {give_away}",
        f'content/pages/about/fi.md:6: broken link "/media/press/2023-01-10-sport-news/ohjelma.pdf": it leads '
        f"to a file of {scheduled.replace('no page', 'no file')}, {give_away}",
        'content/pages/about/fi.md:6: broken link "https://example.org/programme/sv/pressmeddelanden/'
        f'staderna-tar-ledningsansvar/": it leads to {LEAD}, published only at 11.12.2026 12.00: the public '
        f"site has no page there until then, {give_away}",
        "4 error(s): nothing was written; the previous site is unchanged.",
    ]
    assert read_tree(newsroom / "site") == before
    checked = run("check", "--now", "2026-12-10 08:59").err.splitlines()
    assert (sorted(checked[:-1]), checked[-1]) == (sorted(result.err.splitlines()[:-1]), "4 error(s).")
    after = run("--now", "2026-12-11 12:00", "--no-search")  # all but the draft are public by then
    assert after.err.splitlines() == [
        result.err.splitlines()[0],
        "1 error(s): nothing was written; the previous site is unchanged.",
    ]
    edit("pages/about/fi.md", about.replace("[luonnos](/fi/tiedotteet/luonnos/)", "luonnos"))
    assert run("--now", "2026-12-11 12:00", "--no-search").code == 0


# A scheduled text's links, before its time


def _sport_links(edit, links: str) -> None:
    """The scheduled news item (10.12.2026 9.00) with these links in its Finnish text."""
    edit(f"{SPORT}/fi.md", f"---\ntitle: Urheilu yhdistää kaupungit\nsummary: Yhteistyö.\n---\n{links}\n")


def test_a_scheduled_text_that_links_to_what_goes_live_after_it_fails_every_build_before_its_time(
    newsroom: Path, run, edit
) -> None:
    """At its moment the build would refuse the text and publish nothing, with nobody there: so every build and
    check says it before, while it can be fixed. A --drafts --future build (as the preview) is no exception, as
    for a public text's link to what is not public yet."""
    edit("press/2024-02-01-luonnos/fi.md", "---\ntitle: Luonnos\nsummary: Luonnos.\n---\n[Liite](liite.pdf).\n")
    edit("press/2024-02-01-luonnos/liite.pdf", "%PDF-1.4 liite\n")
    _sport_links(
        edit,
        "Katso [ruotsiksi](/sv/pressmeddelanden/staderna-tar-ledningsansvar/) ja [luonnos](/fi/tiedotteet/luonnos/)."
        "\n\n[Liite](/media/press/2024-02-01-luonnos/liite.pdf).",
    )
    where = f"content/{SPORT}/fi.md"
    goes_live = "this text goes live at 10.12.2026 9.00, but its link"
    expected = [
        f'{where}:5: {goes_live} "/sv/pressmeddelanden/staderna-tar-ledningsansvar/" leads to {LEAD}, '
        "published only at 11.12.2026 12.00: publish them in the other order, or remove the link",
        f'{where}:5: {goes_live} "/fi/tiedotteet/luonnos/" leads to press/2024-02-01-luonnos, a draft: '
        "publish it by then, or remove the link",
        f'{where}:7: {goes_live} "/media/press/2024-02-01-luonnos/liite.pdf" leads to a file of '
        "press/2024-02-01-luonnos, a draft: publish it by then, or remove the link",
    ]
    for command in [("check",), ("check", "--published-only"), ("build", "--no-search")]:
        result = run(*command, "--now", "2026-12-09 10:00")
        assert result.code == 1, command
        assert sorted(result.err.splitlines()[:-1]) == sorted(expected), command  # (a build's in order of message)
    preview = run("--drafts", "--future", "--now", "2026-12-09 10:00", "--no-search", "--out", "preview")
    assert sorted(preview.err.splitlines()[:-1]) == sorted(expected)
    assert not (newsroom / "site").exists()


def test_a_scheduled_text_may_link_to_what_goes_live_before_it_or_with_it(newsroom: Path, run, edit) -> None:
    """And the build at its moment publishes it."""
    _sport_links(
        edit,
        "Katso [ruotsiksi](/sv/pressmeddelanden/staderna-tar-ledningsansvar/), [tämä ruotsiksi]"
        "(/sv/pressmeddelanden/idrotten-forenar-staderna/) ja [tiedotteet](/fi/tiedotteet/).",
    )
    for sv_time in ("2026-12-10 09:00", "2026-12-09 12:00"):
        edit(f"{LEAD}/sv.md", SV_LATER.replace("2026-12-11 12:00", sv_time))
        assert run("check", "--now", "2026-12-09 10:00").code == 0, sv_time
        assert run("--now", "2026-12-09 10:00", "--no-search").code == 0, sv_time
    result = run("--now", "2026-12-10 09:00", "--no-search")
    assert result.code == 0, result.err
    assert f"Went live: 2026-12-10 09:00 fi {BASE}fi/tiedotteet/urheilu-yhdistaa-kaupungit/" in result.out


# The next publication


def test_status_names_the_next_publication(newsroom: Path, run) -> None:
    result = run("status", "--now", "2026-12-10 08:59")
    assert result.out.splitlines()[1] == f"Next scheduled publication: 2026-12-10 09:00: {SPORT}."
    later = run("status", "--now", "2026-12-10 09:00")
    assert later.out.splitlines()[1] == f"Next scheduled publication: 2026-12-11 12:00: {LEAD} (sv)."
    none = run("status", "--now", "2026-12-11 12:00")
    assert none.out.splitlines()[1] == "Next scheduled publication: none."  # a draft never goes out by itself


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2026-12-10 08:59", "2026-12-10 09:00"),
        ("2026-12-10 07:00+00:00", "2026-12-11 12:00"),  # 09:00 in Helsinki
        ("2026-12-11 12:00", None),
    ],
)
def test_status_json_gives_the_next_publication_the_pipelines_read(
    newsroom: Path, run, now: str, expected: str | None
) -> None:
    result = run("status", "--json", "--now", now)
    report = json.loads(result.out)
    assert report["next_publication"] == expected
    assert list(report)[:2] == ["next_publication", "scheduled"]
    assert _script("next_publication").next_publication(result.out) == (expected or "none")


def test_status_json_lists_what_is_scheduled(newsroom: Path, run) -> None:
    report = json.loads(run("status", "--json", "--now", "2026-12-10 08:59").out)
    assert report["scheduled"] == [
        {"entry": SPORT, "language": None, "goes_live": "2026-12-10T09:00+02:00"},
        {"entry": LEAD, "language": "sv", "goes_live": "2026-12-11T12:00+02:00"},
    ]


# Exactly what the pipelines run


PIPELINES = sorted((ROOT / "deploy").glob("*/*.yml"))  # .gitlab-ci.yml too
VARIABLES = {"$now": "2026-12-10 09:00", "$NOW": "2026-12-10 09:00", "$ADDRESS": "https://preview.example.org/pr-12/"}


def _pipeline_commands() -> list[list[str]]:
    """The arguments of every `python build.py` command in deploy/, the shell's variables given values."""
    found = []
    for path in PIPELINES:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#")]
        for match in re.finditer(r"python build\.py([^\n|>;&]*)", "\n".join(lines)):
            text = re.sub(r"\s2$", "", match.group(1).rstrip())  # `check 2> problems.txt`
            for name, value in VARIABLES.items():
                text = text.replace(name, value)
            found.append(shlex.split(text))
    return found


def test_every_command_the_pipelines_run_works(newsroom: Path, run) -> None:
    commands = _pipeline_commands()
    assert len(commands) == 11
    for args in commands:
        result = run(*args)
        assert result.code == 0, (args, result.err)
        if "--preview" in args:
            out = newsroom / args[args.index("--out") + 1]
            assert not (out / "sitemap.xml").exists()
            assert (out / "fi/tiedotteet/luonnos/index.html").is_file()  # drafts included
        elif args and args[0] == "status":
            assert json.loads(result.out)["next_publication"] == "2026-12-11 12:00"
        elif args and args[0] != "check":
            assert result.out.splitlines()[-1].startswith("Built ")
