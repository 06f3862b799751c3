"""Planned pages to HTML bytes: Jinja templates, one environment per language."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .i18n import IN_LANGUAGE, Formatter, load_translations
from .model import Config
from .plan import PlannedPage

ASSETS_DIR = "assets"


@dataclass(frozen=True, slots=True)
class Asset:
    """A static file of the theme, published under a name with its content hash."""

    src: Path
    path: str
    """Output path, e.g. `assets/style.3f2a9c1e.css`."""


def find_assets(templates: Path) -> dict[str, Asset]:
    """templates/assets/* by name, each with a hashed output name."""
    folder = templates / ASSETS_DIR
    assets = {}
    for src in sorted(folder.rglob("*")) if folder.is_dir() else ():
        if src.is_file():
            digest = hashlib.sha256(src.read_bytes()).hexdigest()[:10]
            name = src.relative_to(folder).as_posix()
            stem, dot, ext = name.rpartition(".")
            assets[name] = Asset(src, f"{ASSETS_DIR}/{stem}.{digest}.{ext}" if dot else f"{ASSETS_DIR}/{name}.{digest}")
    return assets


class Renderer:
    """Renders planned pages; holds one Jinja environment per site language."""

    def __init__(
        self, templates: Path, locales: Path, config: Config, globals_by_lang: dict[str, dict[str, Any]]
    ) -> None:
        self.config = config
        self.assets = find_assets(templates)
        loader = jinja2.FileSystemLoader(str(templates))
        self.envs = {
            lang.code: self._env(loader, locales, lang.code, lang.locale, globals_by_lang[lang.code])
            for lang in config.languages
        }

    def _env(self, loader, locales: Path, lang: str, locale: str, extra: dict[str, Any]) -> jinja2.Environment:
        env = jinja2.Environment(
            loader=loader,
            autoescape=True,
            extensions=["jinja2.ext.i18n"],
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        translations = load_translations(locales, lang)
        env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
        formatter = Formatter(locale, self.config.timezone)
        env.filters.update(
            datetime=formatter.datetime,
            date=formatter.date,
            time=formatter.time,
            iso=_iso,
            in_language=lambda code: translations.gettext(IN_LANGUAGE.get(code, code)),
        )
        env.globals.update(extra, asset=self.asset_url, lang=lang)
        return env

    def asset_url(self, name: str) -> str:
        return self.config.base_path + self.assets[name].path

    def render(self, page: PlannedPage) -> bytes:
        """The page's HTML as UTF-8 bytes."""
        parts = tuple(
            (lang, Markup(self.envs[lang].get_template(template).render(context)))
            for lang, template, context in page.parts
        )
        html = self.envs[page.lang].get_template(page.template).render(page.context, parts=parts)
        return html.encode("utf-8")


def _iso(moment: date | datetime) -> str:
    """Machine-readable time for <time datetime>."""
    return moment.isoformat(timespec="minutes") if isinstance(moment, datetime) else moment.isoformat()
