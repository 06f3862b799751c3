"""The command line: `python build.py [build|check|serve|new|status] [options]`.

Exit status: 0 success, 1 content errors (each printed as path:line: message),
2 usage errors.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path

from innosite.build import BuildOptions, build, render_site, site_theme
from innosite.commands.authoring import add_commands
from innosite.output.guard import OutputError
from innosite.problems import ContentError, Problems

COMMANDS = ("build", "check", "serve", "new", "status", "translate")
MAX_SHOWN = 200


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=_prog(), description="Build the programme website from content/.")
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
    parser.set_defaults(runners=add_commands(commands, _content_options))
    return parser


def _prog() -> str:
    """How the command was run, for its usage lines: `python build.py`, `innosite` or `python -m innosite`."""
    name = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    if name.endswith(".py"):
        return "python -m innosite" if name == "__main__.py" else f"python {name}"
    return name or "innosite"


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


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] == "--version":
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
    templates, locales = site_theme(args.content)
    options = BuildOptions(
        content=args.content,
        templates=templates,
        locales=locales,
        out=getattr(args, "out", Path("site")),
        drafts=args.drafts,
        future=args.future,
        strict=args.strict,
        search=not getattr(args, "no_search", False),
        jobs=args.jobs,
        cache=not args.no_cache,
        progress=sys.stderr.isatty(),
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
