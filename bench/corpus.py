"""Write the synthetic corpus as a content folder in the SPEC format.

Usage: python -m bench.corpus N DIR  (writes DIR/content)
"""

import argparse
from datetime import date
from pathlib import Path

import yaml

from bench.model import (
    Contact,
    Corpus,
    Project,
    Release,
    Version,
    make_corpus,
    make_release,
)
from bench.words import (
    CITIES,
    EDIT_SENTENCE,
    LANGS,
    LANGUAGE_INFO,
    SITE_DESCRIPTION,
    SITE_TITLE,
    THEMES,
)


def dump(data: object) -> str:
    """Serialise to block-style YAML, keeping key order and non-ASCII letters."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def write_text(path: Path, content: str) -> None:
    """Write UTF-8 text with LF line ends, creating parent folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8"))


def translated(values: tuple[str, ...]) -> dict[str, str]:
    """Map a (fi, sv, en) tuple to a translated value."""
    return dict(zip(LANGS, values, strict=True))


def site_yaml() -> str:
    """Return site.yaml."""
    return dump(
        {
            "title": translated(SITE_TITLE),
            "description": translated(SITE_DESCRIPTION),
            "base_url": "https://bench.example/",
            "languages": {code: {"locale": loc, "name": name} for code, (loc, name) in LANGUAGE_INFO.items()},
            "required_languages": ["fi", "sv"],
        }
    )


def taxonomy_yaml(table: dict[str, tuple[str, str, str]]) -> str:
    """Return themes.yaml or cities.yaml: id -> translated name."""
    return dump({key: translated(names) for key, names in table.items()})


def version_file(version: Version) -> str:
    """Return a language file: YAML front matter, then the Markdown body."""
    front: dict[str, str] = {"title": version.title, "summary": version.summary}
    if version.published:
        front["published"] = version.published
    return f"---\n{dump(front)}---\n\n{version.body}"


def contact_data(contact: Contact) -> dict[str, object]:
    """Return a contact as meta.yaml data."""
    return {
        "name": contact.name,
        "role": translated(contact.role),
        "phone": contact.phone,
        "email": contact.email,
    }


def release_meta(release: Release) -> str:
    """Return a press release's meta.yaml."""
    meta: dict[str, object] = {"published": release.published}
    if release.region:
        meta["region"] = release.region
    meta["themes"] = list(release.themes)
    for key in ("cities", "projects"):
        if getattr(release, key):
            meta[key] = list(getattr(release, key))
    if release.contacts:
        meta["contacts"] = [contact_data(c) for c in release.contacts]
    return dump(meta)


def project_meta(project: Project) -> str:
    """Return a project's meta.yaml."""
    return dump(
        {
            "themes": list(project.themes),
            "lead_city": project.lead_city,
            "cities": list(project.cities),
            "start": date.fromisoformat(project.start),
            "end": date.fromisoformat(project.end),
        }
    )


def write_entry(folder: Path, meta: str, versions: tuple[Version, ...]) -> None:
    """Write one entry folder: meta.yaml and one file per language version."""
    write_text(folder / "meta.yaml", meta)
    for version in versions:
        write_text(folder / f"{version.lang}.md", version_file(version))


def write_release(content: Path, release: Release) -> Path:
    """Write one press release folder under content/press and return it."""
    folder = content / "press" / release.id
    write_entry(folder, release_meta(release), release.versions)
    return folder


def write_spec_corpus(content: Path, corpus: Corpus) -> None:
    """Write a built corpus into the content folder `content`."""
    write_text(content / "site.yaml", site_yaml())
    write_text(content / "themes.yaml", taxonomy_yaml(THEMES))
    write_text(content / "cities.yaml", taxonomy_yaml(CITIES))
    for project in corpus.projects:
        write_entry(content / "projects" / project.id, project_meta(project), project.versions)
    for release in corpus.releases:
        write_release(content, release)


def write_corpus(root: Path, n: int, seed: int = 1, corpus: Corpus | None = None) -> None:
    """Write N releases, 30 projects and the taxonomies to root/content."""
    write_spec_corpus(Path(root) / "content", corpus or make_corpus(n, seed))


def extra_release(corpus: Corpus, k: int) -> Release:
    """Return a new release beyond the corpus (k = 0, 1, ...), dated after the last."""
    ids = tuple(p.id for p in corpus.projects)
    return make_release(corpus.n + k, corpus.n, corpus.seed, ids)


def edit_release(path: Path, k: int) -> None:
    """Append sentence number k as a new paragraph to a language file."""
    with path.open("ab") as f:
        f.write(("\n" + EDIT_SENTENCE.format(n=k) + "\n").encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    """Parse `N DIR [--seed S]` and write the corpus."""
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of press releases")
    parser.add_argument("dir", type=Path, help="folder to write content/ into")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    write_corpus(args.dir, args.n, args.seed)
    print(f"wrote {args.n} releases to {args.dir / 'content'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
