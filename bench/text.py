"""Pseudo-language Markdown text from fixed word lists, driven by a seeded RNG."""

from random import Random

from bench.words import CITIES, LANGS, TABLE_HEADERS, WORDS

MIN_WORDS = 300
MAX_WORDS = 420  # the last paragraph may overshoot by a sentence and a link
MARKUP = frozenset(("-", "|", "##", "---", "---:", "€"))


def words(rng: Random, lang: str, count: int) -> list[str]:
    """Return `count` words drawn from the language's word list."""
    return rng.choices(WORDS[lang], k=count)


def sentence(rng: Random, lang: str) -> str:
    """Return one capitalised sentence of 6-14 words, sometimes with a comma."""
    ws = words(rng, lang, rng.randint(6, 14))
    if len(ws) > 8 and rng.random() < 0.4:
        ws[rng.randint(3, len(ws) - 3)] += ","
    return capitalise(" ".join(ws)) + "."


def capitalise(text: str) -> str:
    """Upper-case the first character only."""
    return text[:1].upper() + text[1:]


def title_words(rng: Random, lang: str, count: int) -> str:
    """Return a capitalised phrase of `count` words (no final period)."""
    return capitalise(" ".join(words(rng, lang, count)))


def link(rng: Random, lang: str) -> str:
    """Return a Markdown link to a page under https://example.org/."""
    target = "-".join(words(rng, "en", 2)) + f"-{rng.randint(1, 999)}"
    return f"[{' '.join(words(rng, lang, 3))}](https://example.org/{lang}/{target})"


def paragraph(rng: Random, lang: str, budget: int, with_link: bool) -> str:
    """Return a paragraph of 2-5 sentences, stopping once `budget` words are used."""
    parts: list[str] = []
    used = 0
    for _ in range(rng.randint(2, 5)):
        if used >= budget:
            break
        text = sentence(rng, lang)
        used += len(text.split())
        parts.append(text)
    if with_link:
        parts.insert(1, f"{capitalise(' '.join(words(rng, lang, 3)))} {link(rng, lang)}.")
    return " ".join(parts)


def bullets(rng: Random, lang: str) -> str:
    """Return a bullet list of 3-5 short items."""
    count = rng.randint(3, 5)
    return "\n".join(f"- {title_words(rng, lang, rng.randint(3, 8))}" for _ in range(count))


def table(rng: Random, lang: str) -> str:
    """Return a small Markdown table of cities, project counts and funding."""
    index = LANGS.index(lang)
    head = TABLE_HEADERS[lang]
    rows = [f"| {head[0]} | {head[1]} | {head[2]} |", "| --- | ---: | ---: |"]
    for city in rng.sample(sorted(CITIES), rng.randint(3, 5)):
        money = f"{rng.randint(20, 900)} 000"
        rows.append(f"| {CITIES[city][index]} | {rng.randint(1, 12)} | {money} |")
    return "\n".join(rows)


def count_words(markdown: str) -> int:
    """Count whitespace-separated tokens that are not bare Markdown syntax."""
    return sum(1 for token in markdown.split() if token not in MARKUP)


def body(rng: Random, lang: str, with_table: bool) -> str:
    """Return a Markdown body of about 300-450 words with headings and lists."""
    target = rng.randint(MIN_WORDS, MAX_WORDS)
    blocks = [paragraph(rng, lang, target, with_link=False)]
    used = count_words(blocks[0])
    step = 0
    while used < target:
        kind = step % 4
        if kind == 0 and target - used > 40:
            blocks.append("## " + title_words(rng, lang, rng.randint(2, 5)))
        elif kind == 2 and step in (2, 10):
            blocks.append(bullets(rng, lang))
        else:
            blocks.append(paragraph(rng, lang, target - used, with_link=kind == 1))
        used += count_words(blocks[-1])
        if with_table and step == 3:
            blocks.append(table(rng, lang))
            used += count_words(blocks[-1])
        step += 1
    if with_table and step <= 3:
        blocks.append(table(rng, lang))
    return "\n\n".join(blocks) + "\n"
