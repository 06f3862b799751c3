"""Every page of a site, each with the template and values that render it (pure).

`plan_site` decides every output page from the model alone: no files, no
templates. Rendering, caching and parallel work all start from this list. Each
page type is a function here; a page type that names its `inputs` (what its
context is made of) is remembered between the preview's builds and fingerprinted
by them in incremental builds: the preview's tests verify those inputs.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from innosite.memo import Memory
from innosite.model.entry import Entry, Page, PressRelease, Project
from innosite.model.settings import Term
from innosite.model.site import Site
from innosite.pages.entry_view import entry_view, modified
from innosite.pages.feeds import FeedLink, feed_path, term_feed_path
from innosite.pages.images import Media, default_share_path, image_outputs
from innosite.pages.listings import Paginated
from innosite.pages.planned import PlannedPage, SitePlan
from innosite.pages.planner import Planner
from innosite.pages.share import share_image
from innosite.pages.statement import channel_view, statement_view
from innosite.pages.views import Described

HOME_LATEST = 5
TERM = {"themes": Described("theme"), "cities": Described("city")}
"""The meta description of a theme's and a city's pages: a sentence with the term's name."""
TEMPLATES = {"press": "press.html", "projects": "project.html", "pages": "page.html"}


def plan_site(site: Site, memory: Memory | None = None, media: Media | None = None) -> SitePlan:
    """Every page and file of the site, in a stable order (planned again only where changed, given the
    memory of the last builds); `media`: what the image step made of the site's images."""
    planner = Planner(site, memory, media)
    pages = [chooser(planner), not_found(planner)]
    for lang in planner.langs:
        pages.append(home(planner, lang))
        pages += listing(planner, lang, "press", site.press)
        pages += listing(planner, lang, "projects", site.projects)
        for kind in ("themes", "cities"):
            pages.append(term_index(planner, lang, kind))
            pages += [page for term in planner.terms(kind) for page in term_pages(planner, lang, term)]
        pages.append(feed_directory(planner, lang))
    for entry in (*site.press, *site.projects, *site.pages):
        pages += entry_pages(planner, entry)
    return SitePlan(
        tuple(pages),
        {lang: globals_of(planner, lang) for lang in site.config.langs},
        copies(site, planner),
        partial(complete, planner),
    )


def chooser(p: Planner) -> PlannedPage:
    """The language chooser at the site root, in every language: the x-default of the home pages, which name it
    as it names them (hreflang), with a title of its own."""
    item = "partials/chooser_item.html"
    parts = tuple(
        (lang, item, {"url": p.routes.url(p.routes.home(lang)), "language": p.config.language(lang)})
        for lang in p.langs
    )
    first = p.langs[0]
    head = p.head(
        first, "", chooser_title(p), p.same_everywhere(p.routes.home), canonical="", x_default="",
        description=p.config.description[first], whole_title=True,
    )  # fmt: skip
    return PlannedPage("index.html", "chooser.html", first, "the language chooser", {"head": head}, parts)


def chooser_title(p: Planner) -> str:
    """The site's name in every language ("Innokaupungit – Innostäderna – InnoCities"); where it is the same in
    all, followed by the languages, so that the title is not the default home page's."""
    names = tuple(dict.fromkeys(p.config.title[lang] for lang in p.langs))
    if len(names) > 1:
        return " – ".join(names)
    return f"{names[0]} – {', '.join(p.config.language(lang).name for lang in p.langs)}"


def not_found(p: Planner) -> PlannedPage:
    """The 404 page, in every language."""
    parts = tuple(
        (lang, "partials/not_found_part.html", {"home": p.routes.url(p.routes.home(lang))}) for lang in p.langs
    )
    head = p.head(p.langs[0], "404.html", "404", {}, noindex=True)
    return PlannedPage("404.html", "404.html", p.langs[0], "the 404 page", {"head": head}, parts)


def home(p: Planner, lang: str) -> PlannedPage:
    path = p.routes.home(lang)
    inputs = home_inputs(p, lang)
    return p.remembered((path,), inputs, partial(_home, p, lang, path, inputs))[0]


def home_inputs(p: Planner, lang: str) -> tuple:
    """What a home page is made of besides the settings: the latest releases shown, and what they show."""
    return ("home", p.shown(p.site.press, lang, ("listing", "press"))[:HOME_LATEST], p.press_reads)


def _home(p: Planner, lang: str, path: str, inputs: tuple) -> list[PlannedPage]:
    head = p.head(
        lang, path, "", p.same_everywhere(p.routes.home), description=p.config.description[lang], section="home",
        x_default="",
    )  # fmt: skip
    context = {
        "head": head,
        "latest": p.items(p.site.press, lang)[:HOME_LATEST],
        "projects": p.items(p.site.projects, lang),
        "themes": tuple(p.term_link(t, lang) for t in p.site.themes),
        "press_url": p.routes.url(p.routes.section(lang, "press")),
        "projects_url": p.routes.url(p.routes.section(lang, "projects")),
    }
    return [PlannedPage(path + "index.html", "home.html", lang, f"the {lang} home page", context, inputs=inputs)]


