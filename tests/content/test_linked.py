"""Only the files a version or meta.yaml links to are published from an entry folder; the others are named."""

from __future__ import annotations

from pathlib import Path

REL = "content/press/2022-09-13-lead-projects"
FOLDER = "press/2022-09-13-lead-projects"
TINY = Path(__file__).parent.parent / "sites/tiny/content"
FI = (TINY / FOLDER / "fi.md").read_text(encoding="utf-8")
SV = (TINY / FOLDER / "sv.md").read_text(encoding="utf-8")
META = (TINY / FOLDER / "meta.yaml").read_text(encoding="utf-8")
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c49444154789c6360b02e060000ed00afa53ac6b00000000049454e44ae426082"
)


def media(site_dir: Path) -> list[str]:
    return sorted(p.name for p in (site_dir / "site/media/press/2022-09-13-lead-projects").iterdir())


def test_files_left_beside_the_texts_are_named_and_not_published(site_dir: Path, run, edit) -> None:
    edit(f"{FOLDER}/Tiedote_luonnos_v2_LUOTTAMUKSELLINEN.docx", b"PK salainen")
    edit(f"{FOLDER}/fi.md.bak", FI)
    edit(f"{FOLDER}/fi (1).md", FI)
    edit(f"{FOLDER}/meta.yml", META)
    for leftover in ("~$edote_luonnos_v2.docx", ".DS_Store", "Thumbs.db", "desktop.ini", "fi.md~", "fi.md.swp"):
        edit(f"{FOLDER}/{leftover}", b"editor or system")
    edit(f"{FOLDER}/.~lock.Tiedote_luonnos_v2_LUOTTAMUKSELLINEN.docx#", b"lock")
    result = run("--out", "site", "--no-search")
    assert result.code == 0, result.err
    assert result.err.splitlines() == [
        f"{REL}/Tiedote_luonnos_v2_LUOTTAMUKSELLINEN.docx: warning: not linked from any version: not published",
        f"{REL}/fi (1).md: warning: not linked from any version: not published (a copy of fi.md? only fi.md is read)",
        f"{REL}/fi.md.bak: warning: not linked from any version: not published (a copy of fi.md? only fi.md is read)",
        f"{REL}/meta.yml: warning: not linked from any version: not published (a copy of meta.yaml? only meta.yaml is read)",
    ]
    assert media(site_dir) == ["liite.pdf"]
    assert "LUOTTAMUKSELLINEN" not in "".join(str(p) for p in (site_dir / "site").rglob("*"))
    assert run("check").err.splitlines()[0].endswith("warning: not linked from any version: not published")
    assert run("--out", "site2", "--no-search", "--strict").code == 1


def test_a_language_file_saved_under_another_name_is_an_error_when_the_real_one_is_missing(
    site_dir: Path, run, edit
) -> None:
    """Notepad's "sv.md.txt" on a live release took the Swedish version off the site: not with a warning only."""
    edit(f"{FOLDER}/sv.md", None)
    edit(f"{FOLDER}/sv.md.txt", SV)
    edit(f"{FOLDER}/en (1).md", "---\ntitle: Cities take the lead\n---\nText.\n")
    edit("pages/about/meta.yml", "draft: true\n")
    result = run("--no-search")
    assert result.code == 1
    assert result.err.splitlines() == [
        'content/pages/about/meta.yml: "meta.yml" looks like meta.yaml saved under another name: rename it to meta.yaml',
        f'{REL}/en (1).md: "en (1).md" looks like en.md saved under another name: rename it to en.md',
        f'{REL}/sv.md.txt: "sv.md.txt" looks like sv.md saved under another name: rename it to sv.md',
        "3 error(s): nothing was written; the previous site is unchanged.",
    ]
    assert not (site_dir / "site").exists()
    edit(f"{FOLDER}/en (1).md", None)
    edit("pages/about/meta.yml", None)
    (site_dir / "content" / FOLDER / "sv.md.txt").rename(site_dir / "content" / FOLDER / "sv.md")
    assert run("--no-search").code == 0


