"""The prepared language model: made once in the cache folder, read by later builds, ignored when damaged."""

from __future__ import annotations

from pathlib import Path

from innosite.content.language import identifier, written_in
from innosite.speed.language_model import prepared_model

LANGS = ("fi", "sv", "en")
SWEDISH = "Städerna tar ledningsansvar för att stärka innovationsekosystem i Finland"


def test_the_prepared_model_judges_as_py3langid_does(tmp_path: Path) -> None:
    path = prepared_model(tmp_path, LANGS)
    assert path is not None and path.parent == tmp_path
    model, known = identifier(LANGS, path)
    assert known == LANGS and model is not identifier(LANGS)[0]  # read from the file, not the same object
    assert written_in(SWEDISH, "fi", LANGS, path) == "sv"
    assert model.rank(SWEDISH) == identifier(LANGS)[0].rank(SWEDISH)


def test_the_model_is_prepared_once(tmp_path: Path) -> None:
    path = prepared_model(tmp_path, LANGS)
    assert path is not None
    made = path.stat().st_mtime_ns
    assert prepared_model(tmp_path, LANGS) == path and path.stat().st_mtime_ns == made
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_a_damaged_prepared_model_is_ignored(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.pickle"
    damaged.write_bytes(b"not a pickle")
    assert identifier(LANGS, damaged)[1] == LANGS
    assert written_in(SWEDISH, "fi", LANGS, damaged) == "sv"


def test_a_cache_folder_that_cannot_be_written_prepares_nothing(tmp_path: Path) -> None:
    assert prepared_model(tmp_path / "missing", LANGS) is None
