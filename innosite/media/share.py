"""Share images (og:image): 1200 x 630 JPEG, the size and 1.91:1 aspect Facebook, LinkedIn and X recommend.

Decisions:
- Crop, then pad. A photo is cropped to 1.91:1 when that takes at most `MAX_CROP` (30 %) of its height or width,
  which covers 4:3, 3:2 and 16:9 photos whole. A squarer or taller picture (a portrait, a poster) loses that 30 %
  and is padded at the sides; a panorama wider than about 2.7:1 loses 30 % of its width and is padded above and
  below. Padding is the brand colour (`BRAND`), or white for a picture with transparency (a logo), which is
  flattened on white as well.
- Where the crop falls: centred across; up and down a third of the cut from the top and two thirds from the
  bottom, as heads are in the upper half of most press photos.
- A picture narrower than the frame is enlarged to fill it: the share image always has the recommended size, and
  the platforms show it smaller than that anyway (a warning tells staff about small sources, see `width_warning`).
- SVG is never a share image: the platforms do not show SVG, and drawing one needs a renderer (cairosvg or a
  browser) with system libraries this project does not take on. An entry whose image is an SVG gets the site's
  default share image instead, and staff are told (`SVG_SHARE`).
- An animated GIF gives its first frame.
- The default share image of a language is drawn from a site image (the programme's logo) centred on the brand
  colour, with an optional line of text, white or dark, whichever reads better on the colour. Text is drawn in a
  font file given from the content or in Pillow's bundled font, never a system font, so the bytes are the same on
  every machine. Pillow's bundled font (Aileron, cut down) lacks even å, ä and ö: "Innostäderna" needs a font
  file, and the simplest default share image is a logo that has the name in it, with no text.
"""

from __future__ import annotations

import io

from PIL import Image, ImageColor, ImageDraw, ImageFont

from innosite.media.pixels import UnusableImage
from innosite.media.probe import is_svg, pixels_of
from innosite.media.recipe import BRAND, MAX_CROP, SHARE_JPEG, SHARE_SIZE

SVG_SHARE = (
    "an SVG drawing cannot be the picture shown when the page is shared (Facebook, LinkedIn and X do not show SVG): "
    "the site's default share image is used; for a picture of its own, give a PNG or JPEG version"
)
"""Why an SVG entry image gets the default share image: the message for staff (a warning, as the page is fine)."""
_SNAP = 3
"""A fitted picture within this many pixels of the frame fills it (a stretch under half a percent, no thin bars)."""
_INK, _WHITE = (0x17, 0x21, 0x2B), (255, 255, 255)


