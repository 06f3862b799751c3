"""Two people each publish a release on their own branch: the record of published addresses merges without a
conflict (the shipped .gitattributes: merge=union), and the build after the merge works and changes nothing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import TINY

pytestmark = pytest.mark.needs("git")

ROOT = Path(__file__).resolve().parents[2]
RECORD = "content/published-addresses.txt"


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    command = ["git", "-c", "user.name=Toimittaja", "-c", "user.email=viestinta@example.org", *args]
    return subprocess.run(command, cwd=repo, check=check, capture_output=True, text=True, timeout=60)


def release(repo: Path, folder: str, fi: str, sv: str) -> None:
    """A press release as `new` writes it once it is ready: meta.yaml, fi.md and sv.md."""
    root = repo / "content/press" / folder
    root.mkdir(parents=True)
    (root / "meta.yaml").write_text(f"published: {folder[:10]} 09:00\n")
    (root / "fi.md").write_text(f"---\ntitle: {fi}\nsummary: {fi}.\n---\nTeksti.\n")
    (root / "sv.md").write_text(f"---\ntitle: {sv}\nsummary: {sv}.\n---\nText.\n")


def publish(repo: Path, run, message: str) -> None:
    result = run("--out", "site", "--no-search", cwd=repo)
    assert result.code == 0, result.err
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def branches(tmp_path: Path, run) -> Path:
    """A content repository whose branches a and b each published one release since they parted; a is checked out.
    The releases' addresses sort next to each other, so that a line-by-line merge meets them in one place."""
    repo = tmp_path / "repo"
    shutil.copytree(TINY, repo / "content")
    shutil.copy(ROOT / ".gitattributes", repo / ".gitattributes")
    (repo / ".gitignore").write_text("/site/\n/.site-*\n.cache/\n")
    git(repo, "init", "-q", "-b", "main")
    publish(repo, run, "The site")
    git(repo, "checkout", "-q", "-b", "a")
    release(repo, "2024-03-01-kokeilu", "Kaupungit kokeilevat", "Städerna experimenterar")
    publish(repo, run, "Kaupungit kokeilevat")
    git(repo, "checkout", "-q", "-b", "b", "main")
    release(repo, "2024-03-02-kokous", "Kaupungit kokoontuvat", "Städerna samlas")
    publish(repo, run, "Kaupungit kokoontuvat")
    git(repo, "checkout", "-q", "a")
    return repo


def test_two_releases_published_on_two_branches_merge_without_conflict(branches: Path, run) -> None:
    merged = git(branches, "merge", "--no-edit", "b", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    record = (branches / RECORD).read_text()
    for address in (
        "/fi/tiedotteet/kaupungit-kokeilevat/ press/2024-03-01-kokeilu fi",
        "/fi/tiedotteet/kaupungit-kokoontuvat/ press/2024-03-02-kokous fi",
        "/sv/pressmeddelanden/staderna-experimenterar/ press/2024-03-01-kokeilu sv",
        "/sv/pressmeddelanden/staderna-samlas/ press/2024-03-02-kokous sv",
    ):
        assert f"{address}\n" in record
    result = run("--out", "site", "--no-search", cwd=branches)
    assert (result.code, result.err) == (0, "")
    assert "Recorded" not in result.out
    assert git(branches, "status", "--porcelain").stdout == ""  # the merged record is the one the build keeps


def test_without_the_union_merge_the_same_branches_conflict(branches: Path) -> None:
    """Why .gitattributes names the file: git's usual merge stops at the two new lines in one place."""
    (branches / ".git/info/attributes").write_text("content/published-addresses.txt merge=text\n")
    merged = git(branches, "merge", "--no-edit", "b", check=False)
    assert merged.returncode == 1
    assert f"CONFLICT (content): Merge conflict in {RECORD}" in merged.stdout
