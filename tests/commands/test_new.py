"""`python build.py new`: entries and translations ready to edit, never overwriting."""

from __future__ import annotations

RELEASE = "content/press/2024-03-01-kaupungit-kokeilevat"


def test_new_press_release_creates_folder_meta_and_language_file(site_dir, run):
    result = run("new", "press", "Kaupungit kokeilevat", "--date", "2024-03-01 09:30")
    assert result.code == 0, result.err
    assert result.out.splitlines()[:2] == [f"created {RELEASE}/meta.yaml", f"created {RELEASE}/fi.md"]
    meta = (site_dir / RELEASE / "meta.yaml").read_text(encoding="utf-8")
    assert "\npublished: 2024-03-01 09:30 " in meta
    assert "\ndraft: true " in meta
    assert "\n# themes: [photonics]" in meta  # optional keys as comments, with real ids
    assert (
        "\n# projects: [photonics-ecosystem] # ids of related projects, their folder names in projects/:"
        " photonics-ecosystem\n"
    ) in meta
    text = (site_dir / RELEASE / "fi.md").read_text(encoding="utf-8")
    assert '\ntitle: "Kaupungit kokeilevat"\n' in text
    assert "\n# summary: " in text


def test_the_new_release_is_a_valid_draft(site_dir, run):
    run("new", "press", "Kaupungit kokeilevat", "--date", "2024-03-01 09:30")
    assert run("check").code == 0
    assert run("check", "--drafts").code == 0
    run("build", "--drafts", "--out", "preview")
    page = site_dir / "preview/fi/tiedotteet/kaupungit-kokeilevat/index.html"
    assert "Luonnos: ei vielä julkaistu." in page.read_text(encoding="utf-8")


def test_uncommented_optional_keys_are_valid(site_dir, run):
    run("new", "press", "Kaupungit kokeilevat", "--date", "2024-03-01 09:30")
    meta = site_dir / RELEASE / "meta.yaml"
    text = meta.read_text(encoding="utf-8")
    for key in ("kind", "region", "themes", "cities", "projects"):
        text = text.replace(f"\n# {key}: ", f"\n{key}: ")
    meta.write_text(text, encoding="utf-8")
    assert run("check", "--drafts").code == 0


def test_the_image_and_attachments_examples_uncommented_are_valid_and_alt_is_one_line_a_language(site_dir, run) -> None:
    """translate import writes an alt text only where alt: has a line per language: new writes it so."""
    run("new", "press", "Kaupungit kokeilevat", "--date", "2024-03-01 09:30")
    meta = site_dir / RELEASE / "meta.yaml"
    text = meta.read_text(encoding="utf-8")
    assert text.splitlines()[16:23] == [
        "# image:                          # a picture saved in this folder, with alt text in every language",
        "#   src: kuva.jpg",
        "#   alt:",
        "#     fi: Mitä kuvassa näkyy",
        "#     sv: Vad bilden visar",
        "#     en: What the picture shows",
        '#   credit: Etunimi Sukunimi      # who took the photo (or holds its rights), shown as "Kuva: ..."',
    ]
    attachments = (
        '# attachments: [liite.pdf]        # files saved in this folder, linked under the text ("Liitteet", "Bilagor")'
    )
    assert text.splitlines()[23] == attachments
    text = text.replace("\n# attachments: ", "\nattachments: ").replace("\n# image:", "\nimage:")
    text = text.replace("#   credit: Etunimi Sukunimi", "#   credit: Kalle Kuvaaja")
    for line in ("src: kuva.jpg", "alt:", "  fi: ", "  sv: ", "  en: ", "credit: "):
        text = text.replace(f"\n#   {line}", f"\n  {line}")
    meta.write_text(text, encoding="utf-8")
    from PIL import Image

    Image.new("RGB", (800, 450), (0, 59, 115)).save(site_dir / RELEASE / "kuva.jpg")  # a real picture
    (site_dir / RELEASE / "liite.pdf").write_bytes(b"%PDF-1.4")
    assert run("check", "--drafts").code == 0
    run("build", "--drafts", "--out", "preview", "--no-search")
    page = (site_dir / "preview/fi/tiedotteet/kaupungit-kokeilevat/index.html").read_text(encoding="utf-8")
    assert 'alt="Mitä kuvassa näkyy"' in page
    assert "Kuva: Kalle Kuvaaja" in page
    assert "liite.pdf" in page


