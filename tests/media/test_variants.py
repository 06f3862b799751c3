"""variants: the sizes a page offers, upright, in sRGB, without a trace of the camera's metadata."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image

from innosite.media import UnusableImage, Variant, chosen_widths, variants
from tests.media.clean import colour_at, metadata_in, near
from tests.media.conftest import photo, save


def shapes(made: tuple[Variant, ...]) -> list[tuple[str, int, int]]:
    return [(v.format, v.width, v.height) for v in made]


def opened(variant: Variant) -> Image.Image:
    image = Image.open(io.BytesIO(variant.data))
    assert (image.format.lower(), image.size) == (variant.format, (variant.width, variant.height))
    return image


def test_widths_are_never_upscaled() -> None:
    assert chosen_widths(4000) == (480, 800, 1200, 1600)
    assert chosen_widths(1600) == (480, 800, 1200, 1600)
    assert chosen_widths(1000) == (480, 800, 1000)
    assert chosen_widths(850) == (480, 800)  # within a tenth of 800: no 850 beside it
    assert chosen_widths(300) == (300,)
    assert chosen_widths(1) == (1,)


def test_a_camera_photo(big_photo: bytes) -> None:
    made = variants(big_photo)
    assert shapes(made) == [
        ("webp", 480, 360),
        ("webp", 800, 600),
        ("webp", 1200, 900),
        ("webp", 1600, 1200),
        ("jpeg", 1200, 900),
    ]
    assert [v.file_name("kuva") for v in made][-2:] == ["kuva-1600.webp", "kuva-1200.jpg"]
    for variant in made:
        assert opened(variant).mode == "RGB"
        assert metadata_in(variant.data) == []
    jpeg = opened(made[-1])
    assert jpeg.info.get("progressive") == 1
    assert "icc_profile" not in jpeg.info


def test_a_phone_photo_is_turned_upright_and_loses_gps_xmp_iptc_comment_and_video(camera_jpeg: bytes) -> None:
    made = variants(camera_jpeg)
    assert shapes(made) == [("webp", 480, 640), ("webp", 800, 1067), ("webp", 900, 1200), ("jpeg", 900, 1200)]
    for variant in made:
        assert metadata_in(variant.data) == []
        assert b"ICC_PROFILE" not in variant.data and b"ftypmp42" not in variant.data
        assert near(colour_at(variant.data, (0.5, 0.02)), (220, 30, 30)), "the stored left half is now at the top"
        assert near(colour_at(variant.data, (0.5, 0.98)), (30, 30, 220))


def test_a_tall_png_gives_photos_variants(tall_png: bytes) -> None:
    made = variants(tall_png)
    assert shapes(made) == [("webp", 480, 1440), ("webp", 600, 1800), ("jpeg", 600, 1800)]
    assert all(metadata_in(v.data) == [] for v in made)


def test_transparency_is_kept_in_webp_and_a_png_fallback(alpha_png: bytes) -> None:
    made = variants(alpha_png)
    assert shapes(made) == [("webp", 480, 240), ("webp", 800, 400), ("png", 800, 400)]
    for variant in made:
        image = opened(variant)
        assert image.mode == "RGBA"
        assert image.getpixel((0, 0))[3] == 0, "a corner stays see-through"
        assert image.getpixel((image.width // 2, image.height // 2))[3] == 255


def test_an_rgba_png_without_a_see_through_pixel_gets_a_jpeg_fallback(opaque_rgba_png: bytes) -> None:
    assert shapes(variants(opaque_rgba_png))[-1] == ("jpeg", 900, 600)
    assert opened(variants(opaque_rgba_png)[0]).mode == "RGB"


def test_a_cmyk_jpeg_comes_out_in_rgb_with_its_colours(cmyk_jpeg: bytes) -> None:
    made = variants(cmyk_jpeg)
    assert shapes(made) == [("webp", 480, 288), ("webp", 800, 480), ("webp", 1000, 600), ("jpeg", 1000, 600)]
    for variant in made:
        assert opened(variant).mode == "RGB"
        assert near(colour_at(variant.data, (0.1, 0.5)), (0, 255, 255)), "cyan stays cyan"
        assert near(colour_at(variant.data, (0.9, 0.5)), (0, 0, 0)), "black stays black"


def test_an_animated_gif_gives_its_first_frame_still(animated_gif: bytes) -> None:
    made = variants(animated_gif)
    assert shapes(made) == [("webp", 300, 200), ("jpeg", 300, 200)]
    for variant in made:
        assert getattr(opened(variant), "n_frames", 1) == 1
        assert near(colour_at(variant.data, (0.5, 0.5)), (220, 0, 0))
        assert metadata_in(variant.data) == []


def test_a_webp_source_loses_its_exif_and_xmp(webp_with_metadata: bytes) -> None:
    made = variants(webp_with_metadata)
    assert shapes(made)[-2:] == [("webp", 1000, 750), ("jpeg", 1000, 750)]
    assert all(metadata_in(v.data) == [] for v in made)


def test_a_one_pixel_image_gets_nothing_larger(one_pixel: bytes) -> None:
    made = variants(one_pixel)
    assert shapes(made) == [("webp", 1, 1), ("jpeg", 1, 1)]


def test_sixteen_bit_grey_is_scaled_not_clipped(sixteen_bit_png: bytes) -> None:
    assert near(colour_at(variants(sixteen_bit_png)[0].data, (0.5, 0.5)), (128, 128, 128), 3)


def test_an_srgb_profile_changes_no_colour_and_a_broken_one_is_ignored() -> None:
    from tests.media.conftest import SRGB_ICC

    plain = Image.new("RGB", (64, 64), (200, 120, 40))
    for icc in (SRGB_ICC, b"not a profile at all"):
        made = variants(save(plain, "PNG", icc_profile=icc), fallback=None)
        assert near(colour_at(made[0].data, (0.5, 0.5)), (200, 120, 40), 4)
        assert b"ICC_PROFILE" not in made[0].data and b"ICCP" not in made[0].data


def test_webp_alone_when_asked(big_photo: bytes) -> None:
    assert [v.format for v in variants(big_photo, widths=(800,), fallback=None)] == ["webp"]


@pytest.mark.parametrize("fixture", ["pdf_named_jpg", "truncated_jpeg", "huge_png", "svg"])
def test_what_is_no_raster_image_is_refused(fixture: str, request: pytest.FixtureRequest) -> None:
    with pytest.raises(UnusableImage):
        variants(request.getfixturevalue(fixture))


def test_the_fixtures_do_carry_what_must_go(
    camera_jpeg: bytes, tall_png: bytes, webp_with_metadata: bytes, animated_gif: bytes
) -> None:
    """Otherwise the checks above would pass on nothing."""
    assert len(metadata_in(camera_jpeg)) >= 8
    assert {"b'Secret'", "b'<x:xmpmeta'", "info['Author']"} <= set(metadata_in(tall_png))
    assert {"b'EXIF'", "b'<x:xmpmeta'"} <= set(metadata_in(webp_with_metadata))
    assert any(found.startswith("EXIF {") and "34853" in found for found in metadata_in(webp_with_metadata))
    assert {"b'Secret'", "b'<x:xmpmeta'"} <= set(metadata_in(animated_gif))


def webp_at(source: bytes, quality: int) -> bytes:
    """The source's pixels (upright RGB already, no resizing) as WebP at this quality, as the recipe saves them."""
    out = io.BytesIO()
    Image.open(io.BytesIO(source)).convert("RGB").save(out, "WEBP", quality=quality, method=4)
    return out.getvalue()


@pytest.mark.parametrize(("grain", "quality"), [(0.1, 72), (0.16, 62), (0.4, 52)])
def test_fine_detail_everywhere_is_saved_at_a_lower_quality_to_stay_within_the_budget(
    grain: float, quality: int
) -> None:
    """The upper limit on what visitors download (0.15 bytes a pixel): grain weighs far more than a photo; the
    quality steps down until the file fits, and stops at 52 even if it still does not."""
    noise = Image.frombytes("RGB", (1600, 1200), random.Random(3).randbytes(1600 * 1200 * 3))
    source = save(Image.blend(photo((1600, 1200)), noise, grain), "PNG")
    assert len(webp_at(source, 82)) > 0.15 * 1600 * 1200
    assert variants(source, widths=(1600,), fallback=None)[0].data == webp_at(source, quality)


def test_a_photo_within_the_budget_is_saved_at_quality_82() -> None:
    source = save(photo((800, 600)), "PNG")
    made = variants(source, widths=(800,), fallback=None)[0]
    assert made.data == webp_at(source, 82)
    assert made.byte_size <= 0.15 * 800 * 600
