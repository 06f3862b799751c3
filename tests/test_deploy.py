"""deploy/: the pipeline files are valid for their platforms, and what they show in a pull or merge request is
each problem the check printed, on its file and line."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
TINY = ROOT / "tests" / "sites" / "tiny" / "content"
GITHUB = sorted((DEPLOY / "github").glob("*.yml"))
GITLAB = sorted((DEPLOY / "gitlab").glob("*.yml"))  # .gitlab-ci.yml and the two child pipelines it chooses from
MATCHER = json.loads((DEPLOY / "github" / "innosite-problem-matcher.json").read_text(encoding="utf-8"))
HOSTING = (ROOT / "docs" / "hosting.md").read_text(encoding="utf-8")
OFFLINE = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": ""}
"""A proxy that answers nothing: a tool that tried to fetch anything would fail."""


def _script(name: str) -> ModuleType:
    """One of the pipeline scripts in deploy/, imported from its file (deploy/ is not a package)."""
    spec = importlib.util.spec_from_file_location(f"deploy_{name}", DEPLOY / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


codequality = _script("codequality")
site_digest = _script("site_digest")
next_publication = _script("next_publication")


def _tool(name: str) -> str:
    """A command installed with the test dependencies, beside this Python."""
    found = shutil.which(name, path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    assert found, f"{name} is not installed: pip install -e '.[test]'"
    return found


# The platforms' own schemas and linter


@pytest.mark.parametrize(
    ("schema", "files"), [("vendor.github-workflows", GITHUB), ("vendor.gitlab-ci", GITLAB)], ids=["github", "gitlab"]
)
def test_pipeline_files_are_valid_for_their_platform_offline(schema: str, files: list[Path]) -> None:
    assert len(files) == 3
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        env={**os.environ, **OFFLINE},
    )
    assert (result.returncode, result.stdout.strip()) == (0, "ok -- validation done"), result.stdout + result.stderr


def test_the_schema_check_finds_a_mistyped_key(tmp_path: Path) -> None:
    broken = tmp_path / ".gitlab-ci.yml"
    broken.write_text((DEPLOY / "gitlab" / ".gitlab-ci.yml").read_text().replace("resource_group:", "resource_grop:"))
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.gitlab-ci", str(broken)],
        capture_output=True,
        text=True,
        env={**os.environ, **OFFLINE},
    )
    assert result.returncode == 1
    assert "'resource_grop' was unexpected" in result.stdout


def test_github_workflows_pass_actionlint() -> None:
    # ShellCheck and pyflakes are left out so that the result does not depend on what else is installed.
    result = subprocess.run(
        [_tool("actionlint"), "-no-color", "-oneline", "-shellcheck=", "-pyflakes=", *map(str, GITHUB)],
        capture_output=True,
        text=True,
        env={**os.environ, **OFFLINE},
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_actionlint_finds_an_outdated_action(tmp_path: Path) -> None:
    old = tmp_path / "publish.yml"
    old.write_text(
        (DEPLOY / "github" / "publish.yml").read_text().replace("actions/checkout@v6", "actions/checkout@v4")
    )
    result = subprocess.run(
        [_tool("actionlint"), "-no-color", "-oneline", "-shellcheck=", "-pyflakes=", str(old)],
        capture_output=True,
        text=True,
        env={**os.environ, **OFFLINE},
    )
    assert result.returncode == 1
    assert 'update the version of action "actions/checkout@v4"' in result.stdout


# What the check prints, as GitHub's problem matcher and GitLab's Code Quality report read it


def _check(tmp_path: Path, breakage: dict[str, str | None]) -> subprocess.CompletedProcess:
    """`python build.py check` on a copy of the tiny site with some files written (or, with None, deleted)."""
    shutil.copytree(TINY, tmp_path / "content")
    for name, text in breakage.items():
        path = tmp_path / "content" / name
        if text is None:
            path.unlink()
        else:
            path.write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "check", "--content", "content", "--jobs", "1"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )


CONTENT_ERRORS = {
    "press/2023-01-10-sport-news/meta.yaml": "published: 2023-01-10 09:00\nkind: news\nregion: tampere\nthemse: [sport]\n",
    "press/notes.txt": "stray\n",
}
LINK_ERRORS = {
    "pages/about/sv.md": "---\ntitle: Om oss\n---\nSe [sidan](/sv/finns-inte/).\n",
    "press/2023-01-10-sport-news/sv.md": None,
}


def _matcher_match(line: str) -> tuple[str, str, str, str] | None:
    """(file, line, severity, message) as the GitHub runner reads them from one line, or None.

    The runner uses .NET regular expressions in ECMAScript mode (ASCII classes), the pattern's groups, and the
    matcher's default severity when the severity group is empty."""
    (matcher,) = MATCHER["problemMatcher"]
    (pattern,) = matcher["pattern"]
    match = re.match(pattern["regexp"], line, re.ASCII)
    if match is None:
        return None
    file, line, severity, message = (match.group(pattern[key]) or "" for key in ("file", "line", "severity", "message"))
    return file, line, severity or matcher["severity"], message


