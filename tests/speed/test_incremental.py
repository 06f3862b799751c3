"""Incremental builds with the cache: always the bytes a cold build writes, and only changed files touched."""

from __future__ import annotations

import functools
import io
import os
import random
import re
import shutil
import sqlite3
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from innosite.build import PACKAGE, BuildOptions, build
from innosite.content.load import RACY_NS
from innosite.markup.markdown import MarkdownRenderer
from innosite.problems import Problems
from tests.conftest import images_made_once, read_tree
from tests.fixture_images.add import HERE as IMAGES
from tests.fixture_images.add import SHARE_IMAGE
from tests.media.conftest import camera_exif, photo

NOW = datetime(2026, 1, 1, tzinfo=UTC)
WORDS = [
    "kaupunki",
    "hanke",
    "innovaatio",
    "ekosysteemi",
    "fotoniikka",
    "urheilu",
    "vesi",
    "energia",
    "data",
    "terveys",
]
SWEDISH = dict(
    zip(
        WORDS,
        ["staden", "projektet", "innovation", "ekosystemet", "fotonik", "idrott", "vatten", "energi", "data", "hälsa"],
        strict=True,
    )
)


@functools.cache
def press_photo(seed: int) -> bytes:
    """A small photo with a camera's EXIF and GPS position (made once per seed)."""
    out = io.BytesIO()
    photo((640, 400), seed=seed).save(out, "JPEG", quality=80, exif=camera_exif(1))
    return out.getvalue()


def release(index: int, rng: random.Random, title: str | None = None) -> dict[str, str | bytes]:
    """The files of one made-up press release (Finnish and Swedish, sometimes English; every fifth a photo)."""
    words = [rng.choice(WORDS) for _ in range(40)]
    title = title or f"Tiedote {index} {rng.choice(WORDS)}"
    files = {
        "meta.yaml": f"published: 2024-{1 + index % 12:02d}-{1 + index % 28:02d} 10:{index % 60:02d}\n"
        f"themes: [{rng.choice(['photonics', 'sport'])}]\ncities: [tampere]\n"
        + ("projects: [photonics-ecosystem]\n" if index % 4 == 0 else ""),
        "fi.md": f"---\ntitle: {title}\nsummary: Lyhyesti {index}.\n---\n\n"
        f"## Otsikko\n\n{' '.join(words)}\n\n- yksi\n- kaksi\n",
        "sv.md": f"---\ntitle: Meddelande {index}\nsummary: Kort {index}.\n---\n\n{' '.join(SWEDISH[word] for word in reversed(words))}\n",
    }
    if index % 3 == 0:
        files["en.md"] = f"---\ntitle: Release {index}\nsummary: In short {index}.\n---\n\nText {index}.\n"
    if index % 5 == 0:
        files["meta.yaml"] += f"image: {{src: kuva.jpg, alt: Kuva kaupungista {index}, credit: Kuvaaja {index}}}\n"
        files["kuva.jpg"] = press_photo(index)
    return files


def write_entry(folder: Path, files: dict[str, str | bytes]) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, content in files.items():
        if isinstance(content, bytes):
            (folder / name).write_bytes(content)
        else:
            (folder / name).write_text(content, encoding="utf-8")


@pytest.fixture
def big_site(site_dir: Path) -> Path:
    """The tiny site with 70 more releases (every fifth with a photo) and a logo for the default share images:
    enough for the worker processes to start."""
    shutil.copyfile(IMAGES / "logo.png", site_dir / "content" / "logo.png")
    with (site_dir / "content" / "site.yaml").open("a", encoding="utf-8") as site:
        site.write(SHARE_IMAGE)
    rng = random.Random(6)
    for index in range(70):
        write_entry(site_dir / "content" / "press" / f"2024-r{index:03d}", release(index, rng))
    return site_dir


def options(root: Path, out: str, **extra) -> BuildOptions:
    return BuildOptions(content=root / "content", out=root / out, search=False, now=NOW, **extra)