def share_image(data: bytes, background: str = BRAND) -> bytes:
    """The og:image for a page whose image is `data`: a 1200 x 630 JPEG, cropped and padded as the module tells.
    UnusableImage for an SVG (`SVG_SHARE`) or bytes that are no usable image."""
    if is_svg(data):
        raise UnusableImage(SVG_SHARE)
    pixels = pixels_of(data, width=SHARE_SIZE[0])
    fill = _colour(background)
    if pixels.mode == "RGBA":
        fill = _WHITE
        pixels = _flattened(pixels, fill)
    frame = Image.new("RGB", SHARE_SIZE, fill)
    cropped = pixels.crop(_crop_box(pixels.size, SHARE_SIZE[0] / SHARE_SIZE[1]))
    fitted = cropped.resize(_fitted(cropped.size, SHARE_SIZE), Image.Resampling.LANCZOS, reducing_gap=2.0)
    frame.paste(fitted, ((SHARE_SIZE[0] - fitted.width) // 2, (SHARE_SIZE[1] - fitted.height) // 2))
    return _jpeg(frame)


def _crop_box(size: tuple[int, int], aspect: float) -> tuple[int, int, int, int]:
    """The part of a picture of this size kept for a frame of this aspect: at most MAX_CROP of a side cut off."""
    width, height = size
    if width / height < aspect:  # too tall: cut from the height, a third of it above and two thirds below
        kept = max(round(width / aspect), round(height * (1 - MAX_CROP)))
        top = (height - kept) // 3
        return (0, top, width, top + kept)
    kept = max(round(height * aspect), round(width * (1 - MAX_CROP)))  # too wide: cut from both sides alike
    left = (width - kept) // 2
    return (left, 0, left + kept, height)


def _fitted(size: tuple[int, int], frame: tuple[int, int]) -> tuple[int, int]:
    """The size of a picture scaled to fit inside the frame; a side within _SNAP pixels of the frame's takes it."""
    scale = min(frame[0] / size[0], frame[1] / size[1])
    width, height = (max(1, round(side * scale)) for side in size)
    if frame[0] - width <= _SNAP:
        width = frame[0]
    if frame[1] - height <= _SNAP:
        height = frame[1]
    return width, height


def _flattened(pixels: Image.Image, fill: tuple[int, int, int]) -> Image.Image:
    """A see-through picture laid on a solid colour."""
    ground = Image.new("RGBA", pixels.size, (*fill, 255))
    return Image.alpha_composite(ground, pixels).convert("RGB")


def default_share_image(
    logo: bytes | None, colour: str = BRAND, text: str | None = None, font: bytes | None = None
) -> bytes:
    """A language's default og:image: the logo (a raster image; never enlarged) centred on `colour`, with `text`
    (the site's name in that language) below it, in `font` (a TrueType or OpenType file from the content) or else
    in Pillow's bundled font. UnusableImage for an SVG logo, a colour that is none, or text the font cannot draw."""
    fill = _colour(colour)
    frame = Image.new("RGB", SHARE_SIZE, fill)
    margin = 60
    block = _text_block(text, fill, SHARE_SIZE[0] - 2 * margin, font) if text else None
    room_height = SHARE_SIZE[1] - 2 * margin - (block.height + margin // 2 if block else 0)
    if logo is not None:
        picture = _logo(logo, fill, (SHARE_SIZE[0] - 2 * margin, room_height))
        frame.paste(picture, ((SHARE_SIZE[0] - picture.width) // 2, margin + (room_height - picture.height) // 2))
    if block is not None:
        top = SHARE_SIZE[1] - margin - block.height if logo is not None else (SHARE_SIZE[1] - block.height) // 2
        frame.paste(block, ((SHARE_SIZE[0] - block.width) // 2, top))
    return _jpeg(frame)


def _logo(data: bytes, fill: tuple[int, int, int], room: tuple[int, int]) -> Image.Image:
    """The logo's pixels on the colour, made smaller to fit the room if need be (never larger)."""
    if is_svg(data):
        raise UnusableImage("an SVG logo cannot be drawn into the default share image: give a PNG version of the logo")
    pixels = pixels_of(data, width=room[0])
    if pixels.mode == "RGBA":
        pixels = _flattened(pixels, fill)
    if pixels.width > room[0] or pixels.height > room[1]:
        size = _fitted(pixels.size, room)
        pixels = pixels.resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0)
    return pixels


def _text_block(text: str, fill: tuple[int, int, int], width: int, font_file: bytes | None) -> Image.Image:
    """The text on the colour, as large as fits the width (from 64 px down to 28 px)."""
    size = 64
    font = _font(font_file, size)
    lacking = sorted({ch for ch in text if not ch.isspace() and _lacks(font, ch)})
    if lacking:
        whose = "the font given" if font_file else "Pillow's bundled font, which has only basic Latin letters"
        raise UnusableImage(
            f'the text "{text}" has letters {_quoted(lacking)} that {whose} cannot draw: '
            "give a font file that has them, or leave the text out (a logo with the name in it does the same)"
        )
    measure = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    while size > 28 and measure.textlength(text, font=font) > width:
        size -= 4
        font = _font(font_file, size)
    left, top, right, bottom = font.getbbox(text)
    if right - left > width:
        raise UnusableImage(f'the text "{text}" is too long for the default share image: keep it to about 60 letters')
    block = Image.new("RGB", (int(right - left), int(bottom - top)), fill)
    ImageDraw.Draw(block).text((-left, -top), text, font=font, fill=_readable_on(fill))
    return block


def _font(font_file: bytes | None, size: int) -> ImageFont.FreeTypeFont:
    """The font at this size: the one given, else Pillow's bundled Aileron (never a font of the system); laid out
    by FreeType alone (Pillow's basic layout), as Raqm, where there is one, comes from the system."""
    if font_file is None:
        font = ImageFont.load_default(size=size)
        if not isinstance(font, ImageFont.FreeTypeFont):  # pragma: no cover - Pillow's wheels include FreeType
            raise UnusableImage("this Pillow has no FreeType to draw text: leave the text out")
        return font
    try:
        return ImageFont.truetype(io.BytesIO(font_file), size, layout_engine=ImageFont.Layout.BASIC)
    except OSError:
        raise UnusableImage("the font file cannot be read: give a TrueType (.ttf) or OpenType (.otf) font") from None


_NO_SUCH_LETTER = "\U0010fffd"
"""A private-use code point no font has: what a font draws for a letter it lacks looks like this."""


def _lacks(font: ImageFont.FreeTypeFont, letter: str) -> bool:
    """True when the font draws its 'missing letter' box for this letter."""
    return bytes(font.getmask(letter)) == bytes(font.getmask(_NO_SUCH_LETTER)) and letter != _NO_SUCH_LETTER


def _quoted(letters: list[str]) -> str:
    return ", ".join(f'"{letter}"' for letter in letters)


def _readable_on(fill: tuple[int, int, int]) -> tuple[int, int, int]:
    """White or the site's dark ink, whichever has the higher contrast ratio on the colour (WCAG's formula)."""

    def luminance(rgb: tuple[int, int, int]) -> float:
        channels = [c / 255 for c in rgb]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    ground = luminance(fill)
    on_white = (1.05) / (ground + 0.05)
    on_ink = (ground + 0.05) / (luminance(_INK) + 0.05)
    return _WHITE if on_white >= on_ink else _INK


def _colour(value: str) -> tuple[int, int, int]:
    """An (r, g, b) from a CSS-style colour ('#003b73', 'navy'); UnusableImage for anything else."""
    try:
        rgb = ImageColor.getrgb(value)
    except ValueError:
        raise UnusableImage(f'"{value}" is not a colour: write it as #rrggbb, for example #003b73') from None
    return rgb[:3]


def _jpeg(frame: Image.Image) -> bytes:
    out = io.BytesIO()
    frame.save(out, "JPEG", **SHARE_JPEG)
    return out.getvalue()
