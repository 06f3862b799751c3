"""Placeholders never go public: the examples `new` writes, TODO lines, a press release without text or summary."""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image

RELEASE = "content/press/2024-03-01-kaupungit-kokeilevat"
PROJECT = "content/projects/vetyhanke"


def uncomment(path: Path, *keys: str) -> None:
    """What an author does with an optional setting: delete the '# ' before it (and its lines)."""
    text = path.read_text(encoding="utf-8")
    for key in keys:
        text = re.sub(rf"^# ({key}:.*(?:\n#   .*)*)", lambda m: m.group(1).replace("\n#   ", "\n  "), text, flags=re.M)
    path.write_text(text, encoding="utf-8")


def test_examples_left_in_a_release_about_to_be_published_are_errors(site_dir: Path, run) -> None:
    run("new", "press", "Kaupungit kokeilevat", "--date", "2024-03-01 09:30")
    Image.new("RGB", (800, 450), (0, 59, 115)).save(site_dir / RELEASE / "kuva.jpg")
    uncomment(site_dir / RELEASE / "meta.yaml", "themes", "contacts", "image", "aliases")
    uncomment(site_dir / RELEASE / "fi.md", "slug", "summary")
    with (site_dir / RELEASE / "fi.md").open("a", encoding="utf-8") as fi:
        fi.write("Kaupungit kokeilevat uutta.\n\n- TODO: lainaus pormestarilta\n")
    assert run("check", "--drafts").code == 0  # a draft is where examples are written
    meta = site_dir / RELEASE / "meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("draft: true", "draft: false"), encoding="utf-8")
    result = run("check")
    assert result.code == 1
    assert result.err.splitlines() == [
        f'{RELEASE}/fi.md:4: the slug "address-of-the-page" is the example from new: write an address, or delete the line',
        f'{RELEASE}/fi.md:5: the summary "One or two sentences." is the example from new: write the lead paragraph',
        f"{RELEASE}/fi.md:5: warning: the summary is written in English, not in Finnish: translate it",
        f'{RELEASE}/fi.md:11: "TODO" left in the text: finish it, or keep the entry a draft (draft: true)',
        f'{RELEASE}/meta.yaml:10: the name "Etunimi Sukunimi" is the example from new: write the real one, or delete the contact',
        f'{RELEASE}/meta.yaml:15: the phone "040 123 4567" is the example from new: write the real one, or delete the contact',
        f'{RELEASE}/meta.yaml:16: the email "etunimi.sukunimi@example.fi" is the example from new: write the real one, or delete the contact',
        f'{RELEASE}/meta.yaml:20: the alt text "Mitä kuvassa näkyy" is the example from new: say what the picture shows',
        f'{RELEASE}/meta.yaml:21: the alt text "Vad bilden visar" is the example from new: say what the picture shows',
        f'{RELEASE}/meta.yaml:22: the alt text "What the picture shows" is the example from new: say what the picture shows',
        f'{RELEASE}/meta.yaml:23: the credit "Etunimi Sukunimi" is the example from new: write who took the photo, or delete the line',
        f'{RELEASE}/meta.yaml:25: the alias "/fi/vanha/osoite/" is the example from new: write the old address, or delete the line',
        "11 error(s).",
    ]


def test_a_project_about_to_be_published_with_the_example_website(site_dir: Path, run) -> None:
    run("new", "project", "Vetyhanke")
    meta = site_dir / PROJECT / "meta.yaml"
    text = meta.read_text(encoding="utf-8").replace("draft: true", "").replace("# website:", "website:")
    text = text.replace("themes: ", "themes: [sport]").replace("lead_city: ", "lead_city: oulu")
    meta.write_text(text.replace("cities: ", "cities: [oulu, tampere, joensuu]"), encoding="utf-8")
    assert run("check").err.splitlines() == [
        f'{PROJECT}/meta.yaml:8: the website "https://example.fi/" is the example from new: write the real address',
        "1 error(s).",
    ]