def test_the_matcher_reads_every_content_error_of_the_check(tmp_path: Path) -> None:
    result = _check(tmp_path, CONTENT_ERRORS)
    assert result.returncode == 1
    *problems, summary = result.stderr.splitlines()
    assert summary == "2 error(s)."
    assert _matcher_match(summary) is None
    found = [_matcher_match(line) for line in problems]
    assert [(file, line, severity) for file, line, severity, _ in found] == [
        ("content/press/2023-01-10-sport-news/meta.yaml", "4", "error"),
        ("content/press/notes.txt", "", "error"),
    ]
    assert found[0][3].startswith('unknown key "themse" (did you mean "themes"?)')
    assert found[1][3].startswith("only entry folders belong in press/")
    assert all((tmp_path / file).is_file() for file, *_ in found)


def test_the_matcher_reads_link_errors_and_warnings(tmp_path: Path) -> None:
    result = _check(tmp_path, LINK_ERRORS)
    assert result.returncode == 1
    *problems, summary = result.stderr.splitlines()
    assert summary == "1 error(s)."
    found = [_matcher_match(line) for line in problems]
    assert [(file, line, severity) for file, line, severity, _ in found] == [
        ("content/pages/about/sv.md", "4", "error"),
        ("content/press/2023-01-10-sport-news/sv.md", "", "warning"),
    ]
    assert found[0][3].startswith('broken link "/sv/finns-inte/"')
    assert found[1][3] == "no Swedish version (sv.md): every press release should exist in Finnish and Swedish"


def test_warnings_alone_pass_the_check_and_are_shown(tmp_path: Path) -> None:
    result = _check(tmp_path, {"press/2023-01-10-sport-news/sv.md": None})
    assert result.returncode == 0
    assert _matcher_match(result.stdout.strip()) is None  # "No errors: 46 pages checked."
    assert [_matcher_match(line)[:3] for line in result.stderr.splitlines()] == [
        ("content/press/2023-01-10-sport-news/sv.md", "", "warning")
    ]


def test_the_matcher_and_the_code_quality_script_read_lines_alike() -> None:
    assert MATCHER["problemMatcher"][0]["pattern"][0]["regexp"] == codequality.PATTERN.pattern
    assert MATCHER["problemMatcher"][0]["owner"] == "innosite"
    for workflow in GITHUB:
        text = workflow.read_text()
        assert text.count("::add-matcher::deploy/github/innosite-problem-matcher.json") == text.count(
            "::remove-matcher owner=innosite::"
        ), workflow.name


