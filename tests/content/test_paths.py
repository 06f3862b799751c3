"""Path safety: no name, slug, alias or link reads or writes outside content/ and the output folder."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from urllib.parse import quote

import pytest

from innosite.content.names import collisions, name_problem
from tests.conftest import read_tree

REL = "content/press/2022-09-13-lead-projects"
PRJ = "content/projects/photonics-ecosystem"
META = "published: 2022-09-13 14:56\nthemes: [photonics]\n"


TINY = Path(__file__).parent.parent / "sites/tiny/content"


def link_from(edit, folder: str, *names: str) -> None:
    """Link the files from the entry's fi.md: only linked files are published (and checked)."""
    text = (TINY / folder / "fi.md").read_text(encoding="utf-8")
    edit(f"{folder}/fi.md", text + "".join(f"\n[{name}]({quote(name)})\n" for name in names))


def errors(result) -> list[str]:
    return [
        line for line in result.err.splitlines() if not line.endswith(("the previous site is unchanged.", " error(s)."))
    ]


def fails_with(run, site_dir: Path, expected: list[str]) -> None:
    """The build fails with exactly these messages and leaves the last site as it was."""
    before = read_tree(site_dir / "site")
    result = run("--out", "site", "--no-search")
    assert (result.code, errors(result)) == (1, expected)
    assert read_tree(site_dir / "site") == before


@pytest.fixture
def built(site_dir: Path, run) -> Path:
    assert run("--out", "site", "--no-search").code == 0
    return site_dir


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("a\\b.pdf", 'the name has the character "\\", which some systems do not allow in file names: rename it'),
        ("kuva?.png", 'the name has the character "?", which some systems do not allow in file names: rename it'),
        ("CON.pdf", '"CON" is a device name on Windows and cannot be a file name there: rename it'),
        ("nul", '"nul" is a device name on Windows and cannot be a file name there: rename it'),
        ("com1.tar.gz", '"com1" is a device name on Windows and cannot be a file name there: rename it'),
        ("liite.", "the name ends with a dot or a space, which Windows drops: rename it"),
        (
            "tab\tname.pdf",
            'the name has the character "U+0009", which some systems do not allow in file names: rename it',
        ),
    ],
)
def test_attached_file_names_every_host_can_store(built: Path, run, edit, name: str, message: str) -> None:
    edit(f"press/2022-09-13-lead-projects/{name}", b"%PDF")
    link_from(edit, "press/2022-09-13-lead-projects", name)
    fails_with(run, built, [f"{REL}/{name}: {message}".replace("\t", "\\t")])


def test_names_that_differ_only_in_case_or_unicode_form_collide(built: Path, run, edit) -> None:
    nfc = "päivä.pdf"
    nfd = unicodedata.normalize("NFD", nfc)
    edit(f"press/2022-09-13-lead-projects/{nfc}", b"1")
    edit(f"press/2022-09-13-lead-projects/{nfd}", b"2")
    edit("press/2022-09-13-lead-projects/Liite.pdf", b"3")
    link_from(edit, "press/2022-09-13-lead-projects", nfc, nfd, "Liite.pdf")
    fails_with(
        run,
        built,
        sorted(
            [
                f'{REL}/liite.pdf: "liite.pdf" and "Liite.pdf" differ only in upper and lower case or accents: '
                "rename one",
                f'{REL}/{max(nfc, nfd)}: "{max(nfc, nfd)}" and "{min(nfc, nfd)}" differ only in upper and lower case '
                "or accents: rename one",
            ]
        ),
    )


def test_symlink_out_of_content_is_refused_before_anything_is_read(built: Path, run, edit) -> None:
    secret = built / "secret.txt"
    secret.write_text("title: SALAINEN\n")
    os.symlink(secret, built / REL / "salaisuus.pdf")
    os.symlink(secret, built / "content/themes.yaml.link")
    os.replace(built / "content/themes.yaml.link", built / "content/themes.yaml")
    message = "a symbolic link to outside the content folder: copy the file in instead"
    fails_with(
        run,
        built,
        [f"content/press/2022-09-13-lead-projects/salaisuus.pdf: {message}", f"content/themes.yaml: {message}"],
    )
    assert "SALAINEN" not in run("check").err


def test_symlinked_folder_out_of_content_and_dangling_links_are_refused(built: Path, run) -> None:
    outside = built / "elsewhere"
    outside.mkdir()
    os.symlink(outside, built / "content/pages/muualla")
    os.symlink(built / "nothing-here", built / PRJ / "kuva.png")
    fails_with(
        run,
        built,
        [
            "content/pages/muualla: a symbolic link to outside the content folder: copy the file in instead",
            f"{PRJ}/kuva.png: a symbolic link that leads nowhere: remove it",
        ],
    )


