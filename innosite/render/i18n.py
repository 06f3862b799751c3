"""UI text: gettext catalogs compiled in memory, and locale-aware formatting."""

from __future__ import annotations

import gettext
import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


def N_(message: str) -> str:
    """Marks a message for extraction; translated where it is shown."""
    return message


IN_LANGUAGE = {"fi": N_("in Finnish"), "sv": N_("in Swedish"), "en": N_("in English")}
"""Phrases naming a language as in 'published in Swedish', per language code."""


Folders = Path | Sequence[Path]
"""A folder, or a search path of folders where the first that has a file wins (a site's own before the package's)."""


def folders(where: Folders) -> tuple[Path, ...]:
    """The search path of a folder or folders."""
    return (where,) if isinstance(where, Path) else tuple(where)


def catalog_path(locales_dir: Path, lang: str) -> Path:
    return locales_dir / lang / "LC_MESSAGES" / "messages.po"


def catalog_paths(locales: Folders, lang: str) -> list[Path]:
    """The catalogs of lang on the search path that exist, the one that wins last (the package's must exist)."""
    *own, base = folders(locales)
    found = (catalog_path(folder, lang) for folder in reversed(own))
    return [catalog_path(base, lang), *(path for path in found if path.is_file())]


def load_translations(locales: Folders, lang: str) -> gettext.GNUTranslations:
    """Compile locales/{lang}/LC_MESSAGES/messages.po in memory (no .mo files on disk); a site's own catalog
    overrides the messages it translates, the package's gives the rest."""
    paths = catalog_paths(locales, lang)
    with paths[0].open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    for path in paths[1:]:
        with path.open("rb") as handle:
            for message in read_po(handle, locale=lang):
                if message.id and message.string and not message.fuzzy:
                    catalog.delete(message.id, message.context)  # setting an existing id would keep its string
                    catalog[message.id] = message
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def catalogs_digest(locales: Folders, langs: tuple[str, ...]) -> str:
    """A hash of the catalogs in use: part of every page's cache key."""
    digest = hashlib.sha256()
    for lang in langs:
        for path in catalog_paths(locales, lang):
            digest.update(lang.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


FORMATTED_KEEP = 1 << 14
"""Formatted dates kept per process (a few MB): a release's date is shown on many listing pages."""

_DAY_MONTH_YEAR = re.compile(r"d{1,2}\.M{1,2}\.y+")
"""A short date pattern of day, month and year with dots (fi_FI and sv_FI: d.M.y), which nobody misreads."""


Moment = datetime
Day = date
"""The types by other names: in Formatter, `datetime` and `date` name its methods."""


@dataclass(frozen=True, slots=True)
class Formatter:
    """Dates and times for one locale and time zone (fi: 13.9.2022 14.56; en: 13 September 2022, 14:56).

    Numbers alone (13.9.2022) only where the locale writes day.month.year with dots, as Finnish and
    Finland-Swedish readers do; elsewhere the month is spelled out (en_FI would give 13/09/2022, which a
    reader used to month/day cannot tell from the 9th of a 13th month, or 05/09 from 9 May), and the time
    is written as the language writes it everywhere (14:56, not en_FI's 14.56). All through Babel."""

    locale: str
    timezone: str

    def datetime(self, moment: Moment) -> str:
        return self._format("datetime", moment)

    def date(self, moment: Day | Moment) -> str:
        return self._format("date", moment)

    def time(self, moment: Moment) -> str:
        return self._format("time", moment)

    def _format(self, kind: str, moment: Day) -> str:
        """Through the memo for dates and datetimes; anything else Babel takes (a timestamp) as before."""
        if isinstance(moment, date):
            zone, fold = getattr(moment, "tzinfo", None), getattr(moment, "fold", 0)
            return _formatted(self.locale, self.timezone, kind, moment, zone, fold)
        return _formatted.__wrapped__(self.locale, self.timezone, kind, moment, None, 0)


@lru_cache(maxsize=FORMATTED_KEEP, typed=True)
def _formatted(locale: str, timezone: str, kind: str, moment: date, zone: tzinfo | None, fold: int) -> str:
    """One moment formatted; memoized by everything the text depends on (`zone` and `fold` tell apart
    equal-comparing datetimes, `typed` a date from a datetime)."""
    site_zone, style = ZoneInfo(timezone), _style(locale)
    if kind == "time":
        return format_time(moment, style.time, tzinfo=site_zone, locale=style.time_locale)  # type: ignore[arg-type]  # a datetime (Formatter.time) or a timestamp
    if kind == "datetime":
        day = _formatted(locale, timezone, "date", moment, zone, fold)
        clock = _formatted(locale, timezone, "time", moment, zone, fold)
        return style.joined.replace("{1}", day).replace("{0}", clock)
    if isinstance(moment, datetime):
        moment = moment.astimezone(site_zone).date()
    return format_date(moment, style.date, locale=style.locale)


@dataclass(frozen=True, slots=True)
class _Style:
    """How one locale writes dates (see Formatter): Babel's widths and patterns."""

    locale: Locale
    date: str
    """Babel's date width: 'short' (13.9.2022) or 'long' (13 September 2022)."""
    time: str
    """Babel's time width or pattern."""
    time_locale: Locale
    joined: str
    """Date and time together: {1} the date, {0} the time."""


@lru_cache(maxsize=16)
def _style(identifier: str) -> _Style:
    """The style of a locale, worked out once (Babel parses a locale name again at every step of formatting)."""
    locale = Locale.parse(identifier)
    if _DAY_MONTH_YEAR.fullmatch(locale.date_formats["short"].pattern):
        return _Style(locale, "short", "short", locale, locale.datetime_formats["short"])
    language = Locale(locale.language)
    skeleton = language.datetime_skeletons.get("Hm")  # 24-hour time as the language writes it: HH:mm in English
    return _Style(locale, "long", skeleton.pattern if skeleton else "short", language, locale.datetime_formats["long"])
