"""The quicker Markdown passes give the HTML Python-Markdown's own passes give, body for body."""

from __future__ import annotations

import random

import markdown
import pytest
from markdown.extensions.toc import TocExtension

from innosite.markup.markdown import base_extensions
from innosite.markup.speed import speedups_apply, toc_extensions
from innosite.model.slugs import heading_id

PIECES = (
    "## Otsikko", "### Ä ö å & co", "## <em>raw</em> head", "## `koodi` otsikko", "## *em* **strong**",
    "## Link [x](liite.pdf)", "## Main", "## Contacts heading {: #contacts-heading }", "## Foot[^1] note",
    "#### Deep &amp; entity", "## \\*escaped\\*", "Setext\n======", "Setext two\n----------", "[TOC]", "## Same",
    "## Same_1", "Plain paragraph with words.", "Para with *em*, **strong** and ***both***.", "snake_case and _em_",
    "A [link](https://example.org/) and [file](kuva.jpg) and [root](/fi/x/).", "![kuva](kuva.jpg \"title\")",
    "[ref link][r1] and [r1] and ![img][r1]", "[r1]: liite.pdf", "<https://example.org/?b=c&d=e> <mail@example.fi>",
    "line one  \nline two", "back\\slash \\[not link\\]", "HTML and CSS", "*[HTML]: Hypertext Markup Language",
    "Footnote ref[^1] and another[^note].", "[^1]: The note text.", "[^note]: Named note\n    with more.",
    "| a | b |\n|:--|--:|\n| 1 | 2 |", "Term\n: definition", "```python\nx = 1 < 2 & 3\n```", "~~~\ncode\n~~~",
    "    indented code", "`inline <code>` & ``dbl ` tick``", '<div markdown="1">\n*inside*\n</div>',
    "<div>\nraw *not md*\n</div>", "<script>alert(1)</script>", '<p onclick="x()">para</p>', "a <b>bold</b> c",
    "&copy; &#169; AT&T <3", "- item\n- item two\n    - nested", "1. one\n2. two\n\n3) three", "> quote\n> > nested",
    "---", "* * *", "Para {: #pid }\n{: .x }", "## Heading {#custom-id}", "<!-- comment -->", "x > y < z",
    "[unclosed link( and [ bracket", "[a [b] c](x.pdf) and ![alt [x]](kuva.jpg) [[two]](y)", "[" * 40 + "x](y)",
    "[x] ]] [y](z) [[[a]]] ][", "[a]" * 20 + "(z) [b](c)", "<details><summary>S</summary>\n\nBody *md*\n\n</details>", "<h2>raw</h2>",
)  # fmt: skip


def bodies(count: int) -> list[str]:
    """Seeded random bodies made of the pieces above (every piece also alone)."""
    rng = random.Random(6)
    made = list(PIECES)
    for _ in range(count):
        made.append("".join(p + rng.choice(("\n\n", "\n", " ")) for p in rng.choices(PIECES, k=rng.randint(2, 12))))
    return made


def test_the_installed_markdown_is_one_the_quicker_passes_were_checked_on() -> None:
    """Output depends on Python-Markdown's version: pyproject.toml admits only the verified ones, and CI installs
    constraints.txt's. A new version fails here until these tests pass on it and VERIFIED_VERSIONS names it."""
    assert speedups_apply(), f"Python-Markdown {markdown.__version__} is not in markup/speed.py's VERIFIED_VERSIONS"


def test_the_quicker_passes_give_the_same_html() -> None:
    stock = markdown.Markdown(extensions=[*base_extensions(), TocExtension(slugify=heading_id, toc_depth="2-6")])
    quick = markdown.Markdown(extensions=[*base_extensions(), *toc_extensions(heading_id, "2-6")])
    for body in bodies(600):
        assert quick.reset().convert(body) == stock.reset().convert(body), body


def test_the_extensions_as_objects_give_the_html_of_extra_and_sane_lists_by_name() -> None:
    named = markdown.Markdown(extensions=["extra", "sane_lists"])
    objects = markdown.Markdown(extensions=base_extensions())
    for body in bodies(600):
        assert objects.reset().convert(body) == named.reset().convert(body), body


def test_internals_renamed_upstream_turn_the_quicker_passes_off_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    """A build goes on with the stock passes (the same HTML) if markup/speed.py cannot load."""
    import sys

    from innosite.markup.markdown import heading_extensions

    monkeypatch.setitem(sys.modules, "innosite.markup.speed", None)  # its import fails, as on a renamed internal
    with pytest.warns(UserWarning, match="Python-Markdown's internals changed"):
        extensions = heading_extensions(heading_id, "2-6")
    assert [type(e) for e in extensions] == [TocExtension]
    converted = markdown.Markdown(extensions=[*base_extensions(), *extensions]).convert("## Hyvä otsikko\n\nTeksti.")
    assert converted == '<h2 id="hyva-otsikko">Hyvä otsikko</h2>\n<p>Teksti.</p>'
