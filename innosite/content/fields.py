"""Reading typed values out of a YAML mapping, with a message for every fault.

A `Fields` reads one mapping of one file. Each getter returns a clean value or
None after recording a `path:line: message` problem; callers never re-check.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import phonenumbers

from innosite.content.schema_entries import english_key
from innosite.content.source import YamlDoc, calendar_fault
from innosite.model.settings import PHONE_REGION, Localized
from innosite.model.slugs import slugify
from innosite.problems import Problems, closest, did_you_mean

DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?$")
"""A date and time as content writes it (`2022-09-13 14:56`, an offset allowed); a date alone is read as 00:00
with a warning (Fields.moment), and `new --date` and the JSON Schemas ask for the time."""
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
URL_SCHEMES = ("http://", "https://")
_EMAIL = re.compile(r"^[\w.!#$%&'*+/=?^`{|}~-]+@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}$")
_PHONE = re.compile(r"^\+?[0-9(][0-9 ()./-]{3,}[0-9]$")


class Fields:
    """Typed access to the keys of one YAML mapping in one file."""

    def __init__(
        self,
        doc: YamlDoc,
        path: Path | str,
        problems: Problems,
        data: Any = None,
        prefix: tuple[Any, ...] = (),
        placement: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.doc = doc
        self.path = path
        self.problems = problems
        self.data = doc.data if data is None and not prefix else data
        self.prefix = prefix
        self.placement = placement or {}
        """Where each key of the file belongs (schema.placement): a key written at another level is told where."""
        self.meant: dict[str, Any] = {}
        """After check_keys: each allowed key that an unknown one was taken for (misspelt, in Finnish), with the key
        as written: that one's message says so, and none says the key it stands for is missing."""

    def line(self, *keys: Any) -> int:
        return self.doc.line(*self.prefix, *keys)

    def error(self, key: Any, message: str) -> None:
        self.problems.error(self.path, self.line(*(() if key is None else (key,))), message)

    def is_mapping(self, what: str) -> bool:
        """True if the data is a mapping; otherwise an error naming `what`."""
        if isinstance(self.data, dict):
            return True
        self.error(None, f"{what} must be a list of 'key: value' lines")
        return False

    def check_keys(
        self, allowed: Collection[str], required: Collection[str] = (), elsewhere: Mapping[str, str] | None = None
    ) -> None:
        """Unknown keys are errors with a hint; so are missing required ones, but for one that an unknown key was
        taken for, or that is written at another level. `elsewhere`: for keys that belong in another file, the
        message that says where."""
        for key in self.data:
            if key in allowed:
                continue
            if elsewhere and key in elsewhere:
                self.error(key, elsewhere[key])
                continue
            message, meant = self._unknown(str(key), allowed, elsewhere or {})
            if meant is not None:
                self.meant[meant] = key
            self.error(key, message)
        for key in required:
            if self.data.get(key) is None and key not in self.meant and not self.written_elsewhere(key):
                self.error(None if key not in self.data else key, f'"{self._name(key)}" is missing')

    def _unknown(self, key: str, allowed: Collection[str], elsewhere: Mapping[str, str]) -> tuple[str, str | None]:
        """What a key not allowed here is told, and the allowed key it was taken for (or None)."""
        english = english_key(key)
        if english is not None and english != key:
            if english in allowed:
                return f'unknown key "{key}": the keys are in English: write "{english}"', english
            if english in elsewhere:
                return f'unknown key "{key}": the keys are in English, "{english}"; {elsewhere[english]}', None
            if english in self.placement:
                return f'unknown key "{key}": the keys are in English: write "{english}"{self._under(english)}', None
        if key in self.placement and self.placement[key] != self._level():
            return self._misplaced(key, self.placement[key]), None
        meant = closest(key, allowed)
        hint = f' (did you mean "{meant}"?)' if meant else ""
        return f'unknown key "{key}"{hint}; allowed keys: {", ".join(allowed)}', meant

    def _level(self) -> tuple[str, ...]:
        """The keys this mapping is under (list items left out): what placement compares with."""
        return _level(self.prefix)

    def _under(self, key: str) -> str:
        """`, under "image:"` for a key that belongs under another key than this mapping's ones, else ''."""
        where = self.placement[key]
        return f', under "{where[-1]}:"' if where and where != self._level() else ""

    def _misplaced(self, key: str, where: tuple[str, ...]) -> str:
        """Where a key written at the wrong level belongs: deeper, shallower, or under another key."""
        here = self._level()
        if where[: len(here)] == here:
            return f'"{key}" belongs under "{where[-1]}:": indent it'
        if here[: len(where)] == where:
            return f'"{key}" does not belong under "{here[len(where)]}:": line it up with "{here[len(where)]}:"'
        return f'"{key}" belongs under "{where[-1]}:", not under "{here[-1]}:": move it there'

    def written_elsewhere(self, key: str) -> bool:
        """Whether a key that belongs here is written at another level (told there that it belongs here)."""
        if self.placement.get(key) != self._level():
            return False
        return any(path[-1] == key and _level(path[:-1]) != self._level() for path in self.doc.lines if path)

    def _name(self, key: Any) -> str:
        return ".".join(str(k) for k in (*self.prefix, key) if not isinstance(k, int)) or str(key)

    def sub(self, key: Any) -> Fields:
        """Fields of a nested mapping or list item."""
        return Fields(self.doc, self.path, self.problems, self.data[key], (*self.prefix, key), self.placement)

    def text(self, key: str) -> str | None:
        """A one-line or multi-line string (numbers accepted as text)."""
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, (bool, list, dict, date)):
            self.error(key, f'"{self._name(key)}" must be text')
            return None
        text = str(value).strip()
        if not text:
            self.error(key, f'"{self._name(key)}" is empty')
            return None
        return text

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            self.error(key, f'"{self._name(key)}" must be true or false')
            return False
        return value

    def localized(self, key: str, langs: tuple[str, ...]) -> Localized | None:
        """A translated value: a mapping naming every language, or one string for all."""
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, dict):
            sub = self.sub(key)
            sub.check_keys(langs, required=langs)
            texts = [(lang, text) for lang in langs if (text := sub.text(lang)) is not None]
            if len(texts) != len(langs):
                return None
            return Localized(tuple(texts))
        text = self.text(key)
        return Localized(tuple((lang, text) for lang in langs)) if text else None

    def moment(self, key: str, tz: ZoneInfo) -> datetime | None:
        """A `YYYY-MM-DD HH:MM` datetime in the site's time zone. A date without its time is 00:00, as the
        specification says, with a warning: an embargo until the morning would end hours early."""
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, datetime):
            return value if value.tzinfo else value.replace(tzinfo=tz)
        text = value.isoformat() if isinstance(value, date) else str(value).strip()
        if (fault := calendar_fault(text)) is not None:
            what, why = fault
            self.error(key, f'"{text}" is not a {what} that exists ({why}): correct the {what}')
            return None
        if _DATE.match(text):  # the specification's bare date: 00:00, said, since an embargo rarely ends then
            message = f'"{self._name(key)}" has a date but no time: it is read as {text} 00:00 (midnight)'
            self.problems.warn(self.path, self.line(key), f"{message}; write the time too, e.g. {text} 09:00")
            return datetime.combine(date.fromisoformat(text), time(0, 0), tz)
        parsed = parse_datetime(text, tz)
        if parsed is None:
            self.error(
                key, f'"{self._name(key)}" is not a date and time: write it as YYYY-MM-DD HH:MM, e.g. 2022-09-13 14:56'
            )
        return parsed

    def day(self, key: str) -> date | None:
        """A `YYYY-MM-DD` date (quoted or not: the same date)."""
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        text = str(value).strip()
        if isinstance(value, str) and _DATE.match(text):
            if (fault := calendar_fault(text)) is not None:
                self.error(key, f'"{text}" is not a date that exists ({fault[1]}): correct the date')
                return None
            return date.fromisoformat(text)
        self.error(key, f'"{self._name(key)}" is not a date: write it as YYYY-MM-DD, e.g. 2022-09-13')
        return None

    def str_list(self, key: str, what: str) -> list[str] | None:
        """A list of short texts (ids, paths); a lone string is an error."""
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or any(isinstance(v, (list, dict)) or v is None for v in value):
            self.error(
                key, f'"{self._name(key)}" must be a list of {what}, like [{what.split()[-1]}-1, {what.split()[-1]}-2]'
            )
            return None
        return [str(v) for v in value]

    def ids(self, key: str, known: Iterable[str], what: str, where: str) -> tuple[str, ...]:
        """A list of ids that must exist in `known`; unknown ones get a hint (by names too: entries.name_hints)."""
        items = self.str_list(key, f"{what} ids")
        known = list(known)
        if items is None:
            return ()
        good = []
        for index, item in enumerate(items):
            if item in known:
                if item in good:
                    self.problems.error(self.path, self.line(key, index), f'{what} "{item}" is listed twice')
                good.append(item)
            else:
                hint = id_hint(item, known)
                self.problems.error(self.path, self.line(key, index), f'unknown {what} "{item}"{hint}: {where}')
        return tuple(dict.fromkeys(good))

    def url(self, key: str) -> str | None:
        """An http(s) URL with a host (javascript:, data: and the like are errors)."""
        value = self.text(key)
        if value is None:
            return None
        if not web_address(value):
            self.error(key, f'"{self._name(key)}" must be a web address starting with https:// or http://')
            return None
        return value

    def email(self, key: str) -> str | None:
        """An e-mail address (a leading mailto: is dropped)."""
        value = self.text(key)
        if value is None:
            return None
        address = value[len("mailto:") :] if value.lower().startswith("mailto:") else value
        if not _EMAIL.match(address):
            self.error(key, f'"{value}" is not an e-mail address: write it like name@example.fi')
            return None
        return address

    def phone(self, key: str) -> str | None:
        """A phone number that can be called: digits and + ( ) - / . and spaces (a leading tel: is dropped), in
        Finland unless it starts with a country code. Kept as written (pages/phones.py writes it for readers)."""
        value = self.text(key)
        if value is None:
            return None
        number = value[len("tel:") :] if value.lower().startswith("tel:") else value
        if not _PHONE.match(number):
            self.error(key, f'"{value}" is not a phone number: use digits, spaces and + ( ) -, like +358 40 123 4567')
            return None
        if not _callable(number):
            self.error(
                key,
                f'"{value}" is not a phone number that can be called: check the digits; '
                "a number outside Finland starts with its country code, like +46 8 123 456 78",
            )
            return None
        return number

    def choice(self, key: str, choices: Collection[str], default: str) -> str:
        value = self.data.get(key)
        if value is None:
            return default
        if str(value) not in choices:
            hint = did_you_mean(str(value), choices)
            self.error(key, f'"{self._name(key)}" must be one of {", ".join(choices)}, not "{value}"{hint}')
            return default
        return str(value)


