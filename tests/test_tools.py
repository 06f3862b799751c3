"""Before any test runs, the programs the selected tests need are there: installed as root on Debian, else named.

Programs are looked for on INNOSITE_TOOLS_PATH here (a folder of stand-ins), so nothing is installed for real and no
tool of this machine is hidden or removed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests import tools

ROOT = Path(__file__).resolve().parent.parent
APT = ("apt-get", "install", "-y", "-qq", "--no-install-recommends", "--no-upgrade", "-o", "DPkg::Lock::Timeout=600")
NPM = ("npm", "install", "--no-audit", "--no-fund", "--ignore-scripts")
ALL = {"chromium", "libatomic", "nginx", "pdftotext", "java", "vnu"}


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A pretend machine: programs in bin/ (none yet), libatomic there, the checker's jar not, root; installs are
    recorded and bring what they install. Returns (env, bin folder, recorded commands)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    jar = tmp_path / "vnu.jar"
    monkeypatch.setattr(tools, "VNU_JAR", jar)
    monkeypatch.setattr(tools, "LOCK", tmp_path / "tools.lock")
    monkeypatch.setattr(tools.os, "geteuid", lambda: 0)
    libraries = {"libatomic.so.1"}
    monkeypatch.setattr(tools, "loads", libraries.__contains__)
    ran: list[tuple[tuple[str, ...], Path | None]] = []
    brings = {"chromium": "chromium", "nginx-light": "nginx", "poppler-utils": "pdftotext"}
    brings |= {"default-jre-headless": "java", "npm": "npm"}

    def fake_run(command: tuple[str, ...], cwd: Path | None = None) -> None:
        ran.append((command, cwd))
        for package in command[len(APT) :] if command[:2] == ("apt-get", "install") else ():
            if package == "libatomic1":
                libraries.add("libatomic.so.1")
            else:
                add(bin_dir, brings[package])
        if command[0] == "npm":
            jar.write_bytes(b"jar")

    monkeypatch.setattr(tools, "_run", fake_run)
    return {"PATH": os.environ["PATH"], tools.PATH_VARIABLE: str(bin_dir)}, bin_dir, ran, libraries


def add(bin_dir: Path, *programs: str) -> None:
    """Put runnable stand-ins for programs in bin_dir."""
    for name in programs:
        path = bin_dir / name
        path.write_text("#!/bin/sh\n")
        path.chmod(0o755)


def test_missing_tools_as_root_with_apt_are_installed_in_one_go(machine) -> None:
    env, bin_dir, ran, libraries = machine
    add(bin_dir, "apt-get", "npm")
    libraries.clear()
    said: list[str] = []
    tools.ensure(ALL, env, said.append)
    assert said == [
        "Installing what the selected tests need (chromium, libatomic, nginx, pdftotext, java, vnu): apt-get install "
        "chromium libatomic1 nginx-light poppler-utils default-jre-headless; npm install in tests/browser/vnu"
    ]
    assert ran == [
        (("apt-get", "update", "-qq"), None),
        ((*APT, "chromium", "libatomic1", "nginx-light", "poppler-utils", "default-jre-headless"), None),
        (NPM, tools.VNU_FOLDER),
    ]


def test_npm_comes_from_apt_when_the_checker_needs_it(machine) -> None:
    env, bin_dir, ran, libraries = machine
    add(bin_dir, "apt-get", "java")
    tools.ensure({"java", "vnu"}, env, lambda line: None)
    assert [command for command, _ in ran] == [("apt-get", "update", "-qq"), (*APT, "npm"), NPM]


def test_chromium_without_the_library_playwrights_node_needs_gets_the_library(machine) -> None:
    env, bin_dir, ran, libraries = machine
    add(bin_dir, "apt-get", "chromium")
    libraries.clear()
    said: list[str] = []
    tools.ensure({"chromium", "libatomic"}, env, said.append)
    assert said == ["Installing what the selected tests need (libatomic): apt-get install libatomic1"]
    assert [command for command, _ in ran] == [("apt-get", "update", "-qq"), (*APT, "libatomic1")]


def test_only_the_checker_missing_needs_no_root(machine, monkeypatch: pytest.MonkeyPatch) -> None:
    env, bin_dir, ran, libraries = machine
    monkeypatch.setattr(tools.os, "geteuid", lambda: 1000)
    add(bin_dir, "java", "npm")
    tools.ensure({"java", "vnu"}, env, lambda line: None)
    assert ran == [(NPM, tools.VNU_FOLDER)]


def test_missing_tools_without_root_stop_with_the_commands_to_type(machine, monkeypatch: pytest.MonkeyPatch) -> None:
    env, bin_dir, ran, libraries = machine
    monkeypatch.setattr(tools.os, "geteuid", lambda: 1000)
    add(bin_dir, "apt-get", "npm", "java")
    with pytest.raises(tools.InstallError) as stopped:
        tools.ensure(ALL, env, lambda line: None)
    assert str(stopped.value) == (
        "The selected tests run programs that are not installed: Chromium (browser tests), nginx (the hosting tests), "
        "pdftotext (the print test), the Nu Html Checker (the HTML validity test).\n"
        "Install them (as root on Debian or Ubuntu, `python -m pytest` does it itself), then run the tests again:\n"
        "    sudo apt-get install chromium nginx-light poppler-utils\n"
        "    (cd tests/browser/vnu && npm install --no-audit --no-fund --ignore-scripts)\n"
        "(or run only the tests that need none of them: python -m pytest -q -m 'not needs')"
    )
    assert ran == [], "nothing is installed when not everything can be"


def test_without_apt_get_even_root_is_told_what_to_install(machine) -> None:
    env, bin_dir, ran, libraries = machine
    with pytest.raises(tools.InstallError) as stopped:
        tools.ensure({"nginx"}, env, lambda line: None)
    assert str(stopped.value) == (
        "The selected tests run programs that are not installed: nginx (the hosting tests).\n"
        "Install them with the system's package manager (these are the Debian and Ubuntu commands), "
        "then run the tests again:\n"
        "    sudo apt-get install nginx-light\n"
        "(or run only the tests that need none of them: python -m pytest -q -m 'not needs')"
    )
    assert ran == []


def test_nothing_missing_does_nothing(machine) -> None:
    env, bin_dir, ran, libraries = machine
    add(bin_dir, "chromium", "nginx", "pdftotext", "java")
    tools.VNU_JAR.write_bytes(b"jar")
    said: list[str] = []
    tools.ensure(ALL, env, said.append)
    assert (said, ran) == ([], [])


def test_only_the_needed_tools_are_looked_for(machine) -> None:
    env, bin_dir, ran, libraries = machine
    add(bin_dir, "pdftotext")
    tools.ensure({"pdftotext"}, env, lambda line: None)
    tools.ensure(set(), env, lambda line: None)
    assert ran == []


def test_an_install_that_leaves_a_tool_missing_stops_the_run(machine, monkeypatch: pytest.MonkeyPatch) -> None:
    env, bin_dir, ran, libraries = machine
    add(bin_dir, "apt-get")
    monkeypatch.setattr(tools, "_run", lambda command, cwd=None: ran.append((command, cwd)))
    with pytest.raises(tools.InstallError, match=r"^still missing after installing: Chromium \(browser tests\)$"):
        tools.ensure({"chromium"}, env, lambda line: None)


def test_a_run_that_waited_for_another_runs_install_installs_nothing(machine) -> None:
    import fcntl

    env, bin_dir, ran, libraries = machine
    add(bin_dir, "apt-get")
    with tools.LOCK.open("a") as other:
        fcntl.flock(other, fcntl.LOCK_EX)
        waiting = threading.Thread(target=tools.ensure, args=({"chromium"}, env, lambda line: None))
        waiting.start()
        waiting.join(0.3)
        assert waiting.is_alive(), "the second run waits while the first installs"
        add(bin_dir, "chromium")  # what the first run installed
        fcntl.flock(other, fcntl.LOCK_UN)
    waiting.join()
    assert ran == []


class Item:
    """A collected test with these needs(...) markers."""

    def __init__(self, *marks: tuple[str, ...]) -> None:
        self.marks = [pytest.mark.needs(*names).mark for names in marks]

    def iter_markers(self, name: str):
        return [mark for mark in self.marks if mark.name == name]


def test_the_tools_needed_are_those_the_tests_name_with_what_they_bring_along() -> None:
    assert tools.needed_by([Item(("nginx",)), Item(), Item(("java", "vnu"), ("nginx",))]) == {"nginx", "java", "vnu"}
    assert tools.needed_by([Item(("chromium", "pdftotext"))]) == {"chromium", "libatomic", "pdftotext"}
    assert tools.needed_by([Item()]) == set()


def test_an_unknown_tool_name_is_an_error() -> None:
    with pytest.raises(pytest.UsageError, match=r"needs\(\.\.\.\) names unknown tools \['chromum'\]"):
        tools.needed_by([Item(("chromium", "chromum"))])


def pytest_run(*args: str, tools_path: Path) -> subprocess.CompletedProcess[str]:
    """python -m pytest ARGS in the project, with programs looked for only in tools_path."""
    env = {**os.environ, tools.PATH_VARIABLE: str(tools_path)}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)


def test_tests_that_need_no_tool_run_on_a_machine_without_any(tmp_path: Path) -> None:
    done = pytest_run("tests/model/test_slugs.py", tools_path=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.fullmatch(r"\d+ passed in .*", done.stdout.splitlines()[-1])


def test_a_test_that_needs_a_missing_tool_stops_the_run_before_any_test(tmp_path: Path) -> None:
    done = pytest_run("tests/model/test_slugs.py", "tests/output/test_hosting.py", tools_path=tmp_path)
    assert done.returncode == 4
    lines = done.stdout.splitlines()
    assert lines[:5] == [
        "The selected tests run programs that are not installed: nginx (the hosting tests).",
        "Install them with the system's package manager (these are the Debian and Ubuntu commands), "
        "then run the tests again:",
        "    sudo apt-get install nginx-light",
        "(or run only the tests that need none of them: python -m pytest -q -m 'not needs')",
        "",
    ]
    assert lines[5].startswith("no tests ran in ")
    assert lines[6:] == [
        "! _pytest.outcomes.Exit: stopped before any test ran: programs the tests need are missing (see above) !"
    ]
    assert "passed" not in done.stdout


def test_ci_runs_exactly_the_two_commands_of_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set up and use\n", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", setup, flags=re.S)[:2]
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert script[script.index('cd "$(dirname "$0")/.."') + 1 :] == commands


def test_the_readme_starts_with_the_way_in_for_communications_staff() -> None:
    """The first section sends staff to the authoring guide, with the set-up (the developers' command without the
    test tools) and the commands of every day; the developers' two commands follow, as CI runs them."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sections = readme.split("\n## ")
    first = sections[1]
    assert first.startswith("Writing and publishing: start here\n")
    assert "[Writing for the site](docs/authoring.md)" in first.split("\n\n")[1]
    for command in ("new press", "status", "check", "build", "serve"):
        assert f"`python build.py {command}" in first, command
    (setup,) = re.findall(r"```sh\n(.*?)\n```", first, flags=re.S)
    developers = next(s for s in sections if s.startswith("Set up and use\n"))
    assert setup == re.findall(r"```sh\n(.*?)\n```", developers, flags=re.S)[0].replace("-e '.[test]'", "-e .")
