"""A translated unit back to Markdown: its codes checked against the source's, its text made safe.

The target comes from the translator's tool as text and codes that carry only
their number; each code's Markdown is taken from the source unit, so a link's
address or a footnote's label cannot change. Text the translator typed is
kept as it is, except where it would change the structure of the page: a line
break in a heading or table cell, a blank line, a `|` in a table cell, or a
line that would start a heading, list or quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from innosite.translate.inline import Code, Content, codes, to_markdown

_LINE_START = re.compile(r"#|>|[-+*](?=[ \t]|$)|\d+\.(?=[ \t]|$)|\[(?=[^\]\n]*\]:)")
_PIPE = re.compile(r"(?<!\\)\|")
_NEWLINES = re.compile(r"[ \t]*\n[ \t\n]*")

LINE_START_KINDS = frozenset({"p", "li", "q", "fn", "dt", "dd"})
"""Kinds whose text starts a line of the body (after any list marker or `>`)."""
ONE_LINE_KINDS = frozenset({"h", "td", "th", "abbr", "abbr-title", "title", "summary", "image-alt"})


@dataclass(frozen=True, slots=True)
class CodeProblem:
    """A code of the target that does not match the source; `code` is the source's, if known."""

    message: str


def check_codes(source: Content, target: Content) -> tuple[CodeProblem, ...]:
    """Every code of the source once in the target, of the same kind, under the same parent code."""
    known = {code.id: (code, parent) for code, parent in codes(source)}
    seen: dict[str, int] = {}
    problems: list[CodeProblem] = []
    for code, parent in codes(target):
        seen[code.id] = seen.get(code.id, 0) + 1
        if code.id not in known:
            problems.append(
                CodeProblem(f"the translation has an inline code {code.id} that the source does not have: remove it")
            )
            continue
        original, original_parent = known[code.id]
        if seen[code.id] == 2:
            problems.append(CodeProblem(f"the translation has {_name(original)} twice: keep it once"))
        if code.kind != original.kind:
            problems.append(CodeProblem(f"{_name(original)} was changed: copy it from the source as it is"))
        elif (parent.id if parent else None) != (original_parent.id if original_parent else None):
            where = f"inside {_name(original_parent)}" if original_parent else "outside other codes"
            problems.append(CodeProblem(f"{_name(original)} was moved: keep it {where}, as in the source"))
    for code_id, (original, _) in known.items():
        if code_id not in seen:
            problems.append(CodeProblem(f"the translation lacks {_name(original)}: keep every code of the source"))
    return tuple(problems)


def _name(code: Code) -> str:
    return f"{code.what} (inline code {code.id})"


def target_markdown(source: Content, target: Content, kind: str) -> str:
    """The Markdown of a checked target, each code's Markdown from the source."""
    originals = {code.id: code for code, _ in codes(source)}
    exact = to_markdown(_with_markdown(target, originals))
    if exact == to_markdown(source):
        return exact
    pieces = _flatten(_with_markdown(target, originals))
    return _safe(pieces, kind).strip()


def _with_markdown(content: Content, originals: dict[str, Code]) -> Content:
    """The target's codes with the Markdown of the source's codes of the same number."""
    result: list[str | Code] = []
    for piece in content:
        if isinstance(piece, str):
            result.append(piece)
        else:
            original = originals[piece.id]
            result.append(
                Code(piece.id, original.kind, original.ctype, original.open, original.close,
                     _with_markdown(piece.children, originals), original.what)
            )  # fmt: skip
    return tuple(result)


def _flatten(content: Content) -> list[tuple[bool, str]]:
    """(is text, Markdown) pieces in order."""
    result: list[tuple[bool, str]] = []
    for piece in content:
        if isinstance(piece, str):
            result.append((True, piece))
        else:
            result.append((False, piece.open))
            result.extend(_flatten(piece.children))
            result.append((False, piece.close))
    return [item for item in result if item[1]]


def _safe(pieces: list[tuple[bool, str]], kind: str) -> str:
    """Join the pieces, making the typed text unable to change the structure."""
    out: list[str] = []
    at_line_start = True
    for is_text, markdown in pieces:
        if not is_text:
            out.append(markdown)
            at_line_start = markdown.endswith("\n")
            continue
        text = " ".join(markdown.split("\n")) if kind in ONE_LINE_KINDS else _NEWLINES.sub("\n", markdown)
        if kind in ("td", "th"):
            text = _PIPE.sub(r"\\|", text)
        lines = text.split("\n")
        for index, line in enumerate(lines):
            if index > 0 or at_line_start:
                line = line.lstrip(" \t")
                lines[index] = _escape_start(line) if kind in LINE_START_KINDS else line
        out.append("\n".join(lines))
        if text:
            at_line_start = text.endswith("\n")
    return "".join(out)


def _escape_start(line: str) -> str:
    """A backslash where a line would otherwise start a heading, a quote, a list or a definition."""
    match = _LINE_START.match(line)
    if not match:
        return line
    found = match.group()
    if found[0].isdigit():
        return found[:-1] + "\\." + line[len(found) :]
    return "\\" + line
