"""The code checks CI runs, as tests (README's test command is all CI runs): lint, format, types.

Each fails with the tool's own output. The same checks run before a commit (.pre-commit-config.yaml)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The tool of this virtual environment, run in the repository."""
    command = shutil.which(tool, path=str(Path(sys.executable).parent)) or tool
    return subprocess.run([command, *args], cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_finds_nothing() -> None:
    """`ruff check .` (pyproject.toml's rules)."""
    result = _run("ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_is_formatted_as_ruff_formats_it() -> None:
    """`ruff format --check .`: run `ruff format .` to fix."""
    result = _run("ruff", "format", "--check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_no_type_error() -> None:
    """`mypy` on the package (pyproject.toml's [tool.mypy]); its cache in .mypy_cache, as mypy run by hand keeps it."""
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found"), result.stdout
