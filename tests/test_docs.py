"""docs/authoring.md lists every message a build can give: a message added to the code fails here until it is there."""

from __future__ import annotations

import ast
import builtins
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "authoring.md"
TRANSLATION_DOC = ROOT / "docs" / "translation.md"
"""Messages of innosite/translate/ (translate export and import) are listed there instead."""
MIN_LENGTH = 15
"""Shorter leading parts ("error: ", '"') say nothing about which message it is."""


def _leading(node: ast.expr) -> list[str]:
    """The literal start of a message, up to its first placeholder (both branches of a ... if ... else ...)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        text = ""
        for part in node.values:
            if not (isinstance(part, ast.Constant) and isinstance(part.value, str)):
                break
            text += part.value
        return [text]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _leading(node.left)
    if isinstance(node, ast.IfExp):
        return _leading(node.body) + _leading(node.orelse)
    return []


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _is_message_call(call: ast.Call) -> bool:
    """problems.error/warn/warning, fields.error, the sanitizer's Removal(message, ...) and the project's own exceptions
    (SourceError, OutputError, ...)."""
    name = _name(call.func)
    if name in ("error", "warn", "warning", "Removal"):
        return True
    return name.endswith("Error") and not hasattr(builtins, name)


def _messages(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, leading part) of every message in a module: the message argument of a message call, and what
    helper functions named ..._message or ..._problem return."""
    found: list[tuple[int, ast.expr]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _is_message_call(node) and node.args:
            found.append((node.lineno, node.args[0 if _name(node.func) == "Removal" else -1]))
        elif isinstance(node, ast.FunctionDef) and node.name.endswith(("message", "problem")):
            found += [(n.lineno, n.value) for n in ast.walk(node) if isinstance(n, ast.Return) and n.value]
    return [(line, text) for line, expr in found for text in _leading(expr) if len(text.strip()) >= MIN_LENGTH]


def _all_messages() -> list[tuple[str, str]]:
    """(module:line, leading part) over the whole package."""
    return [
        (f"{path.relative_to(ROOT)}:{line}", text)
        for path in sorted((ROOT / "innosite").rglob("*.py"))
        for line, text in _messages(ast.parse(path.read_text(encoding="utf-8")))
    ]


def _missing(doc: str) -> list[str]:
    return [f"{where}: {text!r}" for where, text in _all_messages() if text.strip() not in doc]


def test_every_message_is_in_the_authoring_guide() -> None:
    missing = _missing(DOC.read_text(encoding="utf-8") + TRANSLATION_DOC.read_text(encoding="utf-8"))
    assert not missing, "messages not in docs/authoring.md (add a row to its table):\n" + "\n".join(missing)


def test_finds_the_messages_of_the_code() -> None:
    texts = {text for _, text in _all_messages()}
    assert "the file is not UTF-8 text: save it as UTF-8" in texts  # SourceError(line, "...")
    assert "the file is larger than " in texts  # an f-string, up to its placeholder
    assert "only entry folders belong in " in texts  # problems.error(path, line, f"...")
    assert any(text.startswith("the site was last reviewed on ") for text in texts)  # a ..._message helper


@pytest.mark.parametrize("row", ["the file is not UTF-8 text: save it as UTF-8", "a key must be a plain word"])
def test_a_deleted_row_is_found_missing(row: str) -> None:
    doc = DOC.read_text(encoding="utf-8")
    lines = [line for line in doc.splitlines() if row not in line]
    assert len(lines) < len(doc.splitlines())
    assert any(row in problem for problem in _missing("\n".join(lines)))
