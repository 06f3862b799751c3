"""The language model of the wrong-language check, prepared in the cache folder for quick reading.

py3langid keeps its model LZMA-compressed: reading it takes 0.6 s, paid by every build that loads an entry
(an edit too). Restricted to the site's languages, with its tokenizer's table as plain bytes (41 MB, see
content/language.prepared_bytes), it reads in a twentieth of that. A build that loads entries in its worker
processes (a first build, a big change) has them write the file once, from the model they read anyway; later
builds read it (content/language.identifier, which passes over a file it cannot read: it is checksummed). The
file is named by py3langid's version and the languages.
"""

from __future__ import annotations

import os
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from innosite.content.language import identifier, prepared_bytes, read_prepared

PREFIX = "language-model-"


def model_path(folder: Path, langs: tuple[str, ...]) -> Path | None:
    """Where the prepared model for langs is kept in the cache folder (None: py3langid is not installed)."""
    made_by = _version()
    return None if made_by is None else folder / f"{PREFIX}{made_by}-{'-'.join(langs)}.model"


@cache
def prepare_model(path: Path, langs: tuple[str, ...]) -> None:
    """Write the prepared model at path unless a readable one is there (the model as this process has it, or
    reads it now); an older one beside it is removed. A folder that cannot be written is passed over. Once a
    process: a worker is asked after every chunk of entries it loads, and reading the file costs 0.05 s."""
    if read_prepared(path, langs) is not None:
        return
    model, known = identifier(langs)
    temp = path.with_name(f".new-{os.getpid()}-{path.name}")
    try:
        with temp.open("wb") as file:
            file.writelines(prepared_bytes(model, known))
        os.replace(temp, path)
        for old in path.parent.glob(f"{PREFIX}*"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        temp.unlink(missing_ok=True)


@cache
def _version() -> str | None:
    try:
        return version("py3langid")
    except PackageNotFoundError:
        return None
