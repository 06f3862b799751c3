"""stripped_original: the journalist's download keeps the photographer's pixels and loses the camera's metadata."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops

from innosite.media import Original, UnusableImage, stripped_original
from innosite.media.original import orientation_exif
from tests.media.clean import metadata_in
from tests.media.conftest import camera_exif, jpeg_segment, photo, save, with_segments


def same_pixels(a: bytes, b: bytes) -> bool:
    """Decoded alike, frame by frame (the first frame of an animation and every frame after)."""
    first, second = Image.open(io.BytesIO(a)), Image.open(io.BytesIO(b))
    frames = getattr(first, "n_frames", 1)
    if frames != getattr(second, "n_frames", 1):
        return False
    for index in range(frames):
        first.seek(index)
        second.seek(index)
        if ImageChops.difference(first.convert("RGBA"), second.convert("RGBA")).getbbox() is not None:
            return False
    return True


def test_a_phone_photo_keeps_its_pixels_profile_and_orientation_alone(camera_jpeg: bytes) -> None:
    original = stripped_original(camera_jpeg)
    assert original == Original(format="jpeg", width=900, height=1200, data=original.data)
    assert original.suffix == "jpg"
    assert same_pixels(original.data, camera_jpeg)
    image = Image.open(io.BytesIO(original.data))
    assert dict(image.getexif()) == {0x0112: 6}, "only the orientation stays, or the photo would lie on its side"
    assert "icc_profile" in image.info, "the colour profile is part of the picture"
    assert [m for m in metadata_in(original.data) if not m.startswith(("b'Exif'", "EXIF", "info['exif']"))] == []
    assert b"ftypmp42" not in original.data, "nothing after the image's end"
    assert original.data.endswith(b"\xff\xd9")
    assert original.byte_size < len(camera_jpeg)


def test_an_upright_jpeg_keeps_no_exif_at_all(big_photo: bytes) -> None:
    original = stripped_original(big_photo)
    assert (original.width, original.height) == (4000, 3000)
    assert metadata_in(original.data) == []
    assert same_pixels(original.data, big_photo)


def test_a_progressive_jpeg_with_restart_markers_and_a_thumbnail() -> None:
    data = save(photo((640, 480)), "JPEG", quality=85, progressive=True, restart_marker_blocks=4)
    jfif_with_thumbnail = b"JFIF\x00\x01\x01\x00\x00\x48\x00\x48\x02\x01" + b"\x10\x20\x30" * 2
    data = with_segments(
        data,
        jpeg_segment(0xE0, jfif_with_thumbnail),
        jpeg_segment(0xFE, b"Secret comment"),
        jpeg_segment(0xE1, b"Exif\x00\x00" + b"MM"),
    )
    original = stripped_original(data)
    assert same_pixels(original.data, data)
    assert metadata_in(original.data) == []
    assert b"\x10\x20\x30" not in original.data


def test_a_cmyk_jpeg_keeps_adobes_marker_and_its_colours(cmyk_jpeg: bytes) -> None:
    original = stripped_original(cmyk_jpeg)
    assert b"Adobe" in original.data
    assert same_pixels(original.data, cmyk_jpeg)
    assert Image.open(io.BytesIO(original.data)).mode == "CMYK"


def test_a_png_loses_its_text_xmp_and_time(tall_png: bytes) -> None:
    original = stripped_original(tall_png)
    assert (original.format, original.width, original.height) == ("png", 600, 1800)
    assert same_pixels(original.data, tall_png)
    assert metadata_in(original.data) == []
    assert b"tIME" not in original.data and b"tEXt" not in original.data and b"iTXt" not in original.data


def test_a_png_keeps_its_transparency(alpha_png: bytes) -> None:
    original = stripped_original(alpha_png)
    assert same_pixels(original.data, alpha_png)
    assert Image.open(io.BytesIO(original.data)).mode == "RGBA"


def test_a_turned_png_gets_its_orientation_alone() -> None:
    data = save(photo((300, 200)), "PNG", exif=camera_exif(8))
    original = stripped_original(data)
    assert (original.width, original.height) == (200, 300)
    assert dict(Image.open(io.BytesIO(original.data)).getexif()) == {0x0112: 8}
    assert same_pixels(original.data, data)


def test_a_webp_loses_exif_and_xmp(webp_with_metadata: bytes) -> None:
    original = stripped_original(webp_with_metadata)
    assert (original.format, original.width, original.height) == ("webp", 1000, 750)
    assert same_pixels(original.data, webp_with_metadata)
    assert metadata_in(original.data) == []
    assert original.data[12:16] == b"VP8X" and original.data[20] & 0x0C == 0, "no EXIF or XMP flag left"


def test_a_turned_webp_keeps_only_its_orientation() -> None:
    data = save(photo((300, 200)), "WEBP", quality=80, exif=camera_exif(6))
    original = stripped_original(data)
    assert dict(Image.open(io.BytesIO(original.data)).getexif()) == {0x0112: 6}
    assert same_pixels(original.data, data)


def test_an_animated_gif_stays_animated_without_its_comment_and_xmp(animated_gif: bytes) -> None:
    original = stripped_original(animated_gif)
    assert (original.format, original.width, original.height) == ("gif", 300, 200)
    assert same_pixels(original.data, animated_gif)
    assert metadata_in(original.data) == []
    assert b"NETSCAPE2.0" in original.data, "it still loops"


def test_a_svg_is_published_as_it_is(svg: bytes) -> None:
    assert stripped_original(svg) == Original(format="svg", width=120, height=80, data=svg)


def test_an_avif_becomes_a_lossless_png() -> None:
    pytest.importorskip("PIL.AvifImagePlugin")
    data = save(photo((320, 240)), "AVIF", quality=90, exif=camera_exif(1))
    original = stripped_original(data)
    assert (original.format, original.width, original.height) == ("png", 320, 240)
    assert same_pixels(original.data, save(Image.open(io.BytesIO(data)).convert("RGB"), "PNG"))
    assert metadata_in(original.data) == []


def test_the_orientation_block_is_small_and_fixed() -> None:
    assert orientation_exif(1) == b""
    assert (
        orientation_exif(6)
        == b"MM\x00*\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00\x00\x00\x00\x00"
    )


@pytest.mark.parametrize("fixture", ["pdf_named_jpg", "truncated_jpeg", "huge_png"])
def test_what_is_no_usable_image_is_refused(fixture: str, request: pytest.FixtureRequest) -> None:
    with pytest.raises(UnusableImage):
        stripped_original(request.getfixturevalue(fixture))
