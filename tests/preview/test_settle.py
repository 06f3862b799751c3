"""A new entry whose files arrive one by one (as the browser editor saves it) never flashes an error in the
preview; a folder that stays without meta.yaml still shows it, and the build still stops at it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from innosite.build import BuildOptions
from innosite.content.layout import unfinished
from innosite.output.whole_file import replace_file
from innosite.preview.app import respond
from innosite.preview.server import Preview
from innosite.preview.settle import SETTLE_SECONDS, Settle
from innosite.preview.watcher import SourceWatcher
from tests.conftest import TINY

NEW = "press/2024-03-01-akkukemian-verkosto"
NEW_PAGE = "/programme/fi/tiedotteet/akkukemian-verkosto/"
HOME = "/programme/fi/"
FILES = {
    "liite.pdf": (TINY / "press/2022-09-13-lead-projects/liite.pdf").read_bytes(),
    "meta.yaml": b"published: 2024-03-01 10:00\nattachments:\n  - liite.pdf\n",
    "fi.md": b"---\ntitle: Akkukemian verkosto\nsummary: Verkosto kokoontuu.\n---\nKokkolassa.\n",
    "sv.md": "---\ntitle: Batterikeminätverket\nsummary: Nätverket samlas.\n---\nI Karleby.\n".encode(),
}
MISSING = f"content/{NEW}/meta.yaml: meta.yaml is missing: every entry in press/ needs one"
BETWEEN_WRITES = 0.05
"""Time between two files of one save (the editor's requests follow each other within milliseconds)."""


@dataclass
class Loop:
    """A clock and call_later that the test moves by hand."""

    now: float = 1000.0
    timers: list[list] = field(default_factory=list)

    def later(self, seconds: float, callback: Callable[[], None]) -> Callable[[], None]:
        timer = [self.now + seconds, callback]
        self.timers.append(timer)
        return lambda: self.timers.remove(timer) if timer in self.timers else None

    def advance(self, seconds: float) -> None:
        """Let time pass, running the timers that come due, in order."""
        end = self.now + seconds
        while due := sorted((t for t in self.timers if t[0] <= end), key=lambda t: t[0]):
            self.timers.remove(due[0])
            self.now = max(self.now, due[0][0])
            due[0][1]()
        self.now = end


@dataclass
class Session:
    """The preview of a copy of the tiny site, its watcher, and the Settle between them."""

    content: Path
    preview: Preview
    loop: Loop
    settle: Settle
    watcher: SourceWatcher
    builds: list[frozenset[str]]

    def write(self, name: str) -> None:
        """One file of the new entry written whole (as the editor's file API does) and reported by the watcher."""
        replace_file(self.content / NEW / name, FILES[name])
        self.settle.changed(self.watcher.changes())
        self.loop.advance(BETWEEN_WRITES)

    def page(self, path: str) -> tuple[str, str]:
        """Status and text of a page as the preview's server answers it now."""
        response = respond(self.preview.state, path, "")
        return response.status, response.body.decode()


@pytest.fixture
def session(site_dir: Path) -> Iterator[Session]:
    content = site_dir / "content"
    options = BuildOptions(content=content, out=site_dir / "preview", search=False, jobs=1)
    preview = Preview(replace(options, drafts=True, future=True))
    assert preview.rebuild().problems == ()
    loop = Loop()
    builds: list[frozenset[str]] = []

    def build(paths: frozenset[str]) -> None:
        builds.append(paths)
        preview.rebuild(paths)

    langs = lambda: preview.site.config.langs if preview.site else None  # noqa: E731 (as serve gives them)
    settle = Settle(content, langs, build, loop.later, lambda: loop.now)
    watcher = SourceWatcher((content,), lambda paths: None)
    try:
        yield Session(content, preview, loop, settle, watcher, builds)
    finally:
        preview.close()


ORDERS = {
    "Swedish first": ("sv.md", "meta.yaml", "fi.md"),
    "Finnish first": ("meta.yaml", "fi.md", "sv.md"),
    "meta.yaml, Swedish, Finnish": ("meta.yaml", "sv.md", "fi.md"),
}


@pytest.mark.parametrize("order", ORDERS)
def test_a_new_entry_arriving_file_by_file_shows_no_error_and_then_the_entry(session: Session, order: str) -> None:
    """The editor's order: the folder, the attachment, then the language files (meta.yaml with the Finnish one)."""
    folder = session.content / NEW
    folder.mkdir()
    session.settle.changed(frozenset({str(folder)}))  # the native watcher reports a new folder
    session.loop.advance(BETWEEN_WRITES)
    for name in ("liite.pdf", *ORDERS[order]):
        session.write(name)
        assert session.preview.state.problems == (), f"after {name}"
        assert session.page(HOME)[0] == "200 OK", f"after {name}"
    status, page = session.page(NEW_PAGE)
    assert status == "200 OK"
    assert "<h1>Akkukemian verkosto</h1>" in page
    assert session.loop.timers == []  # nothing left waiting
    assert {Path(path).name for paths in session.builds for path in paths} == {NEW.split("/")[1], *FILES}


def test_while_the_folder_is_unfinished_nothing_is_built_at_all(session: Session) -> None:
    session.write("liite.pdf")
    session.write("sv.md")
    session.loop.advance(SETTLE_SECONDS / 2)
    assert session.builds == []
    session.write("meta.yaml")
    assert len(session.builds) == 1  # complete: built at once, every file changed meanwhile named
    assert {Path(p).name for p in session.builds[0]} == {"liite.pdf", "sv.md", "meta.yaml"}


def test_a_folder_that_stays_without_meta_yaml_shows_the_error_once_quiet(session: Session) -> None:
    session.write("liite.pdf")
    session.write("sv.md")
    session.write("fi.md")
    session.loop.advance(SETTLE_SECONDS - BETWEEN_WRITES - 0.01)  # the last file written 0.01 s short of it
    assert session.preview.state.problems == ()
    session.loop.advance(0.02)  # SETTLE_SECONDS after the last file written
    assert [str(p) for p in session.preview.state.problems] == [MISSING]
    status, page = session.page(NEW_PAGE)
    assert status == "500 Internal Server Error"
    assert "<h1>The site could not be built</h1>" in page and MISSING in page
    session.write("meta.yaml")  # written at last: the entry appears
    assert session.preview.state.problems == ()
    assert session.page(NEW_PAGE)[0] == "200 OK"


def test_an_edit_of_a_complete_entry_is_built_at_once(session: Session) -> None:
    source = session.content / "press/2022-09-13-lead-projects/fi.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nUusi kappale.\n", encoding="utf-8")
    session.settle.changed(session.watcher.changes())
    assert len(session.builds) == 1 and session.loop.timers == []
    assert "<p>Uusi kappale.</p>" in session.page("/programme/fi/tiedotteet/kaupungit-ottavat-vetovastuuta/")[1]


