"""Reading content files: text checks, YAML with line numbers, front matter.

PyYAML's C parser builds the node tree; values are built from it here so that
every key keeps its line and duplicate keys are caught (PyYAML would silently
keep the last one).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from innosite.content.indentation import swallowed_item
from innosite.content.yaml_errors import yaml_error

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Content files larger than this are refused (a runaway paste, not a release)."""

MAX_YAML_NODES = 20_000
"""Values built from one YAML file, aliases expanded: stops 'billion laughs'."""

MAX_YAML_DEPTH = 64
"""Lists and mappings inside each other: content needs a handful; hundreds would exhaust the stack."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip
_WRITTEN_MOMENT = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2}))?)?")
"""The date and time at the start of a value as YAML or a person writes it (2024-02-30, 2024-02-30 25:00)."""


class SourceError(Exception):
    """A fault in one file, at a line (1-based, 0 if unknown)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True, slots=True)
class YamlDoc:
    """Plain values of a YAML document and the line of each key path."""

    data: Any
    lines: dict[tuple[Any, ...], int] = field(default_factory=dict)
    duplicates: tuple[tuple[int, str], ...] = ()

    def line(self, *keys: Any) -> int:
        """The line of the deepest known prefix of a key path."""
        for end in range(len(keys), -1, -1):
            if keys[:end] in self.lines:
                return self.lines[keys[:end]]
        return 0


