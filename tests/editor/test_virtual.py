"""Layout-A folders as the editor sees them (layout B) and what it saves written back as a person writes layout A."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from innosite.editor.virtual import merged, parse_language_file, split, with_draft_line
from tests.conftest import EXAMPLE, TINY

LANGS = ("fi", "sv", "en")
RELEASE = "press/2022-09-13-lead-projects"


def entries(content: Path) -> list[tuple[str, Path, str]]:
    """(section, folder, lang) of every language version of every entry."""
    return [
        (section, folder, lang)
        for section in ("press", "projects", "pages")
        for folder in sorted((content / section).iterdir())
        for lang in LANGS
        if (folder / f"{lang}.md").is_file()
    ]


def as_the_editor_writes(text: str) -> str:
    """The virtual file written again the way Sveltia writes it: its own YAML (no comments, no quotes, lists
    indented, each key once), an empty line after the front matter."""
    version = parse_language_file(text)
    data = yaml.safe_load(version.front) or {}
    front = yaml.dump(data, Dumper=_Indented, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{front}---\n\n{version.body}"


class _Indented(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


@pytest.mark.parametrize("content", [EXAMPLE, TINY], ids=["example", "tiny"])
def test_every_entry_saved_unchanged_writes_nothing(content: Path) -> None:
    """The round trip virtual file -> split is byte-identical for unchanged content: nothing to write, whether
    the editor sends the file back as it got it or as it writes YAML itself."""
    for section, folder, lang in entries(content):
        text = merged(section, folder, lang, LANGS)
        assert text is not None
        assert split(section, folder, lang, LANGS, text) == {}, (folder, lang)
        assert split(section, folder, lang, LANGS, as_the_editor_writes(text)) == {}, (folder, lang)


def test_the_virtual_finnish_file_holds_the_shared_keys_after_the_finnish_ones(tmp_path: Path) -> None:
    shutil.copytree(TINY, tmp_path / "content")
    folder = tmp_path / "content" / RELEASE
    fi, meta = (folder / "fi.md").read_text(), (folder / "meta.yaml").read_text()
    front, body = fi.split("---\n", 2)[1:]
    assert merged("press", folder, "fi", LANGS) == f"---\n{front}{meta}draft: false\n---\n{body}"
    assert merged("press", folder, "sv", LANGS) == (folder / "sv.md").read_text()
    assert merged("press", folder, "en", LANGS) is None


def test_a_changed_title_changes_one_line_of_one_file(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "content")
    folder = tmp_path / "content" / RELEASE
    before = (folder / "fi.md").read_text()
    text = as_the_editor_writes(merged("press", folder, "fi", LANGS)).replace(
        "title: Kaupungit ottavat vetovastuuta innovaatioekosysteemien vahvistamisessa",
        "title: Kaupungit ottavat vetovastuuta",
    )
    writes = split("press", folder, "fi", LANGS, text)
    assert list(writes) == ["fi.md"]
    assert writes["fi.md"] == before.replace(" innovaatioekosysteemien vahvistamisessa\n", "\n", 1)


NEW_FI = """---
title: Akkukemian verkosto kokoontuu Kokkolassa
summary: Vetovastuuhanke kokoaa toimijat yhteen.
published: 2026-12-09 10:00
themes:
  - battery-chemicals
  - green-electrification
cities:
  - kokkola
contacts:
  - name: Maija Meikäläinen
    role:
      fi: viestintäpäällikkö
      sv: kommunikationschef
      en: communications manager
    phone: 040 123 4567
    email: maija.meikalainen@example.fi
attachments:
  - liite.pdf
draft: false
---

