"""The keys of an entry's files: meta.yaml and the front matter of the language files (see schema.py).

Layout A: meta.yaml holds META's keys, fi.md the FRONT keys; layout B: index.fi.md holds both (layout.py)."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from innosite.content.schema import Key, by_name

CONTACT_KEYS = (
    Key("name", "text", "the person's name", "Riina Pulkkinen", required=True, wrong=["Riina"]),
    Key(
        "role",
        "localized",
        "their role, in every language or one for all",
        {"fi": "kehittämispäällikkö", "sv": "utvecklingschef", "en": "development manager"},
    ),
    Key("phone", "phone", "a phone number (Finnish without the country code)", "040 708 0178", wrong="call me"),
    Key("email", "email", "an e-mail address", "riina.pulkkinen@pirkanmaa.fi", wrong="riina.pirkanmaa.fi"),
)
IMAGE_KEYS = (
    Key("src", "text", "a picture in the entry's folder", "kuva.jpg", required=True, wrong="missing.jpg"),
    Key(
        "alt",
        "localized",
        "what the picture shows, for those who cannot see it",
        {
            "fi": "Pormestari avaa kokeilualueen",
            "sv": "Borgmästaren öppnar försöksområdet",
            "en": "The mayor opens the test area",
        },
        required=True,
    ),
    Key("credit", "text", 'who took the photo (or holds its rights): shown under it as "Kuva: ..."', "Kalle Kuvaaja"),
)
CORRECTION_KEYS = (
    Key("date", "datetime", "when the correction was made", "2026-12-10 12:00", required=True, wrong="10.12.2026"),
    Key("text", "text", "what was corrected", "The funding is 2 million euros, not 20 million.", required=True),
)
_PUBLISHED = Key(
    "published",
    "datetime",
    "when it goes live: YYYY-MM-DD HH:MM in the site's time",
    "2022-09-13 14:56",
    wrong="13.9.2022",
)
_ENTRY_KEYS = (
    _PUBLISHED,
    Key(
        "kind",
        "choice",
        "a press release or a news item",
        "press-release",
        default="press-release",
        choices=("press-release", "news"),
        wrong="blog",
    ),
    Key(
        "region",
        "choice",
        "national, or the id of a city in cities.yaml",
        "national",
        default="national",
        wrong="atlantis",
    ),
    Key("themes", "ids", "ids of themes.yaml", ["digital-health"], wrong=["no-such-theme"]),
    Key("lead_city", "text", "the id of the lead city (cities.yaml)", "tampere", wrong="atlantis"),
    Key(
        "cities",
        "ids",
        "ids of cities.yaml (a project: at least 3, the lead city among them)",
        ["tampere", "oulu", "turku"],
        wrong=["no-such-city"],
    ),
    Key("projects", "ids", "ids of the project folders in projects/", ["sport-finland"], wrong=["no-such-project"]),
    Key("start", "date", "when the project starts", "2022-01-01", wrong="soon"),
    Key("end", "date", "when the project ends", "2025-12-31", wrong="later"),
    Key("website", "url", "the project's own website", "https://example.org/", wrong="example.org"),
    Key(
        "contacts",
        "list",
        "people to contact",
        [{"name": "Riina Pulkkinen", "phone": "040 708 0178"}],
        keys=CONTACT_KEYS,
        wrong="Riina Pulkkinen",
    ),
    Key(
        "image",
        "mapping",
        "the entry's picture: on its page, in listings, when shared",
        {
            "src": "kuva.jpg",
            "alt": {
                "fi": "Pormestari avaa kokeilualueen",
                "sv": "Borgmästaren öppnar försöksområdet",
                "en": "The mayor opens the test area",
            },
        },
        keys=IMAGE_KEYS,
        wrong="kuva.jpg",
    ),
    Key(
        "attachments",
        "strings",
        "files of the folder listed on the page as attachments",
        ["liite.pdf"],
        wrong=["missing.pdf"],
    ),
    Key(
        "draft",
        "flag",
        "true: not published (the preview and --drafts show it, marked)",
        False,
        default="false",
        wrong="yes please",
    ),
    Key("aliases", "strings", "old addresses that lead to the entry", ["/fi/vanha/osoite/"], wrong=["vanha"]),
)
_COMMON = ("contacts", "image", "attachments", "draft", "aliases")
_META_NAMES = {
    "press": ("published", "kind", "region", "themes", "cities", "projects", *_COMMON),
    "projects": ("themes", "lead_city", "cities", "start", "end", "website", *_COMMON),
    "pages": ("draft", "aliases"),
}
_META_REQUIRED = {"press": ("published",), "projects": ("themes", "lead_city", "cities"), "pages": ()}
META = {
    section: tuple(replace(by_name(_ENTRY_KEYS, name), required=name in _META_REQUIRED[section]) for name in keys)
    for section, keys in _META_NAMES.items()
}
"""meta.yaml (layout A), or the shared keys in the default language's file (layout B), per section."""
FRONT = (
    Key(
        "title",
        "text",
        "the title of this language version",
        "Kaupungit ottavat veturivastuun",
        required=True,
        wrong=["a", "list"],
    ),
    Key("slug", "text", "the last part of the address", "veturivastuu", default="made from the title", wrong="Ä slug"),
    Key(
        "summary",
        "text",
        "one or two sentences: listings, feeds and shared links show it (a published press release needs one)",
        "Veturikaupungit edistävät kumppanuuksia.",
    ),
    _PUBLISHED,
    Key("updated", "datetime", "when the text was last changed in substance", "2022-09-14 09:00", wrong="yesterday"),
    Key(
        "correction",
        "notes",
        "a correction of a fact, shown with its date (or a list of them)",
        {"date": "2026-12-10 12:00", "text": "The funding is 2 million euros, not 20 million."},
        keys=CORRECTION_KEYS,
        wrong="fixed a typo",
    ),
)
"""The front matter of a language file (fi.md; in layout B index.fi.md, with META's keys in the default
language's file)."""

