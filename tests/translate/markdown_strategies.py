"""Hypothesis strategies for Markdown bodies with what authors use (docs/authoring.md)."""

from __future__ import annotations

from hypothesis import strategies as st

WORDS = st.sampled_from(
    [
        "Kaupungit",
        "ottavat",
        "vetovastuuta",
        "hyvä",
        "äly",
        "Öljy",
        "2030",
        "TKI",
        "ja",
        "16",
        "a",
        "e-mail",
        "ö",
        "x_y",
    ]
)
PUNCT = st.sampled_from([".", ",", "!", "?", ":", " –", " (sulkeissa)", " 5 * 3", " a_b", " \\*", " &amp;", " 2021."])
URLS = st.sampled_from(
    ["liite.pdf", "/fi/hankkeet/", "https://tem.fi/", "#osio", "https://example.org/a_(b)", "kuva.jpg"]
)
CLASSES = st.sampled_from(["{.huom}", "{: #kohta}", "{#id .c}"])


@st.composite
def words(draw, low: int = 1, high: int = 5) -> str:
    """A few words, maybe with punctuation."""
    items = draw(st.lists(WORDS, min_size=low, max_size=high))
    text = " ".join(items)
    if draw(st.booleans()):
        text += draw(PUNCT)
    return text


@st.composite
def inline(draw, depth: int = 0) -> str:
    """A run of text with links, emphasis, code spans, footnote references, HTML and attribute lists."""
    parts = [draw(words())]
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["link", "image", "em", "strong", "code", "fn", "html", "br", "words", "attrs"]))
        inner = draw(words(1, 3)) if depth else draw(st.one_of(words(1, 3), inline(depth=1)))
        if kind == "link":
            parts.append(f"[{draw(words(1, 3))}]({draw(URLS)})")
        elif kind == "image":
            parts.append(f"![{draw(words(1, 3))}]({draw(URLS)})")
        elif kind == "em":
            parts.append(f"*{draw(words(1, 3))}*")
        elif kind == "strong":
            parts.append(f"**{inner}**")
        elif kind == "code":
            parts.append(draw(st.sampled_from(["`build.py`", "`a | b`", "``x ` y``"])))
        elif kind == "fn":
            parts.append(f"[^{draw(st.integers(1, 3))}]")
        elif kind == "html":
            parts.append(
                draw(st.sampled_from([f"<b>{draw(words(1, 2))}</b>", '<abbr title="Tutkimus">TKI</abbr>', "<br>"]))
            )
        elif kind == "attrs":
            parts.append(f"[{draw(words(1, 2))}]({draw(URLS)}){draw(CLASSES)}")
        else:
            parts.append(draw(words()))
        parts.append(draw(words()))
    return " ".join(parts)


@st.composite
def paragraph(draw) -> str:
    lines = draw(st.lists(inline(), min_size=1, max_size=3))
    ends = [draw(st.sampled_from(["", "", "  "])) for _ in lines[:-1]] + [""]
    text = "\n".join(line + end for line, end in zip(lines, ends, strict=True))
    if draw(st.integers(0, 5)) == 0:
        text += "\n" + draw(CLASSES)
    return text


@st.composite
def heading(draw) -> str:
    if draw(st.integers(0, 4)) == 0:
        return draw(words()) + "\n" + draw(st.sampled_from(["===", "---"]))
    text = "#" * draw(st.integers(1, 6)) + " " + draw(inline())
    if draw(st.booleans()):
        text += " " + draw(st.sampled_from(["{#osio}", "{: #a .b}", "##"]))
    return text


@st.composite
def list_block(draw, depth: int = 0) -> str:
    ordered = draw(st.booleans())
    loose = draw(st.booleans())
    items = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        marker = f"{number}." if ordered else draw(st.sampled_from(["-", "*", "+"]))
        item = f"{marker} {draw(inline())}"
        choice = draw(st.integers(0, 5))
        if choice == 0:
            item += "\n" + draw(st.sampled_from(["", "  ", "    "])) + draw(words())
        elif choice == 1 and depth == 0:
            nested = draw(list_block(depth=1))
            item += "\n\n" if loose else "\n"
            item += "\n".join("    " + line if line else "" for line in nested.split("\n"))
        elif choice == 2 and loose:
            item += "\n\n    " + draw(inline())
        items.append(item)
    return ("\n\n" if loose else "\n").join(items)


@st.composite
def table(draw) -> str:
    columns = draw(st.integers(1, 3))
    outer = draw(st.booleans())

    def row(cells: list[str]) -> str:
        inner = " | ".join(cells)
        return f"| {inner} |" if outer or columns == 1 else inner

    cell = st.one_of(words(1, 3), st.just("`a|b`"), st.just("a \\| b"), st.just("[liite](liite.pdf)"), st.just("2021"))
    head = row([draw(words(1, 2)) for _ in range(columns)])
    separator = row([draw(st.sampled_from(["---", ":--", "--:", ":-:"])) for _ in range(columns)])
    rows = [row([draw(cell) for _ in range(columns)]) for _ in range(draw(st.integers(1, 3)))]
    return "\n".join([head, separator, *rows])


@st.composite
def footnote(draw) -> str:
    text = f"[^{draw(st.integers(1, 3))}]: {draw(inline())}"
    if draw(st.booleans()):
        text += "\n\n    " + draw(words())
    return text


@st.composite
def quote(draw) -> str:
    lines = [f"> {draw(inline())}"]
    if draw(st.booleans()):
        lines.append(draw(words()))
    if draw(st.booleans()):
        lines += [">", f"> {draw(words())}"]
    return "\n".join(lines)


@st.composite
def other(draw) -> str:
    return draw(
        st.sampled_from(
            [
                "```\nkoodi *ei* käännetä\n```",
                "    sisennetty koodi",
                '<div class="huom">\nTeksti <b>lihavoitu</b>\n</div>',
                '<iframe src="https://www.youtube-nocookie.com/embed/x" title="Video"></iframe>',
                "Termi\n: Määritelmä tässä",
                "*[TKI]: Tutkimus, kehitys ja innovaatio",
                "[viite]: https://tem.fi/",
                "Katso [viite] ja [teksti][viite].",
                "* * *",
            ]
        )
    )


BLOCK = st.one_of(paragraph(), heading(), list_block(), table(), footnote(), quote(), other())


@st.composite
def bodies(draw) -> str:
    """A whole body: blocks separated by blank lines, maybe a final newline."""
    blocks = draw(st.lists(BLOCK, min_size=1, max_size=6))
    separators = [draw(st.sampled_from(["\n\n", "\n\n", "\n\n\n"])) for _ in blocks[1:]]
    text = blocks[0] + "".join(sep + block for sep, block in zip(separators, blocks[1:], strict=True))
    return text + draw(st.sampled_from(["", "\n"]))
