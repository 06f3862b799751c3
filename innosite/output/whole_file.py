"""Writing one file whole or not at all: the files a person keeps in the content folder (a translation, what
the browser editor saves, the record of published addresses) are never left half written."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def replace_file(path: Path, data: bytes) -> None:
    """Put data at path in one step: written and flushed into a hidden file beside it, then renamed over the old
    file (its folder made if missing; a new file gets the permissions any new file of the user's gets)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")  # threads, processes
    try:
        with open(temporary, "xb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    try:
        folder = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return  # a system without folder handles (Windows): the rename is as durable as it gets
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
