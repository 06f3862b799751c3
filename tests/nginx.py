"""The nginx example of docs/hosting.md, run for tests on 127.0.0.1 against a built site."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "hosting.md"
TEMP_PATHS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
SEARCH_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/local/sbin"])


def example_config() -> str:
    """The nginx block of docs/hosting.md, exactly as documented."""
    blocks = re.findall(r"```nginx\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) == 1, "docs/hosting.md should hold one nginx example"
    return blocks[0]


def nginx_binary() -> str:
    found = shutil.which("nginx", path=SEARCH_PATH)
    assert found, "nginx is not installed (Debian: apt-get install nginx-light)"
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _mime_types(binary: str) -> str:
    """nginx's own mime.types (Debian: /etc/nginx/mime.types)."""
    info = subprocess.run([binary, "-V"], capture_output=True, text=True).stderr
    conf = re.search(r"--conf-path=(\S+)", info)
    return str(Path(conf.group(1)).parent / "mime.types") if conf else "/etc/nginx/mime.types"


@contextmanager
def nginx(site: Path, work: Path) -> Iterator[str]:
    """Serve site with the documented configuration; yields http://127.0.0.1:PORT."""
    binary = nginx_binary()
    port = _free_port()
    server = example_config().replace("listen 80;", f"listen 127.0.0.1:{port};")
    server = server.replace("root /var/www/innokaupungit/site;", f"root {site.resolve()};")
    temp = "".join(
        f"{name}_temp_path {work / name};\n" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    config = work / "nginx.conf"
    config.write_text(
        f"master_process off;\npid {work / 'nginx.pid'};\nerror_log {work / 'error.log'};\nevents {{}}\n"
        f"http {{\ninclude {_mime_types(binary)};\naccess_log off;\n{temp}{server}\n}}\n",
        encoding="utf-8",
    )
    process = subprocess.Popen([binary, "-p", str(work), "-c", str(config), "-g", "daemon off;"])
    try:
        _wait(port, process, work)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait(port: int, process: subprocess.Popen, work: Path) -> None:
    for _ in range(100):
        if process.poll() is not None:
            log = (work / "error.log").read_text() if (work / "error.log").exists() else ""
            raise AssertionError(f"nginx did not start: {log}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("nginx did not answer")