_IN_FINNISH_AND_SWEDISH = {
    "published": "julkaistu julkaisu julkaisuaika julkaisupaiva julkaistaan publicerad publicerat publicering "
    "publiceringstid publiceringsdatum publiceras",
    "updated": "paivitetty paivitys paivityspaiva uppdaterad uppdaterat uppdatering",
    "kind": "tyyppi laji typ",
    "region": "alue seutu omrade",
    "themes": "teemat teema aiheet aihe teman tema",
    "cities": "kaupungit kaupunki stader stad",
    "projects": "hankkeet hanke projektit projekti projekt",
    "lead_city": "vetokaupunki vetovastuukaupunki ledande_stad ledarstad",
    "start": "alku alkaa aloitus alkamispaiva borjan borjar startdatum",
    "end": "loppu paattyy loppuu paattymispaiva slut slutar slutdatum",
    "website": "verkkosivu verkkosivut verkkosivusto kotisivu kotisivut sivusto webbplats hemsida webbsida",
    "contacts": "yhteyshenkilot yhteyshenkilo yhteystiedot kontaktit kontakter kontaktpersoner kontaktperson kontakt",
    "image": "kuva bild",
    "attachments": "liitteet liite bilagor bilaga",
    "draft": "luonnos utkast",
    "aliases": "aliakset vanhat_osoitteet gamla_adresser",
    "title": "otsikko rubrik titel",
    "slug": "osoite polku adress",
    "summary": "tiivistelma ingressi yhteenveto sammanfattning ingress",
    "correction": "korjaus oikaisu rattelse korrigering",
    "name": "nimi namn",
    "role": "rooli tehtava titteli roll befattning",
    "phone": "puhelin puh puhelinnumero telefon telefonnummer",
    "email": "sahkoposti sposti s_posti e_post epost",
    "src": "tiedosto kuvatiedosto fil bildfil",
    "alt": "kuvaus vaihtoehtoinen_teksti alt_teksti beskrivning",
    "credit": "kuvaaja kuvaajat tekija fotograf",
    "date": "paivamaara pvm paiva aika datum",
    "text": "teksti",
}
"""The keys of meta.yaml and of a language file's front matter as a Finnish or Swedish writer may name them (as
`english_key` folds them: lower case, without ä, ö, å, spaces as _)."""
_ENGLISH = {word: key for key, words in _IN_FINNISH_AND_SWEDISH.items() for word in words.split()}


def english_key(word: str) -> str | None:
    """The key a word in Finnish or Swedish stands for (`teemat`, `Teman`, `julkaistu`: themes, themes, published),
    or None."""
    folded = unicodedata.normalize("NFKD", word.strip().lower().replace(" ", "_").replace("-", "_"))
    return _ENGLISH.get("".join(ch for ch in folded if not unicodedata.combining(ch)))
