"""`python build.py check`: internal links of the rendered pages, #fragments included."""

from __future__ import annotations

from innosite.output.links import BrokenLink, broken_links

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
    assert result.err.splitlines()[0] == (
        'content/press/2022-09-13-lead-projects/fi.md:17: broken link "/fi/hankkeet/ei-ole/" '
        "(on 2 pages, the first /programme/fi/tiedotteet/kaupungit-ottavat-vetovastuuta/): "
        "the site has no page or file at /programme/fi/hankkeet/ei-ole/"
    )
    assert _visible(site_dir) == ["content"]


def test_check_fails_on_a_missing_fragment(site_dir, run):
    _append(site_dir, RELEASE, "\nKatso [kohta](#ei-tallaista) ja [otsikko](#hyva-elama-ja-aly).\n")
    result = run("check")
    assert result.code == 1
    problems = [line for line in result.err.splitlines() if "broken link" in line]
    assert problems == [
        f'content/press/2022-09-13-lead-projects/fi.md:17: broken link "#ei-tallaista" (on the page {page}): '
        f'the page {page} has no part with the id "ei-tallaista"'
        for page in (
            "/programme/fi/tiedotteet/kaupungit-ottavat-vetovastuuta/",
            "/programme/en/press-releases/kaupungit-ottavat-vetovastuuta/",  # the English notice page shows it too
        )
    ]


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
