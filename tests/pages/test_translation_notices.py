"""What a reader is told on the page: a translation older than its original, and corrections with their date."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from tests.html import parse

FOLDER = "press/2022-09-13-lead-projects"
TINY = Path(__file__).parent.parent / "sites/tiny/content"
FI = (TINY / FOLDER / "fi.md").read_text(encoding="utf-8")
SV = (TINY / FOLDER / "sv.md").read_text(encoding="utf-8")
SV_PAGE = "site/sv/pressmeddelanden/staderna-tar-ledningsansvar/index.html"
FI_PAGE = "site/fi/tiedotteet/kaupungit-ottavat-vetovastuuta/index.html"
EN_NOTICE = "site/en/press-releases/kaupungit-ottavat-vetovastuuta/index.html"
ATOM = "{http://www.w3.org/2005/Atom}"


def page(site_dir: Path, path: str):
    return parse((site_dir / path).read_text(encoding="utf-8"))


def notes(site_dir: Path, path: str, kind: str) -> list[str]:
    """The text of the notices of a kind, as a browser shows it."""
    return [shown(p) for p in page(site_dir, path).find_all("p", class_=kind)]


def shown(element) -> str:
    return element.text.replace(" :", ":")  # the reader puts a space after each inner element; a browser does not


def test_a_translation_older_than_its_updated_original_says_so_until_it_is_updated(site_dir: Path, run, edit) -> None:
    edit(f"{FOLDER}/fi.md", FI.replace("---\nKuusi", "updated: 2024-12-10 10:30\n---\nKuusi"))
    assert run("--out", "site", "--no-search").code == 0
    notice = page(site_dir, SV_PAGE).find("p", class_="outdated")
    assert notice.attrs["role"] == "note"
    assert notice.text == (
        "Den finska versionen uppdaterades 10.12.2024 kl. 10.30. Ändringarna finns kanske inte ännu i den här "
        "översättningen. Läs den uppdaterade versionen på finska"
    )
    link = notice.find("a")
    assert (link.attrs["href"], link.attrs["hreflang"]) == (
        "/programme/fi/tiedotteet/kaupungit-ottavat-vetovastuuta/",
        "fi",
    )
    assert notes(site_dir, FI_PAGE, "outdated") == notes(site_dir, EN_NOTICE, "outdated") == []
    assert "content/press/2022-09-13-lead-projects/sv.md: last dated 2022-09-14 11:16, but fi.md was updated" in (
        run("status").out
    )
    edit(
        f"{FOLDER}/sv.md",
        SV.replace("published: 2022-09-14 11:16", "published: 2022-09-14 11:16\nupdated: 2024-12-11 09:00"),
    )
    assert run("--out", "site", "--no-search").code == 0
    assert notes(site_dir, SV_PAGE, "outdated") == []


def test_the_notice_is_in_the_language_of_the_page(site_dir: Path, run, edit) -> None:
    edit(
        f"{FOLDER}/sv.md",
        SV.replace("published: 2022-09-14 11:16", "published: 2022-09-14 11:16\nupdated: 2024-12-10 10:30"),
    )
    edit(f"{FOLDER}/fi.md", FI.replace("summary:", "published: 2022-09-15 08:00\nsummary:"))  # sv is now the original
    edit(
        f"{FOLDER}/meta.yaml", (TINY / FOLDER / "meta.yaml").read_text().replace("2022-09-13 14:56", "2022-09-14 11:16")
    )
    assert run("--out", "site", "--no-search").code == 0
    assert notes(site_dir, FI_PAGE, "outdated") == [
        "Ruotsinkielinen versio päivitettiin 10.12.2024 klo 10.30. Tässä käännöksessä muutokset eivät ehkä ole vielä"
        " mukana. Lue päivitetty versio ruotsiksi"
    ]


def test_a_correction_is_shown_with_its_date_and_goes_into_the_feed(site_dir: Path, run, edit) -> None:
    edit(
        f"{FOLDER}/sv.md",
        SV.replace(
            "published: 2022-09-14 11:16",
            "published: 2022-09-14 11:16\ncorrection:\n  date: 2024-12-11 12:00\n  text: Projekten är sju, inte sex.",
        ),
    )
    assert run("--out", "site", "--no-search").code == 0
    note = page(site_dir, SV_PAGE).find("p", class_="correction")
    assert note.attrs["role"] == "note"
    assert shown(note) == "Rättelse 11.12.2024 kl. 12.00: Projekten är sju, inte sex."
    assert note.find("time").attrs["datetime"] == "2024-12-11T12:00+02:00"
    assert notes(site_dir, FI_PAGE, "correction") == []
    assert notes(site_dir, EN_NOTICE, "correction") == []  # the English notice page shows the Finnish original
    entry = next(
        e
        for e in ET.parse(site_dir / "site/sv/feed.xml").getroot().iter(ATOM + "entry")
        if e.find(ATOM + "title").text == "Städerna tar ledningsansvar"
    )
    assert entry.find(ATOM + "updated").text == "2024-12-11T12:00:00+02:00"
    assert entry.find(ATOM + "content").text == (
        '<p><strong>Rättelse <time datetime="2024-12-11T12:00+02:00">11.12.2024 kl. 12.00</time>:</strong> '
        "Projekten är sju, inte sex.</p><p>Sex projekt med ledningsansvar.</p>"
    )
    assert '"dateModified": "2024-12-11T12:00+02:00"' in (site_dir / SV_PAGE).read_text(encoding="utf-8")


def test_several_corrections_oldest_first_and_on_the_notice_page_in_the_original_language(
    site_dir: Path, run, edit
) -> None:
    corrections = (
        "correction:\n  - date: 2024-12-12 08:00\n    text: Hankkeita on seitsemän.\n"
        "  - date: 2024-12-11 12:00\n    text: Joensuu, ei Jyväskylä.\n"
    )
    edit(f"{FOLDER}/fi.md", FI.replace("---\nKuusi", corrections + "---\nKuusi"))
    assert run("--out", "site", "--no-search").code == 0
    assert notes(site_dir, FI_PAGE, "correction") == [
        "Korjaus 11.12.2024 klo 12.00: Joensuu, ei Jyväskylä.",
        "Korjaus 12.12.2024 klo 8.00: Hankkeita on seitsemän.",
    ]
    on_notice = page(site_dir, EN_NOTICE).find_all("p", class_="correction")
    assert shown(on_notice[0]) == "Correction 11 December 2024, 12:00: Joensuu, ei Jyväskylä."
    assert on_notice[0].find("span").attrs["lang"] == "fi"
    assert "sv.md: last dated 2022-09-14 11:16, but fi.md was updated 2024-12-12 08:00" in run("status").out


def test_a_correction_that_cannot_be_read(site_dir: Path, run, edit) -> None:
    rel = "content/press/2022-09-13-lead-projects/sv.md"
    edit(f"{FOLDER}/sv.md", SV.replace("published: 2022-09-14 11:16", "correction: Rättat."))
    edit(f"{FOLDER}/fi.md", FI.replace("summary:", "correction:\n  date: 11.12.2024\n  txt: Korjattu.\nsummary:"))
    assert run("check").err.splitlines()[:-1] == [
        'content/press/2022-09-13-lead-projects/fi.md:4: "correction.date" is not a date and time: write it as'
        " YYYY-MM-DD HH:MM, e.g. 2022-09-13 14:56",
        'content/press/2022-09-13-lead-projects/fi.md:5: unknown key "txt" (did you mean "text"?); allowed keys: date, text',
        f'{rel}:4: "correction" must be a date and a text: write it as "correction:" with the lines'
        ' "date: YYYY-MM-DD HH:MM" and "text: ..." indented below it',
    ]
