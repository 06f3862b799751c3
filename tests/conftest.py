"""Shared fixtures: the tiny fixture site, copies of it to break, builds in-process."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from innosite.commands.cli import main
from innosite.output.records import Want
from tests import tools

settings.register_profile("repeatable", derandomize=True, database=None)
settings.load_profile("repeatable")
"""Property tests try the same examples on every run (a failure shows on every machine, CI included, not once
in a while); explore with `--hypothesis-profile=default` or another seed when changing the code they test."""

TESTS = Path(__file__).parent
TINY = TESTS / "sites" / "tiny" / "content"
EXAMPLE = TESTS.parent / "content"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


def pytest_collection_finish(session: pytest.Session) -> None:
    """Before any test runs: what the selected tests need outside Python is there, installed or named (tests/tools.py)."""
    tools.prepare(session)


@pytest.fixture(scope="session", autouse=True)
def language_model_read_once() -> Iterator[None]:
    """py3langid's model file decompressed once a run, not by every build in this process (0.4 s: most of a small one).

    The builds still load, restrict and let go of the model as a user's do (content/language.py); only the reading
    of the file is shared, its arrays read-only, so that a change to them fails rather than reaching the next test.
    Builds in other processes (worker processes, `build.py` as a command) read the file themselves."""
    import py3langid.langid as langid

    read = functools.cache(langid._load_model_file)

    def load(path: object) -> tuple:
        ptc, pc, classes, nextmove, row, output = read(Path(str(path)))
        for array in (ptc, pc):
            array.flags.writeable = False
        return ptc, pc, list(classes), nextmove, row, output

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(langid, "_load_model_file", load)
        yield


@dataclass
class Run:
    """What a command printed and returned."""

    code: int
    out: str
    err: str


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Run `python build.py ARGS` in-process, in a chosen folder (default: the test's tmp)."""

    def _run(*args: str, cwd: Path | None = None) -> Run:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return _run


@pytest.fixture
def site_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding a copy of the tiny site as content/; the cwd."""
    shutil.copytree(TINY, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def edit(site_dir: Path) -> Callable[[str, str | bytes | None], Path]:
    """Write (or, with None, delete) a file under the copied content/."""

    def _edit(rel: str, text: str | bytes | None) -> Path:
        path = site_dir / "content" / rel
        if text is None:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _edit


_MADE: dict[tuple[str, str], tuple[Any, dict[str, bytes]]] = {}
"""What images_made_once has made, by the image step's name for the task and the hash of the source's bytes."""


@contextlib.contextmanager
def images_made_once() -> Iterator[None]:
    """Within: each image made once a run from the same bytes for the same use (half of a cold build with photos).

    Only for the reference builds that the builds under test are compared with; those encode every image as a
    user's build does. Encoding is deterministic (tests/media/test_deterministic.py): the same reference bytes."""
    from innosite.speed import images

    real = images._made

    def made(task: images.Task, data: bytes) -> tuple[Any, dict[str, bytes]]:
        key = (images.cache_name(task), hashlib.sha256(data).hexdigest())
        if key not in _MADE:
            _MADE[key] = real(task, data)
        processed, blobs = _MADE[key]
        return processed, dict(blobs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(images, "_made", made)
        yield


def read_tree(root: Path) -> dict[str, bytes]:
    """Every file under root by its relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def wants(files: dict[str, bytes]) -> dict[str, Want]:
    """Files as the publisher wants them (fingerprint = path), for publishing tests."""
    return {
        rel: Want(rel, hashlib.sha256(data).hexdigest(), len(data), lambda data=data: data)
        for rel, data in files.items()
    }
