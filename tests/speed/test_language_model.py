"""The prepared language model: written once by the processes that read py3langid's, read by later builds,
passed over when damaged."""

from __future__ import annotations

from pathlib import Path

from innosite.content.language import identifier, written_in
from innosite.speed import language_model
from innosite.speed.language_model import PREFIX, model_path, prepare_model

LANGS = ("fi", "sv", "en")
SWEDISH = "Städerna tar ledningsansvar för att stärka innovationsekosystem i Finland"


def prepared(folder: Path) -> Path:
    prepare_model.cache_clear()  # as in a new process
    path = model_path(folder, LANGS)
    assert path is not None and path.name.startswith(PREFIX) and path.parent == folder
    prepare_model(path, LANGS)
    return path


def test_the_prepared_model_judges_as_py3langid_does(tmp_path: Path) -> None:
    path = prepared(tmp_path)
    identifier.cache_clear()  # as in a later build's process
    model, known = identifier(LANGS, path)
    assert known == LANGS and model is not identifier(LANGS)[0]  # read from the file, not the same object
    assert written_in(SWEDISH, "fi", LANGS, path) == "sv"
    assert model.rank(SWEDISH) == identifier(LANGS)[0].rank(SWEDISH)


def test_the_model_is_prepared_once_and_an_older_one_removed(tmp_path: Path, monkeypatch) -> None:
    older = tmp_path / f"{PREFIX}0.1-fi-sv-en.pickle"  # an earlier layout
    older.write_bytes(b"an older version's")
    path = prepared(tmp_path)
    made = path.stat().st_mtime_ns
    prepare_model.cache_clear()  # another process: it reads the file, finds it good, leaves it
    prepare_model(path, LANGS)
    assert path.stat().st_mtime_ns == made
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left, the older one gone
    reads = []
    monkeypatch.setattr(language_model, "read_prepared", lambda *args: reads.append(args))
    for _ in range(3):  # a worker is asked after each chunk of entries it loads: it looks at the file once
        prepare_model(path, LANGS)
    assert reads == []


def test_a_damaged_or_missing_prepared_model_is_passed_over_and_written_again(tmp_path: Path) -> None:
    path = prepared(tmp_path)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 1  # one bit of the tokenizer's table
    for damage in (b"not a model", bytes(data), path.read_bytes()[:-4]):
        path.write_bytes(damage)
        identifier.cache_clear()
        assert identifier(LANGS, path)[0] is identifier(LANGS)[0]  # passed over: py3langid's own
        assert written_in(SWEDISH, "fi", LANGS, path) == "sv"
        prepare_model.cache_clear()  # the next build's processes
        prepare_model(path, LANGS)
        identifier.cache_clear()
        assert identifier(LANGS, path)[0] is not identifier(LANGS)[0]  # the file is read again
    assert identifier(LANGS, tmp_path / "missing.model")[1] == LANGS


def test_a_cache_folder_that_cannot_be_written_prepares_nothing(tmp_path: Path) -> None:
    path = model_path(tmp_path / "missing", LANGS)
    assert path is not None
    prepare_model(path, LANGS)
    assert not path.exists()


def test_a_build_loading_in_its_workers_prepares_the_model_and_a_small_one_does_not(
    site_dir: Path, run, edit, monkeypatch
) -> None:
    from innosite.speed.workers import Workers

    assert run("--out", "site", "--no-search", "--jobs", "2").code == 0  # a few entries: loaded here
    assert list((site_dir / ".cache").glob(f"{PREFIX}*")) == []
    monkeypatch.setattr(Workers, "parallel", lambda self, count, least=1: self.jobs > 1 and count > 0)
    edit(
        "press/2022-09-13-lead-projects/sv.md",
        "---\ntitle: Städerna\nsummary: Städerna leder.\n---\n" + SWEDISH + ".\n",
    )
    assert run("--out", "site", "--no-search", "--jobs", "2").code == 0  # loaded in a worker: it writes the file
    assert len(list((site_dir / ".cache").glob(f"{PREFIX}*"))) == 1
