"""Check the stack's floor (bench/floor.py): one page per entry version, the same with one or two processes.

Usage: python -m bench.check_floor [N]  (exit 1 on any problem)
"""

import html
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from bench.corpus import write_corpus
from bench.floor import LANGS, SECTIONS, split_front

FLOOR_PY = Path(__file__).resolve().parent / "floor.py"


def expected_pages(content: Path) -> set[str]:
    """The page each language file should give: <lang>/<section>/<id>/index.html."""
    return {
        f"{md.stem}/{section}/{md.parent.name}/index.html"
        for section in SECTIONS
        for md in (content / section).glob("*/*.md")
        if md.stem in LANGS
    }


def pages_in(out: Path) -> dict[str, bytes]:
    """Map each written page's relative path to its bytes."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def run_floor(content: Path, out: Path, jobs: int) -> list[str]:
    """Run floor.py as a new process; return problems with its exit or its printout."""
    cmd = [sys.executable, str(FLOOR_PY), str(content), "--out", str(out), "--jobs", str(jobs)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    if proc.returncode != 0:
        return [f"--jobs {jobs}: exit {proc.returncode}: {proc.stderr.strip()[-500:]}"]
    pages = len(expected_pages(content))
    return [] if f"floor: {pages} pages written" in proc.stdout else [f"--jobs {jobs} printed {proc.stdout!r}"]


def check_pages(content: Path, written: dict[str, bytes]) -> list[str]:
    """Every entry version has exactly one page, which shows its title and its body's headings."""
    wanted = expected_pages(content)
    problems = [f"missing {path}" for path in sorted(wanted - set(written))]
    problems += [f"unexpected {path}" for path in sorted(set(written) - wanted)]
    for path in sorted(wanted & set(written)):
        lang, section, entry, _ = path.split("/")
        front, body = split_front((content / section / entry / f"{lang}.md").read_text(encoding="utf-8"))
        title = yaml.safe_load(front)["title"]
        page = written[path].decode("utf-8")
        if f"<h1>{html.escape(title, quote=True)}</h1>" not in page or "<h2 id=" not in page:
            problems.append(f"{path}: no title heading or no body headings")
        if "<!doctype html>" not in page or f'<html lang="{lang}">' not in page:
            problems.append(f"{path}: not the floor's template")
    return problems


def main(argv: list[str] | None = None) -> int:
    """Write a tiny corpus, run the floor with one and two processes, and print the problems found."""
    n = int((argv or sys.argv[1:] or ["20"])[0])
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        write_corpus(tmp, n)
        content = tmp / "content"
        problems = run_floor(content, tmp / "one", 1) + run_floor(content, tmp / "two", 2)
        one, two = pages_in(tmp / "one"), pages_in(tmp / "two")
        problems += check_pages(content, one)
        problems += [] if one == two else ["--jobs 1 and --jobs 2 wrote different pages"]
        print(f"{len(expected_pages(content))} entry versions, {len(one)} and {len(two)} pages written")
    print(f"floor: {'ok' if not problems else 'FAILED'}", *problems[:20], sep="\n  ")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
