"""The command line: `python build.py [build|check|serve|new|status] [options]`.

Exit status: 0 success, 1 content errors (each printed as path:line: message),
2 usage errors, 130 stopped by Ctrl-C (one line says what was left).

The build's modules are imported once Ctrl-C is handled (in main): a Ctrl-C
while they load gives the same one line as one during the build.
"""

from __future__ import annotations

import argparse
import difflib
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from innosite.problems import ContentError, Problems

if TYPE_CHECKING:
    from innosite.build import BuildOptions
    from innosite.output.address_record import RecordChange

COMMANDS = ("build", "check", "serve", "new", "status", "translate")
MAX_SHOWN = 200


def _parser() -> argparse.ArgumentParser:
    from innosite.commands.authoring import now_option

    parser = argparse.ArgumentParser(prog=_prog(), description="Build the programme website from content/.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, text in (
        ("build", "build the site (the default)"),
        ("check", "check everything a build checks, write nothing"),
    ):
        sub = commands.add_parser(name, help=text, description=text)
        _content_options(sub)
        _speed_options(sub)
        now_option(sub)
        sub.add_argument(
            "--base-url", type=_base_url, metavar="URL", help="the address the site is built for, instead of base_url"
        )
        if name == "build":
            sub.add_argument("--out", type=Path, default=Path("site"), help="output folder (default: site)")
            sub.add_argument("--no-search", action="store_true", help="skip the search index (faster previews)")
            sub.add_argument(
                "--wait", type=_seconds, default=600.0, metavar="SECONDS",
                help="how long to wait for another build writing the same output folder (default: 600)",
            )  # fmt: skip
            sub.add_argument(
                "--preview",
                action="store_true",
                help="a preview: every page noindex, no sitemap, robots.txt allows nothing",
            )
        else:
            sub.add_argument(
                "--published-only",
                action="store_true",
                help="check only what is published at --now (by default drafts and scheduled entries too)",
            )
    from innosite.commands.authoring import add_commands

    parser.set_defaults(runners=add_commands(commands, _content_options))
    return parser


def _prog() -> str:
    """How the command was run, for its usage lines: `innosite`, `python -m innosite` or `python build.py`."""
    path = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path("build.py")
    if path.name == "innosite":
        return "innosite"
    if path.name == "__main__.py" and path.parent.name == "innosite":
        return "python -m innosite"
    return "python build.py"


def _content_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    parser.add_argument("--drafts", action="store_true", help="include entries marked draft: true")
    parser.add_argument("--future", action="store_true", help="include entries published later than now")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")


def _speed_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", type=_jobs, default=0, metavar="N", help="processes to use (default: all cores)")
    parser.add_argument(
        "--no-cache", action="store_true", help="do not use or update the cache in .cache/ beside content"
    )