def test_the_meta_yaml_of_a_new_release_is_exactly_this(site_dir, run) -> None:
    """The whole file, so that its form is seen: a contact's role a line per language, as the example content,
    the browser editor and the image's alt text write it."""
    run("new", "press", "Kaupungit kokeilevat", "--date", "2024-03-01 09:30")
    assert (site_dir / RELEASE / "meta.yaml").read_text(encoding="utf-8") == (
        "# Facts shared by every language version of the press release.\n"
        "published: 2024-03-01 09:30       # required: when the original came out, YYYY-MM-DD HH:MM (Finnish time)\n"
        "draft: true                       # delete this line when it may be published (drafts show only in the preview)\n"
        "# kind: news                      # press-release (the default) or news\n"
        "# region: national                # national (the default) or the id of a city in cities.yaml\n"
        "# themes: [photonics]             # theme ids from themes.yaml: photonics, sport\n"
        "# cities: [joensuu]               # ids of the cities it concerns, from cities.yaml: joensuu, tampere, oulu\n"
        "# projects: [photonics-ecosystem] # ids of related projects, their folder names in projects/: photonics-ecosystem\n"
        "# contacts:                       # people to ask for more; only name is required\n"
        "#   - name: Etunimi Sukunimi\n"
        "#     role:\n"
        "#       fi: viestintäpäällikkö\n"
        "#       sv: kommunikationschef\n"
        "#       en: head of communications\n"
        '#     phone: "040 123 4567"\n'
        "#     email: etunimi.sukunimi@example.fi\n"
        "# image:                          # a picture saved in this folder, with alt text in every language\n"
        "#   src: kuva.jpg\n"
        "#   alt:\n"
        "#     fi: Mitä kuvassa näkyy\n"
        "#     sv: Vad bilden visar\n"
        "#     en: What the picture shows\n"
        '#   credit: Etunimi Sukunimi      # who took the photo (or holds its rights), shown as "Kuva: ..."\n'
        '# attachments: [liite.pdf]        # files saved in this folder, linked under the text ("Liitteet", "Bilagor")\n'
        "# aliases: [/fi/vanha/osoite/]    # old addresses that should lead here\n"
    )


def test_the_contact_example_uncommented_is_valid_and_its_role_shown_in_each_language(site_dir, run) -> None:
    run("new", "press", "Kaupungit kokeilevat", "--date", "2024-03-01 09:30")
    meta = site_dir / RELEASE / "meta.yaml"
    lines = meta.read_text(encoding="utf-8").split("\n")
    start = lines.index(next(line for line in lines if line.startswith("# contacts:")))
    lines[start : start + 8] = [line[2:] for line in lines[start : start + 8]]  # "# " off, as the docs say
    meta.write_text("\n".join(lines), encoding="utf-8")
    (site_dir / RELEASE / "sv.md").write_text("---\ntitle: Städerna försöker\n---\nText.\n", encoding="utf-8")
    assert run("check", "--drafts").code == 0
    run("build", "--drafts", "--out", "preview", "--no-search")
    fi = (site_dir / "preview/fi/tiedotteet/kaupungit-kokeilevat/index.html").read_text(encoding="utf-8")
    sv_page = (site_dir / "preview/sv/pressmeddelanden/staderna-forsoker/index.html").read_text(encoding="utf-8")
    assert "viestintäpäällikkö" in fi and "kommunikationschef" not in fi
    assert "kommunikationschef" in sv_page and "viestintäpäällikkö" not in sv_page


def test_new_refuses_to_overwrite(site_dir, run):
    run("new", "press", "Kaupungit kokeilevat", "--date", "2024-03-01 09:30")
    path = site_dir / RELEASE / "fi.md"
    path.write_text("---\ntitle: Oma teksti\n---\nJo kirjoitettu.\n", encoding="utf-8")
    result = run("new", "press", "Kaupungit kokeilevat", "--date", "2024-03-01 09:30", "--lang", "fi")
    assert result.code == 2
    assert result.err == f"error: {RELEASE}/fi.md already exists: nothing was created\n"
    assert path.read_text(encoding="utf-8") == "---\ntitle: Oma teksti\n---\nJo kirjoitettu.\n"


def test_new_refuses_an_existing_page(site_dir, run):
    before = (site_dir / "content/pages/about/fi.md").read_bytes()
    result = run("new", "page", "About")
    assert result.code == 2
    assert result.err == (
        "error: content/pages/about already has this title (its address is made from it): nothing was created;"
        " give the new page another title, or add a language to it: python build.py new page about --lang en\n"
    )
    assert (site_dir / "content/pages/about/fi.md").read_bytes() == before