def listing(p: Planner, lang: str, section: str, entries: tuple[Entry, ...]) -> list[PlannedPage]:
    """A section's listing in lang, newest first, split into pages."""
    return p.listed(("listing", section, lang), (entries,), partial(_listing, p, lang, section, entries))


def _listing(p: Planner, lang: str, section: str, entries: tuple[Entry, ...]) -> list[PlannedPage]:
    pages = []
    for page in p.paginate(lang, entries, partial(p.routes.section, section=section), ("listing", section)):
        inputs = listing_inputs(section, page)
        pages += p.remembered((page.path,), inputs, partial(_listing_page, p, lang, section, page, inputs))
    return pages


def listing_inputs(section: str, page: Paginated) -> tuple:
    """What a page of a section's listing is made of besides the settings: its number, the page counts of
    every language, the entries shown."""
    return ("listing", section, *page.inputs)


def _listing_page(p: Planner, lang: str, section: str, page: Paginated, inputs: tuple) -> list[PlannedPage]:
    head = p.head(lang, page.path, "", page.others, section=section, described=Described(section))
    context = {"head": head, "section": section, "items": page.items, "pager": page.pager}
    source = f"the {section} listing"
    return [PlannedPage(page.path + "index.html", "listing.html", lang, source, context, inputs=inputs)]


def term_index(p: Planner, lang: str, kind: str) -> PlannedPage:
    """Every theme (or city) of the site, in lang."""
    path = f"{lang}/{p.config.segment(lang, kind)}/"
    others = {other: f"{other}/{p.config.segment(other, kind)}/" for other in p.langs}
    terms = tuple(p.term_link(t, lang) for t in p.terms(kind))
    described = Described(kind, ", ".join(term.name for term in terms))
    context = {"head": p.head(lang, path, "", others, section=kind, described=described), "kind": kind, "terms": terms}
    return PlannedPage(path + "index.html", "terms.html", lang, f"{kind}.yaml", context)


def term_pages(p: Planner, lang: str, term: Term) -> list[PlannedPage]:
    """Everything tagged with a theme or city (a city also gets the releases of its
    region): its projects, then its releases, newest first, split into pages."""
    press = p.tagged(term)
    its_projects = tuple(e for e in p.site.projects if term.id in getattr(e, term.kind))
    make = partial(_term_pages, p, lang, term, press, its_projects)
    return p.listed(("term", term.kind, term.id, lang), (press, its_projects), make)


def _term_pages(
    p: Planner, lang: str, term: Term, press: tuple[PressRelease, ...], its_projects: tuple[Project, ...]
) -> list[PlannedPage]:
    pages = []
    for page in p.paginate(lang, press, partial(p.routes.term, term), ("term", term.kind, term.id)):
        shown = its_projects if page.pager.number == 1 else ()  # projects head the first page
        inputs = term_inputs(term, page, shown)
        pages += p.remembered((page.path,), inputs, partial(_term_page, p, lang, term, page, shown, inputs))
    return pages


def term_inputs(term: Term, page: Paginated, projects: tuple[Project, ...]) -> tuple:
    """What a page of a theme or city is made of besides the settings: the term, the releases shown (as a
    listing's page), the projects shown."""
    return ("term", term, *page.inputs, projects)


def _term_page(
    p: Planner, lang: str, term: Term, page: Paginated, projects: tuple[Project, ...], inputs: tuple
) -> list[PlannedPage]:
    feed = p.routes.url(term_feed_path(p.routes, term, lang))
    context = {
        "head": p.head(
            lang, page.path, term.name[lang], page.others, section=term.kind, described=TERM[term.kind], feed=feed
        ),
        "kind": term.kind,
        "name": term.name[lang],
        "releases": page.items,
        "projects": p.items(projects, lang),
        "pager": page.pager,
    }
    source = f"{term.kind}.yaml: {term.id}"
    return [PlannedPage(page.path + "index.html", "term.html", lang, source, context, inputs=inputs)]


def feed_directory(p: Planner, lang: str) -> PlannedPage:
    """Every feed of a language: its press releases', then each theme's and city's."""
    path = p.routes.section(lang, "feeds")
    inputs = feeds_inputs(p, lang)
    return p.remembered((path,), inputs, partial(_feed_directory, p, lang, path, inputs))[0]


def feeds_inputs(p: Planner, lang: str) -> tuple:
    """What a feed directory is made of besides the settings: the themes and cities (their names and slugs)."""
    return ("feeds", p.terms_read)


