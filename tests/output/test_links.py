"""`python build.py check`: internal links of the rendered pages, #fragments included; and the build, which refuses
a published text's link to an address the site does not have."""

from __future__ import annotations

from innosite.output.links import BrokenLink, broken_links
from innosite.output.nearest import Nearest
from tests.conftest import read_tree

BASE = "https://example.org/programme/"
RELEASE = "press/2022-09-13-lead-projects/fi.md"


def _append(site_dir, rel: str, text: str) -> None:
    path = site_dir / "content" / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _visible(folder) -> list[str]:
    """What a check left in the folder, hidden caches aside: no site/."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_check_passes_on_the_tiny_site_and_writes_nothing(site_dir, run):
    result = run("check")
    assert result.code == 0, result.err
    assert result.out.startswith("No errors: ")
    assert _visible(site_dir) == ["content"]


def test_check_fails_on_a_broken_internal_link(site_dir, run):
    _append(site_dir, RELEASE, "\nLue myös [hankkeet](/fi/hankkeet/ei-ole/).\n")
    result = run("check")
    assert result.code == 1
    assert result.err.splitlines() == [  # once, though the English notice page shows the Finnish text too
        'content/press/2022-09-13-lead-projects/fi.md:17: broken link "/fi/hankkeet/ei-ole/": '
        "the site has no page or file at /programme/fi/hankkeet/ei-ole/",
        "1 error(s).",
    ]
    assert _visible(site_dir) == ["content"]


def test_a_broken_link_names_the_nearest_address(site_dir, run):
    _append(site_dir, RELEASE, "\nLue [fotoniikasta](/fi/hankkeet/fotoniikka/).\n")
    result = run("check")
    assert result.err.splitlines()[0] == (
        'content/press/2022-09-13-lead-projects/fi.md:17: broken link "/fi/hankkeet/fotoniikka/": '
        "the site has no page or file at /programme/fi/hankkeet/fotoniikka/ "
        '(did you mean "/fi/hankkeet/fotoniikan-kaupunkiekosysteemi/"?)'
    )


def test_the_build_refuses_a_published_text_with_a_broken_link(site_dir, run):
    """Not only check: `python build.py` alone must not publish a link to an address the site does not have."""
    assert run("build", "--no-search").code == 0
    before = read_tree(site_dir / "site")
    _append(
        site_dir, RELEASE, "\nLue [fotoniikasta](/fi/hankkeet/fotoniikka/) ja [ulos](https://elsewhere.example/).\n"
    )
    result = run("build", "--no-search")
    assert result.code == 1
    assert result.err.splitlines() == [
        'content/press/2022-09-13-lead-projects/fi.md:17: broken link "/fi/hankkeet/fotoniikka/": '
        "the site has no page or file at /programme/fi/hankkeet/fotoniikka/ "
        '(did you mean "/fi/hankkeet/fotoniikan-kaupunkiekosysteemi/"?)',
        "1 error(s): nothing was written; the previous site is unchanged.",
    ]
    assert read_tree(site_dir / "site") == before


def test_the_build_names_links_as_written_in_the_text(site_dir, run):
    """A web address of the site itself and a folder without its slash are refused too, as written."""
    _append(
        site_dir,
        RELEASE,
        "\n[A](https://example.org/programme/fi/hankkeet/fotoniikan-kaupunkiekosysteemi) "
        "[B](https://example.org/programme/sv/ingen/) [C](/fi/hankkeet/#osa) [D](/fi/hankkeet/?x=1)\n",
    )
    result = run("build", "--no-search")
    assert result.code == 1
    where = "content/press/2022-09-13-lead-projects/fi.md:17"
    assert result.err.splitlines() == [
        f'{where}: broken link "https://example.org/programme/fi/hankkeet/fotoniikan-kaupunkiekosysteemi": '
        'the address needs a "/" at the end: /programme/fi/hankkeet/fotoniikan-kaupunkiekosysteemi/',
        f'{where}: broken link "https://example.org/programme/sv/ingen/": '
        "the site has no page or file at /programme/sv/ingen/",
        "2 error(s): nothing was written; the previous site is unchanged.",
    ]
    assert not (site_dir / "site").exists()


def test_a_draft_may_link_anywhere_until_it_is_published(site_dir, run, edit):
    """The build checks what it publishes: a draft's text is checked by check, and by the build that publishes it."""
    edit(
        "press/2024-02-01-luonnos/meta.yaml",
        "published: 2024-02-01 09:00\ndraft: true\nthemes: [sport]\ncities: [tampere]\n",
    )
    edit("press/2024-02-01-luonnos/fi.md", "---\ntitle: Luonnos\nsummary: Luonnos.\n---\n[Ei](/fi/ei-ole/).\n")
    assert run("build", "--no-search").code == 0
    assert 'broken link "/fi/ei-ole/"' in run("check").err


