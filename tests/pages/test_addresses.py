"""A published address keeps working: after a change of title or slug it redirects to the page's new address, and
the address of a removed entry shows a notice, never a silent 404 (the record: content/published-addresses.txt)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Run
from tests.html import parse

LEAD = "press/2022-09-13-lead-projects"
SPORT = "press/2023-01-10-sport-news"
RECORD = "content/published-addresses.txt"
OLD_FI = "fi/tiedotteet/kaupungit-ottavat-vetovastuuta/"
NEW_FI = "fi/tiedotteet/kaupungit-ottavat-vetovastuun/"
SPORT_ADDRESSES = (
    "/en/press-releases/urheilu-yhdistaa-kaupungit/, /fi/tiedotteet/urheilu-yhdistaa-kaupungit/, "
    "/sv/pressmeddelanden/idrotten-forenar-staderna/"
)


def publish(run: Callable[..., Run], *args: str) -> Run:
    result = run("--out", "site", "--no-search", *args)
    assert result.code == 0, result.err
    return result


def retitle(site_dir: Path, rel: str, old: str, new: str) -> None:
    """Change a line of a content file as an author would (the line must be there)."""
    path = site_dir / "content" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def redirect(site_dir: Path, folder: str, out: str = "site") -> str | None:
    """Where the page at a folder of the output sends the browser (None: it is no redirect)."""
    doc = parse((site_dir / out / folder / "index.html").read_bytes())
    refresh = [m.attrs["content"] for m in doc.find_all("meta") if m.attrs.get("http-equiv") == "refresh"]
    return refresh[0].removeprefix("0; url=") if refresh else None


def record_lines(site_dir: Path) -> list[str]:
    return [line for line in (site_dir / RECORD).read_text().splitlines() if not line.startswith("#")]


def test_the_first_build_records_every_address_it_publishes(site_dir: Path, run) -> None:
    result = publish(run)
    assert result.out.splitlines()[-2] == (
        "Recorded in content/published-addresses.txt: 11 new published addresses; commit it with the content."
    )
    assert [line for line in record_lines(site_dir) if LEAD in line] == [
        f"/en/press-releases/kaupungit-ottavat-vetovastuuta/ {LEAD} en",  # the English notice page
        f"/{OLD_FI} {LEAD} fi",
        f"/sv/pressmeddelanden/staderna-tar-ledningsansvar/ {LEAD} sv",
    ]
    assert record_lines(site_dir) == sorted(record_lines(site_dir))
    assert "Recorded" not in publish(run).out  # nothing new: the file is not touched


def test_after_a_change_of_title_the_old_address_redirects_to_the_new(site_dir: Path, run) -> None:
    publish(run)
    retitle(site_dir, f"{LEAD}/fi.md", "title: Kaupungit ottavat vetovastuuta", "title: Kaupungit ottavat vetovastuun")
    result = publish(run)
    assert result.err == ""
    assert result.out.splitlines()[-2] == (
        "Recorded in content/published-addresses.txt: 2 new published addresses; commit it with the content."
    )
    assert redirect(site_dir, OLD_FI) == f"/programme/{NEW_FI}"
    doc = parse((site_dir / "site" / OLD_FI / "index.html").read_bytes())
    assert doc.find("html").attrs["lang"] == "fi"
    assert doc.find("link", rel="canonical").attrs["href"] == f"https://example.org/programme/{NEW_FI}"
    assert doc.find("meta", name="robots").attrs["content"] == "noindex"
    assert doc.find("main").text == "Sivu on siirtynyt Uusi osoite on: Kaupungit ottavat vetovastuun"
    # the English notice page lives at the original's slug: it moved too
    old_en, new_en = (
        "en/press-releases/kaupungit-ottavat-vetovastuuta/",
        "en/press-releases/kaupungit-ottavat-vetovastuun/",
    )
    assert redirect(site_dir, old_en) == f"/programme/{new_en}"
    assert redirect(site_dir, NEW_FI) is None
    assert OLD_FI not in (site_dir / "site/sitemap.xml").read_text()


def test_a_changed_slug_in_another_language_redirects_in_that_language(site_dir: Path, run) -> None:
    publish(run)
    retitle(
        site_dir,
        f"{LEAD}/sv.md",
        "title: Städerna tar ledningsansvar\n",
        "title: Städerna tar ledningsansvar\nslug: ledningsansvar\n",
    )
    publish(run)
    assert redirect(site_dir, "sv/pressmeddelanden/staderna-tar-ledningsansvar/") == (
        "/programme/sv/pressmeddelanden/ledningsansvar/"
    )
    doc = parse((site_dir / "site/sv/pressmeddelanden/staderna-tar-ledningsansvar/index.html").read_bytes())
    assert doc.find("html").attrs["lang"] == "sv"


def test_a_fresh_clone_with_the_committed_record_redirects_too(site_dir: Path, run, tmp_path: Path) -> None:
    """CI builds a fresh clone: no .cache/, no site/, only the content with its record."""
    publish(run)
    clone = tmp_path / "clone"
    shutil.copytree(site_dir / "content", clone / "content")
    assert not (clone / ".cache").exists()
    retitle(clone, f"{LEAD}/fi.md", "title: Kaupungit ottavat vetovastuuta", "title: Kaupungit ottavat vetovastuun")
    assert run("--out", "site", "--no-search", "--no-cache", cwd=clone).code == 0
    assert redirect(clone, OLD_FI) == f"/programme/{NEW_FI}"


def test_a_slug_changed_back_gives_the_page_again_and_no_loop(site_dir: Path, run) -> None:
    fi = f"{LEAD}/fi.md"
    publish(run)
    retitle(site_dir, fi, "title: Kaupungit ottavat vetovastuuta", "title: Kaupungit ottavat vetovastuun")
    publish(run)
    retitle(site_dir, fi, "title: Kaupungit ottavat vetovastuun", "title: Kaupungit ottavat vetovastuuta")
    result = publish(run)
    assert "Recorded" not in result.out and result.err == ""
    assert redirect(site_dir, OLD_FI) is None
    assert parse((site_dir / "site" / OLD_FI / "index.html").read_bytes()).find("h1").text == (
        "Kaupungit ottavat vetovastuuta"
    )
    assert redirect(site_dir, NEW_FI) == f"/programme/{OLD_FI}"


def test_every_old_address_leads_straight_to_the_newest(site_dir: Path, run) -> None:
    fi = f"{LEAD}/fi.md"
    publish(run)
    for old, new in (("vetovastuuta", "vetovastuun"), ("vetovastuun", "johtoaseman")):
        retitle(site_dir, fi, f"title: Kaupungit ottavat {old}", f"title: Kaupungit ottavat {new}")
        publish(run)
    newest = "/programme/fi/tiedotteet/kaupungit-ottavat-johtoaseman/"
    assert redirect(site_dir, OLD_FI) == newest
    assert redirect(site_dir, NEW_FI) == newest


def test_an_old_address_now_of_another_entry_is_that_page_with_a_warning(site_dir: Path, run, edit) -> None:
    publish(run)
    retitle(site_dir, f"{LEAD}/fi.md", "title: Kaupungit ottavat vetovastuuta", "title: Kaupungit ottavat vetovastuun")
    publish(run)
    retitle(site_dir, f"{SPORT}/fi.md", "title: Urheilu yhdistää kaupungit", "title: Kaupungit ottavat vetovastuuta")
    result = publish(run)
    old_en = "en/press-releases/kaupungit-ottavat-vetovastuuta/"  # the English notice pages of both follow the fi slug
    lines = [f"/{old_en} {LEAD} en", f"/{OLD_FI} {LEAD} fi"]
    assert result.err.splitlines() == [
        f"{RECORD}: warning: an old address now leads to another page: {line.split()[0]} was published for {LEAD}, "
        f'and is now the address of content/{SPORT}/fi.md; if that is meant, delete the line "{line}"'
        for line in lines
    ]
    assert redirect(site_dir, OLD_FI) is None
    assert "Uutinen vain suomeksi ja ruotsiksi." in parse((site_dir / "site" / OLD_FI / "index.html").read_bytes()).text
    kept = [line for line in (site_dir / RECORD).read_text().splitlines() if line not in lines]
    (site_dir / RECORD).write_text("".join(f"{line}\n" for line in kept))
    assert publish(run).err == ""  # the author accepted it: the lines do not come back
    assert not set(lines) & set(record_lines(site_dir))


def test_an_alias_on_an_old_address_is_the_alias(site_dir: Path, run, edit) -> None:
    publish(run)
    retitle(site_dir, f"{LEAD}/fi.md", "title: Kaupungit ottavat vetovastuuta", "title: Kaupungit ottavat vetovastuun")
    publish(run)
    edit(f"{SPORT}/meta.yaml", f"published: 2023-01-10 09:00\nkind: news\nregion: tampere\naliases: [/{OLD_FI}]\n")
    result = publish(run)
    assert result.err == ""
    assert redirect(site_dir, OLD_FI) == "/programme/fi/tiedotteet/urheilu-yhdistaa-kaupungit/"


def test_a_removed_entry_shows_a_notice_at_its_addresses_and_says_so_once(site_dir: Path, run, edit) -> None:
    publish(run)
    edit(SPORT, None)
    told = run("check").err
    assert told.splitlines() == [
        f"content/{SPORT}: warning: removed, but its addresses were published ({SPORT_ADDRESSES}): "
        "they now show a page saying it was removed"
    ]
    result = publish(run)
    assert result.err == told
    assert result.out.splitlines()[-2] == (
        "Recorded in content/published-addresses.txt: 3 addresses of removed entries marked; "
        "commit it with the content."
    )
    for folder, lang, h1, listing in (
        ("fi/tiedotteet/urheilu-yhdistaa-kaupungit/", "fi", "Tämä sivu on poistettu", "Tiedotteet"),
        ("sv/pressmeddelanden/idrotten-forenar-staderna/", "sv", "Den här sidan har tagits bort", "Pressmeddelanden"),
        ("en/press-releases/urheilu-yhdistaa-kaupungit/", "en", "This page has been removed", "Press releases"),
    ):
        doc = parse((site_dir / "site" / folder / "index.html").read_bytes())
        assert doc.find("html").attrs["lang"] == lang
        assert doc.find("meta", name="robots").attrs["content"] == "noindex"
        assert doc.find("h1").text == h1
        links = doc.find("main").find_all("a")
        assert [(a.text, a.attrs["href"]) for a in links][0] == (
            listing,
            f"/programme/{folder.split('/')[0]}/{folder.split('/')[1]}/",
        )
        assert folder not in (site_dir / "site/sitemap.xml").read_text()
    assert all(line.endswith(" removed") for line in record_lines(site_dir) if SPORT in line)
    again = publish(run)
    assert again.err == "" and "Recorded" not in again.out  # told once, by the build that published the notice
    assert run("check").err == ""
    assert (site_dir / "site/fi/tiedotteet/urheilu-yhdistaa-kaupungit/index.html").is_file()


def test_a_removed_entry_that_comes_back_is_published_again(site_dir: Path, run, edit) -> None:
    publish(run)
    saved = site_dir / "saved"
    shutil.copytree(site_dir / "content" / SPORT, saved)
    edit(SPORT, None)
    publish(run)
    shutil.copytree(saved, site_dir / "content" / SPORT)
    result = publish(run)
    assert result.err == ""
    assert not any(line.endswith(" removed") for line in record_lines(site_dir))
    assert (
        parse((site_dir / "site/fi/tiedotteet/urheilu-yhdistaa-kaupungit/index.html").read_bytes()).find("h1").text
        == "Urheilu yhdistää kaupungit"
    )


def test_an_entry_made_a_draft_again_shows_the_notice_and_says_so_every_build(site_dir: Path, run, edit) -> None:
    publish(run)
    edit(f"{SPORT}/meta.yaml", "published: 2023-01-10 09:00\nkind: news\nregion: tampere\ndraft: true\n")
    message = (
        f"content/{SPORT}: warning: a draft again, but its addresses were published ({SPORT_ADDRESSES}): "
        "they now show a page saying it is not available at the moment"
    )
    for _ in range(2):
        result = publish(run)
        assert result.err.splitlines() == [message]
        assert "Recorded" not in result.out
    assert not any(line.endswith(" removed") for line in record_lines(site_dir))
    doc = parse((site_dir / "site/fi/tiedotteet/urheilu-yhdistaa-kaupungit/index.html").read_bytes())
    assert (doc.find("title").text, doc.find("h1").text, doc.find("main").find("p").text) == (
        "Sivu ei ole saatavilla – Innokaupungit",
        "Tämä sivu ei ole juuri nyt saatavilla",
        "Tässä osoitteessa julkaistu sisältö on toistaiseksi poistettu näkyvistä tältä sivustolta.",
    )
    assert doc.find("meta", name="robots").attrs["content"] == "noindex"
    assert "Urheilu" not in (site_dir / "site/fi/tiedotteet/urheilu-yhdistaa-kaupungit/index.html").read_text()


def test_a_published_entry_postponed_says_it_will_be_published_again(site_dir: Path, run, edit) -> None:
    """Not "removed": the release is only set to a later time, and its addresses say so until then."""
    publish(run)
    edit(f"{SPORT}/meta.yaml", "published: 2099-01-10 09:00\nkind: news\nregion: tampere\n")
    result = publish(run)
    assert result.err.splitlines() == [
        f"content/{SPORT}: warning: scheduled for later, but its addresses were published ({SPORT_ADDRESSES}): "
        "they now show a page saying it is not available at the moment"
    ]
    for folder, h1, text in (
        (
            "fi/tiedotteet/urheilu-yhdistaa-kaupungit/",
            "Tämä sivu ei ole juuri nyt saatavilla",
            "Tässä osoitteessa julkaistu sisältö julkaistaan myöhemmin uudelleen.",
        ),
        (
            "sv/pressmeddelanden/idrotten-forenar-staderna/",
            "Den här sidan är inte tillgänglig just nu",
            "Det som publicerades på den här adressen publiceras på nytt senare.",
        ),
        (
            "en/press-releases/urheilu-yhdistaa-kaupungit/",
            "This page is not available at the moment",
            "What was published at this address will be published again later.",
        ),
    ):
        doc = parse((site_dir / "site" / folder / "index.html").read_bytes())
        assert (doc.find("h1").text, doc.find("main").find("p").text) == (h1, text)
        assert "2099" not in (site_dir / "site" / folder / "index.html").read_text()  # its new time is not told


def test_an_address_in_a_language_the_site_no_longer_has_redirects_to_the_original(site_dir: Path, run) -> None:
    publish(run)
    with (site_dir / RECORD).open("a") as record:
        record.write(f"/de/presse/kaupungit/ {LEAD} de\n/de/seiten/urheilu/ {SPORT} de\n")
    result = publish(run)
    assert result.err == ""
    assert redirect(site_dir, "de/presse/kaupungit/") == f"/programme/{OLD_FI}"
    assert parse((site_dir / "site/de/presse/kaupungit/index.html").read_bytes()).find("html").attrs["lang"] == "fi"
    edit_out = site_dir / "content" / SPORT
    shutil.rmtree(edit_out)
    result = publish(run)
    assert "/de/seiten/urheilu/" in result.err.splitlines()[0]
    doc = parse((site_dir / "site/de/seiten/urheilu/index.html").read_bytes())  # the notice, in the first language
    assert (doc.find("html").attrs["lang"], doc.find("h1").text) == ("fi", "Tämä sivu on poistettu")


def test_the_record_holds_paths_under_base_url_so_the_site_can_move(site_dir: Path, run, edit) -> None:
    publish(run)
    site_yaml = (site_dir / "content/site.yaml").read_text()
    edit("site.yaml", site_yaml.replace("https://example.org/programme/", "https://innokaupungit.example/"))
    retitle(site_dir, f"{LEAD}/fi.md", "title: Kaupungit ottavat vetovastuuta", "title: Kaupungit ottavat vetovastuun")
    publish(run)
    assert redirect(site_dir, OLD_FI) == f"/{NEW_FI}"
    assert not any("programme" in line for line in record_lines(site_dir))
