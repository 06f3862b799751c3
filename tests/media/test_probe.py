"""probe: what a file really is, by its content; and the exact words staff read when it cannot be used."""

from __future__ import annotations

import io
import zipfile

from PIL import features

from innosite.media import ImageInfo, probe, width_warning

OFFERED = "JPEG, PNG, WebP, GIF or AVIF" if features.check("avif") else "JPEG, PNG, WebP or GIF"


def test_a_phone_photo_is_measured_upright(camera_jpeg: bytes) -> None:
    info = probe(camera_jpeg, "kuva.jpg")
    assert info == ImageInfo(format="jpeg", width=900, height=1200, byte_size=len(camera_jpeg), mode="RGB")
    assert info.mime == "image/jpeg"


def test_formats_modes_transparency_and_animation(
    tall_png: bytes, alpha_png: bytes, cmyk_jpeg: bytes, animated_gif: bytes, webp_with_metadata: bytes
) -> None:
    found = {
        name: probe(data, name)
        for name, data in {
            "tall.png": tall_png,
            "logo.png": alpha_png,
            "print.jpg": cmyk_jpeg,
            "anim.gif": animated_gif,
            "photo.webp": webp_with_metadata,
        }.items()
    }
    assert {
        name: (i.format, i.width, i.height, i.mode, i.transparent, i.animated, i.frames) for name, i in found.items()
    } == {
        "tall.png": ("png", 600, 1800, "RGB", False, False, 1),
        "logo.png": ("png", 800, 400, "RGBA", True, False, 1),
        "print.jpg": ("jpeg", 1000, 600, "CMYK", False, False, 1),
        "anim.gif": ("gif", 300, 200, "P", False, True, 3),
        "photo.webp": ("webp", 1000, 750, "RGB", False, False, 1),
    }


def test_the_name_does_not_matter(one_pixel: bytes) -> None:
    info = probe(one_pixel, "pixel.jpg")
    assert isinstance(info, ImageInfo)
    assert (info.format, info.width, info.height) == ("png", 1, 1)


def test_an_svg_is_recognised_by_its_root(svg: bytes) -> None:
    assert probe(svg, "drawing.svg") == ImageInfo(format="svg", width=120, height=80, byte_size=len(svg))
    assert probe(svg, "drawing.svg").vector


def test_an_svg_without_a_size_takes_its_viewbox_or_none() -> None:
    boxed = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300.5 150" width="100%"><g/></svg>'
    bare = b"\xef\xbb\xbf  <!DOCTYPE svg>\n<svg:svg xmlns:svg='http://www.w3.org/2000/svg'></svg:svg>"
    assert (probe(boxed, "a.svg").width, probe(boxed, "a.svg").height) == (300, 150)
    assert (probe(bare, "b.svg").format, probe(bare, "b.svg").width, probe(bare, "b.svg").height) == ("svg", None, None)


def test_a_pdf_named_jpg(pdf_named_jpg: bytes) -> None:
    assert probe(pdf_named_jpg, "esite.jpg") == (
        f'"esite.jpg" is not an image (it is a PDF document): use a picture saved as {OFFERED}, '
        "or a drawing saved as SVG"
    )


def test_other_files_are_named_for_what_they_are() -> None:
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert probe(docx.getvalue(), "kuva.png") == (
        f'"kuva.png" is not an image (it is a Word document): use a picture saved as {OFFERED}, '
        "or a drawing saved as SVG"
    )
    assert probe(b"<!DOCTYPE html><html><body>Kuva</body></html>", "kuva.png") == (
        f'"kuva.png" is not an image (it is a web page (HTML)): use a picture saved as {OFFERED}, '
        "or a drawing saved as SVG"
    )
    assert probe(b"\x00\x01\x02\x03\xfe\xfd", "kuva.png") == (
        f'"kuva.png" is not an image: use a picture saved as {OFFERED}, or a drawing saved as SVG'
    )
    assert probe(b'<?xml version="1.0"?><kml><Placemark/></kml>', "kartta.svg") == (
        '"kartta.svg" is not an image (it is an XML file with a <kml> root, not an SVG drawing): use JPEG, PNG or SVG'
    )


def test_pictures_browsers_do_not_all_show() -> None:
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64
    tiff = b"II*\x00\x08\x00\x00\x00" + b"\x00" * 64
    assert probe(heic, "IMG_0001.jpg") == (
        '"IMG_0001.jpg" is a HEIC photo, the iPhone\'s format, which the site does not take '
        "(not all web browsers show it): save it as JPEG (photos) or PNG (drawings, screenshots)"
    )
    assert probe(tiff, "scan.tif") == (
        '"scan.tif" is a TIFF image, which the site does not take (not all web browsers show it): '
        "save it as JPEG (photos) or PNG (drawings, screenshots)"
    )


def test_an_empty_file() -> None:
    assert probe(b"", "kuva.jpg") == '"kuva.jpg" is empty (0 bytes): save or copy the image again'


def test_a_truncated_jpeg(truncated_jpeg: bytes) -> None:
    assert probe(truncated_jpeg, "kuva.jpg") == ('"kuva.jpg" is damaged or cut short: save or download it again')


def test_a_corrupt_png(tall_png: bytes) -> None:
    broken = tall_png[:200] + bytes(b ^ 0x55 for b in tall_png[200:400]) + tall_png[400:]
    assert probe(broken, "kuva.png") == '"kuva.png" is damaged or cut short: save or download it again'


def test_over_40_megapixels_is_an_error_before_any_decoding(huge_png: bytes) -> None:
    assert probe(huge_png, "iso.png") == (
        '"iso.png" is 10000 × 5000 pixels (50 megapixels); the limit is 40 megapixels: '
        "export a smaller version (2000 to 4000 pixels wide is plenty for the web and the press)"
    )


def test_a_decompression_bomb_is_refused_by_pillows_own_guard_too(bomb_png: bytes) -> None:
    assert probe(bomb_png, "bomb.png") == (
        '"bomb.png" is 900 megapixels; the limit is 40 megapixels: '
        "export a smaller version (2000 to 4000 pixels wide is plenty for the web and the press)"
    )


def test_over_20_mb_is_an_error() -> None:
    data = b"\xff\xd8\xff" + b"\x00" * (21 * 1024 * 1024)
    assert probe(data, "raw.jpg") == (
        '"raw.jpg" is 21.0 MB; the limit is 20 MB: save it as JPEG, or export a smaller version '
        "(2000 to 4000 pixels wide is plenty for the web and the press)"
    )


def test_sixteen_bit_grey(sixteen_bit_png: bytes) -> None:
    info = probe(sixteen_bit_png, "scan.png")
    assert isinstance(info, ImageInfo)
    assert (info.width, info.height, info.mode) == (300, 200, "I;16")


def test_width_warnings() -> None:
    small = ImageInfo(format="jpeg", width=640, height=480, byte_size=1)
    assert width_warning(small, "entry") == (
        "the image is only 640 pixels wide; a photo at the top of a page should be at least 800 pixels wide, "
        "or it looks blurred on large screens: use a larger version of the picture if you have one"
    )
    assert width_warning(small, "share") is None
    assert width_warning(ImageInfo(format="png", width=500, height=500, byte_size=1), "share") == (
        "the image is only 500 pixels wide; a picture shown when the page is shared should be at least 600 pixels "
        "wide, or it looks blurred on large screens: use a larger version of the picture if you have one"
    )
    assert width_warning(ImageInfo(format="jpeg", width=800, height=600, byte_size=1), "entry") is None
    assert width_warning(ImageInfo(format="svg", width=10, height=10, byte_size=1), "entry") is None
