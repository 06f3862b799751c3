"""The command line: `python build.py [build|check|serve|new|status] [options]`.

Exit status: 0 success, 1 content errors (each printed as path:line: message),
2 usage errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from innosite.build import BuildOptions, build, render_site
from innosite.commands.authoring import add_commands
from innosite.output.guard import OutputError
from innosite.problems import ContentError, Problems

COMMANDS = ("build", "check", "serve", "new", "status")
MAX_SHOWN = 200


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python build.py", description="Build the programme website from content/.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, text in (
        ("build", "build the site (the default)"),
        ("check", "check everything a build checks, write nothing"),
    ):
        sub = commands.add_parser(name, help=text, description=text)
        _content_options(sub)
        _speed_options(sub)
        if name == "build":
            sub.add_argument("--out", type=Path, default=Path("site"), help="output folder (default: site)")
            sub.add_argument("--no-search", action="store_true", help="skip the search index (faster previews)")
            sub.add_argument(
                "--wait", type=_seconds, default=600.0, metavar="SECONDS",
                help="how long to wait for another build writing the same output folder (default: 600)",
            )  # fmt: skip
    parser.set_defaults(runners=add_commands(commands, _content_options))
    return parser


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
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0] not in (*COMMANDS, "-h", "--help"):
        args_list.insert(0, "build")
    try:
        args = _parser().parse_args(args_list)
    except SystemExit as exc:
        return 2 if exc.code not in (0, None) else 0
    if args.command in args.runners:
        return args.runners[args.command](args)
    options = BuildOptions(
        content=args.content,
        out=getattr(args, "out", Path("site")),
        drafts=args.drafts,
        future=args.future,
        strict=args.strict,
        search=not getattr(args, "no_search", False),
        jobs=args.jobs,
        cache=not args.no_cache,
        progress=sys.stderr.isatty(),
        wait=getattr(args, "wait", 600.0),
    )
    return _run(args.command, options)


def _run(command: str, options: BuildOptions) -> int:
    problems = Problems()
    try:
        if command == "check":
            from innosite.commands.linkcheck import check_output_links  # only checks need it: builds do not import it

            output = render_site(options, problems)
            broken = check_output_links(output, options.templates)
            if broken:
                raise ContentError((*broken, *output.warnings))
            _print_warnings(output.warnings)
            print(f"No errors: {sum(p.endswith('.html') for p in output.files)} pages checked.")
        else:
            result = build(options, problems)
            _print_warnings(result.warnings)
            print(f"Built {result.pages} pages into {options.out} ({result.changed} files changed).")
    except ContentError as exc:
        _print_problems(exc.problems)
        return 1
    except OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def _print_warnings(warnings) -> None:
    for problem in warnings:
        print(problem, file=sys.stderr)


def _print_problems(problems) -> None:
    for problem in problems[:MAX_SHOWN]:
        print(problem, file=sys.stderr)
    errors = sum(not p.warning for p in problems)
    more = f" ({len(problems) - MAX_SHOWN} more not shown)" if len(problems) > MAX_SHOWN else ""
    print(f"{errors} error(s){more}: nothing was written; the previous site is unchanged.", file=sys.stderr)
