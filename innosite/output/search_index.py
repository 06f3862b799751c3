"""Pagefind at the edge: `pagefind --service`, which gives the index's scripts and each language's wasm (and, in
the tests, Pagefind's own index of pages, to compare with), and the files of the search index written into the
new build (`pagefind/`), unchanged ones linked from the live site.

The service protocol (pagefind/src/service in Pagefind's source): each message is base64 of a JSON object
`{"message_id": n, "payload": {"type": ...}}` followed by a comma on the process's stdin; replies come the same
way on its stdout, one at a time, in order. A service ends when its stdin closes: when the build closes it, or
when the build's process ends in any way (killed too), so no Pagefind process outlives its build.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import threading
from collections import deque
from collections.abc import Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from innosite.output.files import each
from innosite.output.guard import OutputError
from innosite.pages.pagefind_format import LEVEL, pack

SCRIPTS = (
    "pagefind.js", "pagefind-worker.js", "pagefind-highlight.js", "pagefind-ui.js", "pagefind-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
    "wasm.unknown.pagefind",
)  # fmt: skip
"""Files Pagefind writes whatever the pages (besides `wasm.<lang>.pagefind` per language)."""


class SearchIndexError(OutputError):
    """Pagefind failed; the build is not published."""


def failed(reason: str) -> SearchIndexError:
    """The error a build stops with when the index cannot be made."""
    return SearchIndexError(f"the search index could not be built ({reason}); build with --no-search to skip it")


def pagefind_version() -> str:
    """The installed Pagefind's version (an index made by another version is made again)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagefind_bin")
    except PackageNotFoundError:
        return "unknown"


