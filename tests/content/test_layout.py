"""Layout B (index.fi.md with the shared keys, index.sv.md, ...: what the browser editor writes) beside layout A."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import read_tree

REL = "content/press/2022-09-13-lead-projects"
FOLDER = "press/2022-09-13-lead-projects"
ALLOWED = (
    "title, slug, summary, published, updated, correction, kind, region, themes, cities, projects, contacts, image, "
    "attachments, draft, aliases"
)


def errors(result) -> list[str]:
    return [
        line for line in result.err.splitlines() if not line.endswith(("the previous site is unchanged.", " error(s)."))
    ]


def front_and_body(text: str) -> tuple[str, str]:
    """The front matter lines (without the --- lines) and the body of a language file."""
    _, front, body = text.split("---\n", 2)
    return front, body


def to_layout_b(site_dir: Path, rel: str = FOLDER) -> Path:
    """Rewrite an entry folder of the copied content as layout B by hand: meta.yaml goes into index.fi.md."""
    folder = site_dir / "content" / rel
    front, body = front_and_body((folder / "fi.md").read_text(encoding="utf-8"))
    meta = (folder / "meta.yaml").read_text(encoding="utf-8")
    (folder / "index.fi.md").write_text(f"---\n{front}{meta}---\n{body}", encoding="utf-8")
    for name in ("meta.yaml", "fi.md"):
        (folder / name).unlink()
    for lang in ("sv", "en"):
        if (folder / f"{lang}.md").exists():
            (folder / f"{lang}.md").rename(folder / f"index.{lang}.md")
    return folder


def test_a_folder_in_layout_b_builds_the_same_site(site_dir: Path, run) -> None:
    assert run("--out", "a", "--no-search").code == 0
    to_layout_b(site_dir)
    to_layout_b(site_dir, "press/2023-01-10-sport-news")
    result = run("--out", "b", "--no-search")
    assert (result.code, errors(result)) == (0, [])
    assert read_tree(site_dir / "b") == read_tree(site_dir / "a")


def test_a_project_and_a_page_in_layout_b_build_the_same_site(site_dir: Path, run) -> None:
    assert run("--out", "a", "--no-search").code == 0
    to_layout_b(site_dir, "projects/photonics-ecosystem")
    pages = site_dir / "content/pages/about"
    for lang in ("fi", "sv"):
        (pages / f"{lang}.md").rename(pages / f"index.{lang}.md")
    result = run("--out", "b", "--no-search")
    assert (result.code, errors(result)) == (0, [])
    assert read_tree(site_dir / "b") == read_tree(site_dir / "a")


def test_the_entry_is_published_when_its_first_version_is(site_dir: Path, run) -> None:
    """In layout B each version has its own published: the release's is the earliest (here the Swedish one)."""
    folder = to_layout_b(site_dir)
    text = (folder / "index.fi.md").read_text(encoding="utf-8")
    (folder / "index.fi.md").write_text(text.replace("published: 2022-09-13 14:56", "published: 2022-09-15 08:00"))
    sv = (folder / "index.sv.md").read_text(encoding="utf-8")
    (folder / "index.sv.md").write_text(sv.replace("published: 2022-09-14 11:16", "published: 2022-09-12 10:00"))
    assert run("--out", "site", "--no-search").code == 0
    page = (site_dir / "site/fi/tiedotteet/kaupungit-ottavat-vetovastuuta/index.html").read_text(encoding="utf-8")
    assert "12.9.2022 klo 10.00" in page and "15.9.2022" in page


def test_values_are_read_as_the_editor_wrote_them(site_dir: Path, run) -> None:
    """The editor writes YAML 1.2: `title: No` is a title there, not false (in layout A it is an error)."""
    folder = to_layout_b(site_dir)
    text = (folder / "index.sv.md").read_text(encoding="utf-8")
    (folder / "index.sv.md").write_text(text.replace("title: Städerna tar ledningsansvar", "title: No"))
    result = run("--out", "site", "--no-search")
    assert (result.code, errors(result)) == (0, [])
    assert (site_dir / "site/sv/pressmeddelanden/no/index.html").is_file()