def test_check_fails_on_a_missing_fragment(site_dir, run):
    _append(site_dir, RELEASE, "\nKatso [kohta](#ei-tallaista) ja [otsikko](#hyva-elama-ja-aly).\n")
    result = run("check")
    assert result.code == 1
    problems = [line for line in result.err.splitlines() if "broken link" in line]
    assert problems == [  # once, though the English notice page shows the text too
        'content/press/2022-09-13-lead-projects/fi.md:17: broken link "#ei-tallaista": '
        'no part of the page has the id "ei-tallaista"'
    ]
    assert run("build", "--no-search").code == 0  # a missing #fragment is for check: the page is there


def test_a_folder_address_without_its_slash_is_named(site_dir, run):
    _append(site_dir, RELEASE, "\nKaikki [hankkeet](/fi/hankkeet).\n")
    result = run("check")
    assert result.code == 1
    assert result.err.splitlines()[0].endswith('the address needs a "/" at the end: /programme/fi/hankkeet/')


def _page(body: str) -> bytes:
    return f'<!DOCTYPE html><html><head></head><body><main id="main">{body}</main></body></html>'.encode()


def test_links_resolve_to_files_folders_and_ids():
    files = {
        "fi/index.html": _page(
            '<a href="/programme/fi/x/">x</a> <a href="x/#osa">osa</a> <a href="#main">top</a>'
            ' <img src="/programme/media/kuva.jpg" alt=""> <a href="https://example.org/programme/fi/">fi</a>'
            ' <a href="https://elsewhere.example/">ext</a> <a href="mailto:a@example.org">mail</a>'
        ),
        "fi/x/index.html": _page('<h2 id="osa">Osa</h2>'),
    }
    assert broken_links(files, ["media/kuva.jpg"], BASE) == []


def test_broken_links_say_why():
    files = {
        "fi/index.html": _page(
            '<a href="/programme/fi/y/">y</a> <a href="/programme/fi/x/#ei">ei</a> <a href="/muu/">muu</a>'
            ' <link rel="alternate" href="https://example.org/programme/sv/">'
        ),
        "fi/x/index.html": _page(""),
    }
    assert broken_links(files, [], BASE) == [
        BrokenLink("fi/index.html", "/programme/fi/y/", "the site has no page or file at /programme/fi/y/"),
        BrokenLink("fi/index.html", "/programme/fi/x/#ei", 'the page /programme/fi/x/ has no part with the id "ei"'),
        BrokenLink("fi/index.html", "/muu/", "it points outside the site, which lives under /programme/"),
        BrokenLink(
            "fi/index.html", "https://example.org/programme/sv/", "the site has no page or file at /programme/sv/"
        ),
    ]


def test_check_leaves_an_existing_site_untouched(site_dir, run):
    assert run("build", "--no-search").code == 0
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (site_dir / "site").rglob("*") if p.is_file()}
    _append(site_dir, RELEASE, "\nUusi kappale.\n")
    assert run("check").code == 0
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (site_dir / "site").rglob("*") if p.is_file()}
    assert after == before


def test_the_nearest_address_is_a_near_miss_or_a_shortened_title_in_the_same_folder():
    nearest = Nearest(
        [
            "fi/hankkeet/fotoniikan-kaupunkiekosysteemi/index.html",
            "fi/hankkeet/sport-suomi/index.html",
            "fi/tiedotteet/kaupungit-ottavat-vetovastuuta/index.html",
            "media/press/x/esite.pdf",
            "fi/index.html",
        ]
    )
    assert nearest("fi/hankkeet/fotoniikka/index.html") == "fi/hankkeet/fotoniikan-kaupunkiekosysteemi/"
    assert nearest("fi/hankkeet/sport-suomii/index.html") == "fi/hankkeet/sport-suomi/"
    assert nearest("fi/hanket/sport-suomi/index.html") == "fi/hankkeet/sport-suomi/"  # the folder mistyped
    assert nearest("media/press/x/esitte.pdf") == "media/press/x/esite.pdf"
    assert nearest("fi/tiedotteet/ei-ole-olemassa/index.html") == ""
    assert nearest("sv/nyheter/index.html") == ""