def cold(root: Path, templates: Path | None = None) -> dict[str, bytes]:
    """A fresh build without the cache, in a new folder: the reference."""
    shutil.rmtree(root / "cold", ignore_errors=True)
    extra = {"templates": templates} if templates else {}
    with images_made_once():
        build(options(root, "cold", cache=False, jobs=1, **extra), Problems())
    tree = read_tree(root / "cold")
    shutil.rmtree(root / "cold")
    return tree


def stats(root: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(root).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino) for p in root.rglob("*") if p.is_file()
    }


def test_two_processes_write_the_same_bytes_as_one(big_site: Path) -> None:
    one = build(options(big_site, "one", jobs=1, cache=False), Problems())
    two = build(options(big_site, "two", jobs=2, cache=False), Problems())
    assert one.pages == two.pages > 200
    assert read_tree(big_site / "one") == read_tree(big_site / "two")


def test_a_rebuild_without_changes_touches_no_file(big_site: Path) -> None:
    build(options(big_site, "site"), Problems())
    before = stats(big_site / "site")
    result = build(options(big_site, "site"), Problems())
    assert result.changed == 0
    assert stats(big_site / "site") == before


def test_an_edit_rewrites_only_the_files_whose_bytes_change(big_site: Path) -> None:
    build(options(big_site, "site"), Problems())
    old_bytes, old_stats = read_tree(big_site / "site"), stats(big_site / "site")
    page = big_site / "content" / "press" / "2024-r010" / "fi.md"
    page.write_text(page.read_text(encoding="utf-8").replace("## Otsikko", "## Uusi otsikko"), encoding="utf-8")
    result = build(options(big_site, "site"), Problems())
    new_bytes, new_stats = read_tree(big_site / "site"), stats(big_site / "site")
    changed = {path for path in new_bytes if new_bytes[path] != old_bytes.get(path)}
    # its Finnish page, the English notice page showing the Finnish text, and the feeds carrying that text: the
    # language's and those of its theme and city
    assert "fi/tiedotteet/tiedote-10-ekosysteemi/index.html" in changed
    assert changed <= {
        "fi/tiedotteet/tiedote-10-ekosysteemi/index.html",
        "en/press-releases/tiedote-10-ekosysteemi/index.html",
        "fi/feed.xml",
        "fi/teemat/urheilu/feed.xml",
        "fi/kaupungit/tampere/feed.xml",
    }
    assert result.changed == len(changed)
    assert {path for path in new_stats if new_stats[path] != old_stats.get(path)} == changed
    assert new_bytes == cold(big_site)


def test_a_file_changed_by_hand_in_the_output_is_rewritten(big_site: Path) -> None:
    build(options(big_site, "site"), Problems())
    (big_site / "site" / "fi" / "index.html").write_text("vandalised", encoding="utf-8")
    (big_site / "site" / "en" / "index.html").unlink()
    build(options(big_site, "site"), Problems())
    assert read_tree(big_site / "site") == cold(big_site)


def test_files_added_by_hand_to_the_output_go_with_a_build_without_the_cache(big_site: Path) -> None:
    build(options(big_site, "site"), Problems())
    (big_site / "site" / "stray.txt").write_text("left here", encoding="utf-8")
    build(options(big_site, "site", cache=False), Problems())
    build(options(big_site, "site"), Problems())
    (big_site / "content" / "press" / "2024-r001" / "fi.md").write_text(
        "---\ntitle: Uusi\nsummary: Uusi.\n---\n\nUusi.\n"
    )
    build(options(big_site, "site"), Problems())  # the spare folder (the old output) is cleaned too
    assert read_tree(big_site / "site") == cold(big_site)


def test_an_unreadable_cache_is_started_afresh(big_site: Path) -> None:
    build(options(big_site, "site"), Problems())
    (big_site / ".cache" / "innosite.sqlite3").write_bytes(b"not a database")
    for name in ("innosite.sqlite3-wal", "innosite.sqlite3-shm"):
        (big_site / ".cache" / name).unlink(missing_ok=True)
    build(options(big_site, "site"), Problems())
    assert read_tree(big_site / "site") == cold(big_site)


