"""ms per page of pages/pagefind_fossick.py over a site's pages of one language (Finnish unless told):
`python bench/fossick_speed.py SITE [N] [LANG]`."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from innosite.pages.pagefind_fossick import Fossicker, fossick
from innosite.pages.search import indexed_part


def main() -> None:
    """Read the first N indexed pages of the language, then fossick them all, cold (a new Fossicker) and warm."""
    site = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    lang = sys.argv[3] if len(sys.argv) > 3 else "fi"
    pages = []
    cutting = 0.0
    for path in sorted((site / lang).rglob("index.html")):
        html = path.read_bytes()
        start = time.process_time()
        part = indexed_part(html)
        cutting += time.process_time() - start
        if part is not None:
            pages.append((path.relative_to(site).as_posix(), part.decode()))
        if len(pages) == count:
            break
    print(f"indexed_part: {1000 * cutting / len(pages):.3f} ms per indexed page (CPU)")
    fossicker = Fossicker()
    for label in ("cold", "warm"):
        start = time.process_time()
        for path, html in pages:
            fossick(path, html, fossicker)
        spent = time.process_time() - start
        print(f"{label}: {len(pages)} {lang} pages, {1000 * spent / len(pages):.3f} ms per page (CPU)")


if __name__ == "__main__":
    main()
