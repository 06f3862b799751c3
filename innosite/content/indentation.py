"""A line indented wrongly, found from the lines around it, for the message that names it.

A person writing YAML by hand mostly gets the indentation wrong by a space or
two, and the parser then stops a line or more further on, with words about
what it expected. Here the key and item lines are read by their indentation
alone: the first line that lines up with nothing it could belong to is the
misfit, and the line to fix is it, or a line above it that was off instead
(the first under a key, alone at its column). A line is named only when
moving it lets the parser read the whole text (or at least further), so that
a guess never replaces a true message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

_KEY = re.compile(r"""(?:[\w.-]+|"[^"\n]*"|'[^'\n]*')[ \t]*:(?:[ \t]+|$)""")
"""A `key:` as content files write keys (a word, or one in quotes), then a space or the end of the line."""


def swallowed_item(text: str, first: int, last: int) -> tuple[int, str] | None:
    """A list item written over the lines first..last (0-based) that took in a `- ` line indented deeper than
    it (`- tampere` then `   - oulu` read as "tampere - oulu"): the line to move and what to do, or None."""
    lines = _lines(text)
    found = _first_misfit(lines)
    if found is None or not first < found[0].index <= last or not found[0].item:
        return None
    moves = _candidates(*found, lines)
    return (moves[0][0].index, _message(*moves[0], lines)) if moves else None


@dataclass(frozen=True, slots=True)
class _Line:
    """A line that starts a key or a list item, as its indentation reads."""

    index: int
    column: int
    item: bool
    """`- ...` rather than `key: ...`."""
    inner: int | None
    """An item's own first key (`- name: ...`): its column."""
    opens: bool
    """Lines under it belong to it: `key:` with nothing after it (or an item's key so), or a lone `-`."""
    swallows: bool
    """Its value goes on over the deeper lines after it (`|`, `>`, an open bracket or quote): they are text."""


@dataclass(slots=True)
class _Level:
    """Lines that line up: the keys of one mapping or the items of one list."""

    column: int
    item: bool
    lines: list[int] = field(default_factory=list)
    first_child: bool = False
    """Begun by the first line under a `key:`: its column was free to choose."""


def _read_line(index: int, text: str) -> _Line | None:
    """The key or list item a line starts, None for blank lines, comments and text (a value going on)."""
    body = text.lstrip(" ")
    column = len(text) - len(body)
    if body == "-" or body.startswith(("- ", "-\t")):
        rest = body[1:].lstrip(" \t")
        key = _KEY.match(rest)
        inner = column + len(body) - len(rest) if key else None
        value = rest[key.end() :] if key else rest
        opens = not rest or (key is not None and _empty(value))
        return _Line(index, column, True, inner, opens, _swallows(value))
    key = _KEY.match(body)
    if key is None:
        return None
    value = body[key.end() :]
    return _Line(index, column, False, None, _empty(value), _swallows(value))


def _empty(value: str) -> bool:
    return not value.strip() or value.lstrip().startswith("#")


def _swallows(value: str) -> bool:
    """Whether a value goes on over the next lines: a block of text, or a bracket or quote left open."""
    value = value.strip()
    if value.startswith(("|", ">")):
        return True
    if value[:1] in "[{":
        return value.count("[") + value.count("{") > value.count("]") + value.count("}")
    return value[:1] in "\"'" and (len(value) < 2 or value[-1] != value[0])


def _lines(text: str) -> list[_Line]:
    """The key and item lines of a text, without the lines of values that go on over several lines."""
    found: list[_Line] = []
    until = -1
    for index, raw in enumerate(text.split("\n")):
        if not raw.strip() or raw.lstrip(" ").startswith("#"):
            continue
        column = len(raw) - len(raw.lstrip(" "))
        if until >= 0 and column > until:
            continue
        until = -1
        line = _read_line(index, raw)
        if line is not None:
            found.append(line)
            until = line.column if line.swallows else -1
    return found