class Service:
    """One `pagefind --service` process; use as a context manager (the process ends when it closes)."""

    def __init__(self, cwd: Path) -> None:
        from pagefind.service import get_executable

        try:
            self.proc = subprocess.Popen(
                [str(get_executable()), "--service"],
                cwd=cwd,  # so that no pagefind.yml of the current folder applies
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except (OSError, FileNotFoundError) as exc:
            raise failed(str(exc)) from exc
        self.next_id = 0
        self._buf = bytearray()

    def __enter__(self) -> Service:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """End the process: its stdin closed, it stops; killed if it does not."""
        try:
            if self.proc.stdin is not None:
                self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def index(self, pages: Iterable[tuple[str, str]]) -> dict[str, bytes]:
        """The files of a new index of these (output path, HTML) pages, in order: path in the bundle -> bytes."""
        index = self._send({"type": "NewIndex", "config": None})["index_id"]
        self._add_all(index, list(pages))
        reply = self._send({"type": "GetFiles", "index_id": index})  # (WriteFiles answers before files are complete)
        self._send({"type": "DeleteIndex", "index_id": index})
        return {item["path"]: base64.b64decode(item["content"]) for item in reply["files"]}

    def _message(self, number: int, payload: dict) -> bytes:
        message = json.dumps({"message_id": number, "payload": payload}, ensure_ascii=False)
        return base64.b64encode(message.encode("utf-8")) + b","

    def _send(self, payload: dict) -> dict:
        """Send one request and wait for its reply."""
        self.next_id += 1
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(self._message(self.next_id, payload))
            self.proc.stdin.flush()
        except OSError as exc:
            raise failed(f"Pagefind stopped: {exc}") from exc
        return self._reply(self.next_id)

    def _add_all(self, index: int, pages: list[tuple[str, str]]) -> None:
        """Add the pages, a thread writing the requests while this one reads the replies (no waiting per page)."""
        first = self.next_id + 1
        self.next_id += len(pages)
        failures: list[BaseException] = []

        def writer() -> None:
            assert self.proc.stdin is not None
            try:
                for number, (path, html) in enumerate(pages, first):
                    payload = {"type": "AddFile", "index_id": index, "file_path": path, "url": None}
                    self.proc.stdin.write(self._message(number, {**payload, "file_contents": html}))
                self.proc.stdin.flush()
            except BaseException as exc:  # noqa: BLE001 (told by the reader)
                failures.append(exc)

        thread = threading.Thread(target=writer, name="pagefind-writer", daemon=True)
        thread.start()
        try:
            for number in range(first, first + len(pages)):
                self._reply(number)
        finally:
            thread.join()
        if failures:
            raise failed(f"Pagefind stopped: {failures[0]}")

    def _reply(self, number: int) -> dict:
        """The payload of the next reply, which must answer message `number`."""
        assert self.proc.stdout is not None
        while (end := self._buf.find(b",")) < 0:
            chunk = self.proc.stdout.read1(65536)  # type: ignore[attr-defined]  # a BufferedReader (bufsize -1)
            if not chunk:
                raise failed("Pagefind stopped")
            self._buf += chunk
        message, self._buf = bytes(self._buf[:end]), self._buf[end + 1 :]
        reply = json.loads(base64.b64decode(message))
        if reply.get("message_id") != number:
            raise failed(f"Pagefind answered message {reply.get('message_id')} instead of {number}")
        if reply["payload"]["type"] == "Error":
            raise failed(reply["payload"]["message"])
        return reply["payload"]


def read_built(folder: Path, path: str) -> bytes:
    """A page of the new build, to be indexed."""
    return (folder / path).read_bytes()


class BundleWriter:
    """Writes the files of `pagefind/` into a new build; a file the live site holds with the same bytes (as its
    publisher vouches: `held`, path -> SHA-256) is linked from there instead. Notes every file's hash."""

    def __init__(self, folder: Path, live: Path, held: Mapping[str, str], linked: frozenset[str] = frozenset()) -> None:
        self.folder = folder
        self.live = live
        self.held = held
        self.linked = linked
        """Files of held that folder holds already as links of live's (see Finishing.linked)."""
        self.in_place = folder.resolve() == live.resolve()
        self.products: dict[str, str] = {}
        """Path in the output folder -> SHA-256 of every file written or kept."""
        self._made: set[str] = set()

    def keep(self, rel: str, sha: str) -> bool:
        """Whether rel, holding bytes of this hash, is in place now (linked from the live site)."""
        here = self._kept_here(rel, sha)
        if here is not None:
            return here
        src, dst = f"{self.live}{os.sep}{rel}", f"{self.folder}{os.sep}{rel}"  # strings: thousands a build
        self._folder(os.path.dirname(dst))
        try:
            os.link(src, dst)
        except FileExistsError:  # the spare's copy from the last build but one
            if not os.path.samefile(src, dst):
                os.unlink(dst)
                os.link(src, dst)
        except OSError:
            return False
        self.products[rel] = sha
        return True

    def write(self, rel: str, data: bytes) -> str:
        """Write rel (a new file, never into one the live site may share); its hash."""
        sha = hashlib.sha256(data).hexdigest()
        if self.keep(rel, sha):
            return sha
        target = f"{self.folder}{os.sep}{rel}"
        self._folder(os.path.dirname(target))
        temp = os.path.join(os.path.dirname(target), f".new-{os.path.basename(target)}")
        with open(temp, "wb") as file:
            file.write(data)
        os.replace(temp, target)  # in place: the server never sends half a file
        self.products[rel] = sha
        return sha

    def write_all(self, files: list[tuple[str, bytes]]) -> list[str]:
        """write() each (path, bytes), in threads when there are many (file calls let go of the GIL); the hashes."""
        return each(lambda item: self.write(*item), files)

    def keep_all(self, files: list[tuple[str, str]]) -> bool:
        """keep() each (path, hash), in threads when there are many; whether all are in place."""
        return all(self.kept(files))

    def kept(self, files: list[tuple[str, str]]) -> list[bool]:
        """keep() each (path, hash); whether each is in place. Those that need a call (a link) are kept in
        threads when there are many; the others (most, after an edit) at once, without starting any."""
        found = [self._kept_here(rel, sha) for rel, sha in files]
        calls = [item for item, here in zip(files, found, strict=True) if here is None]
        linked = iter(each(lambda item: self.keep(*item), calls))
        return [next(linked) if here is None else here for here in found]

    def _kept_here(self, rel: str, sha: str) -> bool | None:
        """keep() when it needs no call: False for a file the live site does not hold with this hash, True for one
        the folder holds already (noted); None when it must be linked."""
        if self.held.get(rel) != sha:
            return False
        if self.in_place or rel in self.linked:
            self.products[rel] = sha
            return True
        return None

    def _folder(self, folder: str) -> None:
        if folder not in self._made:
            os.makedirs(folder, exist_ok=True)
            self._made.add(folder)

    def remove_others(self) -> None:
        """In place: remove the index's files this build does not have (the other publisher starts empty)."""
        if not self.in_place:
            return
        for rel in sorted(self.held.keys() - self.products.keys()):
            path = self.folder / rel
            path.unlink(missing_ok=True)


PENDING = 4 << 20
"""Bytes of chunks waiting to be compressed before the merge waits for them: an edit of a big site changes tens of
chunks (27 of 120 KB each at 5,000 releases), which the merge then hands on without waiting for their
compression, and no more than this is held."""


class PackedFiles:
    """A merge's chunks and metadata written into the new build as they come (use as a context manager): one the
    live site holds with the same contents is linked (`packed`: SHA-1 of a file's contents -> SHA-256 of its packed
    bytes); the others are compressed in threads (libdeflate lets go of the GIL) while the merge goes on, at most
    PENDING bytes waiting, so that a few megabytes are held at most. `used` gets the packed hash of every file
    written or linked."""

    def __init__(self, writer: BundleWriter, packed: Mapping[str, str], used: dict[str, str], jobs: int) -> None:
        self.writer, self.packed, self.used = writer, packed, used
        self.pool = ThreadPoolExecutor(max(1, jobs), thread_name_prefix="compress")
        self.pending: deque[tuple[Future[None], int]] = deque()
        self.waiting = 0
        """Bytes of the pending files."""

    def __enter__(self) -> PackedFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            while self.pending:
                self.pending.popleft()[0].result()
        finally:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def add(self, rel: str, contents: bytes, full: str | None = None, level: int = LEVEL) -> None:
        """Write (or link) rel, a Pagefind file of these contents (the bytes after its signature), whose SHA-1 is
        `full` (None: hashed here), compressed at this level (the same for the same contents)."""
        if full is None:
            full = hashlib.sha1(contents).hexdigest()  # noqa: S324 (a name, not a secret)
        sha = self.packed.get(full)
        if sha is not None and self.writer.keep(rel, sha):
            self.used[full] = sha
            return
        self.pending.append((self.pool.submit(self._write, rel, contents, full, level), len(contents)))
        self.waiting += len(contents)
        while self.waiting > PENDING:
            future, size = self.pending.popleft()
            future.result()
            self.waiting -= size

    def _write(self, rel: str, contents: bytes, full: str, level: int) -> None:
        self.used[full] = self.writer.write(rel, pack(contents, level))
