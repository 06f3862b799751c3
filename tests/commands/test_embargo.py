"""Embargo safety: a release is nowhere in the output a minute before its time, everywhere it belongs a minute
after, and the same holds for a language version published later than the release.

One output folder is built at four moments in a row, as the scheduled pipeline runs would build it (search on:
Pagefind's index is searched too, decompressed). Before the release's time no file's path or content (pages in
every language, listings, home and term pages, feeds, sitemap, search index, attachments under media/, alias
redirects, other pages' social metadata and JSON-LD) holds any of its words; after it, its page, listings, feed,
sitemap and search index hold it in each language it has then.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

RELEASE = "press/2026-12-10-zorblax"
WORD = "zorblax"
"""In the release's id, every version's title, slug and text, its attachments' names and its alias."""
LATER = "qvarnbom"
"""Only in the Swedish version (published a day later) and the attachment only it links to."""
EMBARGO = "2026-12-10 09:00"
SWEDISH = "2026-12-11 12:00"
BASE = "https://example.org/programme/"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c49444154789c6360b02e060000ed00afa53ac6b00000000049454e44ae426082"
)
FILES = {
    f"{RELEASE}/meta.yaml": (
        f"published: {EMBARGO}\nthemes: [sport]\ncities: [tampere]\nprojects: [photonics-ecosystem]\n"
        "image: {src: zorblax-kuva.png, alt: {fi: Kuva kaupungista, sv: Bild av staden, en: A picture of the city}}\n"
        "aliases: [/fi/zorblax-vanha/]\n"
    ),
    f"{RELEASE}/fi.md": (
        "---\ntitle: Zorblax-sopimus julki\nsummary: Zorblax-kaupungit sopivat.\n---\n"
        "Zorblax-teksti ja [liite](zorblax-liite.pdf).\n"
    ),
    f"{RELEASE}/en.md": "---\ntitle: Zorblax agreement public\nsummary: The Zorblax cities agree.\n---\nZorblax text.\n",
    f"{RELEASE}/sv.md": (
        f"---\ntitle: Zorblax-avtalet Qvarnbom\nsummary: Qvarnbom och Zorblax.\npublished: {SWEDISH}\n---\n"
        "Qvarnbom-text med [bilaga](zorblax-qvarnbom-bilaga.pdf).\n"
    ),
    f"{RELEASE}/zorblax-liite.pdf": "%PDF-1.4 liite\n",
    f"{RELEASE}/zorblax-qvarnbom-bilaga.pdf": "%PDF-1.4 bilaga\n",
}
FI = "fi/tiedotteet/zorblax-sopimus-julki/"
EN = "en/press-releases/zorblax-agreement-public/"
SV = "sv/pressmeddelanden/zorblax-avtalet-qvarnbom/"
SV_NOTICE = "sv/pressmeddelanden/zorblax-sopimus-julki/"
"""Until the Swedish version's time, Swedish visitors get the notice page with the Finnish text."""


def _minute(moment: str, delta: int) -> str:
    hour, minute = map(int, moment[-5:].split(":"))
    total = hour * 60 + minute + delta
    return f"{moment[:-5]}{total // 60:02d}:{total % 60:02d}"


def _texts(root: Path) -> dict[str, str]:
    """Every output file's path and content in lower case; Pagefind's gzipped files decompressed."""
    found = {}
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        rel = path.relative_to(root).as_posix()
        found[rel] = data.decode("utf-8", "replace").lower()
    return found


def _holding(texts: dict[str, str], word: str) -> list[str]:
    """The output paths whose name or content holds the word."""
    return [rel for rel, text in texts.items() if word in rel.lower() or word in text]


def _search_urls(texts: dict[str, str], lang: str) -> str:
    """Pagefind's fragments of one language (their URLs and text)."""
    return "".join(text for rel, text in texts.items() if rel.startswith(f"pagefind/fragment/{lang}_"))


@pytest.fixture
def embargoed(site_dir: Path, edit) -> Path:
    for rel, text in FILES.items():
        edit(rel, text)
    edit(f"{RELEASE}/zorblax-kuva.png", PNG)
    return site_dir


def _build(run, now: str):
    result = run("--now", now, "--jobs", "1")
    assert result.code == 0, result.err
    return result


