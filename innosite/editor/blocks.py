"""Front matter as the text blocks of its top-level keys, and values written as a person writes them.

The editor rewrites a whole file on every save. Splitting the front matter into
one block per key (its line, what is indented under it, the comments before it)
lets the file API keep the text of every key whose value did not change, so an
edited title changes one line, and comments written by hand or by `new` stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from innosite.content.source import Yaml12Loader

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$")
DATE_KEYS = ("published", "updated", "start", "end")
"""Keys whose `YYYY-MM-DD HH:MM` or `YYYY-MM-DD` is written without quotes, as people write it."""


@dataclass(frozen=True, slots=True)
class Blocks:
    """A front matter (or meta.yaml) text: comments before the first key, each key's block, comments after."""

    head: str
    keys: tuple[tuple[str, str], ...]
    """(key, its text: the comment lines before it, its line and everything under it), in file order."""
    tail: str
    values: dict[str, Any]
    """Each key's value, read as the editor (YAML 1.2) reads it."""

    def text(self, key: str) -> str | None:
        return dict(self.keys).get(key)


def split_blocks(text: str) -> Blocks:
    """The blocks of a YAML mapping's text (ValueError when it is not a readable mapping)."""
    lines = text.splitlines(keepends=True)
    loader = Yaml12Loader(text)
    try:
        node = loader.get_single_node()
        values = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as exc:
        raise ValueError(str(exc)) from None
    finally:
        loader.dispose()
    if node is None:
        return Blocks(text, (), "", {})
    if not isinstance(node, yaml.MappingNode) or not isinstance(values, dict):
        raise ValueError("not a mapping")
    keys, start = [], 0
    for key_node, value_node in node.value:
        first = key_node.start_mark.line
        end = max(value_node.end_mark.line + (1 if value_node.end_mark.column else 0), first + 1)
        while end > first + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
            end -= 1  # a nested block's end is where the next key starts: its comments belong to that key
        keys.append((str(key_node.value), first, end))
    if not keys:
        return Blocks(text, (), "", values)
    head_end = _comments_start(lines, 0, keys[0][1])
    blocks = []
    for index, (key, first, end) in enumerate(keys):
        begin = head_end if index == 0 else _comments_start(lines, keys[index - 1][2], first)
        stop = end if index + 1 == len(keys) else _comments_start(lines, end, keys[index + 1][1])
        blocks.append((key, "".join(lines[begin:stop])))
        start = stop
    return Blocks("".join(lines[:head_end]), tuple(blocks), "".join(lines[start:]), values)


def _comments_start(lines: list[str], after: int, key_line: int) -> int:
    """Where the comment lines just before a key begin (a blank line ends them): they belong to the key."""
    begin = key_line
    while begin > after and lines[begin - 1].lstrip().startswith("#"):
        begin -= 1
    return begin


class _HandDumper(yaml.SafeDumper):
    """Block style, list items indented under their key, no line folding, text kept readable."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    if "\n" in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    return dumper.represent_str(data)


_HandDumper.add_representer(str, _text)


def write_key(key: str, value: Any) -> str:
    """A key's block as a person writes it: `title: Otsikko`, lists one item a line (quotes where YAML 1.1,
    which the build reads layout A with, would read the text as something else)."""
    if key in DATE_KEYS and isinstance(value, str) and _DATE.match(value):
        return f"{key}: {value}\n"
    return yaml.dump({key: value}, Dumper=_HandDumper, allow_unicode=True, sort_keys=False, width=10_000)


def merge_blocks(old: Blocks | None, new: dict[str, Any], order: list[str]) -> str:
    """The text for the values `new` (keys in `order`), keeping the old text of every unchanged key, the old
    comments at the head and tail, and the old order; a new key goes after the key it follows in `order`."""
    kept = dict(old.keys) if old else {}
    old_order = [key for key, _ in old.keys] if old else []
    placed = [key for key in old_order if key in new]
    for key in order:
        if key in new and key not in placed:
            before = [k for k in order[: order.index(key)] if k in placed]
            placed.insert(placed.index(before[-1]) + 1 if before else 0, key)
    parts = [old.head if old else ""]
    for key in placed:
        same = old is not None and key in kept and old.values.get(key) == new[key]
        parts.append(kept[key] if same else _with_comments(kept.get(key), write_key(key, new[key])))
    parts.append(old.tail if old else "")
    return "".join(parts)


def _with_comments(old_text: str | None, new_text: str) -> str:
    """A changed key's new text after the comment lines that stood before it."""
    if not old_text:
        return new_text
    comments = []
    for line in old_text.splitlines(keepends=True):
        if not line.lstrip().startswith("#"):
            break
        comments.append(line)
    return "".join(comments) + new_text
