"""The programs outside Python that some tests run: looked for before any test starts, installed where they can be.

A test names what it runs with `@pytest.mark.needs("chromium", "pdftotext")` (a whole module: `pytestmark`). Once the
tests are collected, conftest hands them to `prepare`: it looks for each tool the selected tests need and, if some are
missing, installs them on Debian or Ubuntu as root (apt-get, and npm for the Nu Html Checker), or else stops the run
before any test with one message naming what to install. No test skips for a missing tool.

INNOSITE_TOOLS_PATH, when set, is searched for programs (apt-get and npm included) instead of PATH: the tests of this
module use it to play a machine without them.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VNU_FOLDER = ROOT / "tests" / "browser" / "vnu"
VNU_JAR = VNU_FOLDER / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PATH_VARIABLE = "INNOSITE_TOOLS_PATH"
SBIN = ("/usr/sbin", "/usr/local/sbin")
"""nginx lives in /usr/sbin, which a user's PATH often leaves out (tests/nginx.py looks there too)."""
LOCK = Path(tempfile.gettempdir()) / "innosite-test-tools.lock"
"""Two test runs at once install one after the other; the second finds everything there."""
APT_INSTALL = ("apt-get", "install", "-y", "-qq", "--no-install-recommends", "--no-upgrade")
"""Quiet, nothing optional, and no package that is already there upgraded under another run."""
APT_WAIT = ("-o", "DPkg::Lock::Timeout=600")
"""Wait for another apt-get (outside these tests) rather than fail at once."""
NPM_INSTALL = ("npm", "install", "--no-audit", "--no-fund", "--ignore-scripts")
EXIT_CODE = pytest.ExitCode.USAGE_ERROR
"""What a run that stops for missing tools exits with (4): not a test failure, the command cannot run here as is."""


@dataclass(frozen=True)
class Tool:
    """A program some tests run: what shows it is there (a program, a library or the checker's jar), and the package
    that brings it."""

    name: str
    """As written in needs(...)."""
    label: str
    """What it is and which tests run it, for messages."""
    program: str = ""
    """Found on the search path."""
    library: str = ""
    """Or a shared library that loads (on Linux). With neither, the Nu Html Checker: VNU_JAR, brought by npm."""
    apt: str = ""
    """The Debian (and Ubuntu) package; empty for the Nu Html Checker."""
    also: tuple[str, ...] = ()
    """Other tools that whatever needs this one needs too."""


TOOLS = {
    tool.name: tool
    for tool in (
        Tool("chromium", "Chromium (browser tests)", "chromium", apt="chromium", also=("libatomic",)),
        Tool(
            "libatomic",
            "libatomic.so.1 (Playwright's own Node.js needs it to drive Chromium)",
            library="libatomic.so.1",
            apt="libatomic1",
        ),
        Tool("nginx", "nginx (the hosting tests)", "nginx", apt="nginx-light"),
        Tool("pdftotext", "pdftotext (the print test)", "pdftotext", apt="poppler-utils"),
        Tool("java", "Java (runs the Nu Html Checker)", "java", apt="default-jre-headless"),
        Tool("vnu", "the Nu Html Checker (the HTML validity test)"),
        Tool("git", "git (the merge test of the record of published addresses)", "git", apt="git"),
    )
}


@dataclass(frozen=True)
class Plan:
    """What is missing for the selected tests and what would bring it."""

    missing: tuple[Tool, ...]
    apt: tuple[str, ...]
    """Debian packages to install: those of the missing tools, and npm when the checker needs it and it is missing."""
    npm: bool
    """npm install in tests/browser/vnu (the Nu Html Checker)."""
    can_install: bool
    """This run may install it all: apt-get as root for the packages; npm needs no root (it writes only there)."""


def needed_by(items: Iterable[pytest.Item]) -> set[str]:
    """The tools the given tests name in their needs(...) markers, with those they bring along; an unknown name stops
    the run (a typo)."""
    names = {name for item in items for mark in item.iter_markers("needs") for name in mark.args}
    unknown = sorted(names - TOOLS.keys())
    if unknown:
        raise pytest.UsageError(f"needs(...) names unknown tools {unknown}; known: {sorted(TOOLS)}")
    return names | {also for name in names for also in TOOLS[name].also}


def search_path(env: dict[str, str]) -> str:
    """Where programs are looked for: INNOSITE_TOOLS_PATH if set, else PATH and the sbin folders."""
    if PATH_VARIABLE in env:
        return env[PATH_VARIABLE]
    return os.pathsep.join([env.get("PATH", os.defpath), *SBIN])


def loads(library: str) -> bool:
    """Whether the shared library loads here (only Linux is asked: elsewhere Playwright needs none of these)."""
    if sys.platform != "linux":
        return True
    try:
        ctypes.CDLL(library)
    except OSError:
        return False
    return True