def test_entries_cached_by_another_version_of_the_generator_are_loaded_again(big_site: Path) -> None:
    """Rows whose key is stale and whose format is unknown (an update of the code) are not read, only replaced."""
    build(options(big_site, "site"), Problems())
    with sqlite3.connect(big_site / ".cache" / "innosite.sqlite3") as db:
        db.execute("UPDATE folders SET key = 'older', value = ?", (b"a format this version cannot read",))
    build(options(big_site, "site"), Problems())
    assert read_tree(big_site / "site") == cold(big_site)


def test_bodies_are_not_rendered_again_when_only_what_entries_are_checked_against_changes(
    big_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new theme reloads every entry (the known ids changed), but no body's Markdown is read again; an
    edited language file is the only body rendered after it."""
    rendered: list[str] = []
    original = MarkdownRenderer.render
    monkeypatch.setattr(
        MarkdownRenderer,
        "render",
        lambda self, source, context: rendered.append(source) or original(self, source, context),
    )
    build(options(big_site, "site", jobs=1), Problems())
    assert len(rendered) > 140
    themes = big_site / "content" / "themes.yaml"
    themes.write_text(themes.read_text(encoding="utf-8") + "water: {fi: Vesi, sv: Vatten, en: Water}\n", "utf-8")
    rendered.clear()
    build(options(big_site, "site", jobs=1), Problems())
    assert rendered == []
    path = big_site / "content" / "press" / "2024-r005" / "fi.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nLisäys.\n", encoding="utf-8")
    build(options(big_site, "site", jobs=1), Problems())
    assert len(rendered) == 1 and rendered[0].endswith("Lisäys.\n")
    assert read_tree(big_site / "site") == cold(big_site)


ACTIONS = ["edit", "title", "add", "delete", "rename", "template", "date", "project", "theme", "photo", "logo"]


def _random_change(root: Path, rng: random.Random, step: int, templates: Path, action: str) -> str:
    """Edit, add, delete or rename an entry, rename a project or theme, or change a template; returns what was done."""
    content = root / "content"
    press = content / "press"
    ids = sorted(p.name for p in press.iterdir() if p.name.startswith("2024-r"))
    victim = press / rng.choice(ids)
    if action == "edit":
        path = victim / "fi.md"
        path.write_text(path.read_text(encoding="utf-8") + f"\nLisäys {step}.\n", encoding="utf-8")
    elif action == "title":
        write_entry(victim, release(int(victim.name[-3:]), rng, title=f"Uusi nimi {step}"))
    elif action == "add":
        write_entry(press / f"2024-r{100 + step:03d}", release(100 + step, rng))
    elif action == "delete":
        shutil.rmtree(victim)
    elif action == "rename":
        victim.rename(press / f"2024-r{200 + step:03d}")
    elif action == "project":  # shown on the pages of the releases that name it
        path = content / "projects" / "photonics-ecosystem" / "fi.md"
        path.write_text(path.read_text(encoding="utf-8").replace("title: ", f"title: {step} ", 1), encoding="utf-8")
    elif action == "theme":  # shown on every page of a release with that theme
        path = content / "themes.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("fi: ", f"fi: {step} ", 1), encoding="utf-8")
    elif action == "photo":  # another photo under the same name, or a photo for a release without one
        (victim / "kuva.jpg").write_bytes(press_photo(1000 + step))
        meta = victim / "meta.yaml"
        if "image:" not in meta.read_text(encoding="utf-8"):
            meta.write_text(
                meta.read_text(encoding="utf-8")
                + "image: {src: kuva.jpg, alt: {fi: Kuva kaupungista, sv: Bild av staden, en: A picture of the city}}\n",
                encoding="utf-8",
            )
    elif action == "logo":  # the default share images change, no page does
        logo = Image.open(content / "logo.png")
        logo.rotate(90 * (step + 1)).save(content / "logo.png")
    elif action == "date":
        path = victim / "meta.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("2024-", "2023-", 1), encoding="utf-8")
    else:
        base = templates / "base.html"
        base.write_text(
            base.read_text(encoding="utf-8") + f"{{# change {step} #}}\n<!-- {step} -->\n", encoding="utf-8"
        )
    return f"{action} {victim.name}"


def test_random_changes_rebuild_to_the_bytes_of_a_cold_build(big_site: Path) -> None:
    """Seeded and bounded: after every change (each kind at least once), the cached build equals a fresh build."""
    templates = big_site / "templates"
    shutil.copytree(PACKAGE / "templates", templates)
    rng = random.Random(2026)
    build(options(big_site, "site", templates=templates), Problems())
    actions = ACTIONS + [rng.choice(ACTIONS) for _ in range(2)]
    rng.shuffle(actions)
    for step, action in enumerate(actions):
        done = _random_change(big_site, rng, step, templates, action)
        build(options(big_site, "site", templates=templates, jobs=1 + step % 2), Problems())
        assert read_tree(big_site / "site") == cold(big_site, templates), f"after step {step}: {done}"


def test_progress_is_shown_only_on_a_terminal(big_site: Path, run) -> None:
    result = run("--no-search", "--jobs", "2", cwd=big_site)
    assert result.code == 0, result.err
    assert "Rendering" not in result.err and "\r" not in result.err


def test_progress_counts_pages_done() -> None:
    import io

    from innosite.speed.progress import Progress

    stream = io.StringIO()
    progress = Progress(True, stream)
    done = progress.stage("Rendering pages", 300)
    done(100)
    done(200)
    progress.finish()
    assert "Rendering pages 300/300" in stream.getvalue()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_progress_counts_the_pages_of_a_build_with_two_processes(
    big_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every page counted once: the processes get their pages pickled, but count pages, not bytes."""
    build(options(big_site, "site", jobs=2, progress=True), Problems())
    shown = [
        (int(done), int(total)) for done, total in re.findall(r"Rendering pages (\d+)/(\d+)", capsys.readouterr().err)
    ]
    assert shown and all(done <= total for done, total in shown)
    assert shown[-1][0] == shown[-1][1] > 200


@pytest.mark.parametrize("jobs", ["0", "many"])
def test_jobs_must_be_a_positive_number(site_dir: Path, run, jobs: str) -> None:
    result = run("--jobs", jobs)
    assert result.code == 2
    assert "expected a number of processes" in result.err


def test_no_cache_leaves_no_cache_folder(site_dir: Path, run) -> None:
    result = run("--no-search", "--no-cache")
    assert result.code == 0, result.err
    assert not (site_dir / ".cache").exists()
    assert os.path.isfile(site_dir / "site" / "index.html")


def test_the_search_index_is_kept_when_nothing_changed_and_remade_after_an_edit(site_dir: Path) -> None:
    opts = BuildOptions(content=site_dir / "content", out=site_dir / "site", now=NOW)
    build(opts, Problems())
    before = stats(site_dir / "site")
    assert any(path.startswith("pagefind/") for path in before)
    assert build(opts, Problems()).changed == 0
    assert stats(site_dir / "site") == before
    page = site_dir / "content" / "press" / "2023-01-10-sport-news" / "fi.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUusi kappale hakua varten.\n", encoding="utf-8")
    build(opts, Problems())
    shutil.rmtree(site_dir / "cold", ignore_errors=True)
    build(BuildOptions(content=site_dir / "content", out=site_dir / "cold", now=NOW, cache=False), Problems())
    assert read_tree(site_dir / "site") == read_tree(site_dir / "cold")


