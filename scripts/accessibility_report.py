"""axe-core on every page of a built site and the Nu Html Checker over all of it: counts and timings.

Usage: python scripts/accessibility_report.py [--content DIR]
The browser tests check one page of every type; this checks every page (slower).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import open_page  # noqa: E402
from tests.browser.harness import built_example, chromium, serve  # noqa: E402
from tests.browser.test_axe import violations  # noqa: E402
from tests.browser.test_html_validity import VNU  # noqa: E402


def html_pages(site: Path) -> list[str]:
    """Every HTML page but the redirects of aliases, as URL paths."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        if b'http-equiv="refresh"' in path.read_bytes():
            continue
        rel = path.relative_to(site).as_posix()
        pages.append(rel.removesuffix("index.html"))
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    args = parser.parse_args(argv)
    with built_example(args.content) as site:
        started = time.perf_counter()
        done = subprocess.run(
            [shutil.which("java") or "java", "-jar", str(VNU), "--skip-non-html", "--format", "json", str(site)],
            capture_output=True, text=True,
        )  # fmt: skip
        kinds = Counter(
            m["type"] if m["type"] != "info" else m.get("subType", "info") for m in json.loads(done.stderr)["messages"]
        )
        checked = len(list(site.rglob("*.html")))
        print(
            f"Nu Html Checker: {checked} files, {dict(kinds) or 'no messages'} in {time.perf_counter() - started:.1f} s"
        )
        pages = html_pages(site)
        found: list[str] = []
        started = time.perf_counter()
        with serve(site) as base, chromium() as browser:
            tab = browser.new_page()
            for path in pages:
                open_page(tab, base + path)
                found += [f"{path}: {line}" for line in violations(tab)]
        print(
            f"axe-core (WCAG 2.0/2.1 A, AA): {len(pages)} pages, {len(found)} violations "
            f"in {time.perf_counter() - started:.1f} s"
        )
        for line in found:
            print("  " + line)
    return 1 if found or kinds.get("error") else 0


if __name__ == "__main__":
    raise SystemExit(main())
