"""The stack's floor: entry pages only, rendered with PyYAML, Python-Markdown and Jinja and nothing else.

Usage: python -m bench.floor N_or_corpus_dir [--jobs J] [--out DIR] [--start METHOD]

For every version (fi.md, sv.md, en.md) of every entry folder under
content/press/ and content/projects/, it reads meta.yaml and the language file,
parses both YAML parts with the C loader, converts the body with one reused
Markdown(extensions=["extra", "toc"]), fills one small autoescaped Jinja
template (title, date, body) and writes <out>/<lang>/<section>/<id>/index.html.
No cache, no listings, no sanitizing, no link rewriting: the least a generator
built on this stack must do for the same entry pages (issue 6).
"""

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import jinja2
import markdown
import yaml
from markupsafe import Markup

if __package__ in (None, ""):  # run as `python bench/floor.py`: import bench from the repo
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

SECTIONS = ("press", "projects")
LANGS = ("fi", "sv", "en")
CHUNK = 32  # entry folders per pool task: small, so both processes stay busy to the end
TEMPLATE = """<!doctype html>
<html lang="{{ lang }}">
<head><meta charset="utf-8"><title>{{ title }}</title></head>
<body>
<article>
<h1>{{ title }}</h1>
<p><time>{{ date }}</time></p>
{{ body }}
</article>
</body>
</html>
"""

_state: dict[str, object] = {}  # per process: the reused Markdown and template, and the output folder


def setup(out: str) -> None:
    """Make this process's Markdown converter and template once (a pool initializer)."""
    _state["md"] = markdown.Markdown(extensions=["extra", "toc"])
    _state["template"] = jinja2.Environment(autoescape=True).from_string(TEMPLATE)
    _state["out"] = Path(out)


def split_front(text: str) -> tuple[str, str]:
    """Split a language file into its YAML front matter and its Markdown body."""
    _, front, body = text.split("---\n", 2)
    return front, body


def render_folder(folder: Path) -> int:
    """Write one page per language version of one entry folder; return how many."""
    md: markdown.Markdown = _state["md"]  # type: ignore[assignment]
    template: jinja2.Template = _state["template"]  # type: ignore[assignment]
    out: Path = _state["out"]  # type: ignore[assignment]
    meta = yaml.load((folder / "meta.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    written = 0
    for lang in LANGS:
        path = folder / f"{lang}.md"
        if not path.exists():
            continue
        front_text, body = split_front(path.read_text(encoding="utf-8"))
        front = yaml.load(front_text, Loader=yaml.CSafeLoader)
        html = md.reset().convert(body)
        date = front.get("published") or meta.get("published") or meta.get("start") or ""
        page = template.render(lang=lang, title=front["title"], date=date, body=Markup(html))
        target = out / lang / folder.parent.name / folder.name / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
        written += 1
    return written


def render_chunk(folders: list[str]) -> int:
    """Render a chunk of entry folders (a pool task); return the pages written."""
    return sum(render_folder(Path(folder)) for folder in folders)


def entry_folders(content: Path) -> list[str]:
    """Every entry folder of the sections, sorted."""
    return [
        entry.path
        for section in SECTIONS
        if (content / section).is_dir()
        for entry in sorted(os.scandir(content / section), key=lambda e: e.name)
        if entry.is_dir()
    ]


def chunks(items: list[str], size: int) -> Iterator[list[str]]:
    """Consecutive slices of items, size long (the last may be shorter)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def render_all(content: Path, out: Path, jobs: int, start: str | None = None) -> int:
    """Render every entry version under content into out with jobs processes; return the pages."""
    folders = entry_folders(content)
    if jobs <= 1:
        setup(str(out))
        return render_chunk(folders)
    context = multiprocessing.get_context(start)
    with context.Pool(jobs, initializer=setup, initargs=(str(out),)) as pool:
        return sum(pool.imap_unordered(render_chunk, chunks(folders, CHUNK)))


def content_folder(arg: str, scratch: Path) -> Path:
    """The content folder: arg itself, arg/content, or a corpus of arg releases written into scratch."""
    if arg.isdigit():
        from bench.corpus import write_corpus  # only here: the timed paths import nothing of bench

        write_corpus(scratch, int(arg))
        return scratch / "content"
    folder = Path(arg)
    return folder / "content" if (folder / "content" / "press").is_dir() else folder


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.floor", description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="N (write a corpus of N releases first) or a content folder")
    parser.add_argument("--jobs", type=int, default=2, help="processes (default 2; 1 = no pool)")
    parser.add_argument("--out", type=Path, help="output folder, new or empty (default: a temporary one)")
    methods = multiprocessing.get_all_start_methods()
    parser.add_argument(
        "--start",
        choices=methods,
        default="fork" if "fork" in methods else None,
        help="multiprocessing start method (default fork where there is one)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Render the entry pages and print how many were written and the wall time."""
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="floor-") as scratch:
        content = content_folder(args.corpus, Path(scratch) / "corpus")
        if not (content / "press").is_dir():
            print(f"{content}: no press/ folder", file=sys.stderr)
            return 2
        out = args.out or Path(scratch) / "site"
        if out.exists() and any(out.iterdir()):
            print(f"{out} is not empty: remove it first (a floor run starts from no output)", file=sys.stderr)
            return 2
        began = time.perf_counter()
        pages = render_all(content, out, args.jobs, args.start)
        seconds = time.perf_counter() - began
        print(f"floor: {pages} pages written in {seconds:.2f} s with --jobs {args.jobs} ({args.start or 'default'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
