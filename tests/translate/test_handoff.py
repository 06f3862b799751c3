"""Export, translate in a tool, import: the translated version has the source's structure; problems are refused."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree

from innosite.content.source import split_front_matter
from innosite.translate.handoff import changed_units, export_entry, load_entry, read_entry
from innosite.translate.importing import import_file
from innosite.translate.xliff import NAMESPACE, write_xliff
from tests.translate.conftest import entries_of
from tests.translate.helpers import shout, structure

LEAD = "press/2022-09-13-lead-projects"
NOW = datetime(2024, 3, 5, 10, 0)
X = f"{{{NAMESPACE}}}"


def export(content: Path, keys: list[str], target: str = "sv") -> bytes:
    files = []
    for key in keys:
        file, problems = export_entry(content / key, "fi", target)
        assert problems == []
        files.append(file)
    return write_xliff(files)


def tool(data: bytes, change: Callable[[str], str] = shout) -> bytes:
    """What a translator's tool returns: a target for each unit to translate, its codes copied from the source."""
    root = etree.fromstring(data)
    for unit in root.iter(f"{X}trans-unit"):
        if unit.get("translate") == "no":
            continue
        for old in unit.findall(f"{X}target"):
            unit.remove(old)
        target = copy.deepcopy(unit.find(f"{X}source"))
        target.tag = f"{X}target"
        target.set("state", "translated")
        for element in target.iter():
            element.text = change(element.text) if element.text else element.text
            if element is not target:
                element.tail = change(element.tail) if element.tail else element.tail
        unit.find(f"{X}source").addnext(target)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def import_into(content: Path, xliff: Path, now: datetime | None = NOW) -> dict[Path, str]:
    writes, problems = import_file(xliff, entries_of(content), now)
    assert [str(p) for p in problems] == []
    for path, text in writes.items():
        path.write_text(text, encoding="utf-8")
    return writes


def body(path: Path) -> str:
    return split_front_matter(path.read_text(encoding="utf-8")).body


def test_export_translate_import_build(site_dir: Path, run: Callable) -> None:
    content = site_dir / "content"
    order = site_dir / "order.xlf"
    order.write_bytes(tool(export(content, [LEAD])))
    writes = import_into(content, order)
    folder = content / LEAD
    assert sorted(p.name for p in writes) == [".sv.translated-from.yaml", "sv.md"]
    sv = (folder / "sv.md").read_text(encoding="utf-8")
    assert sv.startswith(
        "---\ntitle: KAUPUNGIT OTTAVAT VETOVASTUUTA\nsummary: VETOVASTUUHANKKEET EDISTÄVÄT ALUEIDEN KUMPPANUUTTA.\n"
        "published: 2022-09-14 11:16\nupdated: 2024-03-05 10:00\n---\n"
    )
    assert structure(body(folder / "sv.md")) == structure(body(folder / "fi.md"), shouted=True)
    result = run()
    assert result.code == 0, result.err
    page = (site_dir / "site/sv/pressmeddelanden/kaupungit-ottavat-vetovastuuta/index.html").read_text(encoding="utf-8")
    assert "KUUSI VETOVASTUUHANKETTA" in page
    assert '/media/press/2022-09-13-lead-projects/liite.pdf">LIITTEESSÄ</a>' in page


def test_a_changed_paragraph_exports_alone_and_the_rest_is_kept(site_dir: Path) -> None:
    content = site_dir / "content"
    order = site_dir / "order.xlf"
    order.write_bytes(tool(export(content, [LEAD])))
    import_into(content, order)
    fi = content / LEAD / "fi.md"
    fi.write_text(
        fi.read_text(encoding="utf-8").replace("Kuusi vetovastuuhanketta", "Seitsemän hanketta"), encoding="utf-8"
    )

    file, _ = export_entry(content / LEAD, "fi", "sv")
    assert [u.unit.path for u in file.to_translate] == ["body-1-p"]
    assert file.to_translate[0].previous == (
        "Kuusi vetovastuuhanketta liitteessä.",
        "KUUSI VETOVASTUUHANKETTA LIITTEESSÄ.",
    )
    context = [u for u in file.units if u.context]
    assert len(context) == 9
    assert all(u.state == "final" for u in context)
    assert context[0].target == ("KAUPUNGIT OTTAVAT VETOVASTUUTA",)

    order.write_bytes(tool(write_xliff([file]), lambda text: text.replace("Seitsemän hanketta", "Sju projekt")))
    import_into(content, order, datetime(2024, 3, 6, 9, 0))
    sv = (content / LEAD / "sv.md").read_text(encoding="utf-8")
    assert "published: 2022-09-14 11:16\nupdated: 2024-03-06 09:00\n---\nSju projekt [liitteessä](liite.pdf).\n" in sv
    assert "## HYVÄ ELÄMÄ JA ÄLY" in sv
    record = (content / LEAD / ".sv.translated-from.yaml").read_text(encoding="utf-8")
    assert "  body-1-p: Seitsemän hanketta [liitteessä](liite.pdf).\n" in record

    again, _ = export_entry(content / LEAD, "fi", "sv")
    assert again.to_translate == ()


