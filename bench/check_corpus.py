"""Check the corpus writer: determinism, language shares, YAML and SPEC layout.

Usage: python -m bench.check_corpus [N]  (exit 1 on any problem)
"""

import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

from bench.corpus import write_corpus
from bench.for_hugo import slugify, write_hugo_corpus
from bench.for_pelican import write_pelican_corpus
from bench.model import make_corpus
from bench.text import count_words
from bench.words import CITIES, LANGS, THEMES

SITE_KEYS = {
    "title",
    "description",
    "base_url",
    "languages",
    "required_languages",
    "untranslated",
    "timezone",
    "sections",
}
PRESS_KEYS = {"published", "kind", "region", "themes", "cities", "projects", "contacts", "image", "draft", "aliases"}
PROJECT_KEYS = {"themes", "lead_city", "cities", "start", "end", "website", "contacts", "image", "draft", "aliases"}
FRONT_KEYS = {"title", "slug", "summary", "published", "updated"}
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")


def files_of(folder: Path) -> dict[str, bytes]:
    """Map each file's relative path to its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def check_determinism(n: int, tmp: Path) -> list[str]:
    """Two writes of the same n and seed must be byte-identical; another seed differs."""
    for name, seed in (("a", 1), ("b", 1), ("c", 2)):
        write_corpus(tmp / name, n, seed)
    a, b, c = (files_of(tmp / name / "content") for name in "abc")
    problems = [] if a == b else ["two writes with the same seed differ"]
    return problems + (["seed 2 wrote the same corpus as seed 1"] if a == c else [])


def check_shares(n: int) -> list[str]:
    """fi must be in every release, sv in about 90%, en in about 60%."""
    counts = Counter(v.lang for r in make_corpus(n).releases for v in r.versions)
    shares = {lang: counts[lang] / n for lang in LANGS}
    print(f"language shares at N={n}: " + ", ".join(f"{k} {v:.1%}" for k, v in shares.items()))
    wanted = {"fi": (1.0, 1.0), "sv": (0.86, 0.94), "en": (0.55, 0.65)}
    return [f"{lang} share {shares[lang]:.1%}" for lang, (lo, hi) in wanted.items() if not lo <= shares[lang] <= hi]


def split_front(path: Path) -> tuple[dict, str]:
    """Parse a language file into (front matter, body)."""
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def translated_ok(value: object) -> bool:
    """A translated value: a string, or a mapping naming exactly fi, sv and en."""
    return isinstance(value, str) or (isinstance(value, dict) and set(value) == set(LANGS))


def check_top(content: Path) -> list[str]:
    """site.yaml, themes.yaml and cities.yaml."""
    site = yaml.safe_load((content / "site.yaml").read_text(encoding="utf-8"))
    problems = [f"site.yaml: unknown key {k}" for k in set(site) - SITE_KEYS]
    if site["base_url"] != "https://bench.example/" or list(site["languages"]) != list(LANGS):
        problems.append("site.yaml: base_url or languages")
    for name, ids in (("themes.yaml", THEMES), ("cities.yaml", CITIES)):
        table = yaml.safe_load((content / name).read_text(encoding="utf-8"))
        problems += [f"{name}: ids differ"] if list(table) != list(ids) else []
        problems += [f"{name}: {k} not translated" for k, v in table.items() if not translated_ok(v)]
    return problems


def check_language_files(folder: Path, titles: dict[str, set[str]], tables: Counter) -> list[str]:
    """Front matter keys, unique titles and slugs, body length and Markdown features."""
    problems = []
    for path in sorted(folder.glob("*.md")):
        front, body = split_front(path)
        problems += [f"{path}: unknown key {k}" for k in set(front) - FRONT_KEYS]
        key = f"{folder.parent.name}/{path.stem}"
        if slugify(front["title"]) in titles.setdefault(key, set()):
            problems.append(f"{path}: title slug not unique")
        titles[key].add(slugify(front["title"]))
        if not 300 <= count_words(body) <= 450:
            problems.append(f"{path}: {count_words(body)} words")
        if "\n## " not in body or "\n- " not in body or "](https://example.org/" not in body:
            problems.append(f"{path}: missing heading, list or link")
        tables[path.stem] += "\n| --- |" in body
    return problems


def check_release(folder: Path, projects: set[str]) -> list[str]:
    """One press release folder against SPEC section 1."""
    meta = yaml.safe_load((folder / "meta.yaml").read_text(encoding="utf-8"))
    problems = [f"{folder}: unknown key {k}" for k in set(meta) - PRESS_KEYS]
    names = {p.name for p in folder.iterdir()}
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}-[a-z0-9-]+", folder.name) or "fi.md" not in names:
        problems.append(f"{folder}: bad id or no fi.md")
    if names - {"meta.yaml", "fi.md", "sv.md", "en.md"}:
        problems.append(f"{folder}: unexpected files")
    if not DATETIME.match(meta["published"]) or not folder.name.startswith(meta["published"][:10]):
        problems.append(f"{folder}: published {meta['published']}")
    bad = set(meta["themes"]) - set(THEMES) | set(meta.get("cities", [])) - set(CITIES)
    bad |= set(meta.get("projects", [])) - projects | {meta.get("region", "tampere")} - set(CITIES)
    problems += [f"{folder}: unknown ids {sorted(bad)}"] if bad else []
    for contact in meta.get("contacts", []):
        if not contact.get("name") or not translated_ok(contact["role"]) or "@" not in contact["email"]:
            problems.append(f"{folder}: bad contact {contact}")
    return problems


def check_project(folder: Path) -> list[str]:
    """One project folder against SPEC section 1."""
    meta = yaml.safe_load((folder / "meta.yaml").read_text(encoding="utf-8"))
    problems = [f"{folder}: unknown key {k}" for k in set(meta) - PROJECT_KEYS]
    if not meta["themes"] or set(meta["themes"]) - set(THEMES) or set(meta["cities"]) - set(CITIES):
        problems.append(f"{folder}: bad themes or cities")
    if meta["lead_city"] not in meta["cities"] or len(meta["cities"]) < 3:
        problems.append(f"{folder}: lead city or fewer than 3 cities")
    if {p.name for p in folder.iterdir()} != {"meta.yaml", "fi.md", "sv.md", "en.md"}:
        problems.append(f"{folder}: not exactly meta.yaml and three languages")
    return problems


def check_layout(content: Path) -> list[str]:
    """The whole content folder: taxonomies, projects, releases, language files."""
    problems = check_top(content)
    projects = {p.name for p in (content / "projects").iterdir()}
    problems += [] if len(projects) == 30 else [f"{len(projects)} projects"]
    titles: dict[str, set[str]] = {}
    tables: Counter = Counter()
    for folder in sorted((content / "projects").iterdir()):
        problems += check_project(folder) + check_language_files(folder, titles, Counter())
    releases = sorted((content / "press").iterdir())
    for folder in releases:
        problems += check_release(folder, projects) + check_language_files(folder, titles, tables)
    print(f"{len(releases)} releases, tables in {tables['fi'] / len(releases):.0%} of Finnish versions")
    return problems


def check_rivals(n: int, tmp: Path) -> list[str]:
    """The Pelican and Hugo corpora hold one Markdown file per language version."""
    versions = sum(len(r.versions) for r in make_corpus(n).releases)
    write_pelican_corpus(tmp / "pelican", n)
    write_hugo_corpus(tmp / "hugo", n)
    pelican = len(list((tmp / "pelican" / "content" / "press").glob("*.md")))
    hugo = len(list((tmp / "hugo" / "content" / "press").glob("*/index.*.md")))
    return [
        f"{name}: {count} files for {versions} versions"
        for name, count in (("pelican", pelican), ("hugo", hugo))
        if count != versions
    ]


def main(argv: list[str] | None = None) -> int:
    """Run every check and print the problems found."""
    n = int((argv or sys.argv[1:] or ["300"])[0])
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        checks = {
            "determinism": lambda: check_determinism(n, tmp),
            "language shares": lambda: check_shares(max(n, 2000)),
            "layout": lambda: check_layout(tmp / "a" / "content"),
            "pelican and hugo": lambda: check_rivals(n, tmp),
        }
        failed = 0
        for label, check in checks.items():
            problems = check()
            failed += bool(problems)
            print(f"{label}: {'ok' if not problems else 'FAILED'}", *problems[:20], sep="\n  ")
    print(f"{len(checks) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