def test_what_the_versions_and_meta_yaml_link_to_is_published(site_dir: Path, run, edit) -> None:
    edit(f"{FOLDER}/kuva.png", PNG)
    edit(f"{FOLDER}/ohjelma.pdf", b"%PDF ohjelma")
    edit(f"{FOLDER}/kartta.png", PNG)
    edit(f"{FOLDER}/bilaga.pdf", b"%PDF bilaga")
    edit(f"{FOLDER}/kartta.pdf", b"%PDF kartta")
    edit(
        f"{FOLDER}/meta.yaml",
        META + "image: {src: kuva.png, alt: {fi: Kuva kaupungista, sv: Bild av staden, en: A picture of the city}}\n",
    )
    edit(f"{FOLDER}/fi.md", FI + '\n<a href="ohjelma.pdf">Ohjelma</a> <img src="kartta.png" alt="Kartta">\n')
    edit(f"{FOLDER}/sv.md", SV + '\nSe [bilagan](./bilaga.pdf#sida=2).\n\n<iframe src="kartta.pdf"></iframe>\n')
    result = run("--out", "site", "--no-search")
    assert result.code == 0, result.err
    assert result.err.splitlines() == [
        f"{REL}/sv.md:10: warning: raw HTML removed: embedded frames (<iframe>) are not published unless site.yaml"
        " lists their host under embeds:",
        f"{REL}/meta.yaml:11: warning: the image is only 1 pixel wide; a photo at the top of a page should be at least"
        " 800 pixels wide, or it looks blurred on large screens: use a larger version of the picture if you have one",
        f"{REL}/kartta.pdf: warning: not linked from any version: not published",
    ]
    assert media(site_dir) == [
        *("bilaga.pdf", "kartta-1.jpg", "kartta-1.webp", "kartta.png"),  # the image, its sizes (one here)
        *("kuva-1.jpg", "kuva-1.webp", "kuva-share.jpg", "kuva.png"),  # the photo also gets its share image
        *("liite.pdf", "ohjelma.pdf"),
    ]


def test_a_file_linked_only_from_a_version_published_later_waits_for_it(site_dir: Path, run, edit) -> None:
    edit(f"{FOLDER}/bilaga.pdf", b"%PDF bilaga")
    edit(f"{FOLDER}/sv.md", SV.replace("2022-09-14 11:16", "2099-01-01 09:00") + "\n[Bilaga](bilaga.pdf)\n")
    assert run("--out", "site", "--no-search").code == 0
    assert media(site_dir) == ["liite.pdf"]
    assert run("--out", "site", "--no-search", "--future").code == 0
    assert media(site_dir) == ["bilaga.pdf", "liite.pdf"]


def test_a_link_whose_file_differs_in_case_says_which_file_it_means(site_dir: Path, run, edit) -> None:
    edit(f"{FOLDER}/Esite.PDF", b"%PDF esite")
    edit(f"{FOLDER}/Kuva.JPG", b"\xff\xd8\xff")
    edit(f"{FOLDER}/fi.md", FI + "\nLataa [esite](esite.pdf) ja [ohjelma](ohjelmaa.pdf).\n")
    edit(f"{FOLDER}/sv.md", SV.replace("Sex projekt", "Se [liitte](liite.pdf) och [bilagan](Liite.pdf). Sex projekt"))
    edit(
        f"{FOLDER}/meta.yaml",
        META + "image: {src: kuva.jpg, alt: {fi: Kuva kaupungista, sv: Bild av staden, en: A picture of the city}}\n",
    )
    result = run("check")
    assert result.code == 1
    assert result.err.splitlines()[:-1] == [
        f'{REL}/fi.md:17: the link "esite.pdf" points to no file in this folder (did you mean "Esite.PDF"? upper and'
        " lower case must match)",
        f'{REL}/fi.md:17: the link "ohjelmaa.pdf" points to no file in this folder: put the file beside the text, or'
        " link to a web address (https://...) or a site path (/fi/...)",
        f'{REL}/meta.yaml:11: the image "kuva.jpg" is not in this folder (did you mean "Kuva.JPG"? upper and lower'
        " case must match)",
        f'{REL}/sv.md:6: the link "Liite.pdf" points to no file in this folder (did you mean "liite.pdf"? upper and'
        " lower case must match)",
    ]
    edit(f"{FOLDER}/sv.md", SV.replace("Sex projekt", "Se [bilagan](liite.pfd). Sex projekt"))
    assert f'{REL}/sv.md:6: the link "liite.pfd" points to no file in this folder (did you mean "liite.pdf"?): put' in (
        run("check").err
    )
