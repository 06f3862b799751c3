"""Installed like its peers: the built wheel, in a new virtual environment, builds a content folder anywhere."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from this source tree, once for the tests that read or install it."""
    into = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(into), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return next(into.glob("innosite-*.whl"))


def test_the_wheel_carries_the_templates_and_catalogs(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "innosite/templates/base.html" in names
    assert "innosite/locales/sv/LC_MESSAGES/messages.po" in names
    assert not [name for name in names if name.startswith(("tests/", "content/", "bench/"))]


def test_the_installed_command_builds_the_example_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    # --no-compile: the dependencies' modules are compiled when first imported, not all of them now (half the time)
    pip = subprocess.run(
        [venv / "bin" / "pip", "install", "-q", "--no-compile", str(wheel)], capture_output=True, text=True
    )
    assert pip.returncode == 0, pip.stderr[-2000:]
    work = tmp_path / "elsewhere"
    shutil.copytree(EXAMPLE, work / "content")
    command = venv / "bin" / "innosite"
    built = subprocess.run([command, "build"], cwd=work, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr[-2000:]
    assert built.stdout.splitlines()[-1].startswith("Built ") and " pages into site " in built.stdout
    assert (work / "site" / "sv" / "index.html").is_file()
    assert (work / "site" / "pagefind").is_dir()
    usage = subprocess.run([command, "--help"], cwd=work, capture_output=True, text=True).stdout
    assert usage.startswith("usage: innosite ")
