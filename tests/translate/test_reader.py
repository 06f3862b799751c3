"""Reading a returned XLIFF file: what tools add is looked through, what they should not add is named."""

from __future__ import annotations

from innosite.translate.inline import Code
from innosite.translate.reader import read_xliff

HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n'


def unit(target: str) -> bytes:
    return (
        HEAD
        + (
            '<file original="press/x/fi.md" source-language="fi" target-language="sv" datatype="x-markdown"><body>\n'
            '<trans-unit id="body-1-p-0123456789ab"><source>Kuusi <g id="1">hanketta</g></source>\n'
            f"<target>{target}</target>\n"
            "</trans-unit></body></file></xliff>\n"
        ).encode()
    )


def test_segment_markers_of_a_tool_are_looked_through() -> None:
    files, faults = read_xliff(unit('<mrk mtype="seg" mid="1">Sex <g id="1" ctype="link">projekt</g></mrk>'))
    assert faults == []
    (read,) = files[0].units
    assert read.target == ("Sex ", Code("1", "g", "link", "", "", ("projekt",)))
    assert (files[0].original, files[0].source_lang, files[0].target_lang) == ("press/x/fi.md", "fi", "sv")


def test_codes_of_another_kind_are_named_with_their_line() -> None:
    files, faults = read_xliff(unit('Sex <bpt id="1">[</bpt>projekt<ept id="1">](a)</ept>'))
    assert faults == [
        (
            5,
            "the translation has a <bpt> element, which the source does not have: "
            "use only the source's codes (set the tool to keep the inline codes)",
        )
    ]
    assert files[0].units == ()


def test_other_files_are_not_read_as_xliff() -> None:
    assert read_xliff(b"<html><body/></html>") == (
        (),
        [(1, "the file is not XLIFF: its root element is <html>, not <xliff>")],
    )
    assert read_xliff(HEAD.replace(b'"1.2"', b'"2.0"') + b"</xliff>")[1] == [
        (2, "the file is XLIFF version 2.0: export and import use version 1.2")
    ]
    assert read_xliff(b"")[1] == [
        (1, "the file is not well-formed XML (no element found): was it changed outside a translation tool?")
    ]


def test_a_billion_laughs_is_refused_before_any_expansion() -> None:
    bomb = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<x>&b;</x>'
    assert read_xliff(bomb) == (
        (),
        [(2, "the file has a document type declaration (<!DOCTYPE>): XLIFF files have none")],
    )
