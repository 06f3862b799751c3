"""`python build.py status`: missing languages and out-of-date translations, as text and JSON."""

from __future__ import annotations

import json

import pytest

FI_UPDATED = """---
title: Kaupungit ottavat vetovastuuta
summary: Vetovastuuhankkeet edistävät alueiden kumppanuutta.
updated: 2022-09-20 10:00
---
Kuusi vetovastuuhanketta, päivitetty teksti.
"""


@pytest.fixture
def behind(site_dir, edit):
    """The tiny site with sport news lacking Swedish and the Swedish lead release out of date."""
    edit("press/2023-01-10-sport-news/sv.md", None)
    edit("press/2022-09-13-lead-projects/fi.md", FI_UPDATED)
    return site_dir


def test_status_text_lists_missing_swedish_and_stale_translation(behind, run):
    result = run("status")
    assert result.code == 0
    assert result.out == (
        "Translation status (required languages: fi, sv): 1 entry lacks a required language, "
        "1 translation is out of date.\n"
        "Next scheduled publication: none.\n"
        "\n"
        "Press releases (2)\n"
        "  missing a required language:\n"
        "    2023-01-10-sport-news: no sv (python build.py new press 2023-01-10-sport-news --lang sv)\n"
        "  missing other languages:\n"
        "    2022-09-13-lead-projects: no en (python build.py new press 2022-09-13-lead-projects --lang en)\n"
        "    2023-01-10-sport-news: no en (python build.py new press 2023-01-10-sport-news --lang en)\n"
        "  out of date (the source was updated after the translation):\n"
        "    content/press/2022-09-13-lead-projects/sv.md: last dated 2022-09-14 11:16, "
        "but fi.md was updated 2022-09-20 10:00\n"
        "\n"
        "Projects (1)\n"
        "  every language present and up to date\n"
        "\n"
        "Pages (1)\n"
        "  missing other languages:\n"
        "    about: no en (python build.py new page about --lang en)\n"
    )


def test_status_json_for_scripts(behind, run):
    result = run("status", "--json")
    assert result.code == 0
    report = json.loads(result.out)
    assert report["required_languages"] == ["fi", "sv"]
    press = report["sections"][0]
    assert press["section"] == "press"
    assert press["missing_required"] == [
        {
            "id": "2023-01-10-sport-news",
            "folder": "content/press/2023-01-10-sport-news",
            "title": "Urheilu yhdistää kaupungit",
            "languages": ["sv"],
            "draft": False,
            "scheduled": False,
        }
    ]
    assert press["stale"] == [
        {
            "id": "2022-09-13-lead-projects",
            "folder": "content/press/2022-09-13-lead-projects",
            "language": "sv",
            "file": "content/press/2022-09-13-lead-projects/sv.md",
            "source_language": "fi",
            "source_updated": "2022-09-20T10:00+03:00",
            "translation_date": "2022-09-14T11:16+03:00",
            "draft": False,
            "scheduled": False,
            "changed_parts": [],
        }
    ]
    assert report["errors"] == []


def test_translation_updated_after_the_source_is_not_stale(behind, run, edit):
    sv = (behind / "content/press/2022-09-13-lead-projects/sv.md").read_text(encoding="utf-8")
    edit("press/2022-09-13-lead-projects/sv.md", sv.replace("published: 2022-09-14 11:16", "updated: 2022-09-21 08:00"))
    assert json.loads(run("status", "--json").out)["sections"][0]["stale"] == []


def test_drafts_are_in_the_report_marked(behind, run, edit):
    meta = (behind / "content/press/2023-01-10-sport-news/meta.yaml").read_text(encoding="utf-8")
    edit("press/2023-01-10-sport-news/meta.yaml", meta + "draft: true\n")
    result = run("status")
    assert "    2023-01-10-sport-news (draft): no sv (" in result.out


def test_status_names_content_errors_and_fails(behind, run, edit):
    edit("projects/photonics-ecosystem/sv.md", "---\ntitel: Fotonik\n---\n")
    result = run("status")
    assert result.code == 1
    assert "1 error(s): the entries they are in are not in this report." in result.out
    assert 'content/projects/photonics-ecosystem/sv.md:2: unknown key "titel": the keys are in English' in result.err
