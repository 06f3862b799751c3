"""The commands on entries the browser editor wrote (layout B: index.fi.md with the shared keys, index.sv.md)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from tests.commands.test_translate import translate_file
from tests.conftest import Run
from tests.content.test_layout import to_layout_b

RELEASE = "content/press/2022-09-13-lead-projects"


def test_status_names_the_files_of_layout_b(site_dir: Path, run: Callable[..., Run]) -> None:
    folder = to_layout_b(site_dir)
    fi = (folder / "index.fi.md").read_text(encoding="utf-8")
    (folder / "index.fi.md").write_text(fi.replace("published:", "updated: 2022-09-20 10:00\npublished:"))
    result = run("status", "--json")
    assert result.code == 0, result.err
    stale = json.loads(result.out)["sections"][0]["stale"]
    assert [item["file"] for item in stale] == [f"{RELEASE}/index.sv.md"]
    assert (
        f"    {RELEASE}/index.sv.md: last dated 2022-09-14 11:16, but index.fi.md was updated 2022-09-20 10:00"
        in run("status").out
    )


def test_new_adds_a_translation_in_the_folders_layout(site_dir: Path, run: Callable[..., Run]) -> None:
    folder = to_layout_b(site_dir)
    result = run("new", "press", "2022-09-13-lead-projects", "--lang", "en", "--date", "2022-09-15 10:00")
    assert result.code == 0, result.err
    assert sorted(p.name for p in folder.glob("*.md")) == ["index.en.md", "index.fi.md", "index.sv.md"]
    built = run("--out", "site", "--no-search")  # never published untranslated; the messages name index.en.md
    en = f"{RELEASE}/index.en.md"
    assert (built.code, [line.split(":")[0] for line in built.err.splitlines()[:-1]]) == (1, [en] * 4)


def test_a_translation_is_exported_and_imported_in_layout_b(site_dir: Path, run: Callable[..., Run]) -> None:
    folder = to_layout_b(site_dir)
    Image.new("RGB", (40, 30), "white").save(folder / "kuva.png")
    meta = "image:\n  src: kuva.png\n  alt:\n    fi: Kuva kaupungista\n    sv: Bild av staden\n    en: A picture of the city\n"
    fi = (folder / "index.fi.md").read_text(encoding="utf-8")
    (folder / "index.fi.md").write_text(fi.replace("contacts:", meta + "contacts:", 1))
    (folder / "index.sv.md").unlink()
    result = run("translate", "export", "--lang", "sv")
    assert result.code == 0, result.err
    translate_file(site_dir / "translation-sv.xlf")
    result = run("translate", "import", "translation-sv.xlf", "--now", "2026-12-01 09:30")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"Wrote {RELEASE}/.sv.translated-from.yaml",
        f"Updated {RELEASE}/index.fi.md",
        f"Wrote {RELEASE}/index.sv.md",
    ]
    assert "    sv: KUVA KAUPUNGISTA\n" in (folder / "index.fi.md").read_text(encoding="utf-8")
    assert (folder / "index.fi.md").read_text(encoding="utf-8").endswith(fi.split("---\n", 2)[2])
    assert "title: KAUPUNGIT OTTAVAT VETOVASTUUTA" in (folder / "index.sv.md").read_text(encoding="utf-8")
    assert not (folder / "sv.md").exists() and not (folder / "meta.yaml").exists()
    result = run("--out", "site", "--no-search")
    assert result.code == 0, result.err
