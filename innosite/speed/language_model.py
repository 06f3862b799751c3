"""The language model of the wrong-language check, prepared once in the cache folder for quick reading.

py3langid keeps its model LZMA-compressed: reading it takes 0.6 s, paid by every build that loads an entry
(an edit too). Restricted to the site's languages, pickled and compressed with libdeflate's fastest level
(2 MB), it reads in 0.15 s. The file is named by py3langid's version and the languages; one that cannot be
read is ignored (content/language.identifier, which reads it).
"""

from __future__ import annotations

import os
import pickle
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from innosite.content.language import identifier, pack

PREFIX = "language-model-"


def prepared_model(folder: Path, langs: tuple[str, ...]) -> Path | None:
    """The prepared model for langs in the cache folder, made now if missing (None: it cannot be written)."""
    try:
        made_by = version("py3langid")
    except PackageNotFoundError:
        return None
    path = folder / f"{PREFIX}{made_by}-{'-'.join(langs)}.pickle"
    if path.is_file():
        return path
    model, known = identifier.__wrapped__(langs)  # not kept in this process: the workers read the file
    model._full_model = (model.nb_ptc, model.nb_pc, model.nb_classes)  # noqa: SLF001 (the rest, never used here)
    temp = path.with_name(f".new-{os.getpid()}-{path.name}")
    try:
        temp.write_bytes(pack(pickle.dumps((model, known), 5)))
        os.replace(temp, path)
    except OSError:
        temp.unlink(missing_ok=True)
        return None
    for old in folder.glob(f"{PREFIX}*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)
    return path
