"""Reading a translated XLIFF 1.2 file safely, every element with its line.

The file comes from outside (an agency's tool), so it is read with the
standard library's expat parser with no document type allowed: no entity can
be declared (no "billion laughs"), no external file or address is ever
loaded. Faults come back as (line, message) in plain words; the caller adds
the file's path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NoReturn
from xml.parsers import expat

from innosite.translate.inline import Code, Content
from innosite.translate.xliff import NAMESPACE

MAX_BYTES = 50 * 1024 * 1024
"""An XLIFF file larger than this is refused (far beyond any order of press releases)."""


@dataclass(frozen=True, slots=True)
class Element:
    """An XML element: local name, namespace, attributes, children, line of its start tag."""

    name: str
    namespace: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)
    line: int = 0

    def elements(self, name: str) -> list[Element]:
        """Child elements of the XLIFF namespace (or of none) with this local name."""
        return [c for c in self.children if isinstance(c, Element) and c.name == name and _ours(c)]

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


@dataclass(frozen=True, slots=True)
class ReadUnit:
    """A trans-unit as the translator's tool returned it."""

    id: str
    line: int
    translate: bool
    target: Content | None
    """Text and codes of the target; None when there is no target element."""
    target_line: int


@dataclass(frozen=True, slots=True)
class ReadFile:
    """A `<file>` element: one entry's units."""

    original: str
    source_lang: str
    target_lang: str
    line: int
    units: tuple[ReadUnit, ...]


class XliffError(Exception):
    """A fault that stops reading the file, at a line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _ours(element: Element) -> bool:
    return element.namespace in (NAMESPACE, "")


def parse_xml(data: bytes) -> Element:
    """The root element of an XML document; XliffError for a fault or a document type declaration."""
    if len(data) > MAX_BYTES:
        raise XliffError(0, f"the file is larger than {MAX_BYTES // 1024 // 1024} MB: is it an XLIFF file?")
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[Element] = []
    roots: list[Element] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        element = Element(
            local, namespace, {k.rpartition(" ")[2]: v for k, v in attrs.items()}, [], parser.CurrentLineNumber
        )
        (stack[-1].children if stack else roots).append(element)
        stack.append(element)

    def end(name: str) -> None:
        stack.pop()

    def characters(data: str) -> None:
        if stack:
            children = stack[-1].children
            if children and isinstance(children[-1], str):
                children[-1] += data
            else:
                children.append(data)

    def doctype(*args: object) -> None:
        raise XliffError(
            parser.CurrentLineNumber, "the file has a document type declaration (<!DOCTYPE>): XLIFF files have none"
        )

    def entity(*args: object) -> NoReturn:
        raise XliffError(parser.CurrentLineNumber, "the file declares an entity (<!ENTITY>): XLIFF files have none")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.ExternalEntityRefHandler = entity
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        reason = expat.ErrorString(exc.code)
        raise XliffError(
            exc.lineno, f"the file is not well-formed XML ({reason}): was it changed outside a translation tool?"
        ) from None
    return roots[0]


def read_xliff(data: bytes) -> tuple[tuple[ReadFile, ...], list[tuple[int, str]]]:
    """The files and units of an XLIFF 1.2 document, and the faults found reading it."""
    faults: list[tuple[int, str]] = []
    try:
        root = parse_xml(data)
    except XliffError as exc:
        return (), [(exc.line, exc.message)]
    if root.name != "xliff" or not _ours(root):
        return (), [(root.line, f"the file is not XLIFF: its root element is <{root.name}>, not <xliff>")]
    if root.attrs.get("version") != "1.2":
        version = root.attrs.get("version", "none")
        return (), [(root.line, f"the file is XLIFF version {version}: export and import use version 1.2")]
    files = []
    for element in root.elements("file"):
        units = []
        for body in element.elements("body"):
            for unit in _trans_units(body):
                read = _unit(unit, faults)
                if read is not None:
                    units.append(read)
        attrs = element.attrs
        for needed in ("original", "source-language", "target-language"):
            if not attrs.get(needed):
                faults.append(
                    (element.line, f'the <file> element has no "{needed}": was it written by translate export?')
                )
        files.append(
            ReadFile(attrs.get("original", ""), attrs.get("source-language", ""), attrs.get("target-language", ""),
                     element.line, tuple(units))
        )  # fmt: skip
    if not files:
        faults.append((root.line, "the file has no <file> element: it holds no translation"))
    return tuple(files), faults


def _trans_units(element: Element) -> list[Element]:
    """Trans-units of a body, also inside groups."""
    found = []
    for child in element.children:
        if isinstance(child, Element) and _ours(child):
            if child.name == "trans-unit":
                found.append(child)
            elif child.name == "group":
                found.extend(_trans_units(child))
    return found


def _unit(element: Element, faults: list[tuple[int, str]]) -> ReadUnit | None:
    unit_id = element.attrs.get("id")
    if not unit_id:
        faults.append((element.line, "a <trans-unit> has no id: was it added by hand?"))
        return None
    translate = element.attrs.get("translate", "yes") != "no"
    targets = element.elements("target")
    if not targets:
        return ReadUnit(unit_id, element.line, translate, None, element.line)
    target = targets[0]
    try:
        content = _content(target.children)
    except XliffError as exc:
        faults.append((exc.line or target.line, exc.message))
        return None
    return ReadUnit(unit_id, element.line, translate, content, target.line)


def _content(children: list[Element | str]) -> Content:
    """Text and codes of a target; segment markers (<mrk>) a tool added are looked through."""
    pieces: list[str | Code] = []
    for child in children:
        if isinstance(child, str):
            pieces.append(child)
        elif child.name == "mrk" and _ours(child):
            pieces.extend(_content(child.children))
        elif child.name in ("g", "x") and _ours(child) and child.attrs.get("id"):
            kids = _content(child.children) if child.name == "g" else ()
            pieces.append(Code(child.attrs["id"], child.name, child.attrs.get("ctype", ""), "", "", kids))
        elif child.name in ("g", "x") and _ours(child):
            raise XliffError(
                child.line, f"the translation has a <{child.name}> code without an id: copy the codes from the source"
            )
        else:
            raise XliffError(
                child.line,
                f"the translation has a <{child.name}> element, which the source does not have: "
                "use only the source's codes (set the tool to keep the inline codes)",
            )
    merged: list[str | Code] = []
    for piece in pieces:
        if isinstance(piece, str) and merged and isinstance(merged[-1], str):
            merged[-1] += piece
        else:
            merged.append(piece)
    return tuple(merged)
