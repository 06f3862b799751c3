"""Phone numbers as visitors need them (pure): a `tel:` link that works from any country, and the number
written the way the page's readers dial it.

A number is written in its national form (040 708 0178) on pages in the main language of its country
(Finnish for a Finnish number: those readers are in Finland), and in international form (+358 40 708 0178)
on every other page (Swedish and English readers may be abroad: Sweden, or anywhere). The author's grouping
of the digits is kept; the link is E.164 (`tel:+358407080178`). Numbers were checked when the content was
read (content/fields.py), so they parse here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from babel.languages import get_official_languages

from innosite.model.settings import PHONE_REGION


@dataclass(frozen=True, slots=True)
class PhoneView:
    """A phone number as a page shows it and the link that calls it."""

    text: str
    href: str
    """`tel:` and the number in E.164, e.g. tel:+358407080178."""


def phone_view(written: str, lang: str) -> PhoneView:
    """The number as shown on a page in lang (national or international form, see the module) with its link."""
    national, international, href, home_lang = _forms(written)
    return PhoneView(national if lang == home_lang else international, href)


@lru_cache(maxsize=8192)
def _forms(written: str) -> tuple[str, str, str, str | None]:
    """A number's national and international form, its link, and the main language of its country (parsed once
    per number: a release's contacts are shown in every language)."""
    number = phonenumbers.parse(written, PHONE_REGION)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    region = phonenumbers.region_code_for_number(number) or PHONE_REGION
    home_lang = next(iter(get_official_languages(region)), None)
    return _national(written, number), _international(written, number), "tel:" + e164, home_lang


def _international(written: str, number: phonenumbers.PhoneNumber) -> str:
    """+358 40 708 0178: the author's grouping after the country code (phonenumbers' own where it has none or
    does not fit)."""
    text = _plain(written)
    if not _grouped(text):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    if not text.startswith("+"):
        prefix = _national_prefix(number)
        rest = text[len(prefix) :].lstrip() if prefix and text.startswith(prefix) else text
        text = f"+{number.country_code} {rest}"
    if _digits(text) == str(number.country_code) + phonenumbers.national_significant_number(number):
        return text
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _national(written: str, number: phonenumbers.PhoneNumber) -> str:
    """040 708 0178: the author's grouping with the national prefix (phonenumbers' own where it has none or does
    not fit)."""
    text = _plain(written)
    if not _grouped(text):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    code = f"+{number.country_code}"
    if text.startswith(code):
        text = _national_prefix(number) + text[len(code) :].lstrip()
    if _digits(text) == _national_prefix(number) + phonenumbers.national_significant_number(number):
        return text
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def _plain(written: str) -> str:
    """The number with brackets dropped and runs of spaces made one: (09) 123 4567 -> 09 123 4567."""
    return " ".join(written.replace("(", " ").replace(")", " ").split())


def _grouped(text: str) -> bool:
    """Whether the author grouped the digits (040 708 0178), rather than writing them in one run (0407080178)."""
    return any(c in text for c in " -/.")


def _national_prefix(number: phonenumbers.PhoneNumber) -> str:
    """What is dialled before a number inside its country (0 in Finland and Sweden), or nothing."""
    region = phonenumbers.region_code_for_number(number)
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region) if region else None
    return (metadata.national_prefix or "") if metadata else ""


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())
