"""Write the same corpus as a Pelican site (articles = releases, pages = projects).

Translations share a slug (the entry id) and differ in `Lang`; the Finnish
version is the original and the others carry `Translation: true`. Every
language version gets its own page: {lang}/press/{id}/ and {lang}/projects/{id}/.
"""

from pathlib import Path

from bench.corpus import write_text
from bench.model import Corpus, Version, make_corpus
from bench.words import CITIES, THEMES

PELICANCONF = """\
AUTHOR = "Bench"
SITENAME = "Innokaupungit"
SITEURL = "https://bench.example"
PATH = "content"
TIMEZONE = "Europe/Helsinki"
DEFAULT_LANG = "fi"
DEFAULT_DATE_FORMAT = "%d.%m.%Y %H.%M"
THEME = "simple"
ARTICLE_PATHS = ["press"]
PAGE_PATHS = ["projects"]
ARTICLE_TRANSLATION_ID = "slug"
PAGE_TRANSLATION_ID = "slug"
ARTICLE_URL = "fi/press/{slug}/"
ARTICLE_SAVE_AS = "fi/press/{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/press/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/press/{slug}/index.html"
PAGE_URL = "fi/projects/{slug}/"
PAGE_SAVE_AS = "fi/projects/{slug}/index.html"
PAGE_LANG_URL = "{lang}/projects/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/projects/{slug}/index.html"
DEFAULT_PAGINATION = 20
FEED_ALL_ATOM = "feeds/all.atom.xml"
TRANSLATION_FEED_ATOM = "feeds/all-{lang}.atom.xml"
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
MARKDOWN = {
    "extension_configs": {"markdown.extensions.extra": {}, "markdown.extensions.toc": {}},
    "output_format": "html5",
}
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
"""


def metadata(version: Version, slug: str, date: str, tags: list[str], original: bool) -> str:
    """Return Pelican's Markdown metadata header for one language version."""
    lines = [
        f"Title: {version.title}",
        f"Date: {version.published or date}",
        f"Slug: {slug}",
        f"Lang: {version.lang}",
        f"Summary: {version.summary}",
    ]
    if tags:
        lines.append(f"Tags: {', '.join(tags)}")
    if not original:
        lines.append("Translation: true")
    return "\n".join(lines) + "\n\n"


def tag_names(ids: tuple[str, ...], table: dict[str, tuple[str, str, str]]) -> list[str]:
    """Return the Finnish names of taxonomy ids, used as Pelican tags."""
    return [table[i][0] for i in ids]


def write_versions(folder: Path, slug: str, date: str, tags: list[str], versions: tuple[Version, ...]) -> None:
    """Write one Markdown file per language version of an entry."""
    for version in versions:
        header = metadata(version, slug, date, tags, original=version.lang == "fi")
        write_text(folder / f"{slug}-{version.lang}.md", header + version.body)


def write_pelican_site(root: Path, corpus: Corpus) -> None:
    """Write pelicanconf.py and content/ for a built corpus into root."""
    write_text(root / "pelicanconf.py", PELICANCONF)
    content = root / "content"
    for project in corpus.projects:
        tags = tag_names(project.themes, THEMES)
        write_versions(
            content / "projects",
            project.id,
            f"{project.start} 09:00",
            tags,
            project.versions,
        )
    for release in corpus.releases:
        tags = tag_names(release.themes, THEMES) + tag_names(release.cities, CITIES)
        write_versions(content / "press", release.id, release.published, tags, release.versions)


def write_pelican_corpus(root: Path, n: int, seed: int = 1, corpus: Corpus | None = None) -> None:
    """Write the corpus for N releases as a Pelican site into root."""
    write_pelican_site(Path(root), corpus or make_corpus(n, seed))


def pelican_release_file(root: Path, release_id: str) -> Path:
    """Return the Finnish Markdown file of a release in a Pelican site."""
    return Path(root) / "content" / "press" / f"{release_id}-fi.md"
