"""Print one SHA-256 digest of a built site: every file's path and bytes.

The pipelines compare it with the digest of the site they last deployed and deploy only when it differs. A CI
job starts without the previous output folder, so the build's own "(K files changed)" counts every file there;
the generator's output is byte-identical for the same input at the same moment, so equal digests mean the
deployed site is already exactly this one. Usage: `python deploy/site_digest.py site`. Standard library only.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

CHUNK = 1 << 20


def file_digest(path: Path) -> bytes:
    """The SHA-256 of one file's bytes, read in chunks (attachments can be large)."""
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            sha.update(chunk)
    return sha.digest()


def site_digest(root: Path) -> str:
    """The digest of every file under root: its path relative to root and its bytes, in path order."""
    files = sorted((path.relative_to(root).as_posix(), path) for path in root.rglob("*") if path.is_file())
    sha = hashlib.sha256()
    for name, path in files:
        sha.update(name.encode("utf-8", "surrogateescape") + b"\0" + file_digest(path))
    return sha.hexdigest()


def main(argv: list[str]) -> int:
    """Print the digest of the folder named; exit 2 when it is not a folder."""
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python deploy/site_digest.py FOLDER (a built site)", file=sys.stderr)
        return 2
    print(site_digest(Path(argv[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
