"""Which file of an entry folder holds what, in either layout (content/layout.py): the versions, the shared keys."""

from __future__ import annotations

from pathlib import Path

from innosite.content.layout import B_PREFIX, FRONT_KEYS, b_files, is_b
from innosite.content.source import SourceError, decode, parse_yaml


def version_name(folder: Path, lang: str) -> str:
    """The file of a language version: fi.md, or index.fi.md in a folder the browser editor wrote."""
    return f"{B_PREFIX}{lang}.md" if is_b(folder) else f"{lang}.md"


def meta_name(folder: Path) -> str | None:
    """The file of the shared keys: meta.yaml, or in layout B the language file whose front matter has them
    (None when none has: then there is no image, and no alt text to translate)."""
    if not is_b(folder):
        return "meta.yaml"
    for name in b_files(folder):
        try:
            front = _front(decode((folder / name).read_bytes()))
            data = parse_yaml(front).data if front is not None else None
        except (SourceError, OSError):
            continue
        if isinstance(data, dict) and any(key not in FRONT_KEYS for key in data):
            return name
    return None


def meta_text(name: str | None, text: str | None) -> str | None:
    """The YAML of the shared keys in that file's text (a language file's front matter)."""
    if name is None or text is None or name == "meta.yaml":
        return text
    return _front(text)


def with_meta(name: str, text: str, meta: str) -> str:
    """The file's text with the YAML of the shared keys replaced by `meta`."""
    if name == "meta.yaml":
        return meta
    lines = text.split("\n")
    close = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    return "\n".join(["---", meta.rstrip("\n"), *lines[close:]])


def _front(text: str) -> str | None:
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    return "\n".join(lines[1:close]) if close else None
