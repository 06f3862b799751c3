"""The command line of the authoring commands: serve, new and status.

cli.py adds these subcommands and hands their parsed arguments here; each
runner returns the exit status (0 done, 1 content errors, 2 usage errors).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from innosite.build import BuildOptions, site_theme
from innosite.content.fields import parse_datetime
from innosite.problems import Problems

Runner = Callable[[argparse.Namespace], int]


def add_commands(commands, content_options: Callable[[argparse.ArgumentParser], None]) -> dict[str, Runner]:
    """Add serve, new, status and translate to the subcommands; their runners by name (each imports its work when
    it runs, so that a build does not)."""
    text = "preview with drafts and scheduled entries on http://127.0.0.1:8000/, rebuilt on every change"
    serve = commands.add_parser("serve", help=text, description=text)
    _content_folder(serve)
    serve.add_argument("--strict", action="store_true", help="treat warnings as errors")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument("--search", action="store_true", help="index the preview for search too (slower rebuilds)")
    serve.add_argument("--poll", action="store_true", help="look at the files often instead of waiting for the "
                       "system to report changes (for network drives, where changes are not reported)")  # fmt: skip
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1: this computer only)"
    )

    text = "create a press release, project or page (or one language version of it), ready to edit"
    new = commands.add_parser("new", help=text, description=text)
    new.add_argument("kind", choices=("press", "project", "page"), help="what to create")
    new.add_argument("title", help="the title; with --lang for an existing entry: its id or title")
    new.add_argument("--lang", help="language of the file (default: the site's first language)")
    new.add_argument("--date", help='publication time "YYYY-MM-DD HH:MM" (default: now)')
    new.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")

    text = "which entries lack which language, and which translations are out of date"
    status = commands.add_parser("status", help=text, description=text)
    status.add_argument("--json", action="store_true", help="print the report as JSON, for scripts")
    status.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    now_option(status)

    runners: dict[str, Runner] = {"serve": run_serve, "new": run_new, "status": run_status}
    runners.update(add_translate(commands, _content_folder))
    return runners


def add_translate(commands, content_option: Callable[[argparse.ArgumentParser], None]) -> dict[str, Runner]:
    """Add `translate export` and `translate import` to the subcommands; the runner by name."""
    text = "send language versions to a translator as XLIFF, and take the translation back"
    translate = commands.add_parser("translate", help=text, description=text)
    steps = translate.add_subparsers(dest="step", metavar="STEP", required=True)
    text = "write an XLIFF file of the entries whose version in --lang is missing or out of date"
    export = steps.add_parser("export", help=text, description=text)
    export.add_argument("--lang", required=True, help="the language to translate into (e.g. sv)")
    export.add_argument("--from", dest="source", help="the language to translate from (default: the site's first)")
    export.add_argument("entries", nargs="*", metavar="ENTRY", help="entries to export, e.g. press/2026-12-09-x")
    export.add_argument("-o", "--output", type=Path, help="the XLIFF file to write (default: translation-LANG.xlf)")
    export.add_argument("--no-context", action="store_true", help="leave out the parts that did not change "
                        "(by default they are sent, locked, with their translation, as context)")  # fmt: skip
    content_option(export)
    text = "write the translated language versions from an XLIFF file the translator returned"
    imported = steps.add_parser("import", help=text, description=text)
    imported.add_argument("file", type=Path, help="the translated XLIFF file")
    imported.add_argument("--now", help='the time written as published/updated, "YYYY-MM-DD HH:MM" (default: now)')
    content_option(imported)
    return {"translate": run_translate}


def _content_folder(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")


def now_option(parser: argparse.ArgumentParser) -> None:
    """--now: the moment that decides what is published (build, check, status)."""
    parser.add_argument(
        "--now",
        type=_moment,
        metavar='"YYYY-MM-DD HH:MM"',
        help="publish what is due at this moment, in the site's time (Finnish time) or with an offset "
        "(default: the real time)",
    )


def _moment(text: str) -> datetime:
    """A --now value: `YYYY-MM-DD HH:MM`, with an offset (+02:00) or without (then in the site's time zone)."""
    moment = parse_datetime(text, None) if text.strip()[10:11] in (" ", "T") else None
    if moment is None:
        raise argparse.ArgumentTypeError(
            f'expected a date and time "YYYY-MM-DD HH:MM" (Finnish time), like "2026-12-10 09:00", not {text!r}'
        )
    return moment


def run_serve(args: argparse.Namespace) -> int:
    from innosite.preview.server import ServeOptions, serve

    if not 0 < args.port < 65536:
        print(f"error: --port must be a number from 1 to 65535, not {args.port}", file=sys.stderr)
        return 2
    templates, locales = site_theme(args.content)
    options = BuildOptions(
        content=args.content, templates=templates, locales=locales,
        drafts=True, future=True, strict=args.strict, search=args.search,
    )  # fmt: skip
    return serve(ServeOptions(options, host=args.host, port=args.port, poll=args.poll))


def run_new(args: argparse.Namespace) -> int:
    from innosite.commands.new import ScaffoldError, scaffold

    problems = Problems()
    try:
        created = scaffold(args.content, args.kind, args.title, args.lang, args.date, problems)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if created is None:
        for problem in problems.all:
            print(problem, file=sys.stderr)
        return 1
    for path in created.paths:
        print(f"created {path}")
    for line in created.next_steps:
        print(line)
    return 0


def run_translate(args: argparse.Namespace) -> int:
    from innosite.commands.translate import run_translate as run  # its work (innosite/translate/) only when asked

    return run(args)


def run_status(args: argparse.Namespace) -> int:
    from innosite.commands.status import format_status, translation_status

    problems = Problems()
    report = translation_status(args.content, problems, args.now)
    if report is None:
        for problem in problems.all:
            print(problem, file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        print(format_status(report), end="")
    for problem in report.errors:
        print(problem, file=sys.stderr)
    return 1 if report.errors else 0
