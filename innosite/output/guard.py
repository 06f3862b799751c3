"""Every output path is guarded here, once: nothing is written where it should not be.

Two kinds of guard:
- the plan's paths (`guard_plan`, content errors with the source of each page):
  one file per path (an alias cannot hide a page), no file where another needs a
  folder, names every host can store (no device names, no overlong parts), no
  two paths that differ only in case or Unicode form;
- the file system (`output_folder`, `check_output_folder`, `check_output_owner`,
  `check_relpaths`, OutputError): an output folder that is not among the sources
  and is a build of this tool, and no path that leaves it.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from innosite.content.names import MAX_NAME_BYTES, WINDOWS_RESERVED, collisions
from innosite.memo import Memo, Memory
from innosite.pages.planned import PlannedPage, SitePlan
from innosite.pages.redirects import REDIRECT_TEMPLATE, alias_line
from innosite.problems import Problems


class OutputError(Exception):
    """The output folder cannot be used (a usage error, not a content one)."""


# -- the file system ---------------------------------------------------------------


def safe_relpath(path: str) -> str:
    """An output path that stays inside the output folder, or OutputError."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or "\\" in path or "\0" in path or not pure.parts:
        raise OutputError(f"refusing to write outside the output folder: {path!r}")
    return pure.as_posix()


def _suspect(rel: str) -> bool:
    """Whether safe_relpath could refuse this path (most cannot; it is asked only about these)."""
    return not rel or rel.startswith(("/", ".")) or ".." in rel or "\\" in rel or "\0" in rel


def check_relpaths(rels: Iterable[str]) -> None:
    """Refuse (OutputError) an output path that would leave the output folder."""
    for rel in rels:
        if _suspect(rel):
            safe_relpath(rel)


def output_folder(out: Path) -> Path:
    """The folder a build writes: `out`, or the folder it points to when it is a symbolic link (a common
    deploy set-up, `site -> /srv/www/site`): that folder is swapped, and the link stays as it is."""
    if not out.is_symlink():
        return out
    try:
        return out.resolve(strict=False)
    except (OSError, RuntimeError):
        raise OutputError(f"the output folder {out} is a symbolic link that leads round in a circle: fix it") from None


def check_output_folder(out: Path, protected: tuple[Path, ...]) -> None:
    """Refuse an output folder that holds sources or lies inside them.

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


def check_output_owner(out: Path) -> None:
    """Refuse an output folder that exists and is not a previous build (asked under the lock of the folder,
    so that no other build is halfway through swapping it)."""
    if out.is_dir() and any(out.iterdir()) and not (out / "index.html").is_file():
        raise OutputError(f"{out} exists and is not a site built by this tool: choose another --out or remove it")


def output_failure(exc: OSError, out: Path, partly: bool = False) -> OutputError | None:
    """What to tell about a failure to write the output folder (or the spare, the lock... beside it): one line
    saying what to do; None when the failure is not about those. `partly`: it stopped an update of out/ in place
    (a mount point), which the next build completes."""
    paths = [Path(os.fsdecode(name)) for name in (exc.filename, exc.filename2) if isinstance(name, str | bytes)]
    about = next((path for path in paths if _beside(path, out)), None)
    if about is None:
        return None
    then = f"{out} is partly updated: build again once that is done" if partly else "the previous site is unchanged"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        text = f"the disk is full: cannot write {about}: free some space, then build again"
    elif exc.errno == errno.EROFS:
        text = f"{about} is on a read-only disk: choose another --out"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        text = f"cannot write {about} (permission denied): make it writable, or choose another --out"
    else:
        text = f"cannot write {about} ({exc.strerror}): build again when that is fixed"
    return OutputError(f"{text}; {then}")


def _beside(path: Path, out: Path) -> bool:
    """Whether a path is the output folder, inside it, or one of the build's folders beside it (.site-spare...)."""
    try:
        first = Path(os.path.abspath(path)).relative_to(os.path.abspath(out.parent)).parts[0]
    except (ValueError, IndexError):
        return False
    return first == out.name or first.startswith(f".{out.name}")


# -- the plan's paths --------------------------------------------------------------


def guard_plan(plan: SitePlan, problems: Problems, memory: Memory | None = None) -> tuple[PlannedPage, ...]:
    """The plan's pages, each the first on its path; an error for every path that cannot be published.

    With a memory, paths that passed before are not checked one by one again, and the same set of
    paths without collisions is not compared again (the preview's edits)."""
    memory = memory or Memory()
    pages = _one_per_path(plan.pages, problems)
    paths = dict.fromkeys([page.path for page in pages] + [path for path, _ in plan.copies])
    passed: Memo[str, frozenset[str]] = memory.memo("guard.passed")
    known = passed.last("paths") or frozenset()
    if paths.keys() - known:  # else every path passed before: no loop over them all
        known = known | _check_each(_outputs(pages, plan), problems, known)
    passed.put("paths", None, known)
    distinct: Memo[str, dict[str, None]] = memory.memo("guard.distinct")
    if paths.keys() != (distinct.last("paths") or {}).keys():
        clean = _check_collisions(paths, dict(_outputs(pages, plan)), problems)
        distinct.put("paths", None, paths if clean else {})
    else:
        distinct.put("paths", None, paths)
    return pages


