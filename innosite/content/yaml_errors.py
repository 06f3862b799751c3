"""What a YAML syntax error means, in plain words, at the line to fix.

The parser says where it gave up ("did not find expected key", "mapping values
are not allowed"); most often the mistake is a line indented one space off, a
line or two above: `yaml_error` asks indentation.py for such a line first.
Other faults get the plain sentence of `_PLAIN_YAML`.
"""

from __future__ import annotations

import re

import yaml

from innosite.content.indentation import indentation_fault

_PLAIN_YAML = {
    "mapping values are not allowed": ("a colon followed by a space inside a value: put the value in quotes"),
    "found character '\\t' that cannot start any token": ("a tab character: indent with spaces, not tabs"),
    "found character that cannot start any token": "a character that cannot start a value: put the value in quotes",
    "did not find expected ',' or ']'": "a list in [brackets] is not closed, or its items are not separated by commas",
    "did not find expected ',' or '}'": "a mapping in {braces} is not closed, or its items are not separated by commas",
    "could not find expected ':'": "a line without 'key: value' (a missing colon?)",
    "found undefined alias": "an alias (*name) that is not defined",
    "exceeded maximum nesting depth": "lists or mappings nested too deeply",
    "but found another document": "a second document (a line '---' or '...') in the file: remove that line",
    "found unexpected end of stream": "a value in quotes is not closed: add the closing quote",
    "found unknown escape character": 'a backslash (\\) inside "double quotes": write the value between single quotes',
    "did not find expected hexdecimal number": (
        'a backslash (\\) inside "double quotes": write the value between single quotes'
    ),
    "did not find expected alphabetic or numeric character": "a value starting with & or *: put the value in quotes",
    "block sequence entries are not allowed": (
        'a list item ("- ") on the line of its key: start the list on the next line, or put the value in quotes'
    ),
    "did not find expected comment or line break": "text after | or > on its line: start the text on the next line",
    "found unknown directive name": "a line starting with %: put the value in quotes",
    "did not find expected <document start>": "a line after the end of the values: indent it like the keys above",
    "did not find expected '-' indicator": (
        'a line inside a list that is not an item: start each item with "- ", and indent the lines of an item '
        "like its first key"
    ),
}
"""The start of a parser's problem, and what it says in plain words."""

_KEYED_BY_CONTEXT = ("could not find expected ':'", "found unexpected end of stream")
"""Problems the parser notices on a later line than the one to fix (where its context started)."""

_INDENTATION = (
    "did not find expected <document start>",
    "mapping values are not allowed",
    "did not find expected key",
    "did not find expected '-' indicator",
    "could not find expected ':'",
    "block sequence entries are not allowed",
)
"""Problems a line indented wrongly above them can cause."""

_QUOTED = re.compile(r"""(?:^|[\s{,\[-])([\w-]+):[ ]+(["'])(.*)$""")
"""A `key: "value` on a line: the value starts with a quote."""


def yaml_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[int | None, str]:
    """The line (0-based in text; None if unknown) and the plain message of a parser's error."""
    mark = exc.problem_mark or exc.context_mark
    lines = text.split("\n")
    if mark is not None and mark.line < len(lines) and (inner := _inner_quote_message(lines[mark.line])):
        return mark.line, f"YAML syntax error: {inner}"
    problem = (exc.problem or str(exc)).strip()
    if mark is not None and problem.startswith(_INDENTATION) and (found := indentation_fault(text, mark.line)):
        return found
    if problem.startswith(_KEYED_BY_CONTEXT) and exc.context_mark is not None:
        mark = exc.context_mark
    at = mark.line if mark else None
    if problem.startswith("did not find expected key"):
        return at, f"YAML syntax error: {_misplaced(lines, mark)}"
    for known, plain in _PLAIN_YAML.items():
        if problem.startswith(known):
            return at, f"YAML syntax error: {plain}"
    return at, f"YAML syntax error: {problem}"


def _misplaced(lines: list[str], mark: yaml.Mark | None) -> str:
    """What "did not find expected key" means: text after the end of a value, or a line that fits nowhere."""
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    if mark is not None and line[: mark.column].strip():
        return "text after the end of a value (a closing quote or bracket): put the whole value in quotes"
    if line.lstrip(" ").startswith("-"):
        return 'a list item ("- ") where a key is expected: indent it under the "key:" of its list'
    return 'a line that fits with none above it: indent it like the keys it belongs with, and write it as "key: value"'


def _inner_quote_message(line: str) -> str | None:
    """What to do when a quoted value on the line ends at a quote inside it (`title: "a "b" c"`), else None."""
    found = _QUOTED.search(line)
    if found is None:
        return None
    key, quote, rest = found.groups()
    at = 0
    while (at := rest.find(quote, at)) >= 0:
        escaped = rest[at - 1 : at] == "\\" if quote == '"' else rest[at + 1 : at + 2] == "'"
        if not escaped:
            break
        at += 1 if quote == '"' else 2
    after = rest[at + 1 :].strip() if at >= 0 else ""
    if not after or after.startswith(("#", ",", "}", "]")):
        return None
    if quote == '"':
        single = "write the value between single quotes ('...'), or use ” typographic quotes"
        return f'"{key}" has a " inside "...": {single}'
    return f"\"{key}\" has a ' inside '...': write the value between double quotes (\"...\"), or write the ' twice ('')"
