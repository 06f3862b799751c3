"""ms per page of pages/pagefind_fossick.py over a site's Finnish pages: `python bench/fossick_speed.py SITE [N]`."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from innosite.pages.pagefind_fossick import Fossicker, fossick
from innosite.pages.search import indexed_part


def main() -> None:
    """Read the first N indexed Finnish pages, then fossick them all, cold (a new Fossicker) and warm."""
    site = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    pages = []
    for path in sorted((site / "fi").rglob("index.html")):
        part = indexed_part(path.read_bytes())
        if part is not None:
            pages.append((path.relative_to(site).as_posix(), part.decode()))
        if len(pages) == count:
            break
    fossicker = Fossicker()
    for label in ("cold", "warm"):
        start = time.process_time()
        for path, html in pages:
            fossick(path, html, fossicker)
        spent = time.process_time() - start
        print(f"{label}: {len(pages)} pages, {1000 * spent / len(pages):.3f} ms per page (CPU)")


if __name__ == "__main__":
    main()