def _one_per_path(planned: tuple[PlannedPage, ...], problems: Problems) -> tuple[PlannedPage, ...]:
    """The pages, each the first on its path, and no alias where another page is or needs a folder: the
    others are errors (aliases are checked after every other page, whatever the order)."""
    redirects = [page for page in planned if page.template == REDIRECT_TEMPLATE]
    if len({page.path for page in planned}) == len(planned) and not redirects:
        return planned  # nearly always: no page to drop, no message to make
    sources: dict[str, PlannedPage] = {}
    dropped: set[int] = set()
    for index, page in enumerate(planned):
        if page.template == REDIRECT_TEMPLATE:
            continue
        if page.path in sources:
            problems.error(
                page.source, 0,
                f"two pages would be written to /{page.path.removesuffix('index.html')}: this one and the one from "
                f"{sources[page.path].source}; give one of them another slug",
            )  # fmt: skip
            dropped.add(index)
        else:
            sources[page.path] = page
    for index, page in enumerate(planned):
        if page.template == REDIRECT_TEMPLATE:
            if _alias_free(page, sources, problems):
                sources[page.path] = page
            else:
                dropped.add(index)
    return tuple(page for index, page in enumerate(planned) if index not in dropped)


def _alias_free(page: PlannedPage, sources: dict[str, PlannedPage], problems: Problems) -> bool:
    """Whether a redirect page's path is free (no page there, nor a file where it needs a folder)."""
    alias = "/" + page.path.removesuffix("index.html")
    parts = alias.strip("/").split("/")
    occupants = [sources.get("/".join(parts[:end])) for end in range(1, len(parts) + 1)]
    occupant = next((o for o in occupants if o is not None), None) or sources.get(page.path)
    if occupant is None:
        return True
    meta = Path(page.source)
    if occupant.template == REDIRECT_TEMPLATE:
        text = f"is also an alias in {occupant.source}: keep it in only one of them"
    else:
        text = f"is already the address of a page ({occupant.source}): remove it from aliases"
    problems.error(meta, alias_line(meta, alias), f'the alias "{alias}" {text}')
    return False


def _outputs(pages: tuple[PlannedPage, ...], plan: SitePlan) -> list[tuple[str, str]]:
    """(path, what it comes from) of every output file, in the plan's order."""
    return [(page.path, page.source) for page in pages] + list(plan.copies)


def _check_each(outputs: list[tuple[str, str]], problems: Problems, known: frozenset[str]) -> set[str]:
    """The checks of one path, for each path not known to pass; the paths that passed. A folder that is wrong once
    is told once for its source (a theme's page and its feed are in one folder)."""
    passed = set()
    told: set[tuple[str, str]] = set()
    for path, source in outputs:
        if path in known:
            continue
        found = _path_problems(path)
        for where, message in found:
            if (source, where) not in told:
                told.add((source, where))
                problems.error(source, 0, message)
        if not found:
            passed.add(path)
    return passed


def _check_collisions(paths: dict[str, None], sources: dict[str, str], problems: Problems) -> bool:
    """An error for each path that differs from another only in case or Unicode form; True if none does."""
    clashes = collisions(paths)
    for path, other in clashes:
        problems.error(
            sources[path], 0,
            f"the address /{path} differs from /{other} ({sources[other]}) only in upper and lower case or accents: "
            "hosts that ignore case would mix them up; change one",
        )  # fmt: skip
    return not clashes


def _path_problems(path: str) -> list[tuple[str, str]]:
    """What is wrong with one output path on its own (nothing, mostly): (the path up to the wrong part, message)."""
    found = []
    parts = path.split("/")
    if "" in parts[:-1]:
        found.append((path, f"the address /{path} has an empty part (//): this is a bug, please report it"))
    long = next((n for n, part in enumerate(parts) if len(part.encode("utf-8")) > MAX_NAME_BYTES), None)
    if long is not None:
        message = f"the address /{_short(path)} has a part longer than {MAX_NAME_BYTES} bytes: shorten it"
        found.append(("/".join(parts[: long + 1]), message))
    bad = next((n for n, part in enumerate(parts) if part.split(".", 1)[0].lower() in WINDOWS_RESERVED), None)
    if bad is not None:
        message = f'the address /{path} has "{parts[bad]}", a device name on Windows: rename it'
        found.append(("/".join(parts[: bad + 1]), message))
    return found


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
