"""UI text: gettext catalogs compiled in memory, and locale-aware formatting."""

from __future__ import annotations

import gettext
import hashlib
import io
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
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


FORMATTED_KEEP = 1 << 14
"""Formatted dates kept per process (a few MB): a release's date is shown on many listing pages."""


@dataclass(frozen=True, slots=True)
class Formatter:
    """Dates and times for one locale and time zone (fi: 13.9.2022 14.56)."""

    locale: str
    timezone: str

    def datetime(self, moment: datetime) -> str:
        return self._format("datetime", moment)

    def date(self, moment: date | datetime) -> str:
        return self._format("date", moment)

    def time(self, moment: datetime) -> str:
        return self._format("time", moment)

    def _format(self, kind: str, moment: date) -> str:
        """Through the memo for dates and datetimes; anything else Babel takes (a timestamp) as before."""
        if isinstance(moment, date):
            zone, fold = getattr(moment, "tzinfo", None), getattr(moment, "fold", 0)
            return _formatted(self.locale, self.timezone, kind, moment, zone, fold)
        return _formatted.__wrapped__(self.locale, self.timezone, kind, moment, None, 0)


@lru_cache(maxsize=FORMATTED_KEEP, typed=True)
def _formatted(locale: str, timezone: str, kind: str, moment: date, zone: tzinfo | None, fold: int) -> str:
    """One moment formatted; memoized by everything the text depends on (`zone` and `fold` tell apart
    equal-comparing datetimes, `typed` a date from a datetime)."""
    site_zone, babel_locale = ZoneInfo(timezone), _locale(locale)
    if kind == "datetime":
        return format_datetime(moment, "short", tzinfo=site_zone, locale=babel_locale)
    if kind == "time":
        return format_time(moment, "short", tzinfo=site_zone, locale=babel_locale)
    if isinstance(moment, datetime):
        moment = moment.astimezone(site_zone).date()
    return format_date(moment, "short", locale=babel_locale)


@lru_cache(maxsize=16)
def _locale(identifier: str) -> Locale:
    """Babel's Locale, parsed once (Babel parses a locale name again at every step of formatting)."""
    return Locale.parse(identifier)