def _base_url(text: str) -> str:
    from innosite.content.config import plain_base_url

    if not plain_base_url(text):
        raise argparse.ArgumentTypeError(
            f"expected an address like https://preview.example.org/pr-12/ (http or https, ending in /), not {text!r}"
        )
    return text


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a number of processes (1 or more), not {text!r}")
    return int(text)


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number of seconds (0 or more), not {text!r}")
    return seconds


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; Ctrl-C stops it with one line saying what was left, and exit status 130."""
    with _Interrupts() as interrupts:
        try:
            return _main(list(sys.argv[1:] if argv is None else argv), interrupts)
        except KeyboardInterrupt:  # serve, new, status (a build or check says more: see _run)
            interrupts.quiet()
            _say("Stopped.")
            return INTERRUPTED


def _main(args_list: list[str], interrupts: _Interrupts) -> int:
    if args_list and args_list[0] == "--version":
        from importlib.metadata import version  # (its import costs a build 25 ms)

        print(f"innosite {version('innosite')}")
        return 0
    if args_list and not args_list[0].startswith("-") and args_list[0] not in COMMANDS:
        close = difflib.get_close_matches(args_list[0], COMMANDS, n=1, cutoff=0.6)
        hint = f": did you mean {close[0]}?" if close else ""
        print(f'error: unknown command "{args_list[0]}"{hint} (commands: {", ".join(COMMANDS)})', file=sys.stderr)
        return 2
    if not args_list or args_list[0] not in (*COMMANDS, "-h", "--help"):
        args_list.insert(0, "build")
    try:
        args = _parser().parse_args(args_list)
    except SystemExit as exc:
        return 2 if exc.code not in (0, None) else 0
    if args.command in args.runners:
        return args.runners[args.command](args)
    from innosite.build import BuildOptions, site_theme

    templates, locales = site_theme(args.content)
    everything = args.command == "check" and not args.published_only  # what staff check: what is about to go out
    options = BuildOptions(
        content=args.content,
        templates=templates,
        locales=locales,
        out=getattr(args, "out", Path("site")),
        drafts=args.drafts or everything,
        future=args.future or everything,
        strict=args.strict,
        search=not getattr(args, "no_search", False),
        jobs=args.jobs,
        cache=not args.no_cache,
        progress=sys.stderr.isatty(),
        base_url=args.base_url,
        preview=getattr(args, "preview", False),
        **({"now": args.now} if args.now else {}),
        record=_publishes(args),
        wait=getattr(args, "wait", 600.0),
    )
    return _run(args.command, options, interrupts)


def _publishes(args: argparse.Namespace) -> bool:
    """Whether this build publishes the public site, so that it keeps the record of published addresses: not
    check, not a build with drafts or later entries in it, not a preview build (nor one --now in the future:
    see build.records)."""
    return args.command == "build" and not (args.drafts or args.future or getattr(args, "preview", False))


def _run(command: str, options: BuildOptions, interrupts: _Interrupts) -> int:
    from innosite.build import build, render_site
    from innosite.commands.report import checked_line, left_out_line, went_live_lines
    from innosite.content.addresses import record_path
    from innosite.output.guard import OutputError

    problems = Problems()
    before = _identity(options.out)
    try:
        if command == "check":
            from innosite.output.links import check_output_links  # every link of every rendered page

            output = render_site(options, problems)
            broken = check_output_links(output, options.templates)
            if broken:
                raise ContentError((*broken, *output.warnings))
            _print_warnings(output.warnings)
            pages = sum(p.endswith(".html") and not p.startswith("admin/") for p in output.files)  # not the editor
            print(checked_line(pages, output.site.unpublished))
        else:
            result = build(options, problems)
            _print_warnings(result.warnings)
            for line in went_live_lines(result.went_live, result.timezone):
                print(line)
            left_out = left_out_line(result.unpublished, result.timezone)
            if left_out:
                print(left_out)
            if result.recorded.written:
                print(_recorded(result.recorded, record_path(options.content)))
            print(f"Built {result.pages} pages into {options.out} ({result.changed} files changed).")
    except ContentError as exc:
        _print_problems(exc.problems, command)
        return 1
    except OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        interrupts.quiet()
        _say(_stopped(command, options.out, before))
        return INTERRUPTED
    except Exception:
        if not interrupts.requested:
            raise
        interrupts.quiet()  # a failure on the way out of a stopped build (its processes ended) is the stop
        _say(_stopped(command, options.out, before))
        return INTERRUPTED
    return 0


INTERRUPTED = 130
"""The exit status of a command stopped by Ctrl-C (128 + SIGINT, as shells report it)."""


class _Interrupts:
    """Ctrl-C while a command runs: the worker processes end at once, then KeyboardInterrupt unwinds the
    command, which cleans up as on any error.

    The workers are not waited for, and Ctrl-C is held back (a few milliseconds) while the main thread is
    inside the process pool's own code (starting a worker, handing out work): interrupted there, the pool
    could wait for a worker forever, and a worker being started could fail noisily."""

    def __init__(self) -> None:
        self.requested = False
        """Whether Ctrl-C was pressed (a failure after it is part of stopping)."""
        self._previous: Callable | int | None = None
        self._installed = False
        self._closed = False
        self._held = 0
        self._lock = threading.Lock()

    def __enter__(self) -> _Interrupts:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._stop)
            self._installed = True
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._closed = True  # a Ctrl-C held back and sent again from now on is dropped
        if self._installed:  # signal.signal runs a pending handler (ours, closed) before it changes it
            signal.signal(signal.SIGINT, self._previous if self._previous is not None else signal.SIG_DFL)

    def quiet(self) -> None:
        """Ignore Ctrl-C from now on: the line that says what was left is being printed."""
        with self._lock:
            self._closed = True
        if self._installed:
            signal.signal(signal.SIGINT, signal.SIG_IGN)

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        if self._closed:
            return
        self.requested = True  # already: held back, the pool may fail meanwhile (a terminal's Ctrl-C ends workers too)
        if _in_pool_code(frame) and self._held < HOLD_LIMIT:
            self._held += 1
            threading.Timer(HOLD_SECONDS, self._again).start()
            return
        _end_workers()
        raise KeyboardInterrupt

    def _again(self) -> None:
        """A Ctrl-C held back, sent again to this process."""
        with self._lock:
            if not self._closed:
                os.kill(os.getpid(), signal.SIGINT)


HOLD_SECONDS = 0.02
HOLD_LIMIT = 100
"""A Ctrl-C is held back at most this many times (2 s): then it stops the command wherever it is."""
_POOL_CODE = (f"{os.sep}multiprocessing{os.sep}", f"{os.sep}concurrent{os.sep}futures{os.sep}process.py")


def _in_pool_code(frame: FrameType | None) -> bool:
    """Whether the main thread is inside the process pool's own code (waiting for a result is not)."""
    while frame is not None:
        if any(part in frame.f_code.co_filename for part in _POOL_CODE):
            return True
        frame = frame.f_back
    return False