def plan(
    needed: Iterable[str],
    which: Callable[[str], str | None],
    library_loads: Callable[[str], bool],
    checker_there: bool,
    root: bool,
) -> Plan:
    """What to do for the needed tools, given how programs and libraries are found, whether the checker's jar is there,
    and whether this is root."""

    def there(tool: Tool) -> bool:
        return (
            bool(which(tool.program))
            if tool.program
            else library_loads(tool.library)
            if tool.library
            else checker_there
        )

    missing = tuple(tool for tool in TOOLS.values() if tool.name in needed and not there(tool))
    npm = any(not (tool.program or tool.library) for tool in missing)
    apt = tuple(tool.apt for tool in missing if tool.apt) + (("npm",) if npm and not which("npm") else ())
    can_install = not apt or (root and which("apt-get") is not None)
    return Plan(missing, apt, npm, can_install)


def commands(plan: Plan) -> list[str]:
    """The commands that bring what is missing, as a person would type them in the project's folder."""
    lines = [f"sudo apt-get install {' '.join(plan.apt)}"] if plan.apt else []
    if plan.npm:
        lines.append(f"(cd tests/browser/vnu && {' '.join(NPM_INSTALL)})")
    return lines


def missing_message(plan: Plan, have_apt: bool) -> str:
    """Why the run stops and how to go on: what is missing, the commands that bring it, the way around it."""
    names = ", ".join(tool.label for tool in plan.missing)
    how = (
        "Install them (as root on Debian or Ubuntu, `python -m pytest` does it itself)"
        if have_apt
        else "Install them with the system's package manager (these are the Debian and Ubuntu commands)"
    )
    lines = "".join(f"\n    {line}" for line in commands(plan))
    return (
        f"The selected tests run programs that are not installed: {names}.\n{how}, then run the tests again:{lines}\n"
        "(or run only the tests that need none of them: python -m pytest -q -m 'not needs')"
    )


def install_line(plan: Plan) -> str:
    """The one line said before installing."""
    parts = [f"apt-get install {' '.join(plan.apt)}"] if plan.apt else []
    if plan.npm:
        parts.append("npm install in tests/browser/vnu")
    names = ", ".join(tool.name for tool in plan.missing)
    return f"Installing what the selected tests need ({names}): {'; '.join(parts)}"


class InstallError(Exception):
    """An install command failed, or left a tool missing; the message says which and what it printed."""


def _run(command: tuple[str, ...], cwd: Path | None = None) -> None:
    """Run an install command quietly; on failure raise with the command and the end of what it printed."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if done.returncode:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        raise InstallError(f"`{' '.join(command)}` failed (exit {done.returncode}):\n{tail}")


def install(plan: Plan) -> None:
    """Install the plan's packages, then the Nu Html Checker (needs npm, which the packages may bring)."""
    if plan.apt:
        _run(("apt-get", "update", "-qq"))
        _run((*APT_INSTALL, *APT_WAIT, *plan.apt))
    if plan.npm:
        _run(NPM_INSTALL, cwd=VNU_FOLDER)


def _open_lock() -> int:
    """The lock file, opened for reading (enough for flock): made by whichever user came first, and in a sticky temp
    folder another user may open it but not open it to create (Linux's protected_regular)."""
    try:
        return os.open(LOCK, os.O_RDONLY)
    except FileNotFoundError:
        return os.open(LOCK, os.O_RDONLY | os.O_CREAT, 0o644)


@contextmanager
def _locked() -> Iterator[None]:
    """Hold the machine-wide install lock (a no-op where fcntl is missing: Windows installs nothing anyway)."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    handle = _open_lock()
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def _current_plan(needed: set[str], env: dict[str, str]) -> Plan:
    """The plan for this machine as it is now."""
    path = search_path(env)
    which = lambda program: shutil.which(program, path=path)  # noqa: E731
    return plan(needed, which, loads, VNU_JAR.is_file(), hasattr(os, "geteuid") and os.geteuid() == 0)


def ensure(needed: set[str], env: dict[str, str], say: Callable[[str], None]) -> None:
    """Make the needed tools present, or raise InstallError saying what to install; does nothing if all are there."""
    if not _current_plan(needed, env).missing:
        return
    with _locked():
        todo = _current_plan(needed, env)  # another run may have installed them while this one waited
        if not todo.missing:
            return
        if not todo.can_install:
            raise InstallError(missing_message(todo, shutil.which("apt-get", path=search_path(env)) is not None))
        say(install_line(todo))
        install(todo)
        left = _current_plan(needed, env).missing
        if left:
            raise InstallError(f"still missing after installing: {', '.join(tool.label for tool in left)}")


def prepare(session: pytest.Session) -> None:
    """After collection, before any test: the tools the selected tests need are there, or the run stops (exit 4)."""
    if session.config.option.collectonly or session.testsfailed:
        return
    needed = needed_by(session.items)
    if not needed:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    say = reporter.write_line if reporter else print
    try:
        ensure(needed, dict(os.environ), say)
    except InstallError as error:
        for line in str(error).splitlines():
            say(line)
        pytest.exit(
            "stopped before any test ran: programs the tests need are missing (see above)", returncode=EXIT_CODE
        )