def decode(raw: bytes) -> str:
    """UTF-8 text with BOM dropped and CRLF folded; faults carry their line."""
    if len(raw) > MAX_FILE_BYTES:
        raise SourceError(0, f"the file is larger than {MAX_FILE_BYTES // 1024 // 1024} MB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(line, "the file is not UTF-8 text: save it as UTF-8") from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise SourceError(line, f"invisible control character U+{ord(bad.group()):04X}: delete it")
    return text


def calendar_fault(text: str) -> tuple[str, str] | None:
    """Why a well-formed `YYYY-MM-DD[ HH:MM[:SS]]` names no moment: ("date", "February 2026 has 28 days") or
    ("time", "the hours go from 00 to 23"); None when it names one (or is not written so)."""
    found = _WRITTEN_MOMENT.match(text.strip())
    if found is None:
        return None
    year, month, day, hour, minute, second = (int(part) if part else 0 for part in found.groups())
    if not 1 <= month <= 12:
        return "date", "the months go from 01 to 12"
    if not 1 <= day <= (days := calendar.monthrange(year, month)[1]):
        return "date", f"{_MONTHS[month - 1]} {year} has {days} days"
    for value, limit, unit in ((hour, 23, "hours"), (minute, 59, "minutes"), (second, 59, "seconds")):
        if value > limit:
            return "time", f"the {unit} go from 00 to {limit}"
    return None


def parse_yaml(text: str, first_line: int = 1, yaml12: bool = False) -> YamlDoc:
    """Parse one YAML document; line numbers start at first_line. `yaml12`: plain values read as YAML 1.2
    (what the browser editor writes): only true/false are booleans, no dates, no base-60 numbers."""
    if "\t" in text:
        for number, line in enumerate(text.split("\n"), start=first_line):
            if line[: len(line) - len(line.lstrip(" \t"))].count("\t"):
                raise SourceError(number, "a tab character: indent with spaces, not tabs")
    loader = (Yaml12Loader if yaml12 else yaml.CSafeLoader)(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        index, message = yaml_error(exc, text)
        raise SourceError(0 if index is None else index + first_line, message) from None
    except yaml.YAMLError as exc:
        raise SourceError(0, f"YAML syntax error: {exc}") from None
    try:
        builder = _Builder(loader, first_line, text)
        data = builder.build(node, ()) if node is not None else None
    finally:
        loader.dispose()
    return YamlDoc(data, builder.lines, tuple(builder.duplicates))


_YAML_TAG = "tag:yaml.org,2002:"
_STR_TAG = _YAML_TAG + "str"
_PLAIN_TAGS = frozenset(_YAML_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq"))
"""What content may hold: text, numbers, dates, lists and mappings (no !!python/..., !!binary, !!set)."""


def _tag_message(tag: str) -> str:
    if tag == _YAML_TAG + "merge":
        return 'merge keys ("<<") are not supported: write the keys out'
    shown = "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag
    plain = "write plain text, numbers, dates, lists and key: value lines"
    return f'the YAML tag "{_short(shown)}" is not allowed: {plain}'


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _Builder:
    """Builds plain values from YAML nodes, noting lines and duplicate keys."""

    def __init__(self, loader: yaml.CSafeLoader, first_line: int, text: str) -> None:
        self.loader = loader
        self.first_line = first_line
        self.text = text
        self.lines: dict[tuple[Any, ...], int] = {}
        self.duplicates: list[tuple[int, str]] = []
        self.count = 0

    def build(self, node: yaml.Node, path: tuple[Any, ...]) -> Any:
        self.count += 1
        if self.count > MAX_YAML_NODES:
            raise SourceError(
                node.start_mark.line + self.first_line,
                "the YAML expands to too many values (aliases used too often?)",
            )
        line = node.start_mark.line + self.first_line
        if len(path) > MAX_YAML_DEPTH:
            raise SourceError(line, "YAML syntax error: lists or mappings nested too deeply")
        self.lines.setdefault(path, line)
        if node.tag not in _PLAIN_TAGS:
            raise SourceError(line, _tag_message(node.tag))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if path and isinstance(path[-1], int) and isinstance(node, yaml.ScalarNode):
            self._item_on_its_line(node)
        if node.tag == _STR_TAG:  # what the constructor would return, without its bookkeeping
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            raise SourceError(line, f"YAML value error: {exc}") from None
        except (ValueError, OverflowError) as exc:  # 2022-02-30, a number of 5000 digits
            if node.tag.endswith(("int", "float")):
                problem = "is too long a number: put it in quotes if it is text"
            else:
                what, why = calendar_fault(node.value) or ("date", str(exc))
                problem = f"is not a {what} that exists ({why}): correct it, or put it in quotes if it is text"
            raise SourceError(line, f'"{_short(node.value)}" {problem}') from None

    def _item_on_its_line(self, node: yaml.ScalarNode) -> None:
        """A list item of plain text over several lines took in a `- ` line indented deeper (`- tampere`, then
        `   - oulu`: "tampere - oulu"): an error saying which line to move."""
        if not node.style and node.end_mark.line > node.start_mark.line:
            swallowed = swallowed_item(self.text, node.start_mark.line, node.end_mark.line)
            if swallowed is not None:
                raise SourceError(swallowed[0] + self.first_line, swallowed[1])

    def _mapping(self, node: yaml.MappingNode, path: tuple[Any, ...]) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.build(key_node, (*path, "\0key"))
            if isinstance(key, (list, dict)):
                raise SourceError(key_node.start_mark.line + self.first_line, "a key must be a plain word")
            line = key_node.start_mark.line + self.first_line
            if key in result:
                self.duplicates.append((line, f'the key "{key}" appears twice: keep one'))
            self.lines[(*path, key)] = line
            result[key] = self.build(value_node, (*path, key))
            self.lines[(*path, key)] = line
        return result


@dataclass(frozen=True, slots=True)
class LanguageFile:
    """A language file split into front matter and Markdown body."""

    front: YamlDoc
    body: str
    body_line: int


def split_front_matter(text: str, yaml12: bool = False) -> LanguageFile:
    """Split `---` front matter from the Markdown body (`yaml12`: see parse_yaml)."""
    if not text.strip():
        raise SourceError(1, "the file is empty: it needs front matter with a title, then the text")
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        raise SourceError(1, "the file must start with a line '---' and front matter (title: ...)")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            front = parse_yaml("\n".join(lines[1:index]), first_line=2, yaml12=yaml12)
            body = "\n".join(lines[index + 1 :])
            return LanguageFile(front, body, index + 2)
    raise SourceError(1, "the front matter is not closed: add a line '---' after it")


class Yaml12Loader(yaml.CSafeLoader):
    """Plain scalars resolved as YAML 1.2's core schema does (the JavaScript YAML library of the browser editor):
    `No`, `on`, `12:30` and `2024-03-01` stay text. Numbers with a leading zero stay text too (`040`)."""

    yaml_implicit_resolvers: dict = {}


for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    ("float", r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$", "-+0123456789."),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    Yaml12Loader.add_implicit_resolver(_YAML_TAG + _tag, re.compile(_pattern), list(_first))