def test_the_changes_since_the_translation_are_known_to_a_fresh_clone(site_dir: Path) -> None:
    content = site_dir / "content"
    order = site_dir / "order.xlf"
    order.write_bytes(tool(export(content, [LEAD])))
    import_into(content, order)
    fi = content / LEAD / "fi.md"
    text = fi.read_text(encoding="utf-8").replace("Kuusi vetovastuuhanketta", "Seitsemän hanketta")
    fi.write_text(text.replace("Alaviite[^1].\n\n", ""), encoding="utf-8")
    entry = load_entry(read_entry(content / LEAD, "fi", "sv"), "fi", "sv")
    assert changed_units(entry) == (
        (
            "body-1-p",
            "Kuusi vetovastuuhanketta [liitteessä](liite.pdf).",
            "Seitsemän hanketta [liitteessä](liite.pdf).",
        ),
        ("body-7-p", "Alaviite[^1].", None),
    )


def test_the_example_content_exported_and_imported_back_is_byte_identical(example: Path, tmp_path: Path) -> None:
    """Every translation of the example site has the structure of its Finnish text: exported with it as the
    starting target and imported unchanged, each language file comes back as it was."""
    keys = list(entries_of(example))
    for lang in ("en", "sv"):
        order = tmp_path / f"{lang}.xlf"
        order.write_bytes(export(example, keys, lang))
        writes, problems = import_file(order, entries_of(example), now=None)
        assert problems == []
        translations = {p: text for p, text in writes.items() if p.name == f"{lang}.md"}
        assert len(translations) == len(keys)
        for path, text in translations.items():
            assert text == path.read_text(encoding="utf-8"), path


def test_the_image_alt_text_is_exported_and_written_into_meta_yaml(site_dir: Path) -> None:
    content = site_dir / "content"
    meta = content / LEAD / "meta.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8")
        + "image:\n  src: kuva.jpg\n  alt:\n    fi: Kuva kaupungista\n    sv: Bild\n    en: Picture\n",
        encoding="utf-8",
    )
    file, _ = export_entry(content / LEAD, "fi", "sv")
    alt = next(u.unit for u in file.units if u.unit.path == "image-alt")
    assert alt.text == "Kuva kaupungista"
    assert alt.note.startswith('The text alternative of the picture "kuva.jpg"')
    order = site_dir / "order.xlf"
    order.write_bytes(tool(write_xliff([file])))
    import_into(content, order)
    assert meta.read_text(encoding="utf-8").endswith(
        "  alt:\n    fi: Kuva kaupungista\n    sv: KUVA KAUPUNGISTA\n    en: Picture\n"
    )


def line_of(data: bytes, needle: str) -> int:
    return data[: data.index(needle.encode())].count(b"\n") + 1