def test_the_code_quality_report_of_exact_lines() -> None:
    lines = [
        'content/press/2024-05-02-x/meta.yaml:4: unknown key "themse" (did you mean "themes"?)\n',
        "content/press/2024-05-02-x/sv.md: warning: no Svenska version: every press release should exist in fi, sv\n",
        "content/press/notes.txt: only entry folders belong in press/: move this file into an entry's folder\n",
        'content/pages/about/fi.md:7: broken link "/fi/x/"\n',
        'content/pages/about/fi.md:9: broken link "/fi/x/"\n',
        "2 error(s): nothing was written; the previous site is unchanged.\n",
        "No errors: 46 pages checked.\n",
        "error: the output folder is not writable\n",
    ]
    assert codequality.report(lines) == [
        {
            "description": 'unknown key "themse" (did you mean "themes"?)',
            "check_name": "innosite-error",
            "fingerprint": "01f6045e6ee4a70b8c29168a226d3799",
            "severity": "blocker",
            "location": {"path": "content/press/2024-05-02-x/meta.yaml", "lines": {"begin": 4}},
        },
        {
            "description": "no Svenska version: every press release should exist in fi, sv",
            "check_name": "innosite-warning",
            "fingerprint": "c49e29adfa5694ee34d96ecbb840e598",
            "severity": "minor",
            "location": {"path": "content/press/2024-05-02-x/sv.md", "lines": {"begin": 1}},
        },
        {
            "description": "only entry folders belong in press/: move this file into an entry's folder",
            "check_name": "innosite-error",
            "fingerprint": "6b321e8b7255173bb7f32e6acb75c4eb",
            "severity": "blocker",
            "location": {"path": "content/press/notes.txt", "lines": {"begin": 1}},
        },
        {
            "description": 'broken link "/fi/x/"',
            "check_name": "innosite-error",
            "fingerprint": "15144d0ee7983cc566425958e41d7546",
            "severity": "blocker",
            "location": {"path": "content/pages/about/fi.md", "lines": {"begin": 7}},
        },
        {
            "description": 'broken link "/fi/x/"',
            "check_name": "innosite-error",
            "fingerprint": "75dcc71adfe428058c9fdc7e75ed83bd",
            "severity": "blocker",
            "location": {"path": "content/pages/about/fi.md", "lines": {"begin": 9}},
        },
    ]


def test_the_code_quality_script_writes_the_report_gitlab_reads(tmp_path: Path) -> None:
    result = _check(tmp_path, LINK_ERRORS)
    (tmp_path / "check-problems.txt").write_text(result.stderr, encoding="utf-8")
    script = subprocess.run(
        [sys.executable, str(DEPLOY / "codequality.py"), "check-problems.txt"],
        capture_output=True,
        cwd=tmp_path,
    )
    assert script.returncode == 0
    assert not script.stdout.startswith(b"\xef\xbb\xbf")  # GitLab refuses a byte order mark
    findings = json.loads(script.stdout)
    assert [(f["location"]["path"], f["location"]["lines"]["begin"], f["severity"]) for f in findings] == [
        ("content/pages/about/sv.md", 4, "blocker"),
        ("content/press/2023-01-10-sport-news/sv.md", 1, "minor"),
    ]
    assert all(set(f) == {"description", "check_name", "fingerprint", "severity", "location"} for f in findings)
    assert len({f["fingerprint"] for f in findings}) == 2


def test_a_finding_keeps_its_fingerprint_when_its_line_moves() -> None:
    before = codequality.report(['content/pages/about/fi.md:7: broken link "/fi/x/"'])
    after = codequality.report(['content/pages/about/fi.md:12: broken link "/fi/x/"'])
    assert before[0]["fingerprint"] == after[0]["fingerprint"]


# Deploying only what changed


def test_the_same_content_built_twice_has_the_same_digest(tmp_path: Path) -> None:
    shutil.copytree(TINY, tmp_path / "content")
    digests = []
    for out in ("first", "second"):
        build = subprocess.run(
            [sys.executable, str(ROOT / "build.py"), "--content", "content", "--out", out, "--jobs", "1"],
            capture_output=True,
            text=True,
            cwd=tmp_path,
        )
        assert build.returncode == 0, build.stderr
        # A CI job starts without the previous output: the build reports every file as changed...
        # (and, as the tiny site has no record of published addresses, that it recorded them)
        assert re.fullmatch(r"(Recorded in .*\n)?Built \d+ pages into \w+ \((\d+) files changed\)\.\n", build.stdout)
        digests.append(site_digest.site_digest(tmp_path / out))
    # ...so the pipelines compare digests instead, and this second run deploys nothing.
    assert digests[0] == digests[1]
    page = tmp_path / "second" / "sv" / "index.html"
    page.write_bytes(page.read_bytes() + b" ")
    assert site_digest.site_digest(tmp_path / "second") != digests[0]


