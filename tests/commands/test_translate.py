"""`translate export` and `translate import` as an officer runs them: the right entries out, translations back in."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tests.conftest import EXAMPLE, Run, read_tree

NS = "urn:oasis:names:tc:xliff:document:1.2"
RELEASE = "content/press/2022-09-13-lead-projects"
ET.register_namespace("", NS)


def _units(xliff: Path) -> list[ET.Element]:
    return list(ET.parse(xliff).getroot().iter(f"{{{NS}}}trans-unit"))


def _to_translate(xliff: Path) -> list[str]:
    return [unit.get("resname", "") for unit in _units(xliff) if unit.get("translate") != "no"]


def _shout(element: ET.Element) -> None:
    """Upper-case every text of an element, keeping its inline codes (<g>, <x/>) as they are."""
    element.text = element.text.upper() if element.text else element.text
    for child in element:
        _shout(child)
        child.tail = child.tail.upper() if child.tail else child.tail


def translate_file(xliff: Path, change: Callable[[ET.Element], None] = _shout) -> None:
    """What a translation tool does: a target for every unit to translate, made from its source."""
    tree = ET.parse(xliff)
    for unit in tree.getroot().iter(f"{{{NS}}}trans-unit"):
        if unit.get("translate") == "no":
            continue
        for old in unit.findall(f"{{{NS}}}target"):
            unit.remove(old)
        target = copy.deepcopy(unit.find(f"{{{NS}}}source"))
        target.tag = f"{{{NS}}}target"
        change(target)
        unit.insert(1, target)
    tree.write(xliff, encoding="UTF-8", xml_declaration=True)


@pytest.fixture
def without_sv(site_dir: Path) -> Path:
    """The tiny site with the release's Swedish version removed (a release waiting for its translation)."""
    (site_dir / RELEASE / "sv.md").unlink()
    return site_dir


def test_export_takes_the_versions_that_are_missing(without_sv: Path, run: Callable[..., Run]) -> None:
    result = run("translate", "export", "--lang", "sv")
    assert result.code == 0, result.err
    assert result.out.splitlines()[0].startswith("Wrote translation-sv.xlf: 1 entry, ")
    assert result.out.splitlines()[1] == "  press/2022-09-13-lead-projects"
    assert _to_translate(without_sv / "translation-sv.xlf")[:2] == ["title", "summary"]


def test_a_translation_comes_back_as_the_swedish_page(without_sv: Path, run: Callable[..., Run]) -> None:
    assert run("translate", "export", "--lang", "sv").code == 0
    translate_file(without_sv / "translation-sv.xlf")
    result = run("translate", "import", "translation-sv.xlf", "--now", "2026-12-01 09:30")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [f"Wrote {RELEASE}/.sv.translated-from.yaml", f"Wrote {RELEASE}/sv.md"]
    sv = (without_sv / RELEASE / "sv.md").read_text(encoding="utf-8")
    assert "published: 2026-12-01 09:30" in sv
    assert run("--out", "site", "--no-search").code == 0
    pages = read_tree(without_sv / "site")
    page = next(data for path, data in pages.items() if path.startswith("sv/pressmeddelanden/kaupungit-"))
    assert "KAUPUNGIT OTTAVAT VETOVASTUUTA" in page.decode()
    fi = next(data for path, data in pages.items() if path.startswith("fi/tiedotteet/kaupungit-")).decode()
    for tag in ("<p>", "<li>", "<h2", "<a href"):
        assert page.decode().count(tag) == fi.count(tag), tag  # the same structure as the Finnish page


def test_after_an_edit_only_the_changed_paragraph_is_sent(without_sv: Path, run: Callable[..., Run]) -> None:
    run("translate", "export", "--lang", "sv")
    translate_file(without_sv / "translation-sv.xlf")
    assert run("translate", "import", "translation-sv.xlf", "--now", "2026-12-01 09:30").code == 0
    assert run("translate", "export", "--lang", "sv", "-o", "again.xlf").out.startswith("Nothing to translate")
    fi = without_sv / RELEASE / "fi.md"
    fi.write_text(
        fi.read_text(encoding="utf-8").replace("Kuusi vetovastuuhanketta", "Seitsemän hanketta"), encoding="utf-8"
    )
    result = run("translate", "export", "--lang", "sv", "-o", "again.xlf")
    assert result.code == 0, result.err
    assert _to_translate(without_sv / "again.xlf") == ["body-1-p"]
    status = run("status")
    assert '        body-1-p: was "Kuusi vetovastuuhanketta' in status.out


