"""Turn the `path:line: message` lines of `python build.py check` into a GitLab Code Quality report.

GitLab shows the report's findings in the merge request (artifacts: reports: codequality). The report is the
Code Climate JSON subset GitLab reads: description, check_name, fingerprint, severity, location.path and
location.lines.begin. Usage, as the GitLab pipeline runs it:

    python build.py check 2> check-problems.txt
    python deploy/codequality.py < check-problems.txt > gl-code-quality-report.json

Lines that are not problems (the closing "N error(s): ..." line, progress) are left out. Standard library
only, so that it runs before or without the generator's own dependencies.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PATTERN = re.compile(r"^([^:\s][^:]*[/.][^:]*?)(?::([0-9]+))?: (?:(warning): )?(.*)$", re.ASCII)
"""One problem line: path (it has a / or a . in it, so that "3 error(s): ..." is not one), optional line,
optional "warning: ", message. deploy/github/innosite-problem-matcher.json holds the same expression."""

SEVERITY = {"error": "blocker", "warning": "minor"}
"""An error holds back the whole build (nothing is published); a warning does not."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem as the generator printed it."""

    path: str
    line: int
    kind: str
    message: str


def parse(text: str) -> Problem | None:
    """The problem on one line of the check's output, or None for any other line."""
    match = PATTERN.match(text.rstrip("\r\n"))
    if match is None:
        return None
    path, line, warning, message = match.groups()
    return Problem(path, int(line) if line else 0, "warning" if warning else "error", message)


def fingerprint(problem: Problem, occurrence: int) -> str:
    """A stable id of the finding: its file, kind and message, not its line, so that moving text does not make
    GitLab report it as new; the occurrence number keeps two equal findings in one file apart."""
    key = "\0".join((problem.path, problem.kind, problem.message, str(occurrence)))
    return hashlib.md5(key.encode("utf-8"), usedforsecurity=False).hexdigest()


def report(lines: Iterable[str]) -> list[dict]:
    """The Code Quality findings of the problem lines, in the order printed."""
    seen: dict[tuple[str, str, str], int] = {}
    findings = []
    for problem in filter(None, map(parse, lines)):
        key = (problem.path, problem.kind, problem.message)
        seen[key] = seen.get(key, 0) + 1
        findings.append(
            {
                "description": problem.message,
                "check_name": f"innosite-{problem.kind}",
                "fingerprint": fingerprint(problem, seen[key]),
                "severity": SEVERITY[problem.kind],
                "location": {"path": problem.path, "lines": {"begin": problem.line or 1}},
            }
        )
    return findings


def main(argv: list[str]) -> int:
    """Read the problem lines from the files named (or standard input), write the report to standard output."""
    if argv:
        text = "".join(Path(name).read_text(encoding="utf-8", errors="replace") for name in argv)
        lines = text.splitlines()
    else:
        lines = list(sys.stdin)
    sys.stdout.write(json.dumps(report(lines), ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