def _first_misfit(lines: list[_Line]) -> tuple[_Line, list[_Level]] | None:
    """The first line that lines up with nothing it could belong to, and the levels open above it; None when every
    line fits."""
    levels: list[_Level] = []
    under: _Line | None = None
    for line in lines:
        if not levels or (under is not None and _is_under(line, under)):
            levels.append(_Level(line.column, line.item, [line.index], first_child=True))
        else:
            open_levels = [_Level(lv.column, lv.item, list(lv.lines), lv.first_child) for lv in levels]
            while levels and (
                levels[-1].column > line.column
                or (levels[-1].column == line.column and levels[-1].item != line.item and len(levels) > 1)
            ):
                levels.pop()
            if not levels or levels[-1].column != line.column or levels[-1].item != line.item:
                return line, open_levels
            levels[-1].lines.append(line.index)
        if line.inner is not None:
            levels.append(_Level(line.inner, False, [line.index]))
        under = line if line.opens else None
    return None


def _is_under(line: _Line, opener: _Line) -> bool:
    """Whether a line right after an opening line is its first child (a list may start at its key's column)."""
    return line.column > _child_floor(opener) or (line.item and line.column == opener.column)


def _child_floor(line: _Line) -> int:
    """The column the lines under an opening line must go beyond."""
    return line.inner if line.inner is not None else line.column


def indentation_fault(text: str, error_line: int) -> tuple[int, str] | None:
    """The line indented wrongly that stopped the parser at error_line (0-based), and what to do; None when no
    such line explains the error. A move that makes the whole text readable wins over one that only lets the
    parser read further."""
    lines = _lines(text)
    found = _first_misfit(lines)
    if found is None or found[0].index > error_line:
        return None
    further = None
    moves = _candidates(*found, lines)
    for line, wanted in moves:
        reached = _read_to(text, line, wanted)
        if reached is None:
            twin = _twin(text, line, wanted, moves)
            return line.index, _message(line, wanted, lines) if twin is None else _either(line, wanted, twin)
        if reached > error_line and further is None:
            further = line.index, _message(line, wanted, lines)
    return further


def _twin(text: str, line: _Line, wanted: int, moves: list[tuple[_Line, int]]) -> int | None:
    """Another column as near as wanted on the other side of the line that would do as well, or None: then only
    the person writing knows which mapping the line belongs to."""
    other = 2 * line.column - wanted
    if other >= 0 and (line, other) in moves and _read_to(text, line, other) is None:
        return other
    return None


def _either(line: _Line, wanted: int, other: int) -> str:
    """`this line is indented 3 spaces, the lines above it 2 or 4: line it up with the keys it belongs with`."""
    low, high = sorted((wanted, other))
    what = "the items of its list" if line.item else "the keys it belongs with"
    return f"this line is {_spaces(line.column)}, the lines above it {low} or {high}: line it up with {what}"


def _candidates(misfit: _Line, levels: list[_Level], lines: list[_Line]) -> list[tuple[_Line, int]]:
    """(a line, the column it may have been meant at), most likely first.

    The misfit at the column of a level open above it (the nearest first); or a line above it that was off
    instead: the first line under a key, alone at its column so far; an item whose keys below it line up
    elsewhere; the line before a run of deeper ones. Shorter moves go first; of moves as long, those to a column the
    file's own step of indentation reaches; then the odd ones when the misfit has company (a line after it at its
    column too: two against one), else the misfit's."""
    moves = [
        (misfit, column)
        for column in sorted(
            {level.column for level in levels if level.item == misfit.item},
            key=lambda column: (abs(column - misfit.column), -column),
        )
    ]
    odd_ones = [*_lone_firsts(misfit, levels, lines), *_items_off(misfit, levels, lines)]
    at = lines.index(misfit)
    before, earlier = (lines[at - 1] if at else None), (lines[at - 2] if at > 1 else None)
    sandwiched = earlier is not None and (earlier.column, earlier.item) == (misfit.column, misfit.item)
    if (
        before is not None
        and earlier is not None
        and (before.item, before.opens) == (misfit.item, False)
        and before.column < misfit.column
        and (sandwiched or (earlier.opens and before.column <= _child_floor(earlier) < misfit.column))
    ):
        odd_ones.append((before, misfit.column))  # `role:`, then `fi:` at its column, `sv:` and `en:` deeper
    seconded = sandwiched or any(
        line.index > misfit.index
        and (line.column, line.item) == (misfit.column, misfit.item)
        and _in_run(line.index, misfit.index, misfit.column, lines)
        for line in lines
    )
    ordered = [*odd_ones, *moves] if seconded else [*moves, *odd_ones]
    step = _step(lines)
    return sorted(ordered, key=lambda move: (abs(move[1] - move[0].column), move[1] % step != 0))


