"""Share images: always a 1200 x 630 JPEG, cropped within reason and padded beyond it; never from an SVG."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageFont

from innosite.media import SVG_SHARE, UnusableImage, default_share_image, share_image
from tests.media.clean import metadata_in, near
from tests.media.conftest import photo, save

BRAND = (0x00, 0x3B, 0x73)
WHITE = (255, 255, 255)


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert (image.format, image.size, image.mode) == ("JPEG", (1200, 630), "RGB")
    assert not image.info.get("progressive")
    assert metadata_in(data) == []
    return image


def at(data: bytes, x: int, y: int) -> tuple[int, ...]:
    return Image.open(io.BytesIO(data)).convert("RGB").getpixel((x, y))


def test_a_landscape_photo_is_cropped_to_fill_the_frame(big_photo: bytes) -> None:
    data = share_image(big_photo)
    opened(data)
    edges = [at(data, x, y) for x, y in ((2, 315), (1197, 315), (600, 2), (600, 627))]
    assert not any(near(colour, BRAND, 6) for colour in edges), "no padding on any side"


def test_a_tall_picture_is_cropped_by_at_most_30_percent_and_padded_with_the_brand_colour(tall_png: bytes) -> None:
    data = share_image(tall_png)
    opened(data)
    # 600 x 1800 keeps 1260 rows (70 %), shown 300 x 630 in the middle: bars of 450 px each side
    assert near(at(data, 440, 315), BRAND, 6) and near(at(data, 760, 315), BRAND, 6)
    assert not near(at(data, 460, 315), BRAND, 6) and not near(at(data, 740, 315), BRAND, 6)


def test_a_portrait_phone_photo_keeps_the_top_more_than_the_bottom(camera_jpeg: bytes) -> None:
    data = share_image(camera_jpeg)
    opened(data)
    # upright 900 x 1200: red above, blue below; 840 rows kept (120 cut above, 240 below), shown 675 x 630
    assert near(at(data, 600, 3), (220, 30, 30), 30)
    assert near(at(data, 600, 626), (30, 30, 220), 30)
    assert near(at(data, 255, 315), BRAND, 6) and not near(at(data, 272, 315), BRAND, 6)


def test_a_panorama_is_padded_above_and_below() -> None:
    data = share_image(save(photo((4000, 1000)), "JPEG", quality=85))
    opened(data)
    # 4:1 keeps 2800 x 1000 (2.8:1), shown 1200 x 429: bars of 100 px above and below
    assert near(at(data, 600, 95), BRAND, 6) and near(at(data, 600, 535), BRAND, 6)
    assert not near(at(data, 600, 110), BRAND, 6)


def test_a_logo_with_transparency_is_laid_on_white(alpha_png: bytes) -> None:
    data = share_image(alpha_png)
    opened(data)
    assert near(at(data, 5, 5), WHITE, 4), "the see-through corner is white, not black"
    assert near(at(data, 600, 315), (230, 120, 20), 8)


def test_an_animated_gif_gives_its_first_frame(animated_gif: bytes) -> None:
    data = share_image(animated_gif)
    opened(data)
    assert near(at(data, 600, 315), (220, 0, 0), 12)


def test_a_small_picture_is_enlarged_to_the_recommended_size(one_pixel: bytes) -> None:
    data = share_image(one_pixel)
    opened(data)
    assert near(at(data, 600, 315), (10, 20, 30), 6)
    assert near(at(data, 100, 315), BRAND, 6)


def test_the_brand_colour_can_be_another(tall_png: bytes) -> None:
    assert near(at(share_image(tall_png, background="#1f7a5c"), 100, 315), (0x1F, 0x7A, 0x5C), 6)


def test_an_svg_is_never_a_share_image(svg: bytes) -> None:
    with pytest.raises(UnusableImage) as caught:
        share_image(svg)
    assert str(caught.value) == (
        "an SVG drawing cannot be the picture shown when the page is shared (Facebook, LinkedIn and X do not show SVG): "
        "the site's default share image is used; for a picture of its own, give a PNG or JPEG version"
    )
    assert str(caught.value) == SVG_SHARE


def test_a_pdf_is_no_share_image(pdf_named_jpg: bytes) -> None:
    with pytest.raises(UnusableImage, match="is not an image"):
        share_image(pdf_named_jpg)


def test_the_default_share_image_is_the_logo_on_the_brand_colour_with_the_name(alpha_png: bytes) -> None:
    data = default_share_image(alpha_png, "#003b73", "Innokaupungit")
    image = opened(data)
    assert near(at(data, 5, 5), BRAND, 6)
    bottom = image.crop((60, 480, 1140, 570)).convert("L")
    assert bottom.getextrema()[1] > 240, "the name is written in white below the logo"
    logo_left = next(x for x in range(1200) if not near(at(data, x, 200), BRAND, 10))
    assert 150 < logo_left < 450, "the logo (made smaller to fit above the text) is centred"


def test_dark_text_on_a_light_colour() -> None:
    data = default_share_image(None, "#eef3f8", "InnoCities")
    band = Image.open(io.BytesIO(data)).crop((60, 280, 1140, 350)).convert("L")
    assert band.getextrema()[0] < 60


def test_a_logo_alone_and_a_colour_alone(alpha_png: bytes) -> None:
    assert near(at(default_share_image(alpha_png, "#003b73"), 5, 5), BRAND, 6)
    plain = opened(default_share_image(None, "navy"))
    assert all(
        near(extremes, expected, 2)
        for extremes, expected in zip(plain.getextrema(), ((0, 0), (0, 0), (128, 128)), strict=True)
    )


def test_text_the_bundled_font_cannot_draw() -> None:
    with pytest.raises(UnusableImage) as caught:
        default_share_image(None, "#003b73", "Innostäderna – Innovativa städer")
    assert str(caught.value) == (
        'the text "Innostäderna – Innovativa städer" has letters "ä", "–" that Pillow\'s bundled font, which has only '
        "basic Latin letters cannot draw: give a font file that has them, or leave the text out (a logo with the "
        "name in it does the same)"
    )


def test_a_font_file_from_the_content_is_used() -> None:
    bundled = ImageFont.load_default(size=64).path  # Pillow's own font file, given as a file would be
    bundled.seek(0)
    font_file = bundled.read()
    assert default_share_image(None, "#003b73", "Innokaupungit", font=font_file) == default_share_image(
        None, "#003b73", "Innokaupungit"
    )
    with pytest.raises(UnusableImage, match="the font file cannot be read"):
        default_share_image(None, "#003b73", "Innokaupungit", font=b"not a font")


def test_a_long_text_shrinks_then_is_refused() -> None:
    assert opened(default_share_image(None, "#003b73", "Innovative Cities programme for sustainable growth"))
    with pytest.raises(UnusableImage, match="is too long for the default share image"):
        default_share_image(None, "#003b73", "Innovative Cities " * 6)


def test_a_colour_that_is_none() -> None:
    with pytest.raises(UnusableImage) as caught:
        default_share_image(None, "brand blue")
    assert str(caught.value) == '"brand blue" is not a colour: write it as #rrggbb, for example #003b73'


def test_an_svg_logo(svg: bytes) -> None:
    with pytest.raises(UnusableImage) as caught:
        default_share_image(svg, "#003b73")
    assert (
        str(caught.value) == "an SVG logo cannot be drawn into the default share image: give a PNG version of the logo"
    )