def test_the_digest_covers_names_and_bytes(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.html").write_text("x")
    first = site_digest.site_digest(tmp_path)
    (tmp_path / "a" / "x.html").rename(tmp_path / "a" / "y.html")
    assert site_digest.site_digest(tmp_path) != first
    (tmp_path / "a" / "y.html").rename(tmp_path / "a" / "x.html")
    (tmp_path / "a" / "empty").mkdir()
    assert site_digest.site_digest(tmp_path) == first
    script = subprocess.run([sys.executable, str(DEPLOY / "site_digest.py"), str(tmp_path)], capture_output=True)
    assert (script.returncode, script.stdout.decode()) == (0, first + "\n")
    missing = subprocess.run(
        [sys.executable, str(DEPLOY / "site_digest.py"), str(tmp_path / "no")], capture_output=True
    )
    assert missing.returncode == 2


@pytest.mark.parametrize(
    ("report", "printed"),
    [
        ('{"next_publication": "2024-05-03 09:00", "sections": []}', "2024-05-03 09:00"),
        ('{"next_publication": null}', "none"),
        ('{"sections": []}', "unknown"),
        ("{}", "unknown"),
        ("", "unknown"),
        ("[1, 2]", "unknown"),
    ],
)
def test_the_next_publication_is_read_from_the_status_report(report: str, printed: str) -> None:
    assert next_publication.next_publication(report) == printed


# What the pipelines run, and what the documentation says they need


def _commands(text: str) -> list[str]:
    """Every `python build.py ...` command in a pipeline file, up to the end of the command."""
    return [m.group(0) for m in re.finditer(r"python build\.py[^\n|>;&]*", text)]


ALL_PIPELINES = GITHUB + GITLAB


def test_publishing_is_not_held_back_by_warnings() -> None:
    commands = [c for path in ALL_PIPELINES for c in _commands(path.read_text())]
    assert commands
    assert not [c for c in commands if "--strict" in c]


def test_every_pull_or_merge_request_is_checked() -> None:
    assert "python build.py check" in (DEPLOY / "github" / "check.yml").read_text()
    gitlab = (DEPLOY / "gitlab" / ".gitlab-ci.yml").read_text()
    assert "python build.py check 2> check-problems.txt" in gitlab
    assert "codequality: gl-code-quality-report.json" in gitlab


def test_previews_include_drafts_and_scheduled_entries_for_their_own_address() -> None:
    previews = [c for path in ALL_PIPELINES for c in _commands(path.read_text()) if "--preview" in c]
    assert len(previews) == 3
    for command in previews:
        assert {"--drafts", "--future", "--base-url"} <= set(command.split()), command


def test_every_option_the_pipelines_use_is_in_the_documented_interface() -> None:
    interface = HOSTING[HOSTING.index("## What the pipelines expect of the generator") :]
    used = {o for path in ALL_PIPELINES for c in _commands(path.read_text()) for o in re.findall(r"--[a-z-]+", c)}
    assert used == {"--now", "--out", "--preview", "--drafts", "--future", "--base-url", "--json"}
    spans = re.findall(r"`([^`]+)`", interface)
    assert not [option for option in used if not any(re.search(rf"{option}\b", span) for span in spans)]
    assert "`Went live: " in interface
    assert '"next_publication"' in interface


def test_the_hosting_guide_names_every_pipeline_file() -> None:
    for path in [*ALL_PIPELINES, *DEPLOY.glob("*.py"), DEPLOY / "github" / "innosite-problem-matcher.json"]:
        assert str(path.relative_to(ROOT)) in HOSTING, path