CASES = {
    "both layouts in one folder": (
        {"meta.yaml": "published: 2022-09-13 14:56\n"},
        [
            f"{REL}: the folder mixes two layouts: meta.yaml (written by hand or by `new`) and index.fi.md, "
            "index.sv.md (written by the browser editor): keep one of them"
        ],
    ),
    "a shared key in another language's file": (
        {"index.sv.md": "---\ntitle: Städerna\nthemes: [sport]\ndraft: true\nsummary: Kort.\n---\nText.\n"},
        [
            f'{REL}/index.sv.md:3: "themes" belongs in index.fi.md: the facts shared by every language version '
            "are written only in the default language's file",
            f'{REL}/index.sv.md:4: "draft" belongs in index.fi.md: the facts shared by every language version '
            "are written only in the default language's file",
        ],
    ),
    "an unknown key": (
        {
            "index.fi.md": "---\ntitle: Kaupungit\npublished: 2022-09-13 14:56\ntheme: [sport]\nsummary: Lyhyesti.\n---\nTeksti.\n"
        },
        [f'{REL}/index.fi.md:4: unknown key "theme" (did you mean "themes"?); allowed keys: {ALLOWED}'],
    ),
    "an unknown key in another language's file": (
        {"index.sv.md": "---\ntitle: Städerna\ntitel: X\nsummary: Kort.\n---\nText.\n"},
        [f'{REL}/index.sv.md:3: unknown key "titel": the keys are in English: write "title"'],
    ),
    "no file of the default language": (
        {"index.fi.md": None},
        [
            f"{REL}/index.fi.md: index.fi.md is missing: in a folder of index.*.md files it holds the facts shared "
            "by every language version (the browser editor writes it)"
        ],
    ),
    "no publication time": (
        {
            "index.fi.md": "---\ntitle: Kaupungit\nthemes: [sport]\nsummary: Lyhyesti.\n---\nTeksti.\n",
            "index.sv.md": "---\ntitle: Städerna\nsummary: Kort.\n---\nText.\n",
        },
        [f'{REL}/index.fi.md:2: "published" is missing'],
    ),
    "a bad publication time": (
        {"index.fi.md": "---\ntitle: Kaupungit\npublished: 13.9.2022\nsummary: Lyhyesti.\n---\nTeksti.\n"},
        [
            f'{REL}/index.fi.md:3: "published" is not a date and time: write it as YYYY-MM-DD HH:MM, '
            "e.g. 2022-09-13 14:56"
        ],
    ),
    "an unknown theme, at its line in the file the editor wrote": (
        {
            "index.fi.md": "---\ntitle: Kaupungit\npublished: 2022-09-13 14:56\nthemes:\n  - sport\n  - sprot\nsummary: Lyhyesti.\n---\nX\n"
        },
        [f'{REL}/index.fi.md:6: unknown theme "sprot" (did you mean "sport"?): the themes are listed in themes.yaml'],
    ),
    "a listed attachment that is not there": (
        {
            "index.fi.md": "---\ntitle: Kaupungit\npublished: 2022-09-13 14:56\nattachments:\n  - liite.pdf\n"
            "  - puuttuu.pdf\nsummary: Lyhyesti.\n---\nX\n"
        },  # fmt: skip
        [f'{REL}/index.fi.md:6: the attachment "puuttuu.pdf" is not in this folder: put the file beside the texts'],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_layout_b_problems(case: str, site_dir: Path, run) -> None:
    assert run("--out", "site", "--no-search").code == 0
    before = read_tree(site_dir / "site")
    folder = to_layout_b(site_dir)
    files, expected = CASES[case]
    for name, text in files.items():
        if text is None:
            (folder / name).unlink()
        else:
            (folder / name).write_text(text, encoding="utf-8")
    result = run("--out", "site", "--no-search")
    assert (result.code, errors(result)) == (1, expected)
    assert read_tree(site_dir / "site") == before


def test_a_missing_translation_is_named_in_the_folders_layout(site_dir: Path, run) -> None:
    folder = to_layout_b(site_dir)
    (folder / "index.sv.md").unlink()
    result = run("--out", "site", "--no-search")
    assert result.code == 0
    assert (
        f"{REL}/index.sv.md: warning: no Swedish version (index.sv.md): every press release should exist in Finnish and Swedish"
        in result.err
    )


def test_attachments_are_linked_from_the_page(site_dir: Path, run, edit) -> None:
    meta = (site_dir / "content" / FOLDER / "meta.yaml").read_text(encoding="utf-8")
    edit(f"{FOLDER}/meta.yaml", meta + "attachments: [liite.pdf]\n")
    assert run("--out", "site", "--no-search").code == 0
    page = (site_dir / "site/sv/pressmeddelanden/staderna-tar-ledningsansvar/index.html").read_text(encoding="utf-8")
    assert '<h2 id="attachments-heading">Bilagor</h2>' in page
    assert '<li><a href="/programme/media/press/2022-09-13-lead-projects/liite.pdf">liite.pdf</a></li>' in page


def test_a_key_in_the_wrong_file_of_layout_a_says_where_it_belongs(site_dir: Path, run, edit) -> None:
    meta = (site_dir / "content" / FOLDER / "meta.yaml").read_text(encoding="utf-8")
    edit(
        f"{FOLDER}/meta.yaml",
        meta + "summary: Lyhyesti.\ncorrection:\n  date: 2024-03-05 12:00\n  text: Korjattu.\nthemse: [sport]\n",
    )
    edit(
        f"{FOLDER}/sv.md",
        "---\ntitle: Städerna\nsummary: Kort.\nthemes: [sport]\ncontacts: []\nregion: national\n---\nText.\n",
    )
    edit(
        "projects/photonics-ecosystem/meta.yaml",
        "themes: [photonics]\nlead_city: joensuu\ncities: [joensuu, tampere, oulu]\npublished: 2023-01-01\n",
    )
    result = run("check")
    languages = "each language file (fi.md, sv.md, en.md), not in meta.yaml: every language version has its own"
    shared = "belongs in meta.yaml: the facts shared by every language version are written only there"
    assert result.code == 1
    assert errors(result) == [
        f'{REL}/meta.yaml:11: "summary" belongs in {languages}',
        f'{REL}/meta.yaml:12: "correction" belongs in {languages}',
        f'{REL}/meta.yaml:15: unknown key "themse" (did you mean "themes"?); allowed keys: published, kind, region,'
        " themes, cities, projects, contacts, image, attachments, draft, aliases",
        f'{REL}/sv.md:4: "themes" {shared}',
        f'{REL}/sv.md:5: "contacts" {shared}',
        f'{REL}/sv.md:6: "region" {shared}',
        'content/projects/photonics-ecosystem/meta.yaml:4: "published" belongs in each language file (fi.md, sv.md,'
        " en.md), not in meta.yaml: every language version has its own",
    ]


def test_a_copy_of_a_language_file_in_layout_b_stands_for_its_index_file(site_dir: Path, run) -> None:
    folder = to_layout_b(site_dir)
    (folder / "sv.md.txt").write_text("---\ntitle: Städerna\n---\nText.\n", encoding="utf-8")
    result = run("check")
    assert (result.code, result.err.splitlines()) == (
        0,
        [
            f"{REL}/sv.md.txt: warning: not linked from any version: not published (a copy of index.sv.md? only"
            " index.sv.md is read)"
        ],
    )
    (folder / "index.sv.md").unlink()
    result = run("check")
    assert (result.code, errors(result)) == (
        1,
        [f'{REL}/sv.md.txt: "sv.md.txt" looks like index.sv.md saved under another name: rename it to index.sv.md'],
    )
