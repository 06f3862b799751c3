"""The record of published addresses (content/published-addresses.txt): read and checked line by line, and written
out the one way the build writes it.

One line per address a publishing build put a page at: the path relative to
base_url's path, the entry, the language, and `removed` once the entry was gone
and a build published the notice page saying so:

    /fi/tiedotteet/kaupungit-ottavat-vetovastuuta/ press/2022-09-13-lead-projects fi

Lines are independent and their order means nothing, so that git's `union` merge
(.gitattributes) can keep the lines of both sides of a merge: duplicates and any
order are accepted here, and the next publishing build writes the file sorted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from innosite.memo import Memo, Memory
from innosite.model.addresses import AddressRecord, PublishedAddress
from innosite.model.slugs import SLUG_RE
from innosite.problems import Problems

RECORD_NAME = "published-addresses.txt"
SECTIONS = ("press", "projects", "pages")
REMOVED = "removed"
HEADER = (
    "# Every address this site has published, kept by `python build.py`: a build redirects an old address to the\n"
    "# page's new one, and shows a notice at the address of a removed entry. Commit this file with the content.\n"
    "# One line per address: path (under base_url), entry, language. See docs/authoring.md, 'Addresses stay'.\n"
)
_LANG = re.compile(r"^[a-z]{2}$")
_SLUG = "[a-z0-9]+(?:-[a-z0-9]+)*"
_LINE = re.compile(rf"(/([a-z]{{2}})(?:/{_SLUG})+/) ((?:press|projects|pages)/{_SLUG}) ([a-z]{{2}})( {REMOVED})?")
"""A line as the build writes it (the caller compares the two languages); any other goes the long way."""
_CONFLICT = ("<<<<<<<", "=======", ">>>>>>>", "|||||||")


def record_path(content: Path) -> Path:
    """Where a content folder keeps its record."""
    return content / RECORD_NAME


def load_record(content: Path, problems: Problems, memory: Memory | None = None) -> AddressRecord:
    """The record of a content folder (empty when it has none); every damaged line an error at its line.

    With a memory (the preview's), the last load's record while the file's bytes are the same."""
    path = record_path(content)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return AddressRecord(str(path))
    except OSError as exc:
        problems.error(path, 0, f"cannot be read: {exc.strerror or exc}")
        return AddressRecord(str(path))
    remembered: Memo[str, AddressRecord] = (memory or Memory()).memo("load.record")
    inputs = (str(path), raw)
    record = remembered.found("record", inputs)
    if record is None:
        errors = len(problems.errors)
        record = parse_record(raw, path, problems)
        if len(problems.errors) == errors:  # a damaged record is read again, so that its errors are told again
            remembered.put("record", inputs, record)
    return record


def parse_record(raw: bytes, path: Path, problems: Problems) -> AddressRecord:
    """The addresses of a record file's bytes, each once, sorted; an error for every line that is not one."""
    text = raw.decode("utf-8", "replace")
    lines = text.split("\n")
    found: dict[tuple[str, str, str], PublishedAddress] = {}
    tidy = text.startswith(HEADER) and lines[-1] == ""
    last = ""
    address: PublishedAddress | None
    for number, line in enumerate(lines, 1):
        match = _LINE.fullmatch(line)
        if match is not None and match[2] == match[4]:  # nearly every line: checked at once
            address = PublishedAddress(match[1], match[3], match[4], match[5] is not None)
            tidy = tidy and line > last
            last = line
        elif not line.strip() or line.lstrip().startswith("#"):
            tidy = tidy and (number <= HEADER.count("\n") or number == len(lines))
            continue
        else:
            tidy = False
            address, problem = parse_line(line.strip())
            if address is None:
                problems.error(path, number, problem)
                continue
        same = address[:3]
        if same not in found or (address.removed and not found[same].removed):  # twice after a merge: once
            found[same] = address
    addresses = tuple(found.values())
    if not tidy:
        addresses = tuple(sorted(addresses))
    return AddressRecord(str(path), addresses, tidy and len(addresses) == len(lines) - HEADER.count("\n") - 1)


def parse_line(text: str) -> tuple[PublishedAddress | None, str]:
    """One line of the record, or None and what is wrong with it."""
    problem = line_problem(text)
    if problem is not None:
        return None, problem
    address, key, lang, *rest = text.split()
    return PublishedAddress(address, key, lang, bool(rest)), ""


def line_problem(text: str) -> str | None:
    """What is wrong with a line of the record, or None."""
    if text.startswith(_CONFLICT):
        return "a merge conflict marker: delete this line and keep the lines of both sides (the next build sorts them)"
    fields = text.split()
    if len(fields) not in (3, 4):
        return line_message(text)
    address, key, lang, *rest = fields
    parts = address.strip("/").split("/")
    section, _, folder = key.partition("/")
    if not (address.startswith("/") and address.endswith("/") and len(parts) >= 2):
        return f'the address "{address}" must start and end with "/" and have at least two parts, like /fi/otsikko/'
    if not all(SLUG_RE.match(part) for part in parts):
        return f'the address "{address}" can only have a-z, 0-9 and "-" between its "/"'
    if section not in SECTIONS or not SLUG_RE.match(folder):
        return f'"{key}" is not an entry: write it as press/<folder>, projects/<folder> or pages/<folder>'
    if not _LANG.match(lang) or parts[0] != lang:
        return f'the language "{lang}" must be the first part of the address "{address}"'
    if rest and rest != [REMOVED]:
        return f'"{rest[0]}" after the language: only "{REMOVED}" may follow it'
    return None


def line_message(text: str) -> str:
    """What a line that is not 'address entry language' is told."""
    return (
        "not a line of the record: each line reads '/address/ section/folder language', "
        f"like '/fi/tiedotteet/otsikko/ press/2024-03-01-otsikko fi', not '{text[:80]}'"
    )


def record_text(addresses: Iterable[PublishedAddress]) -> str:
    """The record as a build writes it: the header, then one line per address, sorted, each once."""
    lines = sorted({_line(address) for address in addresses})
    return HEADER + "".join(f"{line}\n" for line in lines)


def _line(address: PublishedAddress) -> str:
    fields = (address.path, address.key, address.lang, *((REMOVED,) if address.removed else ()))
    return " ".join(fields)
