"""Markdown bodies are published through an allowlist: what authors mean stays, script never does."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from innosite.markup.sanitize import Sanitizer, url_scheme_allowed
from tests.html import parse

REL = "content/press/2022-09-13-lead-projects"
PAGE = "site/fi/tiedotteet/otsikko/index.html"
YOUTUBE = "https://www.youtube-nocookie.com/embed/abc"


def body(edit, text: str) -> None:
    """The release's fi.md with this text (and, at its end, the link to its attachment: only linked files are
    published, and an unlinked one is a warning)."""
    edit(
        "press/2022-09-13-lead-projects/fi.md",
        f"---\ntitle: Otsikko\nsummary: Tiivistelmä.\n---\n{text}\n\n[Liite](liite.pdf)\n",
    )


ONLY = "was removed: only http, https, mailto and tel addresses are published"


def warnings(result) -> list[str]:
    return [line for line in result.err.splitlines() if ": warning: " in line]


HOSTILE = """Ensimmäinen kappale.

<script>alert("x")</script>

<style>body { display: none }</style>

Linkki [tästä](javascript:alert(1)) ja <a href="JaVaScRiPt:alert(2)">tuosta</a>.

![kuva](data:image/png;base64,iVBOR)

<p onclick="steal()">Klikkaa</p>

<a href=" java&#x09;script:alert(3)">kolmas</a>
"""


def test_script_style_handlers_and_unsafe_addresses_are_removed_with_warnings(site_dir: Path, run, edit) -> None:
    body(edit, HOSTILE)
    result = run("--out", "site", "--no-search")
    assert result.code == 0
    assert warnings(result) == [
        f"{REL}/fi.md:7: warning: raw HTML removed: the element <script> and its content is not published",
        f"{REL}/fi.md:9: warning: raw HTML removed: the element <style> and its content is not published",
        f'{REL}/fi.md:11: warning: the address "javascript:alert(1)" {ONLY}',
        f'{REL}/fi.md:11: warning: the address "JaVaScRiPt:alert(2)" {ONLY}',
        f'{REL}/fi.md:13: warning: the address "data:image/png;base64,iVBOR" {ONLY}',
        f'{REL}/fi.md:15: warning: raw HTML removed: the attribute "onclick" of <p> is not published',
        f'{REL}/fi.md:17: warning: the address " java\\tscript:alert(3)" {ONLY}',
    ]
    page = (site_dir / PAGE).read_text().lower()
    html = page[page.index("<main") : page.index("</main>")]
    for banned in ("<script", "alert", "<style", "display: none", "onclick", "javascript", "data:"):
        assert banned not in html
    main = parse((site_dir / PAGE).read_bytes()).find("main")
    assert "Ensimmäinen kappale. Linkki tästä ja tuosta ." in main.text
    assert "Klikkaa" in main.text


def test_removed_raw_html_fails_a_strict_build(site_dir: Path, run, edit) -> None:
    body(edit, "Teksti <blink>vilkkuu</blink>.\n")
    result = run("--out", "site", "--strict", "--no-search")
    assert result.code == 1
    assert f"{REL}/fi.md:5: warning: raw HTML removed: the element <blink> is not published" in result.err


MARKDOWN = """# Pääotsikko {: #paa .iso lang=sv }

[TOC]

## Väliotsikko

| Vasen | Oikea | Keski |
|:--|--:|:-:|
| 1 | 2 | 3 |

Alaviite[^n] ja HTML.

*[HTML]: Hypertext Markup Language

Termi
: Selitys

3. kolmas
4. neljäs

```python
x = 1 < 2
```

> Lainaus <sub>ala</sub> <sup>ylä</sup> <kbd>Ctrl</kbd> <mark>tärkeä</mark>

