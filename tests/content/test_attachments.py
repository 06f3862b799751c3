"""Attachments are published on the site's own address: only types that cannot run script there."""

from __future__ import annotations

from pathlib import Path

import pytest

REL = "content/press/2022-09-13-lead-projects"
KINDS = (
    "allowed are images: jpg, jpeg, png, gif, webp, avif, svg; documents: pdf, txt, csv, rtf, doc, docx, xls, xlsx, "
    "ppt, pptx, odt, ods, odp, zip; audio and video: mp3, m4a, oga, ogg, mp4, webm, ogv, vtt"
)
PLAIN_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>'


FI = (Path(__file__).parent.parent / "sites/tiny/content/press/2022-09-13-lead-projects/fi.md").read_text()


def linked(edit, *names: str) -> None:
    """Link the files from the release's fi.md: only linked files are published (and checked)."""
    edit("press/2022-09-13-lead-projects/fi.md", FI + "".join(f"\n[{name}]({name})\n" for name in names))


def errors(result) -> list[str]:
    return [
        line for line in result.err.splitlines() if not line.endswith(("the previous site is unchanged.", " error(s)."))
    ]


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("esite.html", 'files of type ".html"'),
        ("skripti.js", 'files of type ".js"'),
        ("tyyli.CSS", 'files of type ".css"'),
        ("ohjelma.exe", 'files of type ".exe"'),
        ("LUEMINUT", "files without a type (.pdf, .jpg...)"),
    ],
)
def test_types_that_could_run_script_are_refused(site_dir: Path, run, edit, name: str, shown: str) -> None:
    edit(f"press/2022-09-13-lead-projects/{name}", b"<script>alert(1)</script>")
    linked(edit, name)
    result = run("check")
    message = f"{shown} are not published, as they could run script on the site; {KINDS}"
    assert (result.code, errors(result)) == (1, [f"{REL}/{name}: {message}"])


def test_documents_images_and_plain_svg_are_published(site_dir: Path, run, edit) -> None:
    edit("press/2022-09-13-lead-projects/kuva.svg", PLAIN_SVG)
    edit("press/2022-09-13-lead-projects/Tiedote.PDF", b"%PDF-1.4")
    edit("press/2022-09-13-lead-projects/taulukko.xlsx", b"PK")
    linked(edit, "kuva.svg", "Tiedote.PDF", "taulukko.xlsx")
    assert run("--out", "site", "--no-search").code == 0
    media = site_dir / "site/media/press/2022-09-13-lead-projects"
    assert (media / "kuva.svg").read_bytes() == PLAIN_SVG
    assert sorted(p.name for p in media.iterdir()) == ["Tiedote.PDF", "kuva.svg", "liite.pdf", "taulukko.xlsx"]


def test_a_listed_attachment_that_differs_in_case_says_which_file_it_means(site_dir: Path, run, edit) -> None:
    meta = (site_dir / REL / "meta.yaml").read_text(encoding="utf-8")
    edit("press/2022-09-13-lead-projects/tausta-aineisto.pdf", b"%PDF-1.4")
    edit("press/2022-09-13-lead-projects/ohjelma.pdf", b"%PDF-1.4")
    edit(
        "press/2022-09-13-lead-projects/meta.yaml",
        meta + "attachments:\n  - tausta-aineisto.PDF\n  - ohjelmaa.pdf\n  - hinnasto.pdf\n",
    )
    result = run("check")
    assert (result.code, errors(result)) == (
        1,
        [
            f'{REL}/meta.yaml:12: the attachment "tausta-aineisto.PDF" is not in this folder (did you mean'
            ' "tausta-aineisto.pdf"? upper and lower case must match)',
            f'{REL}/meta.yaml:13: the attachment "ohjelmaa.pdf" is not in this folder (did you mean "ohjelma.pdf"?):'
            " put the file beside the texts",
            f'{REL}/meta.yaml:14: the attachment "hinnasto.pdf" is not in this folder: put the file beside the texts',
        ],
    )
