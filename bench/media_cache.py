"""The image cache's upkeep, measured: `python -m bench.media_cache [PHOTOS]` (default 1,000).

Fills a scratch image cache as a site of PHOTOS photos leaves it (a description and six files each, the files a
few bytes: only their number matters), then times, best of seven, what the image step of an edit's build does
with it: reading every description (speed/images.py, done anyway) and the upkeep added to it (taking the cache's
lock, listing the recipe's folder, removing nothing: speed/media_cache.py). Wall-clock milliseconds; run it alone.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from innosite.pages.images import Made, Processed
from innosite.speed.images import _described, _store
from innosite.speed.media_cache import clean_media, use_media

RECIPE = "0123456789abcdef"


def filled(media: Path, photos: int) -> tuple[list[str], set[str]]:
    """A cache of this many photos' descriptions and files; (description names, file hashes)."""
    names, files = [], set()
    for photo in range(photos):
        blobs = {hashlib.sha256(f"{photo}-{n}".encode()).hexdigest(): f"{photo}-{n}".encode() for n in range(6)}
        made = [Made("webp", 480, 320, len(data), sha) for sha, data in blobs.items()]
        name = f"{hashlib.sha256(str(photo).encode()).hexdigest()}-share"
        _store(media / RECIPE, name, Processed(made[0], tuple(made[1:5]), made[5]), blobs)
        names.append(name)
        files |= set(blobs)
    return names, files


def best_ms(work: Callable[[], object], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def upkeep(media: Path, names: set[str], files: set[str]) -> None:
    use = use_media(media)
    assert use is not None and use.alone
    clean_media(media, RECIPE, names, files)
    use.release()


def main(args: list[str]) -> int:
    photos = int(args[0]) if args else 1000
    with tempfile.TemporaryDirectory() as scratch:
        media = Path(scratch) / "media"
        names, files = filled(media, photos)
        read = best_ms(lambda: [_described(media / RECIPE, name) for name in names])
        kept = best_ms(lambda: upkeep(media, set(names), files))
    print(f"{photos} photos ({photos * 7} files): reading the descriptions {read:.1f} ms, the upkeep {kept:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
