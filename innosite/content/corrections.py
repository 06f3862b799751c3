"""Corrections: a language version's `correction:` notes, each with the date it was made.

Newsroom practice distinguishes a silent fix of a typo (just edit the text) from
a correction of a fact, which readers are told about: the page shows the note
with its date, and the feed entry carries it with its date as the entry's
update, so that feed readers show the release again. In the front matter:

    correction:
      date: 2026-12-10 12:00
      text: The funding is 2 million euros, not 20 million.

or a list of such notes, one `- date: ...` item each, when there is more than one.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

from innosite.content.fields import Fields, written_time
from innosite.content.schema import names, required
from innosite.content.schema_entries import CORRECTION_KEYS
from innosite.model.entry import Correction, Entry

SHAPE = 'write it as "correction:" with the lines "date: YYYY-MM-DD HH:MM" and "text: ..." indented below it'


def corrections(fields: Fields, tz: ZoneInfo) -> tuple[Correction, ...]:
    """The version's corrections, oldest first; a note that cannot be read is an error at its line."""
    value = fields.data.get("correction")
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(item, dict) for item in items):
        fields.error("correction", f'"correction" must be a date and a text: {SHAPE}')
        return ()
    found = []
    for index in range(len(items)):
        note = fields.sub("correction") if not isinstance(value, list) else fields.sub("correction").sub(index)
        note.check_keys(names(CORRECTION_KEYS), required=required(CORRECTION_KEYS))
        date, text = note.moment("date", tz), note.text("text")
        if date is not None and text is not None:
            found.append(Correction(date, " ".join(text.split()), note.line("date")))
    return tuple(sorted(found, key=lambda c: c.date))


def later_than_now(entry: Entry, now: datetime, timezone: str) -> Iterator[tuple[str, int, str]]:
    """(file, line, warning) for each correction dated later than the build's moment: it is shown at once all the
    same (a correction is not scheduled), under a date that has not come yet, most likely a mistyped one."""
    tz = ZoneInfo(timezone)
    for version in entry.versions:
        for note in version.corrections:
            if note.date > now:
                stamp, at = written_time(note.date, tz), written_time(now, tz)
                yield (
                    version.src_path,
                    note.line,
                    f"the correction is dated {stamp}, later than now ({at}): it is shown at once all the same;"
                    " write the time it was made",
                )
