"""A layout-A entry folder shown to the editor as layout B, and what the editor saves written back as layout A.

The editor (Sveltia CMS) can only write layout B (content/layout.py). Working
locally, the file API shows each layout-A folder as B: a virtual `index.fi.md`
is fi.md's front matter and meta.yaml's text, then fi.md's text; `index.sv.md`
is sv.md. What the editor saves is split back by the loader's own key lists:
the shared keys to meta.yaml, the rest to fi.md. The text of every key whose
value did not change is kept as it was (with its comments), and a file whose
values did not change is not written, so saving changes only what was changed.

`published` (press releases): meta.yaml's is the original's time. The virtual
index.fi.md shows fi.md's own time if it has one, else meta.yaml's; another
language shows its own, or meta.yaml's where that differs from the Finnish one
(so that the versions say when each came out, as layout B does). Written back,
the Finnish time is meta.yaml's unless fi.md has its own, and a translation keeps
its own time only where it differs from meta.yaml's.

`draft`: the editor starts a new entry as a draft (its field's default is on),
and fills a field's default into every entry it opens without the key. So the
virtual index.fi.md of an entry that is not a draft says `draft: false`, which
is dropped again when it is written back (people leave it out), and a layout-B
file without the key is shown with it (`with_draft_line`): a live release opened
for a correction stays live.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from innosite.content.layout import FRONT_KEYS, META_KEYS, shared_keys
from innosite.content.source import decode
from innosite.editor.blocks import Blocks, merge_blocks, split_blocks


class SplitError(ValueError):
    """What the editor sent cannot be written as layout A (a message for the editor's user)."""


@dataclass(frozen=True, slots=True)
class TextFile:
    """A language file: its front matter text (between the --- lines) and its body, or a YAML file (no body)."""

    front: str
    body: str
    closing: str = "---\n"


def read_text(path: Path) -> str | None:
    """A file's text as the build reads it (BOM and CRLF folded), or None when there is none."""
    return decode(path.read_bytes()) if path.is_file() else None


def parse_language_file(text: str) -> TextFile:
    """Front matter text and body of a language file (SplitError when it has no front matter)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        raise SplitError("the file must start with a line '---' and front matter")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return TextFile("".join(lines[1:index]), "".join(lines[index + 1 :]), lines[index])
    raise SplitError("the front matter is not closed: add a line '---' after it")


def merged(section: str, folder: Path, lang: str, langs: tuple[str, ...]) -> str | None:
    """The virtual `index.<lang>.md` of a layout-A folder, or None when that language has no file."""
    own = read_text(folder / f"{lang}.md")
    if own is None:
        return None
    version = parse_language_file(own)
    front = _ensure_newline(version.front)
    meta_text = read_text(folder / "meta.yaml") or ""
    meta = _blocks(meta_text)
    if lang == langs[0]:
        if "published" in _blocks(front).values and "published" in meta.values:  # the Finnish version's own
            meta_text = meta.head + "".join(text for key, text in meta.keys if key != "published") + meta.tail
        front += _ensure_newline(_document_only(meta_text))
        if "draft" not in meta.values:
            front += "draft: false\n"  # not a draft: the editor would fill in its default, a draft
    elif "published" in META_KEYS[section] and "published" not in _blocks(front).values:
        original = meta.values.get("published")
        finnish = _finnish_published(folder, langs, meta)
        if original is not None and str(original) != str(finnish):
            front += f"published: {original}\n"
    return f"---\n{front}{version.closing}{version.body}"


def with_draft_line(text: str) -> str:
    """A layout-B `index.fi.md` as the editor is shown it: with `draft: false` at the end of its front matter when
    it has no `draft:` (the editor would open it as a draft, its field's default); as it is when it cannot be read."""
    try:
        version = parse_language_file(text)
        if "draft" in split_blocks(version.front).values:
            return text
    except ValueError:  # SplitError too: the editor shows its own message for the file as it is
        return text
    return f"---\n{_ensure_newline(version.front)}draft: false\n{version.closing}{version.body}"


def _finnish_published(folder: Path, langs: tuple[str, ...], meta: Blocks) -> Any:
    text = read_text(folder / f"{langs[0]}.md")
    own = _blocks(parse_language_file(text).front).values.get("published") if text else None
    return own if own is not None else meta.values.get("published")


def split(section: str, folder: Path, lang: str, langs: tuple[str, ...], text: str) -> dict[str, str]:
    """What the editor's `index.<lang>.md` becomes in layout A: file name -> new text, only for the files whose
    values change (SplitError when the text cannot be read)."""
    new = parse_language_file(text.replace("\r\n", "\n"))
    try:
        values = split_blocks(new.front).values
    except ValueError as exc:
        raise SplitError(f"the front matter cannot be read: {exc}") from None
    order = list(values)
    if values.get("draft") is False:
        del values["draft"]  # the default, which people leave out
    shared = set(shared_keys(section))
    own = {key: value for key, value in values.items() if key not in shared}
    common = {key: value for key, value in values.items() if key in shared}
    old_own_text = read_text(folder / f"{lang}.md")
    old_own = parse_language_file(old_own_text) if old_own_text is not None else None
    old_own_blocks = _blocks(old_own.front) if old_own else None
    meta_text = read_text(folder / "meta.yaml")
    meta_blocks = _blocks(meta_text or "")
    writes: dict[str, str] = {}
    if "published" in META_KEYS[section]:
        published, original = own.pop("published", None), meta_blocks.values.get("published")
        finnish_own = old_own_blocks is not None and "published" in old_own_blocks.values
        if lang == langs[0] and finnish_own:  # fi.md has its own time: it stays there, meta.yaml's stays
            own["published"] = published
            common = {"published": original, **common}
        elif lang == langs[0]:
            common = {"published": published, **common}
        elif published is not None and str(published) != str(original):
            own["published"] = published
        common = {key: value for key, value in common.items() if value is not None}
        own = {key: value for key, value in own.items() if value is not None}
    if lang == langs[0]:
        meta_order = ["published", *order]
        if common or meta_text is not None:
            new_meta = merge_blocks(meta_blocks if meta_text is not None else None, common, meta_order)
            if meta_text is None or _changed(meta_blocks, common):
                writes["meta.yaml"] = new_meta
    elif common:
        raise SplitError(f"{', '.join(sorted(common))} can only be set in the {langs[0]} version")
    body = _body(new.body, old_own.body if old_own else None)
    if old_own is None or _changed(old_own_blocks, own) or body != old_own.body:
        front = merge_blocks(old_own_blocks, own, [k for k in (*FRONT_KEYS, *order) if k in own])
        closing = old_own.closing if old_own else "---\n"
        writes[f"{lang}.md"] = f"---\n{front}{closing}{body}"
    return writes


def redundant_published(section: str, folder: Path, langs: tuple[str, ...]) -> dict[str, str]:
    """Translations whose own `published` now equals meta.yaml's, written without it (the editor saves a
    release's languages in any order, so this is looked at after each one)."""
    meta = _blocks(read_text(folder / "meta.yaml") or "")
    original = meta.values.get("published")
    if "published" not in META_KEYS[section] or original is None:
        return {}
    writes = {}
    for lang in langs[1:]:
        text = read_text(folder / f"{lang}.md")
        if text is None:
            continue
        version = parse_language_file(text)
        blocks = _blocks(version.front)
        if "published" in blocks.values and str(blocks.values["published"]) == str(original):
            values = {key: value for key, value in blocks.values.items() if key != "published"}
            front = merge_blocks(blocks, values, list(values))
            writes[f"{lang}.md"] = f"---\n{front}{version.closing}{version.body}"
    return writes


def _blocks(text: str) -> Blocks:
    try:
        return split_blocks(text)
    except ValueError as exc:
        raise SplitError(f"a file of this entry cannot be read: {exc}") from None


def _changed(old: Blocks | None, new: dict[str, Any]) -> bool:
    return old is None or old.values != new


def _body(new: str, old: str | None) -> str:
    """The text below the front matter: the old one when only the empty lines around it differ (the editor puts
    one after the closing ---), else the new one without that line, ending with one line break."""
    if old is not None and new.strip("\n") == old.strip("\n"):
        return old
    text = new[1:] if new.startswith("\n") else new
    return text.rstrip("\n") + "\n" if text.strip() else ""


def _document_only(text: str) -> str:
    """A YAML file's text without the lines that start or end its document (`---`, `...`), which would end the
    front matter it is put into."""
    return "".join(line for line in text.splitlines(keepends=True) if line.rstrip() not in ("---", "..."))


def _ensure_newline(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"
