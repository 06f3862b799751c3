"""The layout stays readable: stages import only downwards, no cycles, small modules."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 400


def test_the_import_contracts_hold() -> None:
    """pyproject.toml's import-linter contracts: the layers of docs/architecture.md, and no import cycle."""
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    result = subprocess.run([command], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "2 kept, 0 broken" in result.stdout


def test_no_module_is_longer_than_the_house_limit() -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "innosite").rglob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
