"""Site-wide settings: site.yaml (Config) and the taxonomies (Term), with texts per language."""

from __future__ import annotations

from dataclasses import dataclass

SECTIONS = ("press", "projects", "themes", "cities", "search", "feeds")

PHONE_REGION = "FI"
"""The country of a phone number written without a country code (040 708 0178): the programme is Finnish."""


DEFAULT_SECTIONS = {
    "fi": {
        "press": "tiedotteet",
        "projects": "hankkeet",
        "themes": "teemat",
        "cities": "kaupungit",
        "search": "haku",
        "feeds": "syotteet",
    },
    "sv": {
        "press": "pressmeddelanden",
        "projects": "projekt",
        "themes": "teman",
        "cities": "stader",
        "search": "sok",
        "feeds": "floden",
    },
    "en": {
        "press": "press-releases",
        "projects": "projects",
        "themes": "themes",
        "cities": "cities",
        "search": "search",
        "feeds": "feeds",
    },
}


@dataclass(frozen=True, slots=True)
class Localized:
    """A text in every site language, as ((lang, text), ...)."""

    items: tuple[tuple[str, str], ...]

    def __getitem__(self, lang: str) -> str:
        for each, text in self.items:
            if each == lang:
                return text
        raise KeyError(lang)


@dataclass(frozen=True, slots=True)
class Language:
    """A site language: its code (`fi`), Babel locale (`fi_FI`), own name (`Suomi`)."""

    lang: str
    locale: str
    name: str


@dataclass(frozen=True, slots=True)
class SiteImage:
    """site.yaml's `share_image`: the picture (the programme's logo) the default share image of each language is
    drawn from, on a colour; shown where a page without a photo of its own is shared."""

    files: tuple[tuple[str, str, str], ...]
    """(lang, file in the content folder, SHA-256 of its bytes) for every language."""
    alt: Localized
    background: str
    """The colour around the picture, #rrggbb."""

    def file(self, lang: str) -> tuple[str, str]:
        """(file, hash) of a language's picture."""
        for each, name, sha in self.files:
            if each == lang:
                return name, sha
        raise KeyError(lang)


@dataclass(frozen=True, slots=True)
class EditorSettings:
    """site.yaml's `editor:`: where the browser editor published at admin/ saves (docs/editor.md)."""

    backend: str
    """'github' or 'gitlab'."""
    repo: str
    """owner/name (GitLab: group/subgroup/name)."""
    branch: str = "main"
    workflow: str = "editorial"
    """'editorial' (each draft a pull or merge request) or 'simple' (saves straight to the branch)."""
    app_id: str | None = None
    """GitLab: the OAuth application's id (sign-in with PKCE)."""
    base_url: str | None = None
    """GitHub: the OAuth proxy's address (e.g. Sveltia CMS Authenticator); without it, sign-in with a token."""
    api_root: str | None = None
    """A GitHub Enterprise or self-hosted GitLab API address (https://gitlab.example.fi/api/v4)."""


@dataclass(frozen=True, slots=True)
class Config:
    """site.yaml, validated and with defaults filled in."""

    title: Localized
    description: Localized
    base_url: str
    languages: tuple[Language, ...]
    required_languages: tuple[str, ...]
    untranslated: tuple[tuple[str, str], ...]
    """(lang, 'notice' | 'hide') for every language."""
    timezone: str
    sections: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    """(lang, ((section, segment), ...)) for every language."""
    page_size: int = 20
    embeds: tuple[str, ...] = ()
    """Hosts whose embedded frames (iframes) bodies may show, e.g. www.youtube-nocookie.com."""
    preview: bool = False
    """A preview build (--preview): every page noindex, no sitemap, a robots.txt that disallows everything."""
    share_image: SiteImage | None = None
    """The source of the default share images (None: pages without a photo are shared without a picture)."""
    editor: EditorSettings | None = None
    """The browser editor to publish at admin/ (None: none is published)."""

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(language.lang for language in self.languages)

    @property
    def base_path(self) -> str:
        """The path part of base_url: `/` or `/programme/`."""
        rest = self.base_url.split("://", 1)[1]
        return "/" + rest.split("/", 1)[1] if "/" in rest else "/"

    def language(self, lang: str) -> Language:
        return next(language for language in self.languages if language.lang == lang)

    def segment(self, lang: str, section: str) -> str:
        """The URL segment of a section in a language (`tiedotteet`)."""
        return dict(dict(self.sections)[lang])[section]

    def policy(self, lang: str) -> str:
        """What a visitor of lang gets for an untranslated entry: notice or hide."""
        return dict(self.untranslated)[lang]


@dataclass(frozen=True, slots=True)
class Term:
    """A theme or a city: id and its name per language."""

    kind: str
    """'themes' or 'cities'."""
    id: str
    name: Localized
    slugs: tuple[tuple[str, str], ...]

    def slug(self, lang: str) -> str:
        return dict(self.slugs)[lang]
