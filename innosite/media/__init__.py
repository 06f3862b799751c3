"""Images: what a file really is, the sizes a page offers, the cleaned original for journalists, share images,
and the data of a `<picture>` element. Pure functions from bytes to bytes and values (Pillow); nothing here reads
or writes files. The layering allows it to import innosite.problems and innosite.model only.

Every image published through here has no EXIF, GPS, XMP, IPTC or comment data; the same bytes in give the same
bytes out (see `recipe.recipe_key` for the cache).
"""

from innosite.media.original import Original, original_format, stripped_original
from innosite.media.picture import ENTRY_SIZES, TEXT_SIZES, Picture, Source, drawing, picture
from innosite.media.pixels import UnusableImage
from innosite.media.probe import ImageInfo, probe, width_warning
from innosite.media.recipe import recipe_key
from innosite.media.share import SVG_SHARE, default_share_image, share_image
from innosite.media.variants import Variant, chosen_widths, variants

__all__ = [
    "ENTRY_SIZES",
    "SVG_SHARE",
    "TEXT_SIZES",
    "ImageInfo",
    "Original",
    "Picture",
    "Source",
    "UnusableImage",
    "Variant",
    "chosen_widths",
    "default_share_image",
    "original_format",
    "drawing",
    "picture",
    "probe",
    "recipe_key",
    "share_image",
    "stripped_original",
    "variants",
    "width_warning",
]