def test_symlink_inside_content_is_followed(built: Path, run, edit) -> None:
    os.symlink("../../press/2022-09-13-lead-projects/liite.pdf", built / PRJ / "liite.pdf")
    link_from(edit, "projects/photonics-ecosystem", "liite.pdf")
    assert run("--out", "site", "--no-search").code == 0
    assert (built / "site/media/projects/photonics-ecosystem/liite.pdf").read_bytes() == (
        built / REL / "liite.pdf"
    ).read_bytes()


def test_a_pipe_is_refused_instead_of_hanging_the_build(built: Path, run) -> None:
    os.mkfifo(built / REL / "putki.pdf")
    fails_with(run, built, [f"{REL}/putki.pdf: not a regular file (a device or pipe?): remove it"])


@pytest.mark.parametrize(
    ("alias", "message"),
    [
        ("/fi/../../etc/", "must be a path starting with a language, like /fi/old/address/"),
        ("fi/vanha/", "must be a path starting with a language, like /fi/old/address/"),
        ("/fi/a\\\\b/", "must be a path starting with a language, like /fi/old/address/"),
        ("/fi/%2e%2e/%2e%2e/x/", ": write the path without %-codes (a space as a space, ä as ä)"),
        ("/fi/a%2fb/", ": write the path without %-codes (a space as a space, ä as ä)"),
        ("/fi//vanha/", ": an empty or '.' folder (// or /./)"),
        ("/fi/./vanha/", ": an empty or '.' folder (// or /./)"),
        ("/fi/aux/", ': "aux" is a device name on Windows and cannot be a file name there: rename it'),
        (
            "/fi/a\\0b/",
            ': the name has the character "U+0000", which some systems do not allow in file names: rename it',
        ),
    ],
)
def test_aliases_stay_inside_the_output_folder(built: Path, run, edit, alias: str, message: str) -> None:
    edit("press/2022-09-13-lead-projects/meta.yaml", f'{META}aliases:\n  - "{alias}"\n')
    shown = alias.replace("\\\\", "\\").replace("\\0", "\\x00")
    sep = " " if message[0] != ":" else ""
    fails_with(run, built, [f'{REL}/meta.yaml:4: the alias "{shown}"{sep}{message}'])


def test_alias_differing_from_a_page_only_in_case_is_an_error(built: Path, run, edit) -> None:
    edit("press/2023-01-10-sport-news/meta.yaml", "published: 2023-01-10 09:00\naliases: [/fi/Tiedotteet/]\n")
    fails_with(
        run,
        built,
        [
            "content/press/2023-01-10-sport-news/meta.yaml: the address /fi/Tiedotteet/index.html differs from "
            "/fi/tiedotteet/index.html (the press listing) only in upper and lower case or accents: hosts that ignore "
            "case would mix them up; change one"
        ],
    )


DEVICE = "is a device name on Windows: add a line slug: with another one"


def test_windows_device_names_as_id_slug_or_term(built: Path, run, edit) -> None:
    edit("pages/con/fi.md", "---\ntitle: Ehdot\n---\nX\n")
    edit("pages/about/sv.md", "---\ntitle: Om\nslug: nul\n---\nX\n")
    edit("pages/about/fi.md", "---\ntitle: Aux\n---\nX\n")
    edit(
        "themes.yaml",
        "photonics: {fi: Fotoniikka, sv: Fotonik, en: Photonics}\nsport: {fi: Urheilu, sv: Idrott, en: Prn}\n",
    )
    fails_with(
        run,
        built,
        [
            f'content/pages/about/fi.md:2: the slug "aux" {DEVICE}',
            f'content/pages/about/sv.md:3: the slug "nul" {DEVICE}',
            'content/pages/con: the folder name "con" is a device name on Windows: rename the folder',
        ],
    )
    edit("pages/con", None)
    edit("pages/about/sv.md", "---\ntitle: Om\n---\nX\n")
    edit("pages/about/fi.md", "---\ntitle: Tietoa\n---\nX\n")
    fails_with(
        run,
        built,
        ['themes.yaml: sport: the address /en/themes/prn/index.html has "prn", a device name on Windows: rename it'],
    )


def test_links_and_images_cannot_reach_outside_the_entry_folder(built: Path, run, edit) -> None:
    edit(
        "press/2022-09-13-lead-projects/fi.md",
        "---\ntitle: Otsikko\nsummary: Tiivistelmä.\n---\n[a](../../site.yaml) ![b](..%2F..%2Fsite.yaml)\n",
    )
    edit(
        "projects/photonics-ecosystem/meta.yaml",
        "themes: [photonics]\nlead_city: joensuu\ncities: [joensuu, tampere, oulu]\n"
        "image: {src: ../../site.yaml, alt: {fi: Kuva kaupungista, sv: Bild av staden, en: A picture of the city}}\n",
    )
    hint = (
        "points to no file in this folder: put the file beside the text, "
        "or link to a web address (https://...) or a site path (/fi/...)"
    )
    fails_with(
        run,
        built,
        [
            f'{REL}/fi.md:5: the link "..%2F..%2Fsite.yaml" {hint}',
            f'{REL}/fi.md:5: the link "../../site.yaml" {hint}',
            f'{PRJ}/meta.yaml:4: the image "../../site.yaml" is not in this folder: put the file beside meta.yaml',
        ],
    )


