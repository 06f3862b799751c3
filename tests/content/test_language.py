"""Wrong-language text: a version that still holds another's title, or text clearly in another site language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from innosite.content import language
from innosite.content.language import content_words, names_only, plain_text, written_in

LANGS = ("fi", "sv", "en")
REL = "content/press/2022-09-13-lead-projects"
FOLDER = "press/2022-09-13-lead-projects"
TINY = Path(__file__).parent.parent / "sites/tiny/content"
EXAMPLE = Path(__file__).parent.parent.parent / "content"
SV = (TINY / FOLDER / "sv.md").read_text(encoding="utf-8")
FI = (TINY / FOLDER / "fi.md").read_text(encoding="utf-8")
FI_TITLE = "Kaupungit ottavat vetovastuuta innovaatioekosysteemien vahvistamisessa"
EN_TEXT = (
    "Sustainable energy, industry, production and consumption models, and a healthy life with wellbeing are the "
    "themes that unite the ecosystem agreements of the cities."
)


def test_the_swedish_file_that_still_has_the_finnish_title(site_dir: Path, run, edit) -> None:
    edit(f"{FOLDER}/fi.md", FI.replace("title: Kaupungit ottavat vetovastuuta", f"title: {FI_TITLE}"))
    edit(f"{FOLDER}/sv.md", SV.replace("title: Städerna tar ledningsansvar", f"title: {FI_TITLE}"))
    result = run("--out", "site", "--no-search")
    assert (result.code, result.err) == (
        0,
        f"{REL}/sv.md:2: warning: the title is the same as in fi.md: translate it\n",
    )
    assert run("check").err == result.err
    assert run("check", "--strict").code == 1
    status = run("status")
    assert "1 text looks untranslated." in status.out.splitlines()[0]
    assert (
        "  looks untranslated (the same as another version, or in another language):\n"
        f"    {REL}/sv.md:2: the title is the same as in fi.md: translate it\n"
    ) in status.out


def test_the_copy_is_the_translation_not_the_original(site_dir: Path, run, edit) -> None:
    """The version published first is the original, whatever its language: the warning is in the other file."""
    meta = (TINY / FOLDER / "meta.yaml").read_text(encoding="utf-8")
    edit(f"{FOLDER}/meta.yaml", meta.replace("2022-09-13 14:56", "2022-09-14 11:16"))
    edit(f"{FOLDER}/fi.md", FI.replace("title: Kaupungit ottavat vetovastuuta", "title: Städerna tar ledningsansvar")
         .replace("summary:", "published: 2022-09-20 08:00\nsummary:"))  # fmt: skip
    assert run("check").err.splitlines() == [f"{REL}/fi.md:2: warning: the title is the same as in sv.md: translate it"]


def test_a_copied_title_of_a_few_words_and_a_copied_summary(site_dir: Path, run, edit) -> None:
    summary = "summary: Vetovastuuhankkeet edistävät alueiden kumppanuutta."
    sv = SV.replace("title: Städerna tar ledningsansvar", "title: Kaupungit ottavat vetovastuuta")
    edit(f"{FOLDER}/sv.md", sv.replace("summary: Projekten främjar partnerskap mellan regionerna.", summary))
    assert run("check").err.splitlines() == [
        f"{REL}/sv.md:2: warning: the title is the same as in fi.md: translate it",
        f"{REL}/sv.md:3: warning: the summary is the same as in fi.md: translate it",
    ]


def test_text_written_in_another_language(site_dir: Path, run, edit) -> None:
    edit(
        f"{FOLDER}/sv.md",
        "---\ntitle: Vetovastuuhankkeet edistävät alueiden kumppanuutta kaupungeissa\n"
        "summary: Projekten främjar partnerskap mellan regionerna.\n---\n\n" + EN_TEXT + "\n",
    )
    assert run("check").err.splitlines() == [
        f"{REL}/sv.md:2: warning: the title is written in Finnish, not in Swedish: translate it",
        f"{REL}/sv.md:6: warning: the text is written in English, not in Swedish: translate it",
    ]
    json = run("status", "--json").out
    assert '"field": "text",\n' in json and '"line": 6,\n' in json


def test_names_in_another_language_do_not_make_a_text_foreign(site_dir: Path, run, edit) -> None:
    edit(
        f"{FOLDER}/fi.md",
        "---\ntitle: Green Electrification ja Sport Finland kokoontuvat\nsummary: Digital Health Network palkittiin.\n"
        "---\nGreen Electrification -hanke kokoaa yhteen Lappeenrannan, Vaasan ja Oulun yritykset ja korkeakoulut. "
        "Sport Finland puolestaan kehittää urheilun palveluja [liitteessä](liite.pdf).\n",
    )
    edit("projects/photonics-ecosystem/sv.md", "---\ntitle: Sport Finland\n---\nJyväskylä leder projektet.\n")
    edit("projects/photonics-ecosystem/en.md", "---\ntitle: Sport Finland\n---\nJyväskylä leads the project.\n")
    assert run("check").err == ""


def test_the_example_site_has_no_wrong_language_warning(tmp_path: Path, run) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "content")
    result = run("check", cwd=tmp_path)
    assert result.code == 0
    assert [line for line in result.err.splitlines() if not line.startswith("content/accessibility.yaml:")] == []


class Counted:
    """The model's loader (language.identifier), counting its calls: the build lets go of the model once it has
    read its entries, so what it held afterwards tells nothing."""

    def __init__(self, real) -> None:
        self.real, self.calls = real, 0

    def __call__(self, *args):
        self.calls += 1
        return self.real(*args)

    def cache_clear(self) -> None:
        self.real.cache_clear()


def test_the_model_is_loaded_only_when_a_version_is_read_again(
    site_dir: Path, run, edit, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("--out", "site", "--no-search", "--jobs", "1").code == 0
    counted = Counted(language.identifier)
    monkeypatch.setattr(language, "identifier", counted)
    assert run("--out", "site", "--no-search", "--jobs", "1").code == 0  # every entry from the cache
    assert counted.calls == 0
    edit(f"{FOLDER}/sv.md", SV + "\nEtt stycke till om projekten.\n")
    assert run("--out", "site", "--no-search", "--jobs", "1").code == 0
    assert counted.calls > 0
    assert counted.real.cache_info().currsize == 0  # let go of once the entries were read (tens of megabytes)


def test_an_edit_after_the_first_words_of_each_field_is_judged_without_the_model(
    site_dir: Path, run, edit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The verdicts of a folder's last load are kept with it: the model is read only for samples that changed."""
    english = " ".join([EN_TEXT] * 3)  # past the 50 words that are judged
    head = (
        "---\ntitle: Vetovastuuhankkeet edistävät alueiden kumppanuutta kaupungeissa\n"
        "summary: Projekten främjar partnerskap mellan regionerna.\n---\n\n"
    )
    edit(f"{FOLDER}/sv.md", head + english + "\n")
    first = run("--out", "site", "--no-search", "--jobs", "1")
    warnings = [
        f"{REL}/sv.md:2: warning: the title is written in Finnish, not in Swedish: translate it",
        f"{REL}/sv.md:6: warning: the text is written in English, not in Swedish: translate it",
    ]
    assert first.err.splitlines() == warnings
    counted = Counted(language.identifier)
    monkeypatch.setattr(language, "identifier", counted)
    edit(f"{FOLDER}/sv.md", head + english + "\n\nEtt stycke till om projekten.\n")
    again = run("--out", "site", "--no-search", "--jobs", "1")
    assert (again.err.splitlines(), counted.calls) == (warnings, 0)


