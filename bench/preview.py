"""Measure the live preview: the time from saving a release to the rebuilt page.

Usage: python bench/preview.py [--edits N] [--content DIR] [--idle SECONDS] [--poll]

Copies the content folder (default: the example site's content/) to a
temporary folder, starts `python build.py serve` there on a free port,
then edits one press release N times. For each edit it reports
- rebuild: the server's own figure, from the file event (the watcher seeing
  the change) to the last file written ("Rebuilt 125 pages in 0.41 s");
- save to page: from writing the file to the first fetch of the page that
  shows the change (adds the watcher's delay and one HTTP fetch);
- idle CPU: the processor time the server takes while nothing changes, over
  --idle seconds after the first build (the watcher's cost), as a share of one core.
With --poll the server looks at the files itself instead of waiting for file events; with --search the
preview indexes its pages for search too (serve --search), and a rebuild ends with the search index written.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REBUILT = re.compile(r"^Rebuilt \d+ pages in ([0-9.]+) s\.$", re.MULTILINE)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/preview.py", description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=10, help="edits to time (default 10)")
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="content folder to copy")
    parser.add_argument("--idle", type=float, default=10.0, help="seconds to measure idle CPU (default 10)")
    parser.add_argument("--poll", action="store_true", help="serve --poll (the polling watcher)")
    parser.add_argument("--search", action="store_true", help="serve --search (the preview indexes for search)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="preview-bench-") as tmp:
        folder = Path(tmp)
        shutil.copytree(args.content, folder / "content")
        # the newest release (folders are named by date): the first one the listing links to
        release = sorted((folder / "content" / "press").glob("*/fi.md"))[-1]
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        log = folder / "serve.log"
        with log.open("wb") as out:
            flags = [*(["--poll"] * args.poll), *(["--search"] * args.search)]
            server = subprocess.Popen(
                [sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port), *flags],
                cwd=folder,
                stdout=out,
                stderr=out,
            )
        try:
            root = f"http://127.0.0.1:{port}"
            _wait(lambda: _fetch(root + "/") is not None, limit=1800.0)  # the first build of a large corpus
            page = _page_of(root, release)
            time.sleep(2)  # the first build's last writes settle
            cpu = _cpu_seconds(server.pid)
            time.sleep(args.idle)
            idle = (_cpu_seconds(server.pid) - cpu) / args.idle
            rebuilds, saves = [], []
            original = release.read_text(encoding="utf-8")
            for number in range(1, args.edits + 1):
                marker = f"Muokkaus numero {number}."
                before = len(REBUILT.findall(log.read_text()))
                start = time.perf_counter()
                release.write_text(f"{original}\n{marker}\n", encoding="utf-8")
                _wait(lambda marker=marker: marker in (_fetch(page) or ""))
                saves.append(time.perf_counter() - start)
                _wait(lambda before=before: len(REBUILT.findall(log.read_text())) > before)
                rebuilds.append(float(REBUILT.findall(log.read_text())[-1]))
                time.sleep(0.3)
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=300)  # removing the preview's folder of a large site takes a while
            pages = re.search(r"Built (\d+) pages", log.read_text())
    shown = release.relative_to(folder)
    print(f"{args.content.name}/: {pages.group(1) if pages else '?'} pages; {args.edits} edits of {shown.as_posix()}")
    print(f"watcher: {'polling' if args.poll else 'file events'}; search {'on' if args.search else 'off'}")
    print(f"idle CPU {idle:.1%} of one core")
    for name, values in (("rebuild (file event to last file written)", rebuilds), ("save to page served", saves)):
        print(f"{name}: median {statistics.median(values):.3f} s, min {min(values):.3f} s, max {max(values):.3f} s")
    return 0


def _cpu_seconds(pid: int) -> float:
    """User and system time of a process (Linux /proc), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _page_of(root: str, release: Path) -> str:
    """The URL of the release's Finnish page, found from the listing."""
    listing = _fetch(root + "/fi/tiedotteet/") or ""
    slug = re.search(r'href="(/fi/tiedotteet/[a-z0-9-]+/)"', listing)
    if not slug:
        raise SystemExit(f"no press release found in the listing for {release}")
    return root + slug.group(1)


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait(ready, limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    while not ready():
        if time.monotonic() > deadline:
            raise SystemExit("the preview server did not respond in time")
        time.sleep(0.02)


if __name__ == "__main__":
    raise SystemExit(main())
