"""Translation hand-off: a language version's text out as XLIFF 1.2 for a translation tool, and back.

Stages: `blocks` (a Markdown body as a skeleton and translatable blocks, and
the rebuild), `inline` (a block's Markdown as text and protected codes),
`units` (the units of a language file: title, summary, image alt text, blocks),
`xliff` (writing), `reader` (reading a returned file safely, with lines),
`segments` (a translated unit checked and turned back into Markdown), `record`
(what a translation was made from, stored beside it), `files` (which file holds
what, in layout A or B), `handoff` (reading entries, and their export) and
`importing` (the import of a returned file), both returning data: the command
line writes.

Imports only innosite.content.source, innosite.content.layout and
innosite.problems from the rest of the package (it sits just below
innosite.commands).
"""

from innosite.translate.handoff import (
    Entry,
    EntryError,
    changed_units,
    export_entry,
    load_entry,
    plan_export,
    read_entry,
    unchanged,
)
from innosite.translate.importing import import_file, translated_texts
from innosite.translate.record import record_name
from innosite.translate.xliff import XliffFile, XliffUnit, write_xliff

__all__ = [
    "Entry",
    "EntryError",
    "XliffFile",
    "XliffUnit",
    "changed_units",
    "export_entry",
    "import_file",
    "load_entry",
    "plan_export",
    "read_entry",
    "record_name",
    "translated_texts",
    "unchanged",
    "write_xliff",
]
