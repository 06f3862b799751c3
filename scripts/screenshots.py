"""Screenshots of the example site for the README: home, a press release (in Finnish and in English, for its
dates) and a city's page (with its feed link), phone and desktop.

Usage: python scripts/screenshots.py [--full] [--pages NAME ...]
Builds content/ into a temporary folder, serves it on 127.0.0.1 and photographs
it with Debian's Chromium into docs/screenshots/ (--full: whole pages; --pages:
only these of PAGES).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.harness import built_example, chromium, serve  # noqa: E402

PAGES = {
    "home": "fi/",
    "release": "fi/tiedotteet/kaupungit-ottavat-vetovastuuta-innovaatioekosysteemien-vahvistamisessa/",
    "release-en": "en/press-releases/"
    "cities-take-lead-responsibility-for-strengthening-innovation-ecosystems-in-finland/",
    "term": "fi/kaupungit/tampere/",
}
SIZES = {"phone": (390, 844), "desktop": (1280, 900)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="photograph whole pages, not the first screen")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--pages", nargs="+", choices=sorted(PAGES), default=sorted(PAGES), help="which pages")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with built_example() as site, serve(site) as base, chromium() as browser:
        for size_name, (width, height) in SIZES.items():
            context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
            page = context.new_page()
            for page_name, path in PAGES.items():
                if page_name not in args.pages:
                    continue
                page.goto(base + path)
                target = args.out / f"{page_name}-{size_name}.png"
                page.screenshot(path=str(target), full_page=args.full)
                print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
            context.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
