"""UI text: gettext catalogs compiled in memory, and locale-aware formatting."""

from __future__ import annotations

import gettext
import hashlib
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


def N_(message: str) -> str:
    """Marks a message for extraction; translated where it is shown."""
    return message


IN_LANGUAGE = {"fi": N_("in Finnish"), "sv": N_("in Swedish"), "en": N_("in English")}
"""Phrases naming a language as in 'published in Swedish', per language code."""


def catalog_path(locales_dir: Path, lang: str) -> Path:
    return locales_dir / lang / "LC_MESSAGES" / "messages.po"


def load_translations(locales_dir: Path, lang: str) -> gettext.GNUTranslations:
    """Compile locales/{lang}/LC_MESSAGES/messages.po in memory (no .mo files on disk)."""
    with catalog_path(locales_dir, lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def catalogs_digest(locales_dir: Path, langs: tuple[str, ...]) -> str:
    """A hash of the catalogs in use: part of every page's cache key."""
    digest = hashlib.sha256()
    for lang in langs:
        digest.update(lang.encode() + b"\0" + catalog_path(locales_dir, lang).read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Formatter:
    """Dates and times for one locale and time zone (fi: 13.9.2022 14.56)."""

    locale: str
    timezone: str

    def datetime(self, moment: datetime) -> str:
        return format_datetime(moment, "short", tzinfo=ZoneInfo(self.timezone), locale=self.locale)

    def date(self, moment: date | datetime) -> str:
        if isinstance(moment, datetime):
            moment = moment.astimezone(ZoneInfo(self.timezone)).date()
        return format_date(moment, "short", locale=self.locale)

    def time(self, moment: datetime) -> str:
        return format_time(moment, "short", tzinfo=ZoneInfo(self.timezone), locale=self.locale)