def test_zero_width_and_no_break_spaces_in_titles_and_slugs(built: Path, run, edit) -> None:
    edit("pages/about/fi.md", '---\ntitle: "Tie\\u200btoa\\u00a0meistä\\ufeff"\n---\nX\n')
    edit("pages/about/sv.md", '---\ntitle: Om\nslug: "om\\u200b-oss"\n---\nX\n')
    assert run("--out", "site", "--no-search").code == 0
    page = (built / "site/fi/tietoa-meista/index.html").read_text()
    assert "<h1>Tietoa\u00a0meistä</h1>" in page or "Tietoa&nbsp;meistä" in page
    assert "\u200b" not in page and "\ufeff" not in page
    assert (built / "site/sv/om-oss/index.html").is_file()
    edit("pages/about/sv.md", '---\ntitle: Om\nslug: "om\\u00a0oss"\n---\nX\n')
    fails_with(
        run,
        built,
        [
            'content/pages/about/sv.md:3: the slug "om\u00a0oss" can only have a-z, 0-9 and "-" (try "om-oss"); '
            "it has a no-break space"
        ],
    )


def test_collisions_and_names_as_functions() -> None:
    assert collisions(["a/B.html", "a/b.html", "c", "Å", unicodedata.normalize("NFD", "å")]) == [
        ("a/b.html", "a/B.html"),
        (unicodedata.normalize("NFD", "å"), "Å"),
    ]
    assert [name_problem(n) for n in ("liite.pdf", "Kuva 1.JPG", "console.log", "nullable.txt")] == [None] * 4


def test_a_theme_name_without_letters_or_digits_is_an_error_not_a_lost_page(built: Path, run, edit) -> None:
    edit(
        "themes.yaml",
        'photonics: {fi: "!!!", sv: Fotonik, en: Photonics}\nsport: {fi: Urheilu, sv: Idrott, en: Sport}\n',
    )
    fails_with(
        run, built, ['content/themes.yaml:1: the name "!!!" gives an empty address: use letters or digits in it']
    )


def test_names_too_long_for_a_file_system(built: Path, run, edit) -> None:
    edit(
        "press/2022-09-13-lead-projects/fi.md",
        "---\ntitle: " + "Hyvin pitkä otsikko " * 10 + "\nsummary: Tiivistelmä.\n---\nX\n",
    )
    edit("press/2023-01-10-sport-news/meta.yaml", "published: 2023-01-10 09:00\naliases: [/fi/" + "ä" * 128 + "/]\n")
    fails_with(
        run,
        built,
        [
            f"{REL}/fi.md:2: the address (slug) would be 199 characters long: add a line slug: with at most 150",
            f'content/press/2023-01-10-sport-news/meta.yaml:2: the alias "/fi/{"ä" * 128}/": the name is longer '
            "than 255 bytes, more than file systems allow: shorten it",
        ],
    )
    edit("press/2022-09-13-lead-projects/fi.md", "---\ntitle: Otsikko\nsummary: Tiivistelmä.\n---\nX\n")
    edit("press/2023-01-10-sport-news/meta.yaml", "published: 2023-01-10 09:00\n")
    edit("themes.yaml", "photonics: {fi: " + "Fotoniikka" * 26 + ", sv: Fotonik, en: Photonics}\nsport: Urheilu\n")
    fails_with(
        run,
        built,
        [
            f"{REL}/liite.pdf: warning: not linked from any version: not published",
            "themes.yaml: photonics: the address /fi/teemat/" + "fotoniikka" * 6 + "fotonii... "
            "has a part longer than 255 bytes: shorten it",
        ],
    )


def test_a_symlink_loop_is_an_error(built: Path, run) -> None:
    os.symlink("kehä.pdf", built / REL / "kehä.pdf")
    fails_with(run, built, [f"{REL}/kehä.pdf: a symbolic link that leads round in a circle: remove it"])


def test_new_refuses_a_title_that_gives_a_windows_device_name(site_dir: Path, run) -> None:
    result = run("new", "page", "Aux")
    assert result.code == 2
    assert 'the title gives the folder name "aux", a device name on Windows: give another title' in result.err
    assert not (site_dir / "content/pages/aux").exists()


def test_aliases_that_differ_only_in_unicode_form_collide(built: Path, run, edit) -> None:
    nfc, nfd = "/fi/päivä/", unicodedata.normalize("NFD", "/fi/päivä/")
    edit("press/2023-01-10-sport-news/meta.yaml", f"published: 2023-01-10 09:00\naliases: ['{nfc}']\n")
    edit("press/2022-09-13-lead-projects/meta.yaml", f"{META}aliases: ['{nfd}']\n")
    result = run("--out", "site", "--no-search")
    assert result.code == 1
    assert "only in upper and lower case or accents: hosts that ignore case would mix them up; change one" in result.err
