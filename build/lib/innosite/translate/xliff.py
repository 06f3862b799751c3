"""XLIFF 1.2 for translation tools: what an export holds, written as deterministic bytes.

One `<file>` per entry (`original` is the source file's path in the content
folder, `datatype="x-markdown"`), one `<trans-unit>` per unit. The unit id is
its path and the hash of its source text (`body-3-p-1a2b3c4d5e6f`): every tool
keeps ids, so the returned file itself says which source it was made from.

Inline codes are XLIFF's abstract codes: `<g>` around text that stays
translatable (a link's text, emphasis, an image's alt text) and `<x/>` for the
rest (a footnote reference, a code span, an HTML tag, an attribute list, a line
break), all with `clone="no"`. The Markdown of a code is not in the file, so a
translator cannot edit an address; `<g>` nesting is checked by the XML parser
of every tool; Trados Studio, memoQ, Phrase, Okapi and translate-toolkit read
both elements; and word counts do not count addresses. Each unit's note lists
what its codes stand for.

Units whose source is unchanged since the last translation (only when the
export knows what the translation was made from) are included for context:
`translate="no"`, `approved="yes"` and the existing translation as
`<target state="final">`. Tools show them locked (or leave them out); they are
neither counted nor paid for, and the import takes their text from the
existing translation, not from the file.
"""

from __future__ import annotations

from dataclasses import dataclass

from innosite.translate.inline import Code, Content
from innosite.translate.units import Unit

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
DATATYPE = "x-markdown"


@dataclass(frozen=True, slots=True)
class XliffUnit:
    """A unit as exported: to translate, or for context only."""

    unit: Unit
    target: Content | None = None
    """A starting translation (the existing one), or None."""
    state: str | None = None
    """The target's state: final (context), needs-review-translation (an old translation to check)."""
    context: bool = False
    """Unchanged since the last translation: shown, not to be translated."""
    previous: tuple[str, str] | None = None
    """(old source, old translation) of a changed unit, offered as an `<alt-trans>` match."""


@dataclass(frozen=True, slots=True)
class XliffFile:
    """The units of one entry, from one language to another."""

    original: str
    """The source file's path in the content folder, e.g. press/2022-09-13-lead-projects/fi.md."""
    source_lang: str
    target_lang: str
    units: tuple[XliffUnit, ...]

    @property
    def entry(self) -> str:
        """The entry's key: section/folder."""
        return self.original.rpartition("/")[0]

    @property
    def to_translate(self) -> tuple[XliffUnit, ...]:
        return tuple(u for u in self.units if not u.context)


def write_xliff(files: tuple[XliffFile, ...] | list[XliffFile]) -> bytes:
    """The XLIFF document of the files, UTF-8, the same bytes for the same input."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f'<xliff xmlns="{NAMESPACE}" version="1.2">']
    for file in files:
        out.append(
            f'  <file original="{_attr(file.original)}" source-language="{_attr(file.source_lang)}" '
            f'target-language="{_attr(file.target_lang)}" datatype="{DATATYPE}">'
        )
        out.append("    <body>")
        for item in file.units:
            out.extend(_unit(item, file))
        out.append("    </body>")
        out.append("  </file>")
    out.append("</xliff>")
    return ("\n".join(out) + "\n").encode("utf-8")


def _unit(item: XliffUnit, file: XliffFile) -> list[str]:
    unit = item.unit
    attrs = f'id="{_attr(unit.id)}" resname="{_attr(unit.path)}"'
    if item.context:
        attrs += ' translate="no" approved="yes"'
    lines = [f"      <trans-unit {attrs}>", f"        <source>{content_xml(unit.content)}</source>"]
    if item.target is not None:
        state = f' state="{item.state}"' if item.state else ""
        lines.append(f"        <target{state}>{content_xml(item.target)}</target>")
    note = unit.note
    if item.context:
        note = "Unchanged since the last translation: shown for context, not to be translated. " + note
    if note.strip():
        lines.append(f"        <note>{_text(note.strip())}</note>")
    if item.previous is not None:
        source, target = item.previous
        lines.append('        <alt-trans alttranstype="previous-version">')
        lines.append(f'          <source xml:lang="{_attr(file.source_lang)}">{_text(source)}</source>')
        lines.append(f'          <target xml:lang="{_attr(file.target_lang)}">{_text(target)}</target>')
        lines.append("        </alt-trans>")
    lines.append("      </trans-unit>")
    return lines


def content_xml(content: Content) -> str:
    """Text and codes as XLIFF inline content."""
    return "".join(_text(piece) if isinstance(piece, str) else _code_xml(piece) for piece in content)


def _code_xml(code: Code) -> str:
    attrs = f'id="{_attr(code.id)}" ctype="{_attr(code.ctype)}" clone="no"'
    if code.kind == "x":
        return f"<x {attrs}/>"
    return f"<g {attrs}>{content_xml(code.children)}</g>"


def _text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    return _text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