def test_a_published_release_needs_its_text_and_summary_a_page_does_not(site_dir: Path, run, edit) -> None:
    edit("press/2023-01-10-sport-news/sv.md", "---\ntitle: Idrotten förenar städerna\n---\n\n")
    edit("pages/about/sv.md", "---\ntitle: Om programmet\n---\n")
    result = run("check")
    assert result.code == 1
    assert result.err.splitlines()[:-1] == [
        'content/press/2023-01-10-sport-news/sv.md:2: "summary" is missing: a press release needs its lead paragraph'
        " (shown in listings, feeds and search) before it is published",
        "content/press/2023-01-10-sport-news/sv.md:3: the press release has no text: write it below this line, or"
        " keep it a draft",
    ]
    edit("press/2023-01-10-sport-news/meta.yaml", "published: 2023-01-10 09:00\ndraft: true\n")
    assert run("check").code == 0
    assert run("check", "--drafts").code == 0


def test_todo_in_a_title_or_summary(site_dir: Path, run, edit) -> None:
    edit("press/2023-01-10-sport-news/fi.md", "---\ntitle: TODO otsikko\nsummary: Lyhyesti.\n---\nTeksti.\n")
    edit("pages/about/fi.md", "---\ntitle: Tietoa\nsummary: TODO\n---\nTeksti.\n")
    assert run("check").err.splitlines()[:-1] == [
        'content/pages/about/fi.md:3: "TODO" left in the summary: finish it, or keep the entry a draft (draft: true)',
        'content/press/2023-01-10-sport-news/fi.md:2: "TODO" left in the title: finish it, or keep the entry a draft'
        " (draft: true)",
    ]


def test_todo_fixme_and_xxx_anywhere_in_the_text_are_errors_at_their_lines(site_dir: Path, run, edit) -> None:
    edit(
        "press/2023-01-10-sport-news/fi.md",
        "---\ntitle: Urheilu yhdistää kaupungit (todo)\nsummary: Kaupungit tekevät yhteistyötä. FIXME luvut\n---\n"
        "Hanke kestää kaksi vuotta. TODO tarkista kesto\n\n"
        "(TODO: lisää kommentti)\n\n"
        "todo: lisää kommentti\n\n"
        "XXX lisää kommentti tähän\n\n"
        "Korjattava: _fixme_.\n",
    )
    result = run("check")
    assert result.code == 1
    fi = "content/press/2023-01-10-sport-news/fi.md"
    draft = "finish it, or keep the entry a draft (draft: true)"
    assert result.err.splitlines() == [
        f'{fi}:2: "todo" left in the title: {draft}',
        f'{fi}:3: "FIXME" left in the summary: {draft}',
        f'{fi}:5: "TODO" left in the text: {draft}',
        f'{fi}:7: "TODO" left in the text: {draft}',
        f'{fi}:9: "todo" left in the text: {draft}',
        f'{fi}:11: "XXX" left in the text: {draft}',
        f'{fi}:13: "fixme" left in the text: {draft}',
        "7 error(s).",
    ]
    edit("press/2023-01-10-sport-news/meta.yaml", "published: 2023-01-10 09:00\ndraft: true\n")
    assert run("check", "--published-only").code == 0  # a draft is where notes are left


def test_words_that_only_look_like_todo_or_xxx_are_not_notes(site_dir: Path, run, edit) -> None:
    edit(
        "press/2023-01-10-sport-news/fi.md",
        "---\ntitle: Urheilu yhdistää kaupungit Toledossa\nsummary: Kaupungit tekevät yhteistyötä.\n---\n"
        "Delegaatio vieraili Toledossa; tulokset todotaan ja todo-lista jaetaan. Koot S–XXXL, ja Xxx Oy.\n\n"
        "Lisää: [tehtävät](https://todo.example.fi/todo/), <https://www.todo.fi/> ja todo@example.fi.\n",
    )
    edit(
        "press/2023-01-10-sport-news/sv.md",
        "---\ntitle: Idrotten förenar städerna\nsummary: Städerna samarbetar.\n---\n"
        "Toledo, todos och fixmeister: inga anteckningar. The to-do list is shared.\n",
    )
    result = run("check")
    assert (result.code, result.err) == (0, "")