def test_a_correction_is_sent_alone_and_comes_back_with_its_time(without_sv: Path, run: Callable[..., Run]) -> None:
    run("translate", "export", "--lang", "sv")
    translate_file(without_sv / "translation-sv.xlf")
    assert run("translate", "import", "translation-sv.xlf", "--now", "2026-12-01 09:30").code == 0
    fi = without_sv / RELEASE / "fi.md"
    note = "correction:\n  date: 2026-12-02 10:00\n  text: Hankkeita on seitsemän.\nsummary:"
    fi.write_text(fi.read_text(encoding="utf-8").replace("summary:", note, 1), encoding="utf-8")
    assert "sv.md: last dated 2026-12-01 09:30, but fi.md was updated 2026-12-02 10:00" in run("status").out
    assert run("translate", "export", "--lang", "sv", "-o", "again.xlf").code == 0
    assert _to_translate(without_sv / "again.xlf") == ["correction-1"]
    translate_file(without_sv / "again.xlf")
    result = run("translate", "import", "again.xlf", "--now", "2026-12-02 11:00")
    assert result.code == 0, result.err
    sv = (without_sv / RELEASE / "sv.md").read_text(encoding="utf-8")
    # dated when the Swedish version was corrected (the import), not before it: not the Finnish note's 10:00
    assert "correction:\n- date: 2026-12-02 11:00\n  text: HANKKEITA ON SEITSEMÄN.\n" in sv
    assert "updated: 2026-12-02 11:00" in sv
    assert "sv.md" not in run("status").out  # up to date
    again = run("translate", "import", "again.xlf", "--now", "2026-12-02 12:00")
    assert again.out.splitlines() == [
        f"Unchanged {RELEASE}/.sv.translated-from.yaml: it already holds this translation",
        f"Unchanged {RELEASE}/sv.md: it already holds this translation",
    ]


def test_a_new_translation_keeps_the_time_of_a_correction_made_before_it(without_sv: Path, run) -> None:
    fi = without_sv / RELEASE / "fi.md"
    note = "correction:\n  date: 2026-11-30 10:00\n  text: Hankkeita on seitsemän.\nsummary:"
    fi.write_text(fi.read_text(encoding="utf-8").replace("summary:", note, 1), encoding="utf-8")
    run("translate", "export", "--lang", "sv")
    translate_file(without_sv / "translation-sv.xlf")
    assert run("translate", "import", "translation-sv.xlf", "--now", "2026-12-01 09:30").code == 0
    sv = (without_sv / RELEASE / "sv.md").read_text(encoding="utf-8")
    assert "correction:\n- date: 2026-11-30 10:00\n  text: HANKKEITA ON SEITSEMÄN.\n" in sv
    assert "published: 2026-12-01 09:30" in sv


def test_importing_a_translation_again_keeps_the_changes_made_by_hand_since(without_sv: Path, run) -> None:
    """The officer imports, corrects a link in sv.md by hand, and imports the same file again: the correction
    stays, and the message says how to take the file's translation instead."""
    fi = without_sv / RELEASE / "fi.md"
    fi.write_text(fi.read_text(encoding="utf-8") + "\nLue [hankkeet](/fi/hankkeet/).\n", encoding="utf-8")
    run("translate", "export", "--lang", "sv")
    translate_file(without_sv / "translation-sv.xlf")
    assert run("translate", "import", "translation-sv.xlf", "--now", "2026-12-01 09:30").code == 0
    sv = without_sv / RELEASE / "sv.md"
    imported = sv.read_text(encoding="utf-8")
    assert "[HANKKEET](/fi/hankkeet/)" in imported
    fixed = imported.replace("(/fi/hankkeet/)", "(/sv/projekt/)")
    sv.write_text(fixed, encoding="utf-8")
    again = run("translate", "import", "translation-sv.xlf", "--now", "2026-12-01 09:45")
    assert (again.code, again.out, again.err) == (
        0,
        "Nothing to write: the file holds no new translation.\n",
        f"{RELEASE}/sv.md: warning: sv.md was changed after this translation was imported: nothing was "
        "imported, so your changes are kept; to replace them with the translation in translation-sv.xlf, delete "
        ".sv.translated-from.yaml beside sv.md, then import translation-sv.xlf again\n",
    )
    assert sv.read_text(encoding="utf-8") == fixed
    (without_sv / RELEASE / ".sv.translated-from.yaml").unlink()  # as the message says
    result = run("translate", "import", "translation-sv.xlf", "--now", "2026-12-01 10:00")
    assert result.out.splitlines() == [f"Wrote {RELEASE}/.sv.translated-from.yaml", f"Updated {RELEASE}/sv.md"]
    assert sv.read_text(encoding="utf-8") == imported.replace(
        "published: 2026-12-01 09:30\n", "published: 2026-12-01 09:30\nupdated: 2026-12-01 10:00\n"
    )