def test_lang_adds_only_the_translation_with_the_title_to_translate(site_dir, run):
    folder = site_dir / "content/press/2023-01-10-sport-news"
    (folder / "sv.md").unlink()
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = run("new", "press", "2023-01-10-sport-news", "--lang", "sv")
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == "created content/press/2023-01-10-sport-news/sv.md"
    assert result.out.splitlines()[2] == (  # not "when this version comes out": the time the translator is done
        "Set published: only if this version comes out later than the original, to the time it goes out, not the time"
        " the translation is done (until that time it is not published); without it, it is dated with the original;"
        " python build.py status lists what is left."
    )
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.name != "sv.md"} == before
    text = (folder / "sv.md").read_text(encoding="utf-8")
    assert '\ntitle: "Urheilu yhdistää kaupungit" # translate this title (it is copied from fi.md)\n' in text
    sv = "content/press/2023-01-10-sport-news/sv.md"
    assert run("check").err.splitlines()[:4] == [  # never published untranslated
        f'{sv}:3: "summary" is missing: a press release needs its lead paragraph (shown in listings, feeds and search) before it is published',
        f"{sv}:3: warning: the title is the same as in fi.md: translate it",
        f'{sv}:3: the title still has the note "translate this title" from new: translate it, then delete the note',
        f"{sv}:8: the press release has no text: write it below this line, or keep it a draft",
    ]
    text = text.replace(" # translate this title (it is copied from fi.md)", "").replace(
        "Urheilu yhdistää", "Idrotten förenar"
    )
    (folder / "sv.md").write_text(text.replace("# summary: One", "summary: Two") + "En nyhet.\n", encoding="utf-8")
    assert run("check").code == 0


def test_lang_with_a_date_says_when_the_translation_goes_live(site_dir, run):
    (site_dir / "content/press/2023-01-10-sport-news/sv.md").unlink()
    result = run("new", "press", "2023-01-10-sport-news", "--lang", "sv", "--date", "2023-01-12 09:00")
    assert result.out.splitlines()[2] == (
        "It goes live at its own published: 2023-01-12 09:00 (from --date), not before;"
        " python build.py status lists what is left."
    )
    text = (site_dir / "content/press/2023-01-10-sport-news/sv.md").read_text(encoding="utf-8")
    assert "\npublished: 2023-01-12 09:00\n" in text


def test_lang_finds_the_entry_by_its_title(site_dir, run):
    (site_dir / "content/press/2023-01-10-sport-news/sv.md").unlink()
    result = run("new", "press", "Urheilu yhdistää kaupungit", "--lang", "sv")
    assert result.out.splitlines()[0] == "created content/press/2023-01-10-sport-news/sv.md"


def test_new_project_asks_for_its_required_keys(site_dir, run):
    result = run("new", "project", "Vetyhanke")
    assert result.code == 0
    assert run("check").err.splitlines()[:3] == [
        'content/projects/vetyhanke/meta.yaml:2: "themes" is missing',
        'content/projects/vetyhanke/meta.yaml:3: "lead_city" is missing',
        'content/projects/vetyhanke/meta.yaml:4: "cities" is missing',
    ]


def test_usage_errors(site_dir, run):
    assert run("new", "press", "X", "--lang", "de").err == (
        'error: "de" is not a language of the site: use one of fi, sv, en\n'
    )
    assert run("new", "press", "X", "--date", "13.9.2022").err == (
        'error: --date "13.9.2022" is not a date and time: write it as "YYYY-MM-DD HH:MM"\n'
    )
    assert run("new", "press", "X", "--date", "2026-12-10").err == (  # not midnight: the build would refuse it
        'error: --date "2026-12-10" is not a date and time: write it as "YYYY-MM-DD HH:MM"\n'
    )
    assert run("new", "page", "!!!").code == 2
    assert sorted(p.name for p in (site_dir / "content/pages").iterdir()) == ["about"]


def test_a_new_release_with_the_title_of_an_existing_one_is_refused_not_merged(site_dir, run):
    """Without --lang, `new` makes a new entry: an old one of the same title is never picked (and --date ignored)."""
    folder = site_dir / "content/press/2023-01-10-sport-news"
    (folder / "fi.md").unlink()
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = run("new", "press", "Idrotten förenar städerna", "--date", "2026-12-10 09:00")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "error: content/press/2023-01-10-sport-news already has this title (its address is made from it): nothing was"
        " created; give the new press release another title, or add a language to it:"
        " python build.py new press 2023-01-10-sport-news --lang fi\n"
    )
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert sorted(p.name for p in (site_dir / "content/press").iterdir()) == [
        "2022-09-13-lead-projects",
        "2023-01-10-sport-news",
    ]
    other = run("new", "press", "Idrotten förenar städerna 2026", "--date", "2026-12-10 09:00", "--lang", "sv")
    assert other.out.splitlines()[:2] == [
        "created content/press/2026-12-10-idrotten-forenar-staderna-2026/meta.yaml",
        "created content/press/2026-12-10-idrotten-forenar-staderna-2026/sv.md",
    ]
