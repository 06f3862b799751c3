"""The description (alt text) of an entry's photo: what is missing is said in plain words, naming the language; a
one-word description and one text for every language are warnings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

REL = "content/press/2022-09-13-lead-projects"
DESCRIBE = "describe what the picture shows, for readers who cannot see it"


@pytest.fixture
def with_photo(site_dir: Path, edit):
    """Write meta.yaml's image (the lines after `image:\\n  src: kuva.jpg\\n`) into the tiny site's release, which
    is in Finnish and Swedish; the line of `image:` is 11."""
    Image.new("RGB", (900, 500), (0, 59, 115)).save(site_dir / REL / "kuva.jpg")
    meta = (site_dir / REL / "meta.yaml").read_text(encoding="utf-8")
    assert meta.count("\n") == 10

    def _write(alt_lines: str) -> None:
        edit("press/2022-09-13-lead-projects/meta.yaml", meta + "image:\n  src: kuva.jpg\n" + alt_lines)

    return _write


@pytest.mark.parametrize(
    ("alt_lines", "expected"),
    [
        (
            "",
            f"meta.yaml:11: the photo has no description (image.alt): {DESCRIBE}, a line per language (fi:, sv:, en:)",
        ),
        (
            "  alt:\n",
            f"meta.yaml:13: the photo has no description (image.alt): {DESCRIBE}, a line per language (fi:, sv:, en:)",
        ),
        (
            "  alt:\n    fi: Kolme pyöräilijää torilla\n    en: Three cyclists on the square\n",
            f"meta.yaml:13: the photo has no description in Swedish (image.alt sv:): {DESCRIBE}",
        ),
        (
            '  alt:\n    fi: ""\n    sv: Tre cyklister på torget\n    en: Three cyclists on the square\n',
            f"meta.yaml:14: the photo has no description in Finnish (image.alt fi:): {DESCRIBE}",
        ),
    ],
    ids=["no alt", "alt with nothing", "a language missing", "a language empty"],
)
def test_a_missing_description_names_the_language(with_photo, run, alt_lines: str, expected: str) -> None:
    with_photo(alt_lines)
    result = run("check")
    assert (result.code, result.err.splitlines()) == (1, [f"{REL}/{expected}", "1 error(s)."])


def test_a_one_word_description_is_a_warning(with_photo, run) -> None:
    with_photo("  alt:\n    fi: kuva\n    sv: Bild.\n    en: Three cyclists on the square\n")
    result = run("check")
    assert (result.code, result.err.splitlines()) == (
        0,
        [
            f'{REL}/meta.yaml:14: warning: the photo\'s description in Finnish is one word ("kuva"): describe in a'
            " sentence what the picture shows, for readers who cannot see it",
            f'{REL}/meta.yaml:15: warning: the photo\'s description in Swedish is one word ("Bild."): describe in a'
            " sentence what the picture shows, for readers who cannot see it",
        ],
    )


def test_one_description_for_every_language_is_a_warning_on_a_release_in_several(with_photo, run) -> None:
    """A plain string is a translated value for every language (SPEC), but each page would read the same words."""
    with_photo("  alt: Kolme pyöräilijää Oulun torilla\n")
    result = run("check")
    assert (result.code, result.err.splitlines()) == (
        0,
        [
            f'{REL}/meta.yaml:13: warning: the photo has one description for every language (image.alt: "Kolme'
            ' pyöräilijää Oulun torilla"): the Finnish and Swedish pages read the same text; write it a line per'
            " language under alt: (fi:, sv:, en:)",
        ],
    )
    assert run("check", "--strict").code == 1


def test_one_description_is_fine_for_a_release_in_one_language(with_photo, run, edit) -> None:
    edit("press/2022-09-13-lead-projects/sv.md", None)
    with_photo("  alt: kuvituskuva\n")
    warnings = [line for line in run("check").err.splitlines() if "photo" in line]
    assert warnings == [
        f'{REL}/meta.yaml:13: warning: the photo\'s description is one word ("kuvituskuva"): describe in a sentence'
        " what the picture shows, for readers who cannot see it"
    ]


def test_a_description_per_language_in_sentences_says_nothing(with_photo, run) -> None:
    with_photo(
        "  alt:\n    fi: Kolme pyöräilijää Oulun torilla\n    sv: Tre cyklister på torget i Uleåborg\n"
        "    en: Three cyclists on Oulu market square\n"
    )
    assert (run("check", "--strict").code, run("check").err) == (0, "")
