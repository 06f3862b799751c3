"""Write the same corpus as a multilingual Hugo site.

Each entry is a leaf bundle content/{press,projects}/<id>/ with one
index.{lang}.md per language version (Hugo pairs them as translations); the
slug comes from the title as in our generator. Themes and cities are
taxonomies, so Hugo renders term pages as we do; minimal single and list
layouts keep the template cost close to a small Jinja template.
"""

from pathlib import Path

import yaml

from bench.corpus import dump, write_text
from bench.model import Corpus, Version, make_corpus

HUGO_TOML = """\
baseURL = "https://bench.example/"
title = "Innokaupungit"
defaultContentLanguage = "fi"
defaultContentLanguageInSubdir = true
timeZone = "Europe/Helsinki"
disableKinds = ["robotstxt"]

[pagination]
pagerSize = 20

[taxonomies]
theme = "themes"
city = "cities"

[outputs]
home = ["html", "rss"]
section = ["html"]
taxonomy = ["html"]
term = ["html"]
page = ["html"]

[markup.goldmark.renderer]
unsafe = false

[languages.fi]
weight = 1
title = "Innokaupungit"

[languages.sv]
weight = 2
title = "Innostäderna"

[languages.en]
weight = 3
title = "InnoCities"
"""

BASEOF = """\
<!DOCTYPE html>
<html lang="{{ .Language.Lang }}">
<head>
<meta charset="utf-8">
<title>{{ .Title }} | {{ .Site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}</head>
<body>
<nav>{{ range .Translations }}
<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.Lang }}</a>
{{ end }}</nav>
<main id="main">{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""

SINGLE = """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02T15:04" }}">{{ .Date.Format "2.1.2006 15.04" }}</time></p>
<p class="summary">{{ .Summary }}</p>
{{ .Content }}
<ul>{{ range .GetTerms "themes" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</article>
{{ end }}
"""

LIST = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<time>{{ .Date.Format "2.1.2006" }}</time><p>{{ .Summary }}</p></li>
{{ end }}</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
"""


def slugify(title: str) -> str:
    """Slugify a title as SPEC section 1 describes (enough for our ASCII-ish titles)."""
    folded = title.lower().translate(str.maketrans("äöå", "aoa"))
    out = "".join(c if c.isalnum() and c.isascii() else "-" for c in folded)
    return "-".join(part for part in out.split("-") if part)


def front_matter(version: Version, date: str, themes: tuple[str, ...], cities: tuple[str, ...]) -> str:
    """Return the YAML front matter for one language version."""
    data: dict[str, object] = {
        "title": version.title,
        "slug": slugify(version.title),
        "date": (version.published or date).replace(" ", "T") + ":00",
        "summary": version.summary,
        "themes": list(themes),
        "cities": list(cities),
    }
    return f"---\n{dump(data)}---\n\n"


def write_bundle(
    folder: Path,
    date: str,
    themes: tuple[str, ...],
    cities: tuple[str, ...],
    versions: tuple[Version, ...],
) -> None:
    """Write one leaf bundle with index.{lang}.md per language version."""
    for version in versions:
        write_text(
            folder / f"index.{version.lang}.md",
            front_matter(version, date, themes, cities) + version.body,
        )


def write_hugo_site(root: Path, corpus: Corpus) -> None:
    """Write hugo.toml, layouts and content for a built corpus into root."""
    write_text(root / "hugo.toml", HUGO_TOML)
    for name, text in (("baseof", BASEOF), ("single", SINGLE), ("list", LIST)):
        write_text(root / "layouts" / "_default" / f"{name}.html", text)
    content = root / "content"
    for lang, title in (
        ("fi", "Tiedotteet"),
        ("sv", "Pressmeddelanden"),
        ("en", "Press releases"),
    ):
        write_text(
            content / "press" / f"_index.{lang}.md",
            f"---\n{yaml.safe_dump({'title': title})}---\n",
        )
    for project in corpus.projects:
        folder = content / "projects" / project.id
        write_bundle(
            folder,
            f"{project.start} 09:00",
            project.themes,
            project.cities,
            project.versions,
        )
    for release in corpus.releases:
        folder = content / "press" / release.id
        write_bundle(folder, release.published, release.themes, release.cities, release.versions)


def write_hugo_corpus(root: Path, n: int, seed: int = 1, corpus: Corpus | None = None) -> None:
    """Write the corpus for N releases as a Hugo site into root."""
    write_hugo_site(Path(root), corpus or make_corpus(n, seed))


def hugo_release_file(root: Path, release_id: str) -> Path:
    """Return the Finnish Markdown file of a release in a Hugo site."""
    return Path(root) / "content" / "press" / release_id / "index.fi.md"