def test_a_first_build_that_fails_while_rendering_leaves_no_site_and_the_next_build_is_whole(big_site: Path) -> None:
    """A first build writes its pages as they render; when a later page fails, nothing of it goes live or is
    trusted by the next build."""
    templates = big_site / "templates"
    shutil.copytree(PACKAGE / "templates", templates)
    press = templates / "press.html"
    good = press.read_text(encoding="utf-8")
    press.write_text(good.replace("{{ entry.html|safe }}", '{{ 1 // 0 if entry.title == "Meddelande 69" }}'))
    with pytest.raises(ZeroDivisionError):
        build(options(big_site, "site", jobs=1, templates=templates), Problems())
    assert not (big_site / "site").exists()
    assert len(list((big_site / ".site-spare").rglob("index.html"))) > 50  # written before the failing page
    press.write_text(good, encoding="utf-8")
    result = build(options(big_site, "site", templates=templates), Problems())
    assert sorted(p.name for p in big_site.iterdir()) == [".cache", ".site-spare", "content", "site", "templates"]
    assert read_tree(big_site / "site") == cold(big_site, templates)
    assert result.changed == len(read_tree(big_site / "site"))


def test_a_first_build_leaves_a_spare_of_links_to_every_file_of_the_site(big_site: Path) -> None:
    """The next build changes the spare and swaps it in: it must hold the site's files, the same ones on disk."""
    build(options(big_site, "site", jobs=2), Problems())
    site, spare = big_site / "site", big_site / ".site-spare"
    files = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert sorted(p.relative_to(spare) for p in spare.rglob("*") if p.is_file()) == files
    assert all((site / rel).stat().st_ino == (spare / rel).stat().st_ino for rel in files)
    assert sorted(p.name for p in big_site.iterdir()) == [".cache", ".site-spare", "content", "site"]