def _feed_directory(p: Planner, lang: str, path: str, inputs: tuple) -> list[PlannedPage]:
    others = p.same_everywhere(partial(p.routes.section, section="feeds"))
    context = {
        "head": p.head(lang, path, "", others, section="feeds", described=Described("feeds")),
        "press": p.routes.url(feed_path(lang)),
        "feeds": {
            kind: tuple(FeedLink(t.name[lang], p.routes.url(term_feed_path(p.routes, t, lang))) for t in p.terms(kind))
            for kind in ("themes", "cities")
        },
    }
    return [PlannedPage(path + "index.html", "feeds.html", lang, f"the {lang} feeds", context, inputs=inputs)]


def entry_pages(p: Planner, entry: Entry) -> list[PlannedPage]:
    """The entry's page in each language: a version or a notice page."""
    inputs = entry_inputs(p, entry)  # one tuple for all its pages: fingerprinted once (speed/fingerprint.py)
    if inputs is None:
        return _entry_pages(p, entry, inputs)
    return p.remembered((entry.section, entry.id), inputs, partial(_entry_pages, p, entry, inputs))


def entry_inputs(p: Planner, entry: Entry) -> tuple | None:
    """What an entry page's context is made of besides the settings (None for free pages: the statement)."""
    if isinstance(entry, PressRelease):
        return (entry, p.press_reads)
    if isinstance(entry, Project):
        return (entry, p.releases_of(entry), p.terms_read)
    return None


def _entry_pages(p: Planner, entry: Entry, inputs: tuple | None) -> list[PlannedPage]:
    versions = {v.lang: p.routes.version(entry, v) for v in entry.versions}
    switch = {c: path for c in p.langs if (path := p.routes.entry(entry, c))}
    pages = []
    for lang, path in switch.items():
        shown = entry.version(lang) or entry.original
        notice = shown.lang != lang
        head = p.head(
            lang, path, shown.title, versions, switch,
            description=shown.summary, noindex=notice, section=entry.section, canonical=versions[shown.lang],
            share=share_image(p.routes, lang, p.media, entry),
        )  # fmt: skip
        page = PlannedPage(
            path + "index.html", TEMPLATES[entry.section], lang, shown.src_path, {"head": head},
            inputs=inputs, entry=entry, modified=modified(entry, shown),
        )  # fmt: skip
        pages.append(page if page.inputs is not None else complete(p, page))
    return pages


def complete(p: Planner, page: PlannedPage) -> PlannedPage:
    """The page ready to render, with what a worker needs and no more: an entry page with the entry's view
    (and the statement on its page) in its context, and no page with its inputs (a listing's are the
    entries it lists: sending them cost more than rendering)."""
    entry = page.entry
    if entry is None:
        return page if page.inputs is None else replace(page, inputs=None)
    context = {**page.context, "entry": entry_view(p, entry, page.lang)}
    if p.site.statement and isinstance(entry, Page) and entry.id == p.site.statement.page:
        context["statement"] = statement_view(p.site.statement, page.lang)
    return replace(page, context=context, entry=None, inputs=None)


def globals_of(p: Planner, lang: str) -> dict[str, Any]:
    """Values every page of a language shows: site name, navigation, footer."""
    nav = tuple(
        (section, p.routes.url(f"{lang}/{p.config.segment(lang, section)}/"))
        for section in ("press", "projects", "themes", "cities", "search")
    )
    statement = p.site.statement
    page = next((e for e in p.site.pages if statement and e.id == statement.page and e.version(lang)), None)
    publisher = statement.publisher if statement else None
    return {
        "site_title": p.config.title[lang],
        "home_url": p.routes.url(p.routes.home(lang)),
        "feeds_url": p.routes.url(p.routes.section(lang, "feeds")),
        "nav": nav,
        "footer_pages": tuple(p.item(e, lang) for e in p.site.pages if e.version(lang)),
        "statement_url": p.routes.url(p.routes.entry(page, lang) or "") if page else None,
        "publisher": (publisher.name[lang], channel_view(publisher.channel, lang)) if publisher else None,
    }


def copies(site: Site, p: Planner) -> tuple[tuple[str, str], ...]:
    """(output path, source file) of every file attached to an entry, and of every file made from its images
    (the build publishes those from the image step, never the image as its folder has it)."""
    entries = (*site.press, *site.projects, *site.pages)
    files = [
        (p.routes.media(e, name), str(Path(e.src_dir) / name))
        for e in entries
        for name in e.files
        if e.image_file(name) is None
    ]
    made = [(path, source) for path, source, _ in image_outputs(site, p.media, p.routes)]
    shared = [(default_share_path(lang), "content/site.yaml") for lang in sorted(p.media.default_share)]
    return tuple(files + made + shared)
