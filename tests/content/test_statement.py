"""The accessibility statement: accessibility.yaml validated, rendered in every language, linked from every page."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from innosite.build import BuildOptions, render_site
from innosite.content.placeholders import EXAMPLE_STATEMENT_NOTE
from innosite.problems import ContentError, Problems
from tests.conftest import EXAMPLE
from tests.html import parse

PATH = "content/accessibility.yaml"
PAGE = "---\ntitle: Saavutettavuusseloste\nslug: saavutettavuusseloste\n---\nJohdanto.\n"
PAGE_SV = "---\ntitle: Tillgänglighetsutlåtande\n---\nInledning.\n"
GOOD = """\
status: partial
reviewed: 2026-11-20
method: self-assessment
issues:
  - content: {fi: Haku, sv: Sökning, en: Search}
    reason: {fi: Vaatii JavaScriptin., sv: Kräver JavaScript., en: Needs JavaScript.}
    basis: non-compliance
    criteria: ["2.1.1"]
feedback:
  email: palaute@innokaupungit.fi
authority:
  name: {fi: Traficom, sv: Traficom, en: Traficom}
  website: https://www.traficom.fi/
"""
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=ZoneInfo("Europe/Helsinki"))


def build_example() -> dict[str, bytes]:
    return render_site(BuildOptions(content=EXAMPLE, now=NOW), Problems()).files


@pytest.fixture(scope="module")
def example() -> dict[str, bytes]:
    return build_example()


STATEMENT_PAGES = {
    "fi": (
        "fi/saavutettavuusseloste/index.html",
        "Saavutettavuuden tila",
        "Valvontaviranomainen",
        "Liikenne- ja viestintävirasto Traficom",
    ),
    "sv": (
        "sv/tillganglighetsutlatande/index.html",
        "Tillgänglighetsstatus",
        "Tillsynsmyndighet",
        "Transport- och kommunikationsverket Traficom",
    ),
    "en": (
        "en/accessibility/index.html",
        "Compliance status",
        "Supervising authority",
        "Finnish Transport and Communications Agency Traficom",
    ),
}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_example_statement_has_the_required_sections_in_each_language(example: dict[str, bytes], lang: str) -> None:
    path, status, authority, name = STATEMENT_PAGES[lang]
    doc = parse(example[path])
    headings = [h.text for h in doc.find("div", class_="statement").find_all("h2")]
    assert len(headings) == 5
    assert headings[0] == status and headings[4] == authority
    text = doc.find("div", class_="statement").text
    assert name in text
    assert "saavutettavuus(a)innokaupungit.example" in text
    assert doc.find("div", class_="statement").find("time").attrs["datetime"] == "2026-11-27"


def test_every_page_links_the_statement_in_its_language(example: dict[str, bytes]) -> None:
    targets = {lang: "/" + path.removesuffix("index.html") for lang, (path, *_) in STATEMENT_PAGES.items()}
    missing = []
    for path, data in example.items():
        if not path.endswith(".html") or b"http-equiv" in data:
            continue  # redirect pages of aliases show nothing
        footer = parse(data).find("footer")
        lang = parse(data).find("html").attrs["lang"]
        if targets[lang] not in {a.attrs["href"] for a in footer.find_all("a")}:
            missing.append(path)
    assert missing == []
    assert len([p for p in example if p.endswith(".html")]) > 100


def test_statement_page_shows_the_note_the_issues_and_the_review(example: dict[str, bytes]) -> None:
    doc = parse(example["sv/tillganglighetsutlatande/index.html"])
    statement = doc.find("div", class_="statement")
    assert statement.find("p", class_="notice").text.startswith("Det här utlåtandet är ett exempel.")
    assert [h.text for h in statement.find_all("h3")] == [
        "Innehåll som inte uppfyller kraven",
        "Innehåll som inte omfattas av lagstiftningen",
    ]
    assert "bedömdes senast 27.11.2026 genom en egen bedömning" in statement.text


def test_good_statement_builds_without_warnings(site_dir: Path, edit, run) -> None:
    edit("accessibility.yaml", GOOD)
    edit("pages/accessibility/fi.md", PAGE)
    edit("pages/accessibility/sv.md", PAGE_SV)
    result = run("check")
    assert (result.code, result.err) == (0, "")


def test_old_review_is_a_warning(site_dir: Path, edit) -> None:
    edit("accessibility.yaml", GOOD.replace("2026-11-20", "2025-11-26"))
    edit("pages/accessibility/fi.md", PAGE)
    edit("pages/accessibility/sv.md", PAGE_SV)
    output = render_site(BuildOptions(now=NOW), Problems())
    assert [str(w) for w in output.warnings] == [
        f"{PATH}:2: warning: the site was last reviewed on 2025-11-26, more than 12 months ago: "
        'check its accessibility again and update "reviewed"'
    ]


def test_statement_page_missing_a_required_language_is_a_warning(site_dir: Path, edit) -> None:
    edit("accessibility.yaml", GOOD)
    edit("pages/accessibility/fi.md", PAGE)
    output = render_site(BuildOptions(now=NOW), Problems())
    assert [str(w) for w in output.warnings] == [
        "content/pages/accessibility/sv.md: warning: no Swedish version (sv.md) of the accessibility statement page: "
        "the statement should exist in Finnish and Swedish"
    ]


def test_review_exactly_within_a_year_is_fine(site_dir: Path, edit) -> None:
    edit("accessibility.yaml", GOOD.replace("2026-11-20", "2025-11-28"))
    edit("pages/accessibility/fi.md", PAGE)
    edit("pages/accessibility/sv.md", PAGE_SV)
    assert render_site(BuildOptions(now=NOW), Problems()).warnings == ()


ERRORS = {
    "unknown key": (
        GOOD.replace("status:", "staus: full\nstatus:"),
        [
            '1: unknown key "staus" (did you mean "status"?); allowed keys: page, note, status, reviewed, method, '
            "method_details, issues, publisher, feedback, authority"
        ],
    ),
    "bad status": (
        GOOD.replace("status: partial", "status: partly"),
        ['1: "status" must be one of full, partial, none, not "partly" (did you mean "partial"?)'],
    ),
    "partial without issues": (
        GOOD.split("issues:")[0] + "feedback:" + GOOD.split("feedback:")[1],
        ['1: the status is "partial" but no content is listed under "issues": list what is not accessible and why'],
    ),
    "bad criterion": (
        GOOD.replace('"2.1.1"', '"2.1"'),
        ['8: "2.1" is not a WCAG success criterion: write it like "1.1.1" (in quotes)'],
    ),
    "missing reason": (
        GOOD.replace("    reason: {fi: Vaatii JavaScriptin., sv: Kräver JavaScript., en: Needs JavaScript.}\n", ""),
        ['5: "issues.reason" is missing'],
    ),
    "bad e-mail": (
        GOOD.replace("palaute@innokaupungit.fi", "palaute.innokaupungit.fi"),
        ['10: "palaute.innokaupungit.fi" is not an e-mail address: write it like name@example.fi'],
    ),
    "bad phone": (
        GOOD.replace("  website: https://www.traficom.fi/\n", "  phone: soita vaihteeseen\n"),
        ['13: "soita vaihteeseen" is not a phone number: use digits, spaces and + ( ) -, like +358 40 123 4567'],
    ),
    "authority without contact": (
        GOOD.replace("  website: https://www.traficom.fi/\n", ""),
        ["11: give at least one way to reach the supervising authority: email, phone or website"],
    ),
    "authority name in one language only": (
        GOOD.replace("{fi: Traficom, sv: Traficom, en: Traficom}", "{fi: Traficom}"),
        ['12: "authority.name.en" is missing', '12: "authority.name.sv" is missing'],
    ),
    "missing feedback and authority": (
        GOOD.split("feedback:")[0],
        ['1: "authority" is missing', '1: "feedback" is missing'],
    ),
    "no page": (
        "page: saavutettavuus\n" + GOOD,
        [
            "1: the statement is shown on the page pages/saavutettavuus/, which does not exist: "
            'create it, or name another page with "page:"'
        ],
    ),
}


@pytest.mark.parametrize("case", ERRORS, ids=list(ERRORS))
def test_statement_errors(site_dir: Path, edit, run, case: str) -> None:
    text, expected = ERRORS[case]
    edit("accessibility.yaml", text)
    edit("pages/accessibility/fi.md", PAGE)
    edit("pages/accessibility/sv.md", PAGE_SV)
    result = run("--out", "site")
    assert result.code == 1
    lines = [line for line in result.err.splitlines() if line.startswith(PATH)]
    assert lines == [f"{PATH}:{e}" for e in expected]
    assert not (site_dir / "site").exists()


def test_mailto_and_tel_are_dropped(site_dir: Path, edit) -> None:
    edit("accessibility.yaml", GOOD.replace("palaute@", "mailto:palaute@") + "  phone: tel:+358 29 534 5000\n")
    edit("pages/accessibility/fi.md", PAGE)
    edit("pages/accessibility/sv.md", PAGE_SV)
    output = render_site(BuildOptions(now=NOW), Problems())
    assert output.warnings == ()
    items = [li.text for li in parse(output.files["fi/saavutettavuusseloste/index.html"]).find_all("li")]
    assert "Sähköposti: palaute(a)innokaupungit.fi" in items
    assert "Puhelin: 029 534 5000" in items  # in Finnish the national form, the link from anywhere
    assert parse(output.files["fi/saavutettavuusseloste/index.html"]).find("a", href="tel:+358295345000")


def test_statement_is_optional(site_dir: Path) -> None:
    output = render_site(BuildOptions(now=NOW), Problems())
    footer = parse(output.files["fi/index.html"]).find("footer")
    assert [a.text for a in footer.find_all("a")] == ["Tietoa", "Syötteet"]  # no statement link


def test_broken_statement_stops_the_build(site_dir: Path, edit) -> None:
    edit("accessibility.yaml", "status: [\n")
    with pytest.raises(ContentError) as caught:
        render_site(BuildOptions(now=NOW), Problems())
    assert [str(p) for p in caught.value.problems][0].startswith(f"{PATH}:")


def test_the_example_statements_note_and_addresses_are_warnings(tmp_path: Path, run) -> None:
    """A new site starts from the example site: its statement's note and example addresses are named before it
    goes out."""
    shutil.copytree(EXAMPLE, tmp_path / "content")
    result = run("check", cwd=tmp_path)
    assert (result.code, [line for line in result.err.splitlines() if "warning" in line]) == (
        0,
        [
            f'{PATH}:12: warning: the note "Tämä seloste on esimerkki. Palauteosoitteet ovat esimerkkiosoitteita." is'
            ' the example site\'s: delete "note:" before publishing, or write a note of your own',
            f'{PATH}:57: warning: the publisher\'s e-mail address "info@innokaupungit.example" is an example address'
            " (innokaupungit.example is only for examples): write the real one before publishing",
            f'{PATH}:59: warning: the feedback e-mail address "saavutettavuus@innokaupungit.example" is an example'
            " address (innokaupungit.example is only for examples): write the real one before publishing",
        ],
    )


def test_the_example_note_is_the_one_the_build_knows() -> None:
    note = yaml.safe_load((EXAMPLE / "accessibility.yaml").read_text(encoding="utf-8"))["note"]
    assert note == EXAMPLE_STATEMENT_NOTE


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("  website: https://www.traficom.fi/", "  website: https://saavutettavuus.test/"),
            '13: warning: the supervising authority\'s website "https://saavutettavuus.test/" is an example address'
            " (saavutettavuus.test is only for examples): write the real one before publishing",
        ),
        (
            ("palaute@innokaupungit.fi", "mailto:palaute@example.org"),
            '10: warning: the feedback e-mail address "mailto:palaute@example.org" is an example address'
            " (example.org is only for examples): write the real one before publishing",
        ),
        (
            (
                "status: partial",
                "note: {fi: Tämä seloste on esimerkki. Palauteosoitteet ovat esimerkkiosoitteita., sv: Ett"
                " utlåtande., en: A statement.}\nstatus: partial",
            ),
            '1: warning: the note "Tämä seloste on esimerkki. Palauteosoitteet ovat esimerkkiosoitteita." is the'
            ' example site\'s: delete "note:" before publishing, or write a note of your own',
        ),
    ],
    ids=["authority website", "feedback e-mail", "note in one language"],
)
def test_an_example_left_in_a_statement_is_a_warning(site_dir: Path, edit, run, change, expected: str) -> None:
    edit("accessibility.yaml", GOOD.replace(*change))
    edit("pages/accessibility/fi.md", PAGE)
    edit("pages/accessibility/sv.md", PAGE_SV)
    result = run("check")
    assert (result.code, result.err.splitlines()) == (0, [f"{PATH}:{expected}"])
    assert run("check", "--strict").code == 1
