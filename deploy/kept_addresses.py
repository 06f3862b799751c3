"""Refuse to deploy a site that would break an address the live site has: the safety net of the address record.

The build keeps every published address working (content/published-addresses.txt: an old address leads on to
the page's new one, a removed entry's shows a notice). The pipelines commit that file back after each build;
should a commit be lost (a push refused, a pipeline edited), the next build would not know an address that only
the lost commit recorded, and a visitor following it would get "not found". So the pipelines keep a copy of the
record of the site they last deployed (beside its digest) and, before deploying, check that the new site still
has a page at each of its addresses. Usage:

    python deploy/kept_addresses.py LAST-DEPLOYED-RECORD SITE-FOLDER

Exit 0 when every address has a page (or there is no copy yet: the first deployment), 1 with the addresses
missing and what to do. Standard library only.
"""

from __future__ import annotations

import sys
from pathlib import Path


def recorded(text: str) -> list[str]:
    """The lines of a record that name an address (not blank, not a comment)."""
    return [line.strip() for line in text.splitlines() if line.strip().startswith("/")]


def missing(lines: list[str], site: Path) -> list[str]:
    """The record lines whose address has no page in the built site (a folder address means its index.html)."""
    return [line for line in lines if not (site / line.split()[0].lstrip("/") / "index.html").is_file()]


def main(argv: list[str]) -> int:
    """Check the site against the record copy; print what is missing and exit 1, else exit 0."""
    if len(argv) != 2 or not Path(argv[1]).is_dir():
        print("usage: python deploy/kept_addresses.py LAST-DEPLOYED-RECORD SITE-FOLDER", file=sys.stderr)
        return 2
    record, site = Path(argv[0]), Path(argv[1])
    if not record.is_file():
        print("No record of the last deployment's addresses yet: nothing to compare with.")
        return 0
    lost = missing(recorded(record.read_text(encoding="utf-8", errors="replace")), site)
    if not lost:
        return 0
    print(
        f"Not deployed: {len(lost)} address(es) of the live site would stop working (the build no longer knows "
        "them, so content/published-addresses.txt in the repository lost lines the last deployment had):",
        file=sys.stderr,
    )
    for line in lost:
        print(line, file=sys.stderr)
    print(
        "Fix: add the lines above to content/published-addresses.txt as they are (anywhere: the next build sorts "
        "them), commit, and publish again. See docs/hosting.md, 'The record of published addresses'.",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
