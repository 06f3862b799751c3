"""Builds in a process where file permissions apply: for tests with an unreadable file or a read-only folder.

The tests run as root on CI, and root reads and writes whatever the permissions say. So as root a build runs
without the two capabilities that override them (`setpriv` of util-linux drops them from its bounding set):
`chmod 000` stops it as it stops anyone else. Other users run it as it is.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

BUILD_PY = Path(__file__).resolve().parent.parent / "build.py"


@dataclass
class Finished:
    code: int
    out: str
    err: str


def obeying_permissions(command: list[str]) -> list[str]:
    """The command, run so that file permissions stop it as they stop any user."""
    if os.geteuid() != 0:
        return command
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--", *command]


def build_process(cwd: Path, *args: str, env: dict[str, str] | None = None) -> Finished:
    """`python build.py ARGS` in cwd, in its own process where file permissions apply."""
    command = obeying_permissions([sys.executable, str(BUILD_PY), *args])
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300, env=env)
    return Finished(result.returncode, result.stdout, result.stderr)