Rivi{BREAK}
vaihto ja [sähköposti](mailto:a@example.org), [puhelin](tel:+358401234567), [verkko](https://example.org/a?b=c#d).

---

<details><summary>Lisää</summary>Piilotettu teksti.</details>

[^n]: Lähde.
""".replace("{BREAK}", "  ")


def test_what_markdown_and_its_extensions_produce_passes_untouched(site_dir: Path, run, edit) -> None:
    body(edit, MARKDOWN)
    result = run("--out", "site", "--no-search")
    assert (result.code, warnings(result)) == (0, [])
    main = parse((site_dir / PAGE).read_bytes()).find("main")
    h1 = main.find("h1", id="paa")
    assert (h1.attrs["class"], h1.attrs["lang"]) == ("iso", "sv")
    assert main.find("div", class_="toc").find("a").attrs["href"] == "#valiotsikko"
    assert [c.attrs["style"] for c in main.find_all("td")] == [
        "text-align:left",
        "text-align:right",
        "text-align:center",
    ]
    assert main.find("sup", id="fnref:n").find("a", class_="footnote-ref").attrs["href"] == "#fn:n"
    assert main.find("li", id="fn:n").find("a", class_="footnote-backref").attrs["href"] == "#fnref:n"
    assert main.find("abbr").attrs["title"] == "Hypertext Markup Language"
    assert [main.find("dt").text, main.find("dd").text] == ["Termi", "Selitys"]
    assert main.find("ol").attrs["start"] == "3"
    assert main.find("code", class_="language-python").text == "x = 1 < 2"
    quote = main.find("blockquote")
    assert [quote.find(tag).text for tag in ("sub", "sup", "kbd", "mark")] == ["ala", "ylä", "Ctrl", "tärkeä"]
    text = main.find("div", class_="body")  # not the contacts' numbers
    assert [a.attrs["href"] for a in text.find_all("a") if a.attrs.get("href", "#")[0] not in "#/"] == [
        "mailto:a@example.org",
        "tel:+358401234567",
        "https://example.org/a?b=c#d",
    ]
    assert main.find("summary").text == "Lisää"
    assert main.find("br") and main.find("hr")


EMBED = f'Video:\n\n<iframe src="{YOUTUBE}" title="Video" allowfullscreen></iframe>\n'


def test_iframes_are_removed_unless_their_host_is_listed(site_dir: Path, run, edit) -> None:
    body(edit, EMBED)
    result = run("--out", "site", "--no-search")
    assert warnings(result) == [
        f"{REL}/fi.md:7: warning: raw HTML removed: embedded frames (<iframe>) are not published unless "
        "site.yaml lists their host under embeds:"
    ]
    assert "<iframe" not in (site_dir / PAGE).read_text()


def test_listed_embed_host_is_published(site_dir: Path, run, edit) -> None:
    site = (site_dir / "content/site.yaml").read_text()
    edit("site.yaml", site + "embeds: [www.youtube-nocookie.com]\n")
    body(edit, EMBED + '\n<iframe src="https://evil.example/x" onload="x()"></iframe>\n')
    result = run("--out", "site", "--no-search")
    assert warnings(result) == [
        f'{REL}/fi.md:9: warning: raw HTML removed: the embedded frame from "evil.example" is not published: its host '
        "is not listed under embeds: in site.yaml (and it must be an https address)",
    ]
    main = parse((site_dir / PAGE).read_bytes()).find("main")
    assert [(f.attrs["src"], f.attrs["title"]) for f in main.find_all("iframe")] == [(YOUTUBE, "Video")]
    assert "evil" not in (site_dir / PAGE).read_text()


def test_an_embed_host_must_be_a_bare_host_name(site_dir: Path, run, edit) -> None:
    site = (site_dir / "content/site.yaml").read_text()
    edit("site.yaml", site + "embeds:\n  - https://www.youtube.com/\n")
    result = run("check")
    assert result.code == 1
    assert (
        'content/site.yaml:13: "https://www.youtube.com/" is not a host name: write only the name, like '
        "www.youtube-nocookie.com" in result.err
    )


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://example.org/", True),
        ("HTTP://example.org/", True),
        ("mailto:a@example.org", True),
        ("tel:+358401234567", True),
        ("liite.pdf", True),
        ("/fi/tiedotteet/", True),
        ("#fn:1", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("data:text/html,x", False),
        ("vbscript:x", False),
        ("file:///etc/passwd", False),
    ],
)
def test_url_schemes(url: str, allowed: bool) -> None:
    assert url_scheme_allowed(url) is allowed


TAGS = st.sampled_from(["p", "a", "img", "script", "style", "iframe", "svg", "span", "math", "div", "td", "object"])
ATTRS = st.sampled_from(["href", "src", "onclick", "onerror", "style", "class", "id", "formaction", "xlink:href"])
VALUES = st.sampled_from(
    ["javascript:alert(1)", "jav&#x61;script:x", "data:text/html,x", "https://ok.example/", "x", '"><script>x</script>']
)
FRAGMENT = st.lists(
    st.tuples(TAGS, st.lists(st.tuples(ATTRS, VALUES), max_size=3), st.text(max_size=8)), max_size=6
).map(lambda parts: "".join(f"<{t} {' '.join(f'{a}={v!r}' for a, v in attrs)}>{text}" for t, attrs, text in parts))


@settings(max_examples=200, deadline=None)
@given(FRAGMENT)
def test_cleaned_html_holds_no_script_and_nothing_left_to_remove(html: str) -> None:
    sanitizer = Sanitizer(["ok.example"])
    cleaned = sanitizer.clean(html)
    doc = parse(cleaned.encode())
    for element in doc.iter():
        assert element.tag not in ("script", "style", "svg", "math", "object")
        for name, value in element.attrs.items():
            assert not name.startswith("on") and name not in ("formaction", "xlink:href")
            if name in ("href", "src"):
                assert url_scheme_allowed(value)
    assert sanitizer.removals(cleaned) == []


def test_text_inside_an_embed_is_dropped_and_the_frame_closed() -> None:
    sanitizer = Sanitizer(["www.youtube-nocookie.com"])
    assert sanitizer.clean(f'<iframe src="{YOUTUBE}"><iframe ><p>x') == f'<iframe src="{YOUTUBE}"></iframe>'
    assert sanitizer.clean('<iframe src="http://www.youtube-nocookie.com/x">a</iframe>b') == "b"


def test_adding_an_embed_host_takes_effect_on_the_next_build(site_dir: Path, run, edit) -> None:
    body(edit, EMBED)
    assert run("--out", "site", "--no-search").code == 0
    assert "<iframe" not in (site_dir / PAGE).read_text()
    edit("site.yaml", (site_dir / "content/site.yaml").read_text() + "embeds: [www.youtube-nocookie.com]\n")
    result = run("--out", "site", "--no-search")
    assert (result.code, warnings(result)) == (0, [])
    assert f'<iframe src="{YOUTUBE}"' in (site_dir / PAGE).read_text()


def test_links_in_raw_html_lead_to_the_entry_files_like_markdown_links(site_dir: Path, run, edit) -> None:
    body(edit, 'Kuva <img src="liite.pdf" alt="x">, [liite](liite.pdf)\n\nRikki <img src="x" alt="y">.\n')
    result = run("--out", "site", "--no-search")
    assert result.code == 1
    assert f'{REL}/fi.md:7: the link "x" points to no file in this folder' in result.err
    body(edit, 'Kuva <img src="liite.pdf" alt="x">, [liite](liite.pdf) ja <a href="/fi/">koti</a>.\n')
    assert run("--out", "site", "--no-search").code == 0
    main = parse((site_dir / PAGE).read_bytes()).find("main")
    media = "/programme/media/press/2022-09-13-lead-projects/liite.pdf"
    assert [main.find("img", alt="x").attrs["src"], main.find("a", href=media).text] == [media, "liite"]
    assert main.find("a", href="/programme/fi/").text == "koti"


def test_ids_in_a_body_never_take_the_pages_own(site_dir: Path, run, edit) -> None:
    body(
        edit,
        "## Main\n\n[TOC]\n\n## Contacts heading {: #contacts-heading }\n\n[ylös](#main) [alas](#osio)\n\n## Osio\n",
    )
    assert run("--out", "site", "--no-search").code == 0
    doc = parse((site_dir / PAGE).read_bytes())
    assert [e.tag for e in doc.iter() if e.attrs.get("id") == "main"] == ["main"]
    main = doc.find("main")
    assert [h.attrs["id"] for h in main.find_all("h2")][:3] == ["text-main", "text-contacts-heading", "osio"]
    assert [a.attrs["href"] for a in main.find("div", class_="toc").find_all("a")] == [
        "#text-main",
        "#text-contacts-heading",
        "#osio",
    ]
    assert [a.text for a in main.find_all("a", href="#text-main")] == ["Main", "ylös"]


PLAIN_MARKDOWN = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "[js](javascript:alert(1))", "![kuva](data:image/png;base64,xx)", "[ok](https://example.org/)",
                "[tel](tel:+358401234567)", "[ref][r]\n\n[r]: vbscript:x", "[q](x \"otsikko\")",
                "Alaviite[^1]\n\n[^1]: L.",
                "| a | b |\n|:--|--:|\n| 1 | 2 |", "*[HTML]: kieli", "HTML", "[TOC]", "## Osio", "Termi\n: selitys",
                "```python\nx = 1\n```", "[a](JaVaScRiPt:x)", "[b](java&#x09;script:x)", "[c](&#106;avascript:x)",
            ]
        ),
        st.text(st.characters(exclude_characters="<{"), max_size=20),
    ),
    max_size=6,
).map("\n\n".join)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(PLAIN_MARKDOWN)
def test_markdown_without_raw_html_needs_only_the_address_check(source: str) -> None:
    import markdown

    from innosite.markup.markdown import base_extensions

    html = markdown.markdown(source, extensions=[*base_extensions(), "toc"], output_format="html")
    sanitizer = Sanitizer()
    assert sanitizer.address_removals(html) == sanitizer.removals(html)


def test_what_the_attribute_filter_raises_is_not_swallowed() -> None:
    """nh3 swallows an exception in its attribute callback (dropping the attribute): a Ctrl-C there must still
    stop the build rather than publish a page without its link."""
    from innosite.markup.sanitize import Sanitizer

    def interrupted(url: str) -> str:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Sanitizer().clean('<p><a href="x.pdf">liite</a></p>', interrupted)
    assert Sanitizer().clean('<p><a href="x.pdf">liite</a></p>', str.upper) == '<p><a href="X.PDF">liite</a></p>'
