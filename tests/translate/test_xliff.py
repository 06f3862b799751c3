"""The XLIFF written by an export: valid XLIFF 1.2, the same bytes each time, read by translate-toolkit."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from lxml import etree
from translate.storage import factory
from translate.tools import pocount

from innosite.translate.handoff import export_entry
from innosite.translate.xliff import write_xliff
from tests.translate.conftest import entries_of


def export_all(content: Path, target: str) -> bytes:
    files = []
    for folder in entries_of(content).values():
        file, problems = export_entry(folder, "fi", target)
        assert problems == []
        files.append(file)
    return write_xliff(files)


def test_the_export_of_the_example_site_is_valid_xliff_1_2(example: Path, xliff_schema: etree.XMLSchema) -> None:
    for target in ("sv", "en"):
        data = export_all(example, target)
        document = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
        assert xliff_schema.validate(document), xliff_schema.error_log


def test_the_export_of_the_fixture_site_with_codes_and_context_is_valid(
    tiny: Path, xliff_schema: etree.XMLSchema
) -> None:
    data = export_all(tiny, "sv")
    assert b'<g id="1" ctype="link" clone="no">' in data
    assert b'<x id="1" ctype="x-md-footnote" clone="no"/>' in data
    assert xliff_schema.validate(etree.fromstring(data)), xliff_schema.error_log


def test_the_same_content_gives_the_same_bytes(example: Path) -> None:
    assert export_all(example, "sv") == export_all(example, "sv")


def test_translate_toolkit_reads_every_unit_with_its_source(tiny: Path, tmp_path: Path) -> None:
    file, _ = export_entry(tiny / "press/2022-09-13-lead-projects", "fi", "en")
    path = tmp_path / "order.xlf"
    path.write_bytes(write_xliff([file]))
    store = factory.getobject(str(path))
    units = [(u.getid().rpartition("\x04")[2], u.source) for u in store.units if u.istranslatable()]
    assert units == [
        ("title-d832edf23f94", "Kaupungit ottavat vetovastuuta"),
        ("summary-cc9ce540baf6", "Vetovastuuhankkeet edistävät alueiden kumppanuutta."),
        ("body-1-p-1456b08767c6", "Kuusi vetovastuuhanketta liitteessä."),
        ("body-2-h-68e180375cd7", "Hyvä elämä ja äly"),
        ("body-3-th-ac36d299e263", "Hanke"),
        ("body-4-th-f245d6e3f4a8", "Kaupunki"),
        ("body-5-td-7c50275e1d4d", "Fotoniikka"),
        ("body-6-td-c06227d10556", "Joensuu"),
        ("body-7-p-973e9d730de1", "Alaviite."),
        ("body-8-fn-fd43f7232f2b", "Lähde."),
    ]
    stats = pocount.calcstats(str(path))
    assert (stats["total"], stats["untranslated"], stats["totalsourcewords"]) == (10, 10, 20)


def test_pocount_and_xliff2po_take_the_file(tiny: Path, tmp_path: Path) -> None:
    file, _ = export_entry(tiny / "press/2022-09-13-lead-projects", "fi", "sv")
    path = tmp_path / "order.xlf"
    path.write_bytes(write_xliff([file]))
    scripts = Path(sys.executable).parent  # translate-toolkit's commands, installed with it
    counted = subprocess.run([scripts / "pocount", path], capture_output=True, text=True)
    assert counted.returncode == 0
    assert re.search(r"Total:\s+10\s+20\s", counted.stdout), counted.stdout
    po = tmp_path / "order.po"
    converted = subprocess.run([scripts / "xliff2po", path, po], capture_output=True, text=True)
    assert converted.returncode == 0, converted.stderr
    assert 'msgid "Kuusi vetovastuuhanketta liitteessä."' in po.read_text(encoding="utf-8")