BROKEN = [
    (
        "a unit left out",
        lambda d: _drop_unit(d, "body-7-p-"),
        '<file original=: the translation of unit "body-7-p" of press/2022-09-13-lead-projects is missing ("Alaviite[^1]."): export the entry again',
    ),
    (
        "an empty translation",
        lambda d: d.replace(b'<target state="translated">HANKE</target>', b'<target state="translated"> </target>'),
        '<target state="translated"> </target>: unit "body-3-th": the translation is empty ("Hanke")',
    ),
    (
        "no translation",
        lambda d: d.replace(b'<target state="translated">HANKE</target>', b""),
        'id="body-3-th-: unit "body-3-th" is not translated ("Hanke")',
    ),
    (
        "a link deleted",
        lambda d: d.replace(b'<g id="1" ctype="link" clone="no">LIITTEESS\xc3\x84</g>', "LIITTEESSÄ".encode()),
        'KUUSI VETOVASTUUHANKETTA LIITTEESSÄ.</target>: unit "body-1-p": the translation lacks the link to "liite.pdf" (inline code 1): keep every code of the source',
    ),
    (
        "a footnote reference changed",
        lambda d: d.replace(b'ALAVIITE<x id="1"', b'ALAVIITE<x id="2"'),
        'ALAVIITE<x id="2"',
    ),
    (
        "an unknown unit",
        lambda d: d.replace(b'id="body-2-h-68e180375cd7"', b'id="body-2-h-0123456789ab"'),
        'id="body-2-h-0123456789ab": unit "body-2-h": its text in fi.md changed after the export: export the entry again',
    ),
    (
        "an id changed by hand",
        lambda d: d.replace(b'id="body-2-h-68e180375cd7"', b'id="heading"'),
        'id="heading": unknown unit "heading": translate export writes no such id (was it changed by hand?)\n'
        'order.xlf:3: the translation of unit "body-2-h" of press/2022-09-13-lead-projects is missing '
        '("Hyvä elämä ja äly"): export the entry again',
    ),
    (
        "an entry that is gone",
        lambda d: d.replace(
            b'original="press/2022-09-13-lead-projects/fi.md"', b'original="press/2022-09-13-old-name/fi.md"'
        ),
        '<file original="press/2022-09-13-old-name/fi.md": the entry "press/2022-09-13-old-name" is not in the content folder (renamed or deleted?): its translation cannot be imported',
    ),
    (
        "not XML any more",
        lambda d: d.replace(b"</body>", b"</bdy>"),
        "</bdy>: the file is not well-formed XML (mismatched tag): was it changed outside a translation tool?",
    ),
    (
        "an entity declaration",
        lambda d: d.replace(b"<xliff ", b'<!DOCTYPE xliff [<!ENTITY a "aaaa">]>\n<xliff '),
        "<!DOCTYPE: the file has a document type declaration (<!DOCTYPE>): XLIFF files have none",
    ),
]


def _drop_unit(data: bytes, prefix: str) -> bytes:
    root = etree.fromstring(data)
    for unit in root.iter(f"{X}trans-unit"):
        if unit.get("id").startswith(prefix):
            unit.getparent().remove(unit)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@pytest.mark.parametrize(("what", "breaking", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_files_are_refused_with_the_line_and_nothing_is_written(
    site_dir: Path, what: str, breaking: Callable[[bytes], bytes], expected: str
) -> None:
    content = site_dir / "content"
    data = breaking(tool(export(content, [LEAD])))
    assert data != tool(export(content, [LEAD]))
    (site_dir / "order.xlf").write_bytes(data)
    writes, problems = import_file(Path("order.xlf"), entries_of(content), NOW)
    assert writes == {}
    needle, _, message = expected.partition(": ")
    if what == "a footnote reference changed":
        message = (
            'unit "body-7-p": the translation has an inline code 2 that the source does not have: remove it\n'
            f"order.xlf:{line_of(data, needle)}: "
            'unit "body-7-p": the translation lacks the footnote reference [^1] (inline code 1): keep every code of the source'
        )
    assert "\n".join(map(str, problems)) == f"order.xlf:{line_of(data, needle)}: {message}"


def test_a_source_changed_after_the_export_is_refused(site_dir: Path) -> None:
    content = site_dir / "content"
    data = tool(export(content, [LEAD]))
    (site_dir / "order.xlf").write_bytes(data)
    fi = content / LEAD / "fi.md"
    fi.write_text(fi.read_text(encoding="utf-8").replace("Lähde.", "Lähde: TEM."), encoding="utf-8")
    writes, problems = import_file(Path("order.xlf"), entries_of(content), NOW)
    assert writes == {}
    unit_line = line_of(data, 'id="body-8-fn-')
    assert [str(p) for p in problems] == [
        f'order.xlf:{unit_line}: unit "body-8-fn": its text in fi.md changed after the export: export the entry again',
    ]


def test_an_alt_text_for_every_language_is_left_with_a_warning(site_dir: Path) -> None:
    content = site_dir / "content"
    meta = content / LEAD / "meta.yaml"
    before = meta.read_text(encoding="utf-8") + "image:\n  src: kuva.jpg\n  alt: Kuva kaupungista\n"
    meta.write_text(before, encoding="utf-8")
    file, _ = export_entry(content / LEAD, "fi", "sv")
    (site_dir / "order.xlf").write_bytes(tool(write_xliff([file])))
    writes, problems = import_file(Path("order.xlf"), entries_of(content), NOW)
    assert [str(p) for p in problems] == [
        f"content/{LEAD}/meta.yaml:{before.count(chr(10))}: warning: the image's alt text in sv was not written "
        '(it is written as "alt:" with one line per language only): set it by hand to "KUVA KAUPUNGISTA"'
    ]
    assert content / LEAD / "sv.md" in writes
    assert content / LEAD / "meta.yaml" not in writes
