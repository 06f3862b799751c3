"""A picture under another kind of file's name (a phone photo saved as raportti.pdf) would be copied as it is, with
where and when it was taken: refused where it is linked, saying what it is and the name to give it."""

from __future__ import annotations

from pathlib import Path

import pytest

from innosite.media.probe import picture_kind
from tests.conftest import read_tree
from tests.media.conftest import camera_exif, photo, save

RELEASE = "press/2022-09-13-lead-projects"
REL = f"content/{RELEASE}"
WHY = "so that it is published as a picture, without the camera's data (such as where and when it was taken)"


@pytest.fixture
def phone_photo() -> bytes:
    return save(photo((800, 600)), "JPEG", quality=85, exif=camera_exif(1))


def test_a_photo_saved_as_a_pdf_is_refused_where_it_is_linked(site_dir: Path, run, edit, phone_photo) -> None:
    assert run("--out", "site", "--no-search").code == 0
    before = read_tree(site_dir / "site")
    edit(f"{RELEASE}/raportti.pdf", phone_photo)
    fi = (site_dir / REL / "fi.md").read_text(encoding="utf-8")
    edit(f"{RELEASE}/fi.md", fi + "\nKatso [raportti](raportti.pdf).\n")
    meta = (site_dir / REL / "meta.yaml").read_text(encoding="utf-8")
    edit(f"{RELEASE}/meta.yaml", meta + "attachments:\n  - liite.pdf\n  - raportti.pdf\n")
    result = run("--out", "site", "--no-search")
    message = (
        f'"raportti.pdf" is a JPEG image, not a PDF document: rename it to "raportti.jpg" and link that name, {WHY}'
    )
    assert (result.code, result.err.splitlines()) == (
        1,
        [
            f"{REL}/fi.md:17: {message}",
            f"{REL}/meta.yaml:13: {message}",
            "2 error(s): nothing was written; the previous site is unchanged.",
        ],
    )
    assert read_tree(site_dir / "site") == before


def test_the_fix_the_message_gives_publishes_the_photo_without_its_camera_data(
    site_dir: Path, run, edit, phone_photo
) -> None:
    edit(f"{RELEASE}/raportti.jpg", phone_photo)
    fi = (site_dir / REL / "fi.md").read_text(encoding="utf-8")
    edit(f"{RELEASE}/fi.md", fi + "\nKatso [raportti](raportti.jpg).\n")
    assert run("--out", "site", "--no-search").code == 0
    published = (site_dir / "site/media/press/2022-09-13-lead-projects/raportti.jpg").read_bytes()
    assert b"PhoneMaker" not in published and b"GPS" not in published and b"Exif" not in published


@pytest.mark.parametrize(
    ("name", "head", "message"),
    [
        (
            "kokous.docx",
            b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic",
            '"kokous.docx" is a HEIC photo, the iPhone\'s format, not a Word document: save it as JPEG, as '
            f'"kokous.jpg", and link that name, {WHY}',
        ),
        (
            "skannaus.pdf",
            b"II*\x00\x08\x00\x00\x00",
            f'"skannaus.pdf" is a TIFF image, not a PDF document: save it as JPEG, as "skannaus.jpg", and link that '
            f"name, {WHY}",
        ),
        (
            "logo.zip",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            f'"logo.zip" is a PNG image, not a ZIP archive: rename it to "logo.png" and link that name, {WHY}',
        ),
    ],
)
def test_other_pictures_in_disguise(site_dir: Path, run, edit, name: str, head: bytes, message: str) -> None:
    edit(f"{RELEASE}/{name}", head + b"\x00" * 64)
    fi = (site_dir / REL / "fi.md").read_text(encoding="utf-8")
    edit(f"{RELEASE}/fi.md", fi + f'\n<a href="{name}">Liite</a>\n')
    result = run("check")
    assert result.err.splitlines() == [f"{REL}/fi.md:17: {message}", "1 error(s)."]


def test_meta_yaml_s_image_named_as_a_document_that_is_one_is_an_error_at_its_line(site_dir: Path, run, edit) -> None:
    meta = (site_dir / REL / "meta.yaml").read_text(encoding="utf-8")
    alt = "{fi: Kaupunkien edustajat, sv: Städernas representanter, en: Representatives of the cities}"
    edit(f"{RELEASE}/meta.yaml", meta + f"image: {{src: liite.pdf, alt: {alt}}}\n")
    result = run("check")
    assert result.err.splitlines() == [
        f'{REL}/meta.yaml:11: "liite.pdf" is not an image (it is a PDF document): use a picture saved as JPEG, PNG, '
        "WebP, GIF or AVIF, or a drawing saved as SVG",
        "1 error(s).",
    ]


def test_documents_and_media_are_not_taken_for_pictures() -> None:
    heads = [b"%PDF-1.7\n", b"PK\x03\x04", b"BMW:n tiedote", b"ID3\x04", b"\x00\x00\x00\x20ftypisom", b"OggS\x00"]
    assert [picture_kind(head) for head in heads] == [None] * len(heads)