def _lone_firsts(misfit: _Line, levels: list[_Level], lines: list[_Line]) -> list[tuple[_Line, int]]:
    """The first line under a key, alone at its column so far, moved to the misfit's."""
    by_index = {line.index: line for line in lines}
    return [
        (by_index[level.lines[0]], misfit.column)
        for depth, level in reversed(list(enumerate(levels)))
        if level.first_child
        and len(level.lines) == 1
        and level.item == misfit.item
        and level.column != misfit.column
        and misfit.column > (levels[depth - 1].column if depth else -1)
    ]


def _items_off(misfit: _Line, levels: list[_Level], lines: list[_Line]) -> list[tuple[_Line, int]]:
    """A `- key:` line moved so that its key lines up with the misfit, a key under it."""
    by_index = {line.index: line for line in lines}
    moves = []
    for level in reversed(levels):
        item = by_index[level.lines[0]] if len(level.lines) == 1 else None
        if item is not None and item.inner == level.column and not misfit.item and misfit.column > item.column:
            moves.append((item, item.column + misfit.column - level.column))
    return moves


def _step(lines: list[_Line]) -> int:
    """The file's usual step of indentation: how much deeper the first line under a key mostly is (2 if none)."""
    steps = [
        after.column - _child_floor(line)
        for line, after in zip(lines, lines[1:], strict=False)
        if line.opens and after.column > _child_floor(line)
    ]
    return max(sorted(set(steps)), key=steps.count) if steps else 2


def _read_to(text: str, line: _Line, wanted: int) -> int | None:
    """Where the parser stops (a 0-based line; None: it reads the whole text) once the line is moved to column
    wanted: alone, or, if that is not enough, with the lines under it (deeper than both columns)."""
    rows = text.split("\n")
    end = line.index + 1
    while end < len(rows) and (not rows[end].strip() or _column(rows[end]) > max(line.column, wanted)):
        end += 1
    reached = -1
    for last in dict.fromkeys((line.index + 1, end if line.opens or line.swallows else line.index + 1)):
        moved = list(rows)
        for row in range(line.index, last):
            if moved[row].strip():
                moved[row] = " " * max(0, _column(moved[row]) + wanted - line.column) + moved[row].lstrip(" ")
        try:
            yaml.compose("\n".join(moved), Loader=yaml.CSafeLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            reached = max(reached, mark.line if mark is not None else -1)
        except yaml.YAMLError:
            continue
        else:
            return None
    return reached


def _column(row: str) -> int:
    return len(row) - len(row.lstrip(" "))


def _message(line: _Line, wanted: int, lines: list[_Line]) -> str:
    """`this line is indented 3 spaces, the lines beside it 4: line up keys that belong together`."""
    places = [(ln.index, ln.column, ln.item) for ln in lines] + [
        (ln.index, ln.inner, False) for ln in lines if ln.inner is not None
    ]
    kin = [
        index
        for index, column, item in places
        if index != line.index and item == line.item and column == wanted and _in_run(index, line.index, wanted, lines)
    ]
    what = 'line up the "-" of the items of one list' if line.item else "line up keys that belong together"
    if not kin and line.inner is not None:
        under = line.inner + wanted - line.column
        return f'the key after "- " on this line is {line.inner} spaces in, the keys under it {under}: line them up'
    if not kin:
        return f"this line is {_spaces(line.column)}, where {wanted} would line it up: {what}"
    many = len(kin) > 1
    others = "the lines beside it" if many else "the line above it" if kin[0] < line.index else "the line below it"
    if line.column and wanted:
        said = f"this line is {_spaces(line.column)}, {others} {wanted}"
    elif line.column:
        said = f"this line is {_spaces(line.column)}, {others} {'are' if many else 'is'} not indented"
    else:
        said = f"this line is not indented, {others} {'are' if many else 'is'} {_spaces(wanted)}"
    return f"{said}: {what}"


def _in_run(one: int, other: int, column: int, lines: list[_Line]) -> bool:
    """Whether no line between two lines is left of column (they are in the same mapping or list)."""
    low, high = sorted((one, other))
    return all(ln.column >= column for ln in lines if low < ln.index < high)


def _spaces(columns: int) -> str:
    return f"indented {columns} space" + ("" if columns == 1 else "s")