def id_hint(word: str, known: Iterable[str], names: Iterable[tuple[str, str]] = ()) -> str:
    """' (did you mean "x"?)' for an id misspelt, or written as (or close to) a name of its theme or city in any
    language, `names` being (the name as an address, the id) pairs; '' when nothing is near."""
    ids = {id_: id_ for id_ in known}
    aliases = {**{name: id_ for name, id_ in names if id_ in ids}, **ids}
    near = closest(word, ids) or (slugify(word) if slugify(word) in aliases else closest(slugify(word), aliases))
    return f' (did you mean "{aliases[near]}"?)' if near else ""


def _level(path: tuple[Any, ...]) -> tuple[str, ...]:
    """The keys of a path, without list positions (and without the mark of a key's own node)."""
    return tuple(str(k) for k in path if not isinstance(k, int) and k != "\0key")


def _callable(number: str) -> bool:
    """Whether phonenumbers knows the number as one in use (a Finnish one when it has no country code)."""
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(number, PHONE_REGION))
    except phonenumbers.NumberParseException:
        return False


def web_address(value: str) -> bool:
    """An absolute http or https address with a host and nothing a browser would read otherwise."""
    if not value.lower().startswith(URL_SCHEMES) or any(c.isspace() or ord(c) < 32 for c in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return bool(parts.hostname) and "\\" not in value


def written_time(moment: datetime, tz: ZoneInfo | None = None) -> str:
    """A moment as the content files write it, `YYYY-MM-DD HH:MM` (in tz when given): what parse_datetime reads."""
    return (moment.astimezone(tz) if tz is not None else moment).strftime("%Y-%m-%d %H:%M")


def parse_datetime(text: str, tz: ZoneInfo | None) -> datetime | None:
    """`YYYY-MM-DD HH:MM[:SS][offset]` in tz unless an offset is given (tz None: without a time zone); None for
    anything else, a date without its time included."""
    match = DATETIME.match(text.strip())
    if not match:
        return None
    year, month, day_, hour, minute, second, offset = match.groups()
    try:
        moment = datetime(int(year), int(month), int(day_), int(hour), int(minute), int(second or 0))
        if offset:
            return datetime.fromisoformat(moment.isoformat() + (offset if offset != "Z" else "+00:00"))
        return moment.replace(tzinfo=tz)
    except ValueError:
        return None
