"""The synthetic corpus as plain data, independent of any generator's format."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from random import Random

from bench import text
from bench.words import (
    CITIES,
    FIRST_NAMES,
    LANGS,
    LAST_NAMES,
    NUMBER_WORD,
    ROLES,
    THEMES,
)

FIRST_DAY = datetime(2016, 1, 4)
LAST_DAY = datetime(2026, 6, 30)
PROJECT_COUNT = 30
SV_SHARE = 0.9
EN_SHARE = 0.6


@dataclass(frozen=True, slots=True)
class Version:
    """One language version of an entry."""

    lang: str
    title: str
    summary: str
    body: str
    published: str | None = None  # set where this version came out later


@dataclass(frozen=True, slots=True)
class Contact:
    """A contact person of a release."""

    name: str
    role: tuple[str, str, str]
    phone: str
    email: str


@dataclass(frozen=True, slots=True)
class Release:
    """A press release: shared facts plus its language versions."""

    id: str
    published: str
    themes: tuple[str, ...]
    cities: tuple[str, ...]
    projects: tuple[str, ...]
    region: str | None
    contacts: tuple[Contact, ...]
    versions: tuple[Version, ...]


@dataclass(frozen=True, slots=True)
class Project:
    """A project: themes, lead city, participating cities and versions."""

    id: str
    themes: tuple[str, ...]
    lead_city: str
    cities: tuple[str, ...]
    start: str
    end: str
    versions: tuple[Version, ...]


@dataclass(frozen=True, slots=True)
class Corpus:
    """Everything the writers need: N releases and the projects."""

    n: int
    seed: int
    releases: tuple[Release, ...]
    projects: tuple[Project, ...]


def make_corpus(n: int, seed: int = 1) -> Corpus:
    """Build the deterministic corpus for `n` releases and `seed`."""
    projects = tuple(make_project(k, seed) for k in range(PROJECT_COUNT))
    ids = tuple(p.id for p in projects)
    releases = tuple(make_release(i, n, seed, ids) for i in range(n))
    return Corpus(n=n, seed=seed, releases=releases, projects=projects)


def release_time(rng: Random, i: int, n: int) -> datetime:
    """Spread release i of n evenly over FIRST_DAY..LAST_DAY, at office hours."""
    days = (LAST_DAY - FIRST_DAY).days
    day = FIRST_DAY + timedelta(days=i * days // max(n, 1))
    return day.replace(hour=rng.randint(8, 16), minute=rng.randint(0, 59))


def make_release(i: int, n: int, seed: int, project_ids: tuple[str, ...]) -> Release:
    """Build release number i (0-based) of a corpus of n releases."""
    rng = Random(f"bench:{seed}:release:{i}")
    when = release_time(rng, i, n)
    langs = ["fi"] + [lang for lang, share in (("sv", SV_SHARE), ("en", EN_SHARE)) if rng.random() < share]
    with_table = rng.random() < 0.2
    later = when + timedelta(days=1, hours=rng.randint(-6, 6))
    versions = tuple(
        make_version(
            rng,
            lang,
            i + 1,
            with_table,
            later if lang == "sv" and rng.random() < 0.1 else None,
        )
        for lang in langs
    )
    slug = "-".join(text.words(rng, "en", 2))
    return Release(
        id=f"{when:%Y-%m-%d}-{slug}-{i + 1}",
        published=f"{when:%Y-%m-%d %H:%M}",
        themes=tuple(rng.sample(sorted(THEMES), rng.randint(1, 3))),
        cities=tuple(rng.sample(sorted(CITIES), rng.randint(0, 4))),
        projects=tuple(rng.sample(project_ids, rng.randint(0, 2))),
        region=rng.choice(sorted(CITIES)) if rng.random() < 0.25 else None,
        contacts=tuple(make_contact(rng) for _ in range(rng.choice((0, 0, 0, 1, 2)))),
        versions=versions,
    )


def make_version(rng: Random, lang: str, number: int, with_table: bool, later: datetime | None) -> Version:
    """Build one language version titled with its number, so titles are unique."""
    title = f"{text.title_words(rng, lang, rng.randint(3, 7))} {NUMBER_WORD[lang]} {number}"
    return Version(
        lang=lang,
        title=title,
        summary=" ".join(text.sentence(rng, lang) for _ in range(2)),
        body=text.body(rng, lang, with_table),
        published=f"{later:%Y-%m-%d %H:%M}" if later else None,
    )


def make_contact(rng: Random) -> Contact:
    """Build a contact with a Finnish-style phone number and e-mail address."""
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    phone = f"0{rng.choice((40, 44, 50))} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    email = f"{ascii_fold(first)}.{ascii_fold(last)}@example.fi".lower()
    return Contact(name=f"{first} {last}", role=rng.choice(ROLES), phone=phone, email=email)


def ascii_fold(word: str) -> str:
    """Replace ä, ö and å by a, o and a."""
    return word.translate(str.maketrans("äöåÄÖÅ", "aoaAOA"))


def make_project(k: int, seed: int) -> Project:
    """Build project number k: one or two themes, a lead city and 3-5 cities."""
    rng = Random(f"bench:{seed}:project:{k}")
    themes = sorted(THEMES)
    theme = themes[k % len(themes)]
    cities = rng.sample(sorted(CITIES), rng.randint(3, 5))
    start = datetime(2021 + k % 4, 1 + k % 12, 1)
    extra = [t for t in rng.sample(themes, 1) if t != theme]
    versions = tuple(make_version(rng, lang, k + 1, False, None) for lang in LANGS)
    return Project(
        id=f"{theme}-{cities[0]}-{k + 1}",
        themes=(theme, *extra),
        lead_city=cities[0],
        cities=tuple(sorted(cities)),
        start=f"{start:%Y-%m-%d}",
        end=f"{start.replace(year=start.year + 2):%Y-%m-%d}",
        versions=versions,
    )
