"""A press release printed to PDF keeps title, dates, body and contacts, and drops navigation."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.needs("chromium", "pdftotext")

RELEASE = "sv/pressmeddelanden/staderna-tar-ledningsansvar-for-att-starka-innovationsekosystem-i-finland/"
PROJECT = "en/projects/battery-chemistry-lead-project/"


def pdf_text(page, base_url: str, path: str, target: Path) -> str:
    page.goto(base_url + path)
    page.pdf(path=str(target), format="A4")
    done = subprocess.run(
        [shutil.which("pdftotext") or "pdftotext", "-layout", str(target), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return " ".join(done.stdout.split())


def test_release_pdf_keeps_the_release_and_drops_navigation(page, base_url: str, tmp_path: Path) -> None:
    text = pdf_text(page, base_url, RELEASE, tmp_path / "release.pdf")
    kept = [
        "Städerna tar ledningsansvar för att stärka innovationsekosystem i Finland",
        "Publicerad 13.9.2022 kl. 14.56",
        "Publicerad på svenska 14.9.2022 kl. 11.16",
        "Hållbar energi, industri, produktions- och konsumtionsmodeller",
        "Mer information",
        "utvecklingschef Riina Pulkkinen, tfn +358 40 708 0178, riina.pulkkinen(a)pirkanmaa.fi",
    ]
    assert [k for k in kept if k not in text] == []
    assert "https://innokaupungit.example/" + RELEASE in text.replace(" ", ""), "the page's address is printed"
    dropped = ["Hoppa till innehållet", "Suomi", "English", "Projekt Teman Städer", "Tillgänglighetsutlåtande"]
    assert [d for d in dropped if d in text] == []


def test_printed_links_show_their_address(page, base_url: str, tmp_path: Path) -> None:
    text = pdf_text(page, base_url, PROJECT, tmp_path / "project.pdf")
    website = page.locator(".facts a").first.get_attribute("href")
    assert f"({website})" in text