Kokkolassa tavataan joulukuussa.
"""


def test_a_new_release_is_written_as_a_person_writes_it(tmp_path: Path) -> None:
    folder = tmp_path / "press/2026-12-09-akkukemian-verkosto-kokoontuu-kokkolassa"
    writes = split("press", folder, "fi", LANGS, NEW_FI)
    assert writes == {
        "meta.yaml": (
            "published: 2026-12-09 10:00\n"
            "themes:\n  - battery-chemicals\n  - green-electrification\n"
            "cities:\n  - kokkola\n"
            "contacts:\n  - name: Maija Meikäläinen\n    role:\n      fi: viestintäpäällikkö\n"
            "      sv: kommunikationschef\n      en: communications manager\n    phone: 040 123 4567\n"
            "    email: maija.meikalainen@example.fi\n"
            "attachments:\n  - liite.pdf\n"
        ),
        "fi.md": (
            "---\ntitle: Akkukemian verkosto kokoontuu Kokkolassa\nsummary: Vetovastuuhanke kokoaa toimijat yhteen.\n"
            "---\nKokkolassa tavataan joulukuussa.\n"
        ),
    }


def write(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def test_a_translation_keeps_its_own_time_only_where_it_differs(tmp_path: Path) -> None:
    folder = tmp_path / "press/x"
    write(folder, {"meta.yaml": "published: 2026-12-09 10:00\n", "fi.md": "---\ntitle: A\n---\nA.\n"})
    same = "---\ntitle: B\npublished: 2026-12-09 10:00\n---\n\nB.\n"
    assert split("press", folder, "sv", LANGS, same) == {"sv.md": "---\ntitle: B\n---\nB.\n"}
    later = "---\ntitle: B\npublished: 2026-12-10 09:30\n---\n\nB.\n"
    assert split("press", folder, "sv", LANGS, later) == {
        "sv.md": "---\ntitle: B\npublished: 2026-12-10 09:30\n---\nB.\n"
    }


def test_the_finnish_versions_own_time_stays_in_fi_md(tmp_path: Path) -> None:
    """Released first in Swedish: meta.yaml has the Swedish time, fi.md its own later one, and the editor shows
    each language its time."""
    folder = tmp_path / "press/x"
    write(folder, {
        "meta.yaml": "published: 2026-12-09 10:00\n",
        "fi.md": "---\ntitle: A\npublished: 2026-12-10 08:00\n---\nA.\n",
        "sv.md": "---\ntitle: B\n---\nB.\n",
    })  # fmt: skip
    assert merged("press", folder, "fi", LANGS) == "---\ntitle: A\npublished: 2026-12-10 08:00\ndraft: false\n---\nA.\n"
    assert merged("press", folder, "sv", LANGS) == "---\ntitle: B\npublished: 2026-12-09 10:00\n---\nB.\n"
    text = "---\ntitle: A\npublished: 2026-12-10 09:00\n---\n\nA.\n"
    assert split("press", folder, "fi", LANGS, text) == {
        "fi.md": "---\ntitle: A\npublished: 2026-12-10 09:00\n---\nA.\n"
    }


def test_an_entry_that_is_not_a_draft_says_so_to_the_editor_and_its_files_stay(tmp_path: Path) -> None:
    """The editor starts a new entry as a draft (its field's default) and fills that default into an entry opened
    without the key: the virtual file of a live entry says draft: false, and it is not written back."""
    folder = tmp_path / "press/x"
    write(folder, {"meta.yaml": "published: 2026-12-09 10:00\n", "fi.md": "---\ntitle: A\n---\nA.\n"})
    text = merged("press", folder, "fi", LANGS)
    assert text == "---\ntitle: A\npublished: 2026-12-09 10:00\ndraft: false\n---\nA.\n"
    assert split("press", folder, "fi", LANGS, text.replace("title: A", "title: B")) == {
        "fi.md": "---\ntitle: B\n---\nA.\n"
    }
    assert split("press", folder, "fi", LANGS, text.replace("draft: false", "draft: true")) == {
        "meta.yaml": "published: 2026-12-09 10:00\ndraft: true\n"
    }
    (folder / "meta.yaml").write_text("published: 2026-12-09 10:00\ndraft: true\n")
    assert merged("press", folder, "fi", LANGS) == "---\ntitle: A\npublished: 2026-12-09 10:00\ndraft: true\n---\nA.\n"


def test_a_layout_b_file_without_draft_is_shown_as_not_a_draft() -> None:
    assert with_draft_line("---\ntitle: A\n---\nA.\n") == "---\ntitle: A\ndraft: false\n---\nA.\n"
    assert with_draft_line("---\ntitle: A\ndraft: true\n---\nA.\n") == "---\ntitle: A\ndraft: true\n---\nA.\n"
    assert with_draft_line("no front matter\n") == "no front matter\n"


def test_comments_stay_and_added_keys_go_where_they_belong(tmp_path: Path) -> None:
    """A release made by `new`: its explanations stay; themes added in the editor come after published."""
    folder = tmp_path / "press/x"
    meta = (
        "# Facts shared by every language version of the press release.\n"
        "published: 2026-12-09 10:00      # required: when the original came out\n"
        "draft: true                       # delete this line when it may be published\n"
        "# themes: [photonics]             # theme ids from themes.yaml\n"
    )
    write(folder, {"meta.yaml": meta, "fi.md": "---\n# Write the text below.\ntitle: A\n---\n"})
    text = as_the_editor_writes(merged("press", folder, "fi", LANGS)).replace("draft: true\n", "themes:\n  - sport\n")
    assert split("press", folder, "fi", LANGS, text) == {
        "meta.yaml": (
            "# Facts shared by every language version of the press release.\n"
            "published: 2026-12-09 10:00      # required: when the original came out\n"
            "themes:\n  - sport\n"
            "# themes: [photonics]             # theme ids from themes.yaml\n"
        )
    }


def test_text_that_yaml_1_1_would_read_otherwise_is_quoted(tmp_path: Path) -> None:
    """The editor writes `title: No` (YAML 1.2: text); layout A is read as YAML 1.1, where No is false."""
    writes = split("pages", tmp_path / "pages/x", "fi", LANGS, "---\ntitle: No\nsummary: '12:30'\n---\n\nX\n")
    assert writes == {"fi.md": "---\ntitle: 'No'\nsummary: '12:30'\n---\nX\n"}
