"""Print the next scheduled publication time from the report of `python build.py status --json`.

The pipelines print it at the end of every publishing run ("Next scheduled publication: 2024-05-03 09:00"),
so that whoever looks at a run sees when the next embargoed release will go live. Usage:

    python build.py status --json > status.json
    python deploy/next_publication.py status.json

It reads the report's top-level "next_publication": "YYYY-MM-DD HH:MM" (Finnish time), or null when nothing
is scheduled. It prints "none" for null and "unknown" for a report it cannot read, and always exits 0: a
missing report must never hold back a publication. Standard library only.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def next_publication(text: str) -> str:
    """The time the report names, "none" when it names none, "unknown" when the report is not one."""
    try:
        report = json.loads(text)
    except ValueError:
        return "unknown"
    if not isinstance(report, dict) or "next_publication" not in report:
        return "unknown"
    value = report["next_publication"]
    return value if isinstance(value, str) and value else "none"


def main(argv: list[str]) -> int:
    """Print the next publication time of the report in the file named."""
    try:
        text = Path(argv[0]).read_text(encoding="utf-8") if argv else sys.stdin.read()
    except OSError:
        text = ""
    print(next_publication(text))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