def test_a_release_is_nowhere_before_its_time_and_everywhere_after(embargoed: Path, run) -> None:
    site = embargoed / "site"
    before = _build(run, _minute(EMBARGO, -1))
    assert before.out.splitlines()[0] == (
        f"Not published: 1 scheduled release ({RELEASE}, goes live 10.12.2026 9.00), "
        f"1 language version scheduled later ({RELEASE}/sv.md, goes live 11.12.2026 12.00)"
    )
    texts = _texts(site)
    assert any(rel.startswith("pagefind/fragment/") for rel in texts)  # the search index was searched
    assert _holding(texts, WORD) == []
    assert _holding(texts, LATER) == []

    after = _build(run, _minute(EMBARGO, 1))
    assert after.out.splitlines()[:3] == [
        f"Went live: 2026-12-10 09:00 fi {BASE}{FI}",
        f"Went live: 2026-12-10 09:00 en {BASE}{EN}",
        f"Not published: 1 language version scheduled later ({RELEASE}/sv.md, goes live 11.12.2026 12.00)",
    ]
    texts = _texts(site)
    assert _holding(texts, LATER) == []  # the Swedish version and the file only it links to wait
    for page in (FI, EN, SV_NOTICE):
        assert "zorblax" in texts[page + "index.html"]
    for listing in ("fi/index.html", "fi/tiedotteet/index.html", "fi/teemat/urheilu/index.html",
                    "fi/kaupungit/tampere/index.html", "fi/hankkeet/fotoniikan-kaupunkiekosysteemi/index.html",
                    "en/index.html", "en/press-releases/index.html", "sv/pressmeddelanden/index.html"):  # fmt: skip
        assert "zorblax" in texts[listing], listing
    for lang, page in (("fi", FI), ("en", EN)):
        assert f"{BASE}{page}" in texts[f"{lang}/feed.xml"]
        assert f"<loc>{BASE}{page}</loc>" in texts["sitemap.xml"]
        assert f"/{page}" in _search_urls(texts, lang)
    assert SV_NOTICE not in texts["sitemap.xml"]  # a notice page is for people, not search engines
    assert {"media/press/2026-12-10-zorblax/zorblax-liite.pdf", "media/press/2026-12-10-zorblax/zorblax-kuva.png",
            "fi/zorblax-vanha/index.html"} <= set(texts)  # fmt: skip

    swedish_before = _build(run, _minute(SWEDISH, -1))
    assert swedish_before.out.splitlines()[0].startswith("Not published: 1 language version scheduled later")
    assert _holding(_texts(site), LATER) == []

    swedish_after = _build(run, _minute(SWEDISH, 1))
    assert swedish_after.out.splitlines()[0] == f"Went live: 2026-12-11 12:00 sv {BASE}{SV}"
    assert not swedish_after.out.startswith("Not published") and "Not published" not in swedish_after.out
    texts = _texts(site)
    assert "qvarnbom" in texts[SV + "index.html"]
    assert SV_NOTICE + "index.html" not in texts
    assert "qvarnbom" in texts["sv/pressmeddelanden/index.html"]
    assert f"{BASE}{SV}" in texts["sv/feed.xml"]
    assert f"<loc>{BASE}{SV}</loc>" in texts["sitemap.xml"]
    assert f"/{SV}" in _search_urls(texts, "sv")
    assert "media/press/2026-12-10-zorblax/zorblax-qvarnbom-bilaga.pdf" in texts

    again = _build(run, _minute(SWEDISH, 1))
    assert re.fullmatch(r"Built \d+ pages into site \(0 files changed\)\.\n", again.out)


def test_a_version_scheduled_later_keeps_its_attachment_back_in_a_public_release(site_dir: Path, run, edit) -> None:
    edit("press/2022-09-13-lead-projects/sv.md", FILES[f"{RELEASE}/sv.md"])
    edit("press/2022-09-13-lead-projects/zorblax-qvarnbom-bilaga.pdf", "%PDF-1.4 bilaga\n")
    result = _build(run, _minute(SWEDISH, -1))
    assert result.out.splitlines()[0] == (
        "Not published: 1 language version scheduled later "
        "(press/2022-09-13-lead-projects/sv.md, goes live 11.12.2026 12.00)"
    )
    texts = _texts(site_dir / "site")
    assert _holding(texts, LATER) == []
    assert "media/press/2022-09-13-lead-projects/liite.pdf" in texts  # the Finnish version's attachment stays
    after = _build(run, _minute(SWEDISH, 1))
    assert after.out.splitlines()[0] == f"Went live: 2026-12-11 12:00 sv {BASE}{SV}"
    assert "media/press/2022-09-13-lead-projects/zorblax-qvarnbom-bilaga.pdf" in _texts(site_dir / "site")