def _end_workers() -> None:
    """End the worker processes this process started (SIGTERM); nothing is done when it started none."""
    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is not None:
        for child in multiprocessing.active_children():
            child.terminate()


def _identity(folder: Path) -> tuple[int, int] | None:
    """Which folder the output path names now (a build publishes by swapping in another one); None if none."""
    try:
        stat = os.stat(folder)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def _stopped(command: str, out: Path, before: tuple[int, int] | None) -> str:
    """The one line for a build or check stopped by Ctrl-C: what it left, as it is."""
    if command == "check":
        return "Stopped: the check did not finish; nothing was written."
    if before is not None and _identity(out) is None:  # stopped between the renames of a swap without renameat2
        from innosite.output.swap import recover

        recover(out)
    if _identity(out) != before:
        return f"Stopped: the new site had been published into {out} already."
    if before is None:
        return "Stopped: nothing was published."
    return "Stopped: nothing was published; the previous site is unchanged."


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _recorded(recorded: RecordChange, path: Path) -> str:
    """What the build did to the record of published addresses: the author commits it."""
    added, marked, _ = recorded
    what = [f"{added} new published address{'es' if added != 1 else ''}"] if added else []
    what += [f"{marked} address{'es' if marked != 1 else ''} of removed entries marked"] if marked else []
    if not what:
        return f"Sorted {path} (each line once): commit it with the content."
    return f"Recorded in {path}: {' and '.join(what)}; commit it with the content."


def _print_warnings(warnings) -> None:
    for problem in warnings:
        print(problem, file=sys.stderr)


def _print_problems(problems, command: str) -> None:
    from innosite.commands.report import stopped_line

    for problem in problems[:MAX_SHOWN]:
        print(problem, file=sys.stderr)
    print(stopped_line(problems, MAX_SHOWN, command), file=sys.stderr)