def test_a_partial_translation_imports_without_its_record(without_sv: Path, run) -> None:
    """A file sent after a change holds the unchanged parts locked, with their translation: with the record gone
    (deleted to replace hand edits), the import takes them from the file rather than writing nothing."""
    run("translate", "export", "--lang", "sv")
    translate_file(without_sv / "translation-sv.xlf")
    assert run("translate", "import", "translation-sv.xlf", "--now", "2026-12-01 09:30").code == 0
    fi = without_sv / RELEASE / "fi.md"
    fi.write_text(
        fi.read_text(encoding="utf-8").replace("Kuusi vetovastuuhanketta", "Seitsemän hanketta"), encoding="utf-8"
    )
    assert run("translate", "export", "--lang", "sv", "-o", "again.xlf").code == 0
    translate_file(without_sv / "again.xlf")
    sv = without_sv / RELEASE / "sv.md"
    sv.write_text(sv.read_text(encoding="utf-8").replace("ALAVIITE", "Fotnot"), encoding="utf-8")
    (without_sv / RELEASE / ".sv.translated-from.yaml").unlink()
    result = run("translate", "import", "again.xlf", "--now", "2026-12-02 09:30")
    assert result.out.splitlines() == [f"Wrote {RELEASE}/.sv.translated-from.yaml", f"Updated {RELEASE}/sv.md"]
    text = sv.read_text(encoding="utf-8")
    assert "SEITSEMÄN HANKETTA" in text and "ALAVIITE" in text and "Fotnot" not in text


def test_a_broken_link_code_is_refused_and_nothing_is_written(without_sv: Path, run: Callable[..., Run]) -> None:
    run("translate", "export", "--lang", "sv")

    def drop_codes(target: ET.Element) -> None:
        _shout(target)
        for child in list(target):
            target.remove(child)

    translate_file(without_sv / "translation-sv.xlf", drop_codes)
    result = run("translate", "import", "translation-sv.xlf")
    assert result.code == 1
    assert "the translation lacks" in result.err
    assert result.err.splitlines()[0].startswith("translation-sv.xlf:")
    assert result.err.splitlines()[-1].endswith("error(s): nothing was written.")
    assert not (without_sv / RELEASE / "sv.md").exists()


def test_an_unknown_language_or_entry_is_a_usage_or_content_error(site_dir: Path, run: Callable[..., Run]) -> None:
    assert run("translate", "export", "--lang", "de").err == "error: de is not a language of the site (fi, sv, en)\n"
    result = run("translate", "export", "--lang", "sv", "press/no-such")
    assert (result.code, result.err.splitlines()[0]) == (
        1,
        "press/no-such: no such entry: give it as section/folder, e.g. press/2026-12-09-kokkola",
    )


def test_the_example_exported_for_english_and_imported_back_gives_the_same_pages(
    tmp_path: Path, run: Callable[..., Run]
) -> None:
    """Every English version, sent with its existing text as the translation and taken back: the same site."""
    shutil.copytree(EXAMPLE, tmp_path / "content")
    assert run("--out", "before", "--no-search", cwd=tmp_path).code == 0
    folders = sorted(p for p in (tmp_path / "content").glob("*/*") if (p / "en.md").is_file())
    names = [f"{folder.parent.name}/{folder.name}" for folder in folders]
    assert run("translate", "export", "--lang", "en", *names).code == 0
    units = _units(tmp_path / "translation-en.xlf")
    assert units and all(unit.find(f"{{{NS}}}target") is not None for unit in units)  # the existing texts
    result = run("translate", "import", "translation-en.xlf", "--now", "2026-12-01 09:30")
    assert result.code == 0, result.err
    assert run("--out", "after", "--no-search").code == 0
    assert read_tree(tmp_path / "after") == read_tree(tmp_path / "before")
