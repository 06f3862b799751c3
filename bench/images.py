"""Image processing, measured: `python -m bench.images [PHOTO ...]`.

Times the work done for one source photo (probe, the variants, the journalists' original, the share image) and
tells the size of each output and what a visitor's browser downloads for the photo of a release page, given the
`sizes` attribute and the widths made. Without arguments it makes a 4000 x 3000 camera JPEG (quality 92) of a
gradient, shapes and noise at four scales; give real photos for real figures. Run it alone
(the machine's other work shows in the times); times are the best of three runs, in processor seconds.
"""

from __future__ import annotations

import io
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw

from innosite.media import ENTRY_SIZES, probe, share_image, stripped_original, variants
from innosite.media.variants import Variant

DEVICES = (
    ("phone 360 px at 2x", 360, 2.0),
    ("phone 390 px at 3x", 390, 3.0),
    ("tablet 768 px at 2x", 768, 2.0),
    ("laptop 1366 px at 1x", 1366, 1.0),
    ("desktop 1440 px at 2x", 1440, 2.0),
)


def camera_photo(size: tuple[int, int] = (4000, 3000)) -> bytes:
    """A stand-in for a camera JPEG: a gradient, two shapes and noise at four scales (fine grain to blotches, so
    that detail survives resizing as in a photo), saved at quality 92."""
    width, height = size
    gradient = Image.linear_gradient("L").resize(size)
    picture = Image.merge("RGB", (gradient, gradient.transpose(Image.Transpose.ROTATE_90).resize(size), gradient))
    draw = ImageDraw.Draw(picture)
    draw.ellipse((width // 4, height // 5, width // 2, height // 2), fill=(200, 150, 120))
    draw.rectangle((width // 2, height // 2, width * 7 // 8, height * 9 // 10), fill=(40, 70, 110))
    chance = random.Random(1)
    for scale, share in ((64, 0.35), (16, 0.25), (4, 0.15), (1, 0.06)):
        small = (max(1, width // scale), max(1, height // scale))
        noise = Image.frombytes("RGB", small, chance.randbytes(small[0] * small[1] * 3))
        picture = Image.blend(picture, noise.resize(size, Image.Resampling.BICUBIC), share)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=92)
    return out.getvalue()


def best_of(runs: int, work: Callable[[], object]) -> tuple[float, object]:
    """The least processor time of a few runs, and the last result."""
    times, result = [], None
    for _ in range(runs):
        start = time.process_time()
        result = work()
        times.append(time.process_time() - start)
    return min(times), result


def slot_width(viewport: int, sizes: str = ENTRY_SIZES) -> float:
    """The CSS width `sizes` gives the image at this viewport width (the forms ENTRY_SIZES uses)."""
    for rule in sizes.split(", "):
        condition, _, length = rule.rpartition(") ")
        if condition and viewport < float(condition.split(": ")[1].removesuffix("rem")) * 16:
            continue
        length = length if condition else rule
        if length.startswith("calc(100vw - "):
            return viewport - float(length.removeprefix("calc(100vw - ").removesuffix("rem)")) * 16
        return float(length.removesuffix("rem")) * 16
    raise ValueError(sizes)


def chosen(webp: list[Variant], viewport: int, density: float) -> Variant:
    """The candidate a browser picks: the narrowest at least as wide as the slot in device pixels, else the widest."""
    need = slot_width(viewport) * density
    return next((v for v in webp if v.width >= need), webp[-1])


def report(name: str, data: bytes) -> None:
    info = probe(data, name)
    print(f"\n{name}: {len(data) / 1e6:.2f} MB, {info if isinstance(info, str) else f'{info.width} x {info.height}'}")
    if isinstance(info, str):
        return
    for label, work in (
        ("probe", lambda: probe(data, name)),
        ("variants (4 WebP + 1 JPEG)", lambda: variants(data)),
        ("stripped original", lambda: stripped_original(data)),
        ("share image", lambda: share_image(data)),
    ):
        seconds, _ = best_of(3, work)
        print(f"  {label:<28} {seconds:6.2f} s")
    made = variants(data)
    for variant in made:
        print(f"  {variant.format:>4} {variant.width:>5} x {variant.height:<5} {variant.byte_size / 1024:7.1f} KB")
    print(f"  share image 1200 x 630       {len(share_image(data)) / 1024:7.1f} KB")
    print(f"  original (stripped)          {stripped_original(data).byte_size / 1024:7.1f} KB")
    webp = [v for v in made if v.format == "webp"]
    for label, viewport, density in DEVICES:
        pick = chosen(webp, viewport, density)
        slot = slot_width(viewport)
        print(f"  {label:<22} slot {slot:5.0f} px -> {pick.width}w, {pick.byte_size / 1024:6.1f} KB")


def main(args: list[str]) -> int:
    sources = [(Path(arg).name, Path(arg).read_bytes()) for arg in args] or [("camera 4000 x 3000", camera_photo())]
    for name, data in sources:
        report(name, data)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
