"""Addresses in content: web sites only http(s), contacts only an e-mail address and a phone number."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

PRJ = "content/projects/photonics-ecosystem"
REL = "content/press/2022-09-13-lead-projects"
PROJECT = "themes: [photonics]\nlead_city: joensuu\ncities: [joensuu, tampere, oulu]\n"
RELEASE = "published: 2022-09-13 14:56\n"
ALT = (
    "\n    fi: Kaupunkien edustajat allekirjoittavat sopimuksen"
    "\n    sv: Städernas representanter undertecknar avtalet"
    "\n    en: Representatives of the cities sign the agreement"
)
WEBSITE = '"website" must be a web address starting with https:// or http://'


def errors(result) -> list[str]:
    return [
        line for line in result.err.splitlines() if not line.endswith(("the previous site is unchanged.", " error(s)."))
    ]


@pytest.mark.parametrize(
    "website",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "ftp://example.org/",
        "file:///etc/passwd",
        "https:///etc/passwd",
        "https://exa mple.org/",
        "//example.org/",
        "example.org",
    ],
)
def test_website_must_be_http_or_https(site_dir: Path, run, edit, website: str) -> None:
    edit("projects/photonics-ecosystem/meta.yaml", f'{PROJECT}website: "{website}"\n')
    result = run("check")
    assert (result.code, errors(result)) == (1, [f"{PRJ}/meta.yaml:4: {WEBSITE}"])


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "email",
            "javascript:alert(1)",
            '"javascript:alert(1)" is not an e-mail address: write it like name@example.fi',
        ),
        (
            "email",
            "<b>x</b>@example.fi",
            '"<b>x</b>@example.fi" is not an e-mail address: write it like name@example.fi',
        ),
        ("email", "nimi@", '"nimi@" is not an e-mail address: write it like name@example.fi'),
        (
            "phone",
            "javascript:alert(1)",
            '"javascript:alert(1)" is not a phone number: use digits, spaces and + ( ) -, like +358 40 123 4567',
        ),
        (
            "phone",
            "soita minulle",
            '"soita minulle" is not a phone number: use digits, spaces and + ( ) -, like +358 40 123 4567',
        ),
        (
            "phone",
            "040 12",
            '"040 12" is not a phone number that can be called: check the digits; '
            "a number outside Finland starts with its country code, like +46 8 123 456 78",
        ),
        (
            "phone",
            "+46 8 1",
            '"+46 8 1" is not a phone number that can be called: check the digits; '
            "a number outside Finland starts with its country code, like +46 8 123 456 78",
        ),
    ],
)
def test_contact_address_and_number(site_dir: Path, run, edit, field: str, value: str, message: str) -> None:
    edit("press/2022-09-13-lead-projects/meta.yaml", f'{RELEASE}contacts:\n  - name: Nimi\n    {field}: "{value}"\n')
    result = run("check")
    assert (result.code, errors(result)) == (1, [f"{REL}/meta.yaml:4: {message}"])


def test_mailto_and_tel_prefixes_are_accepted_and_dropped(site_dir: Path, run, edit) -> None:
    edit(
        "press/2022-09-13-lead-projects/meta.yaml",
        f"{RELEASE}contacts:\n  - name: Nimi\n    email: mailto:nimi@hämeenlinna.fi\n    phone: tel:+358 40 123 4567\n",
    )
    assert run("--out", "site", "--no-search").code == 0
    page = (site_dir / "site/fi/tiedotteet/kaupungit-ottavat-vetovastuuta/index.html").read_text()
    assert "nimi(a)hämeenlinna.fi" in page and '<a href="tel:+358401234567">040 123 4567</a>' in page
    assert "mailto:" not in page and "tel:+358 40" not in page


PLAIN_BASE = '"base_url" must be a plain address like https://example.org/programme/ (no quotes, ? or #)'


@pytest.mark.parametrize(
    "base_url",
    ['https://example.org/"><script>alert(1)</script>/', "https://example.org/?x=/", "https://user@example.org/"],
)
def test_base_url_is_a_plain_address(site_dir: Path, run, edit, base_url: str) -> None:
    site = (site_dir / "content/site.yaml").read_text().replace("https://example.org/programme/", base_url)
    edit("site.yaml", site.replace(base_url, f"'{base_url}'"))
    result = run("check")
    assert (result.code, errors(result)) == (1, [f"content/site.yaml:6: {PLAIN_BASE}"])


def write_time_line(edit, file: str, line: str) -> None:
    """The release with this line in its meta.yaml or in its Finnish front matter."""
    folder = "press/2022-09-13-lead-projects"
    if file == "meta.yaml":
        edit(f"{folder}/meta.yaml", f"{line}\nthemes: [photonics]\n")
    else:
        edit(f"{folder}/fi.md", f"---\ntitle: Kaupungit ottavat vetovastuuta\nsummary: Tiivistelmä.\n{line}\n---\nX\n")


@pytest.mark.parametrize(
    ("file", "line", "written", "key", "day"),
    [
        ("meta.yaml", "published: 2026-12-10", 1, "published", "2026-12-10"),
        ("meta.yaml", "published: '2026-12-10'", 1, "published", "2026-12-10"),
        ("fi.md", "updated: 2022-09-20", 4, "updated", "2022-09-20"),
        ("fi.md", 'correction:\n  date: "2022-09-14"\n  text: Korjattu.', 5, "correction.date", "2022-09-14"),
    ],
)
def test_a_date_without_its_time_is_midnight_and_said(
    site_dir: Path, run, edit, file: str, line: str, written: int, key: str, day: str
) -> None:
    """The specification reads a bare date as 00:00; an embargo meant to end in the morning would end hours early,
    so the build says how it reads it."""
    write_time_line(edit, file, line)
    result = run("check")
    said = f'"{key}" has a date but no time: it is read as {day} 00:00 (midnight); write the time too, e.g. {day} 09:00'
    assert result.code == 0
    assert f"{REL}/{file}:{written}: warning: {said}" in result.err.splitlines()


@pytest.mark.parametrize(
    ("file", "line", "written", "message"),
    [
        (
            "meta.yaml",
            "published: 2026-02-30 10:00",
            1,
            '"2026-02-30 10:00" is not a date that exists (February 2026 has 28 days): correct the date',
        ),
        (
            "meta.yaml",
            "published: 2024-13-01 10:00",
            1,
            '"2024-13-01 10:00" is not a date that exists (the months go from 01 to 12): correct the date',
        ),
        (
            "meta.yaml",
            "published: 2026-12-07 25:00",
            1,
            '"2026-12-07 25:00" is not a time that exists (the hours go from 00 to 23): correct the time',
        ),
        (
            "meta.yaml",
            "published: '2026-12-07 10:60'",
            1,
            '"2026-12-07 10:60" is not a time that exists (the minutes go from 00 to 59): correct the time',
        ),
        (
            "meta.yaml",
            "published: 7.12.2026 klo 13.00",
            1,
            '"published" is not a date and time: write it as YYYY-MM-DD HH:MM, e.g. 2022-09-13 14:56',
        ),
    ],
)
def test_a_time_that_does_not_exist_or_another_form_is_an_error(
    site_dir: Path, run, edit, file: str, line: str, written: int, message
):
    """A date or a time that is not in the calendar or on the clock, or another form, is told as such."""
    write_time_line(edit, file, line)
    result = run("check")
    assert (result.code, errors(result)) == (1, [f"{REL}/{file}:{written}: {message}"])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("'2024-02-30'", '"2024-02-30" is not a date that exists (February 2024 has 29 days): correct the date'),
        ("2024-02-30", '"2024-02-30" is not a date that exists (February 2024 has 29 days): correct it, or put it '
         "in quotes if it is text"),
        ("30.2.2024", '"end" is not a date: write it as YYYY-MM-DD, e.g. 2022-09-13'),
    ],
)  # fmt: skip
def test_a_project_end_that_does_not_exist(site_dir: Path, run, edit, value: str, message: str) -> None:
    edit("projects/photonics-ecosystem/meta.yaml", f"{PROJECT}end: {value}\n")
    result = run("check")
    assert (result.code, errors(result)) == (1, [f"{PRJ}/meta.yaml:4: {message}"])


ALLOWED_FRONT = "allowed keys: title, slug, summary, published, updated, correction"


@pytest.mark.parametrize(
    ("file", "text", "expected"),
    [
        (
            "fi.md",
            "---\ntitle: Kaupungit ottavat vetovastuuta\nsumary: Tiivistelmä.\n---\nX\n",
            [f'fi.md:3: unknown key "sumary" (did you mean "summary"?); {ALLOWED_FRONT}'],
        ),
        (
            "fi.md",
            "---\notsikko: Kaupungit ottavat vetovastuuta\nsummary: Tiivistelmä.\n---\nX\n",
            ['fi.md:2: unknown key "otsikko": the keys are in English: write "title"'],
        ),
        (
            "meta.yaml",
            "julkaistu: 2022-09-13 14:56\nTeemat: [photonics]\nstäder: [oulu]\n",
            [
                'meta.yaml:1: unknown key "julkaistu": the keys are in English: write "published"',
                'meta.yaml:2: unknown key "Teemat": the keys are in English: write "themes"',
                'meta.yaml:3: unknown key "städer": the keys are in English: write "cities"',
            ],
        ),
        (
            "meta.yaml",
            f"{RELEASE}image:\n  src: kuva.png\n  alt: {ALT}\ncredit: Kalle Kuvaaja\n",
            ['meta.yaml:8: "credit" belongs under "image:": indent it'],
        ),
        (
            "meta.yaml",
            f"{RELEASE}image:\n  src: kuva.png\nalt: {ALT}\n",
            ['meta.yaml:4: "alt" belongs under "image:": indent it'],
        ),
        (
            "meta.yaml",
            f"{RELEASE}image:\n  src: kuva.png\n  alt: {ALT}\n  themes: [sport]\n  kuvaaja: Kalle Kuvaaja\n",
            [
                'meta.yaml:8: "themes" does not belong under "image:": line it up with "image:"',
                'meta.yaml:9: unknown key "kuvaaja": the keys are in English: write "credit"',
            ],
        ),
        (
            "meta.yaml",
            f"{RELEASE}contacts:\n  - name: Nimi\n    credit: Kalle Kuvaaja\n",
            ['meta.yaml:4: "credit" belongs under "image:", not under "contacts:": move it there'],
        ),
        (
            "meta.yaml",
            f"{RELEASE}kuvaaja: Kalle Kuvaaja\n",
            ['meta.yaml:2: unknown key "kuvaaja": the keys are in English: write "credit", under "image:"'],
        ),
    ],
)
def test_a_key_misspelt_in_finnish_or_at_another_level_is_told_once(
    site_dir: Path, run, edit, file: str, text: str, expected: list[str]
) -> None:
    """One mistake, one message: `sumary:` is not also told as a missing summary, nor `alt:` out of `image:` as a
    missing image.alt."""
    Image.new("RGB", (1200, 800), (40, 90, 160)).save(site_dir / REL / "kuva.png")
    edit(f"press/2022-09-13-lead-projects/{file}", text)
    result = run("check")
    assert (result.code, errors(result)) == (1, [f"{REL}/{line}" for line in expected])


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("themes: [urheilu]", 'unknown theme "urheilu" (did you mean "sport"?): the themes are listed in themes.yaml'),
        ("themes: [Fotoniikka]", 'unknown theme "Fotoniikka" (did you mean "photonics"?): the themes are listed in '
         "themes.yaml"),
        ("themes: [fotonics]", 'unknown theme "fotonics" (did you mean "photonics"?): the themes are listed in '
         "themes.yaml"),
        ("cities: [uleåborg]", 'unknown city "uleåborg" (did you mean "oulu"?): the cities are listed in cities.yaml'),
        ("cities: [Tammerfors]", 'unknown city "Tammerfors" (did you mean "tampere"?): the cities are listed in '
         "cities.yaml"),
        ("cities: [rovaniemi]", 'unknown city "rovaniemi": the cities are listed in cities.yaml'),
    ],
)  # fmt: skip
def test_an_unknown_id_is_told_the_nearest_one_by_its_names_too(site_dir: Path, run, edit, line: str, message: str):
    """A theme or city written by its name in Finnish or Swedish, or misspelt, is told its id."""
    edit("press/2022-09-13-lead-projects/meta.yaml", f"{RELEASE}{line}\n")
    result = run("check")
    assert (result.code, errors(result)) == (1, [f"{REL}/meta.yaml:2: {message}"])


def test_an_unknown_lead_city_is_told_the_nearest_one(site_dir: Path, run, edit) -> None:
    edit("projects/photonics-ecosystem/meta.yaml", PROJECT.replace("lead_city: joensuu", "lead_city: Uleåborg"))
    result = run("check")
    assert (result.code, errors(result)) == (
        1,
        [f'{PRJ}/meta.yaml:2: unknown city "Uleåborg" (did you mean "oulu"?): the cities are listed in cities.yaml'],
    )


def test_the_hint_by_name_follows_themes_yaml_when_the_entry_is_remembered(site_dir: Path, run, edit) -> None:
    """The names are not part of what a loaded entry is remembered by: the hint is made again on every run."""
    edit("press/2022-09-13-lead-projects/meta.yaml", f"{RELEASE}themes: [urheilu]\n")
    hint = 'unknown theme "urheilu"{}: the themes are listed in themes.yaml'
    assert errors(run("check")) == [f"{REL}/meta.yaml:2: " + hint.format(' (did you mean "sport"?)')]
    themes = (site_dir / "content/themes.yaml").read_text().replace("Urheilu", "Liikunta")
    edit("themes.yaml", themes)
    assert errors(run("check")) == [f"{REL}/meta.yaml:2: " + hint.format("")]