def test_check_writes_no_output(site_dir: Path, run) -> None:
    before = sorted(p.name for p in site_dir.iterdir())
    assert run("check").code == 0
    assert sorted(p.name for p in site_dir.iterdir() if p.name != ".cache") == before


def test_a_build_after_the_site_folder_was_deleted_gives_the_site_of_now(big_site: Path) -> None:
    build(options(big_site, "site"), Problems())
    shutil.rmtree(big_site / "site")
    shutil.rmtree(big_site / "content" / "press" / "2024-r010")
    build(options(big_site, "site"), Problems())
    assert read_tree(big_site / "site") == cold(big_site)


def test_the_build_after_a_first_build_plans_nothing_again(site_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A first build records the new published addresses (a file it reads): the next one, with nothing changed,
    still takes the output as it is."""
    import innosite.build as building

    planned: list[int] = []
    real = building.plan_site
    monkeypatch.setattr(building, "plan_site", lambda *args, **kw: planned.append(1) or real(*args, **kw))
    (site_dir / "content" / "published-addresses.txt").unlink(missing_ok=True)
    opts = options(site_dir, "site", record=True)
    assert build(opts, Problems()).recorded.added > 0
    assert build(opts, Problems()).changed == 0
    assert planned == [1]


def test_a_rebuild_lists_each_entry_folder_once(big_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The link check lists every folder before anything is read; the entry cache tells a changed folder by
    that listing, instead of listing it again (5,000 folders: 20 ms a build). Only the edited folder is
    listed again, to hash its files."""
    old = time.time_ns() - 10 * RACY_NS  # files written long before the build: their listing can be trusted
    for path in (big_site / "content").rglob("*"):
        os.utime(path, ns=(old, old))
    build(options(big_site, "site"), Problems())
    listed: list[str] = []
    real = os.scandir
    monkeypatch.setattr(os, "scandir", lambda path=".": listed.append(os.fspath(path)) or real(path))
    edited = big_site / "content" / "press" / "2024-r010"
    (edited / "fi.md").write_text("---\ntitle: Uusi\nsummary: Lyhyesti.\n---\nUusi teksti.\n", encoding="utf-8")
    build(options(big_site, "site"), Problems())
    folders = Counter(path for path in listed if Path(path).parent.parent == big_site / "content")
    assert len(folders) > 70
    assert [folder for folder, times in folders.items() if times > 1] == [str(edited)]
