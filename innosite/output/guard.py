"""Every output path is guarded here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from innosite.content.names import MAX_NAME_BYTES, WINDOWS_RESERVED, collisions

if TYPE_CHECKING:
    from innosite.pages.plan import SitePlan
    from innosite.problems import Problems


class OutputError(Exception):
    """The output folder cannot be used (a usage error, not a content one)."""


def safe_relpath(path: str) -> str:
    """An output path that stays inside the output folder, or OutputError."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or "\\" in path or "\0" in path or not pure.parts:
        raise OutputError(f"refusing to write outside the output folder: {path!r}")
    return pure.as_posix()


def check_output_folder(out: Path, protected: tuple[Path, ...]) -> None:
    """Refuse an output folder that holds sources, lies inside them, or is not a previous build.

    Inside the current folder is fine (site/ is there); inside content/,
    templates/ or locales/ is not: a build never writes among the sources."""
    resolved = out.resolve()
    cwd = Path.cwd().resolve()
    for folder in protected:
        folder = folder.resolve()
        if resolved == folder or resolved in folder.parents:
            raise OutputError(f"the output folder {out} would replace {folder}: choose another --out")
        if folder != cwd and folder in resolved.parents:
            raise OutputError(f"the output folder {out} is inside {folder}: choose another --out")
    if out.is_dir() and any(out.iterdir()) and not (out / "index.html").is_file():
        raise OutputError(f"{out} exists and is not a site built by this tool: choose another --out or remove it")


@dataclass(slots=True)
class PathMemory:
    """What check_plan found about the last plan's output paths, for the next plan in the same process."""

    passed: set[str] = field(default_factory=set)
    """Paths that passed the checks of one path."""
    distinct: dict[str, None] = field(default_factory=dict)
    """Every output path of the last plan, when no two of them collided."""


def check_plan(plan: SitePlan, problems: Problems, memory: PathMemory | None = None) -> None:
    """Every output path: no Windows device names, no two that differ only in case or Unicode form.

    `memory` holds what the last check found (paths known to pass, a set of paths known not to collide);
    it is updated."""
    memory = memory or PathMemory()
    paths = dict.fromkeys([page.path for page in plan.pages] + [path for path, _ in plan.copies])
    known = memory.passed
    if paths.keys() - known:  # else every path passed before (the preview's edits): no loop over them all
        _check_each(_outputs(plan), problems, known)
    if paths.keys() == memory.distinct.keys():
        return  # the same paths as last time, when none collided
    memory.distinct = {}
    sources = dict(_outputs(plan))
    clashes = collisions(paths)
    for path, other in clashes:
        problems.error(
            sources[path], 0,
            f"the address /{path} differs from /{other} ({sources[other]}) only in upper and lower case or accents: "
            "hosts that ignore case would mix them up; change one",
        )  # fmt: skip
    if not clashes:
        memory.distinct = paths


def _outputs(plan: SitePlan) -> list[tuple[str, str]]:
    """(path, what it comes from) of every output file, in the plan's order."""
    return [(page.path, page.source) for page in plan.pages] + list(plan.copies)


def _check_each(outputs: list[tuple[str, str]], problems: Problems, known: set[str]) -> None:
    """The checks of one path, for each path not known to pass; those that pass are added to known."""
    for path, source in outputs:
        if path in known:
            continue
        found = _path_problems(path)
        for message in found:
            problems.error(source, 0, message)
        if not found:
            known.add(path)


def _path_problems(path: str) -> list[str]:
    """What is wrong with one output path on its own (nothing, mostly)."""
    found = []
    if "" in path.split("/")[:-1]:
        found.append(f"the address /{path} has an empty part (//): this is a bug, please report it")
    if any(len(part.encode("utf-8")) > MAX_NAME_BYTES for part in path.split("/")):
        found.append(f"the address /{_short(path)} has a part longer than {MAX_NAME_BYTES} bytes: shorten it")
    bad = next((part for part in path.split("/") if part.split(".", 1)[0].lower() in WINDOWS_RESERVED), None)
    if bad is not None:
        found.append(f'the address /{path} has "{bad}", a device name on Windows: rename it')
    return found


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
