"""Every bad input: `path:line: message`, exit 1, the previous site untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import read_tree

REL = "content/press/2022-09-13-lead-projects"
PRJ = "content/projects/photonics-ecosystem"
FRONT = "---\ntitle: Otsikko\n---\nTeksti.\n"

CASES = {
    "malformed yaml": (
        {"press/2022-09-13-lead-projects/meta.yaml": "published: 2022-09-13 14:56\nthemes: [sport\nregion: national\n"},
        [
            f"{REL}/meta.yaml:3: YAML syntax error: a list in [brackets] is not closed, or its items are not separated by commas"
        ],
    ),
    "colon in a value": (
        {"press/2022-09-13-lead-projects/fi.md": "---\ntitle: Kaupungit: vetovastuu\nsummary: a: b\n---\nX\n"},
        [f"{REL}/fi.md:2: YAML syntax error: a colon followed by a space inside a value: put the value in quotes"],
    ),
    "quotes inside quotes": (
        {"press/2022-09-13-lead-projects/fi.md": '---\ntitle: "Kaupungit "kokeilevat" uutta"\n---\nX\n'},
        [
            f'{REL}/fi.md:2: YAML syntax error: "title" has a " inside "...": write the value between single quotes'
            " ('...'), or use ” typographic quotes"
        ],
    ),
    "no front matter": (
        {"press/2022-09-13-lead-projects/fi.md": "Pelkkä teksti.\n"},
        [f"{REL}/fi.md:1: the file must start with a line '---' and front matter (title: ...)"],
    ),
    "front matter not closed": (
        {"press/2022-09-13-lead-projects/fi.md": "---\ntitle: Otsikko\nTeksti.\n"},
        [f"{REL}/fi.md:1: the front matter is not closed: add a line '---' after it"],
    ),
    "missing title": (
        {"press/2022-09-13-lead-projects/fi.md": "---\nsummary: Tiivistelmä\n---\nTeksti.\n"},
        [f'{REL}/fi.md:2: "title" is missing'],
    ),
    "unknown key": (
        {
            "press/2022-09-13-lead-projects/fi.md": "---\ntittle: Otsikko\ntitle: Otsikko\nsummary: Tiivistelmä.\n---\nTeksti.\n"
        },
        [
            f'{REL}/fi.md:2: unknown key "tittle" (did you mean "title"?); allowed keys: title, slug, summary, published, updated, correction'
        ],
    ),
    "string instead of list": (
        {
            "projects/photonics-ecosystem/meta.yaml": "themes: photonics\nlead_city: joensuu\ncities: [joensuu, tampere, oulu]\n"
        },
        [f'{PRJ}/meta.yaml:1: "themes" must be a list of theme ids, like [ids-1, ids-2]'],
    ),
    "date that is not one": (
        {
            "press/2022-09-13-lead-projects/sv.md": "---\ntitle: Städerna\npublished: 14.9.2022 11.16\nsummary: Sammanfattning.\n---\nX\n"
        },
        [f'{REL}/sv.md:3: "published" is not a date and time: write it as YYYY-MM-DD HH:MM, e.g. 2022-09-13 14:56'],
    ),
    "unknown theme city and project": (
        {
            "press/2022-09-13-lead-projects/meta.yaml": (
                "published: 2022-09-13 14:56\nthemes: [fotonics]\ncities:\n  - tampere\n  - helsinki\nprojects: [photonics]\n"
            )
        },
        [
            f'{REL}/meta.yaml:2: unknown theme "fotonics" (did you mean "photonics"?): the themes are listed in themes.yaml',
            f'{REL}/meta.yaml:5: unknown city "helsinki": the cities are listed in cities.yaml',
            f'{REL}/meta.yaml:6: unknown project "photonics" (did you mean "photonics-ecosystem"?): the projects are the folders in projects/',
        ],
    ),
    "language not in site.yaml": (
        {"press/2022-09-13-lead-projects/de.md": FRONT},
        [
            f'{REL}/de.md: "de" is not a language of the site (fi, sv, en): rename the file or add the language to site.yaml'
        ],
    ),
    "two entries with one slug": (
        {
            "press/2023-01-10-sport-news/fi.md": "---\ntitle: Urheilu\nslug: kaupungit-ottavat-vetovastuuta\nsummary: Tiivistelmä.\n---\nX\n"
        },
        [
            'content/press/2023-01-10-sport-news/fi.md:3: the slug "kaupungit-ottavat-vetovastuuta" is already used by '
            f"{REL}/fi.md: give one of them another title or a slug: line"
        ],
    ),
    "slug with bad characters": (
        {
            "press/2022-09-13-lead-projects/fi.md": "---\ntitle: Otsikko\nslug: Hyvä_Otsikko\nsummary: Tiivistelmä.\n---\nX\n"
        },
        [f'{REL}/fi.md:3: the slug "Hyvä_Otsikko" can only have a-z, 0-9 and "-" (try "hyva-otsikko")'],
    ),
    "project with two cities": (
        {
            "projects/photonics-ecosystem/meta.yaml": "themes: [photonics]\nlead_city: joensuu\ncities: [joensuu, oulu]\n"
        },
        [f"{PRJ}/meta.yaml:3: a lead project needs cities from at least 3 city regions; this one lists 2"],
    ),
    "image without alt": (
        {
            "projects/photonics-ecosystem/meta.yaml": "themes: [photonics]\nlead_city: joensuu\ncities: [joensuu, tampere, oulu]\nimage:\n  src: kuva.png\n",
            "projects/photonics-ecosystem/kuva.png": b"\x89PNG",
        },
        [
            f"{PRJ}/meta.yaml:4: the photo has no description (image.alt): describe what the picture shows, for"
            " readers who cannot see it, a line per language (fi:, sv:, en:)"
        ],
    ),
    "not utf-8": (
        {"press/2022-09-13-lead-projects/fi.md": "---\ntitle: Otsikko\n---\nÄäkköset\n".encode("latin-1")},
        [f"{REL}/fi.md:4: the file is not UTF-8 text: save it as UTF-8"],
    ),
    "empty language file": (
        {"press/2022-09-13-lead-projects/fi.md": ""},
        [f"{REL}/fi.md:1: the file is empty: it needs front matter with a title, then the text"],
    ),
    "missing site.yaml": (
        {"site.yaml": None},
        ["content/site.yaml: the site settings file site.yaml is missing from the content folder"],
    ),
    "link to a missing file": (
        {
            "press/2022-09-13-lead-projects/fi.md": "---\ntitle: Otsikko\nsummary: Tiivistelmä.\n---\nEka rivi.\n\nKatso [liite](puuttuu.pdf).\n"
        },
        [
            f'{REL}/fi.md:7: the link "puuttuu.pdf" points to no file in this folder: put the file beside the text,'
            " or link to a web address (https://...) or a site path (/fi/...)"
        ],
    ),
    "duplicate key": (
        {"press/2022-09-13-lead-projects/fi.md": "---\ntitle: Eka\ntitle: Toka\nsummary: Tiivistelmä.\n---\nX\n"},
        [f'{REL}/fi.md:3: the key "title" appears twice: keep one'],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_reported_and_site_kept(case: str, site_dir: Path, run, edit) -> None:
    assert run("--out", "site").code == 0
    before = read_tree(site_dir / "site")
    changes, expected = CASES[case]
    for rel, text in changes.items():
        edit(rel, text)
    result = run("--out", "site")
    lines = [
        line for line in result.err.splitlines() if not line.endswith(("the previous site is unchanged.", " error(s)."))
    ]
    assert result.code == 1
    assert lines == expected
    assert read_tree(site_dir / "site") == before


def test_all_problems_of_a_run_are_reported_together(site_dir: Path, run, edit) -> None:
    edit("press/2022-09-13-lead-projects/fi.md", "---\ntitel: X\n---\n")
    edit("projects/photonics-ecosystem/meta.yaml", "themes: [photonics]\nlead_city: joensuu\ncities: [joensuu]\n")
    edit("themes.yaml", "photonics: {fi: Fotoniikka, sv: Fotonik}\nsport: Urheilu\n")
    result = run("check")
    assert result.code == 1
    assert result.err.splitlines() == [
        f'{REL}/fi.md:2: "summary" is missing: a press release needs its lead paragraph (shown in listings, feeds and search) before it is published',
        f'{REL}/fi.md:2: unknown key "titel": the keys are in English: write "title"',
        f"{REL}/fi.md:3: the press release has no text: write it below this line, or keep it a draft",
        f"{PRJ}/meta.yaml:3: a lead project needs cities from at least 3 city regions; this one lists 1",
        'content/themes.yaml:1: "photonics.en" is missing',
        "5 error(s).",
    ]


def test_a_missing_attachment_does_not_hide_the_other_mistakes_of_the_entry(site_dir: Path, run, edit) -> None:
    edit(
        "press/2022-09-13-lead-projects/meta.yaml",
        "published: 2022-09-13 14:56\nthemes: [fotonics]\nimage: {src: ryhmakuva.jpg, alt: {fi: Kuva kaupungista, sv: Bild av staden, en: A picture of the city}}\n",
    )
    edit(
        "press/2022-09-13-lead-projects/sv.md",
        "---\ntitle: Städerna\nslug: Städerna\npublished: 14.9.2022\nsummary: Kort.\n---\nSe [bilagan](bilaga.pdf).\n",
    )
    result = run("check")
    assert result.code == 1
    assert result.err.splitlines() == [
        f'{REL}/meta.yaml:2: unknown theme "fotonics" (did you mean "photonics"?): the themes are listed in themes.yaml',
        f'{REL}/meta.yaml:3: the image "ryhmakuva.jpg" is not in this folder: put the file beside meta.yaml',
        f'{REL}/sv.md:3: the slug "Städerna" can only have a-z, 0-9 and "-" (try "staderna")',
        f'{REL}/sv.md:4: "published" is not a date and time: write it as YYYY-MM-DD HH:MM, e.g. 2022-09-13 14:56',
        f'{REL}/sv.md:7: the link "bilaga.pdf" points to no file in this folder: put the file beside the text,'
        " or link to a web address (https://...) or a site path (/fi/...)",
        "5 error(s).",
    ]


def test_missing_required_language_is_a_warning_and_an_error_when_strict(site_dir: Path, run, edit) -> None:
    edit("press/2023-01-10-sport-news/sv.md", None)
    warning = "content/press/2023-01-10-sport-news/sv.md: warning: no Swedish version (sv.md): every press release should exist in Finnish and Swedish"
    result = run("--out", "site")
    assert (result.code, result.err.splitlines()) == (0, [warning])
    strict = run("--out", "site2", "--strict")
    assert strict.code == 1
    assert strict.err.splitlines()[0] == warning
    assert not (site_dir / "site2").exists()


def test_usage_error_exits_2(site_dir: Path, run) -> None:
    assert run("--no-such-option").code == 2


def test_warnings_under_strict_say_that_they_stopped_the_build(site_dir: Path, run, edit) -> None:
    edit("press/2023-01-10-sport-news/muistiinpanot.docx", b"PK\x03\x04")
    edit("press/2023-01-10-sport-news/vanha.docx", b"PK\x03\x04")
    unlinked = "warning: not linked from any version: not published"
    warnings = [
        f"content/press/2023-01-10-sport-news/muistiinpanot.docx: {unlinked}",
        f"content/press/2023-01-10-sport-news/vanha.docx: {unlinked}",
    ]
    result = run("--strict", "--no-search")
    assert (result.code, result.err.splitlines()) == (
        1,
        [*warnings, "2 warning(s) stop the build (--strict): nothing was written; the previous site is unchanged."],
    )
    assert not (site_dir / "site").exists()
    result = run("check", "--strict")
    assert (result.code, result.err.splitlines()) == (1, [*warnings, "2 warning(s) stop the check (--strict)."])
    assert run("check").code == 0


def test_check_counts_its_errors_and_says_nothing_of_writing(site_dir: Path, run, edit) -> None:
    edit("press/2023-01-10-sport-news/meta.yaml", "published: 2023-01-10 09:00\nthemse: [sport]\n")
    result = run("check")
    assert result.code == 1
    assert result.err.splitlines()[-1] == "1 error(s)."
    result = run("--no-search")
    assert result.err.splitlines()[-1] == "1 error(s): nothing was written; the previous site is unchanged."


def test_missing_languages_are_named_in_english_with_the_file_to_write(site_dir: Path, run, edit) -> None:
    site = (site_dir / "content/site.yaml").read_text(encoding="utf-8")
    edit("site.yaml", site + "required_languages: [fi, sv, en]\n")
    edit("press/2023-01-10-sport-news/sv.md", None)
    should = "every press release should exist in Finnish, Swedish and English"
    assert run("check").err.splitlines() == [
        f"content/press/2022-09-13-lead-projects/en.md: warning: no English version (en.md): {should}",
        f"content/press/2023-01-10-sport-news/sv.md: warning: no Swedish version (sv.md): {should}",
        f"content/press/2023-01-10-sport-news/en.md: warning: no English version (en.md): {should}",
    ]