FI_WITH_EN_NAMES = (
    "Green Electrification -hanke kokoaa yhteen Lappeenrannan, Vaasan ja Oulun yritykset ja korkeakoulut. "
    "Hankkeen tavoitteena on nopeuttaa teollisuuden sähköistymistä ja lisätä vihreän energian osaamista.",
    "Digital Health Network ja Photonics-ekosysteemi esittäytyvät syyskuussa Tampereella.",
    "Green Electrification -hankkeen loppuseminaari pidetään Lappeenrannassa.",
    "Lue lisää: Green Electrification Summit, Sport Finland Forum ja Digital Health Network Day.",
    "Green deal, net zero ja circular economy ovat hankkeen avainsanoja.",
    "Hankkeen kick off -tilaisuus pidettiin hybridinä, ja sen keynote-puhujana oli tutkimusjohtaja.",
)
SV_WITH_FI_NAMES = (
    "Hämeenlinnan kaupunki och Lappeenrannan teknillinen yliopisto är nya partner i projektet, som leds av "
    "Seinäjoen ammattikorkeakoulu.",
    "Seminariet ordnas i Jyväskylä, Hämeenlinna, Lappeenranta, Seinäjoki och Rovaniemi.",
    "Kontaktperson är utvecklingschef Riina Pulkkinen vid Pirkanmaan liitto, som koordinerar Innokaupungit.",
    "Living lab-modellen och smart city-lösningar intresserar städerna",
)
EN_WITH_NAMES = (
    "The seminar in Jyväskylä brings together researchers from Hämeenlinna, Seinäjoki and Lappeenranta.",
    "Akkukemian vetovastuuhanke, the battery chemistry lead project, is led by Kokkola.",
    "Talkoot, the Finnish tradition of working together, inspired the project.",
)
NAME_LISTS = (
    "Green Electrification, Sport Finland, Digital Health Network, Photonics",
    "Jyväskylä, Hämeenlinna, Lappeenranta, Seinäjoki, Kuopio, Rovaniemi",
    "Pirkanmaan liitto / Birkalands förbund / Council of Tampere Region",
    "Innokaupungit – Innostäderna – InnoCities",
)


@pytest.mark.parametrize(
    ("lang", "text"),
    [("fi", t) for t in FI_WITH_EN_NAMES] + [("sv", t) for t in SV_WITH_FI_NAMES] + [("en", t) for t in EN_WITH_NAMES],
)
def test_own_language_prose_full_of_names_and_loanwords_is_never_doubted(lang: str, text: str) -> None:
    assert written_in(text, lang, LANGS) is None


@pytest.mark.parametrize("text", NAME_LISTS)
def test_lists_of_names_are_in_no_language(text: str) -> None:
    assert [written_in(text, lang, LANGS) for lang in LANGS] == [None, None, None]
    assert names_only(text) == ("liitto" not in text)


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        (FI_TITLE, "sv", "fi"),
        ("Städerna tar ledningsansvar för att stärka innovationsekosystem i Finland", "fi", "sv"),
        ("Cities take lead responsibility for strengthening innovation ecosystems", "sv", "en"),
        (EN_TEXT, "fi", "en"),
        ("Hyvä elämä", "sv", None),  # two words: left to the comparison with the other versions
    ],
)
def test_text_clearly_in_another_site_language_is_named(text: str, lang: str, found: str | None) -> None:
    assert written_in(text, lang, LANGS) == found
    assert written_in(text, found or lang, LANGS) is None


def test_code_links_and_addresses_do_not_count() -> None:
    text = "Lue lisää [täältä](https://example.org/the-english-page-about-the-project) tai `the command here`."
    assert content_words(plain_text(text)) == ["lisää", "täältä", "tai"]


def test_a_site_language_the_model_does_not_know_is_never_judged() -> None:
    assert written_in("Hankkeen tavoitteena on nopeuttaa teollisuuden sähköistymistä", "xx", ("fi", "xx")) is None