def test_a_broken_file_in_a_complete_entry_shows_its_error_at_once(session: Session) -> None:
    source = session.content / "press/2022-09-13-lead-projects/fi.md"
    source.write_text("Pelkkä teksti ilman otsikkoa.\n", encoding="utf-8")
    session.settle.changed(session.watcher.changes())
    assert len(session.builds) == 1
    assert session.page(HOME)[0] == "500 Internal Server Error"


def test_the_build_still_stops_at_a_missing_meta_yaml(site_dir: Path, run) -> None:
    for name in ("liite.pdf", "sv.md", "fi.md"):
        replace_file(site_dir / "content" / NEW / name, FILES[name])
    result = run("--out", "site", "--no-search")
    assert result.code == 1
    assert result.err.splitlines()[0] == MISSING


@pytest.mark.parametrize(
    ("section", "names", "expected"),
    [
        ("press", (), True),
        ("press", ("liite.pdf",), True),
        ("press", ("sv.md",), True),
        ("press", ("meta.yaml",), True),
        ("press", ("meta.yaml", "sv.md"), False),
        ("projects", ("fi.md",), True),
        ("pages", ("fi.md",), False),  # a page's meta.yaml is optional
        ("press", ("index.sv.md",), True),  # layout B: the default language's file holds the shared keys
        ("press", ("index.fi.md",), False),
        ("press", ("meta.yaml", "fi (1).md"), True),  # a copy is no language file
    ],
)
def test_unfinished_names_a_folder_without_the_files_every_entry_has(
    tmp_path: Path, section: str, names: tuple[str, ...], expected: bool
) -> None:
    for name in names:
        (tmp_path / name).write_bytes(b"")
    assert unfinished(section, tmp_path, ("fi", "sv", "en")) is expected
    assert unfinished(section, tmp_path / "gone", ("fi", "sv", "en")) is False
