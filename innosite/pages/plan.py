"""The pages of a site, each with the template and values that render it (pure).

`plan_site` decides every output page from the model alone: no files, no
templates. Rendering, caching and parallel work all start from this list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from innosite.model.entry import Entry, Page, PressRelease, Project, Version
from innosite.model.settings import Term
from innosite.model.site import Site
from innosite.output.guard import PathMemory
from innosite.pages.routes import Routes
from innosite.pages.statement import channel_view, statement_view
from innosite.pages.views import ContactView, EntryView, Head, Html, ImageView, Item, Link, Pager, SwitchLink

HOME_LATEST = 5


@dataclass(frozen=True, slots=True)
class PlannedPage:
    """One HTML file to write: where, with which template and values."""

    path: str
    """Output file relative to the site root, e.g. `fi/tiedotteet/x/index.html`."""
    template: str
    lang: str
    source: str
    """What the page comes from, for messages (a file, or a description)."""
    context: dict[str, Any] = field(default_factory=dict)
    parts: tuple[tuple[str, str, dict[str, Any]], ...] = ()
    """(lang, template, context) rendered first, each in its own language,
    and given to the page as `parts` (the language chooser, the 404 page)."""
    inputs: tuple | None = None
    """The model values the context is made of, where the planner can name them (entries, listings, home):
    incremental builds fingerprint these instead of the larger context (see incremental.py)."""
    entry: Entry | None = None
    """An entry page's entry, whose view the context still lacks: `SitePlan.complete` adds it just
    before rendering, so that pages an incremental build keeps never have it made."""
    modified: datetime | None = None
    """When an entry page's content last changed (for the sitemap)."""


@dataclass(frozen=True, slots=True)
class Shared:
    """Model values that many pages' inputs name (all projects, the terms): hashed once per build."""

    values: tuple


@dataclass(frozen=True, slots=True)
class SitePlan:
    """Every page, the values all pages of a language share, and files to copy."""

    pages: tuple[PlannedPage, ...]
    globals: dict[str, dict[str, Any]]
    """Per language: site title, navigation, footer links."""
    copies: tuple[tuple[str, str], ...]
    """(output path, source file) of the entries' attached files."""
    complete: Callable[[PlannedPage], PlannedPage] = lambda page: page
    """The page with its whole context (see PlannedPage.entry): call it before rendering a page."""


@dataclass(slots=True)
class PlanMemory:
    """What one plan leaves for the next in the same process (the preview server's): listing items and pages,
    each with what it was made of. A page is planned again only when its inputs are no longer equal, so
    that an edit costs about as much as the pages it changes; any change of the settings or terms starts afresh."""

    settings: tuple = ()
    """(config, themes, cities) that everything remembered was planned with."""
    items: dict[tuple[str, str, str], tuple[Entry, Item | None]] = field(default_factory=dict)
    """(section, id, lang) -> (the entry, its listing item)."""
    pages: dict[tuple[str, ...], tuple[tuple, list[PlannedPage]]] = field(default_factory=dict)
    """A page or an entry's pages -> (their inputs, the pages)."""
    derived: dict[int, tuple[PlannedPage, Any]] = field(default_factory=dict)
    """id(page) -> (the page, a value later steps derived from it alone: its sitemap entry)."""
    sitemap: tuple = ()
    """(the sitemap's (url, line) pairs, its urls, its inputs) as last planned (see sitemap.sitemap_pages)."""
    paths: PathMemory = field(default_factory=PathMemory)
    """What paths.check_plan found about the output paths."""
    shared: dict[str, Shared] = field(default_factory=dict)
    """The Shared values of the last plan by name: kept while equal, so that inputs compare by identity."""
    listings: dict[tuple[str, ...], Listed] = field(default_factory=dict)
    """A listing's pages in one language (a section's, a term's) -> what they list, and the pages."""
    groups: dict[str, Grouped] = field(default_factory=dict)
    """The releases grouped by terms and by projects (see Planner.grouped)."""
    lists: dict[tuple[tuple[str, ...], str], Shown] = field(default_factory=dict)
    """A named listing's entries as shown in a language (see Planner._relisted)."""

    def kept(self, name: str, value: Shared) -> Shared:
        """The value remembered under name if equal to this one (compared once per plan), else this one."""
        known = self.shared.get(name)
        if known == value:
            return known  # type: ignore[return-value]
        self.shared[name] = value
        return value

    def start(self, settings: tuple) -> PlanMemory:
        """This memory, emptied first if the settings are not those it was filled with."""
        if self.settings != settings:
            self.settings, self.items, self.pages, self.derived, self.paths = settings, {}, {}, {}, PathMemory()
            self.listings, self.sitemap, self.lists = {}, (), {}
        return self


@dataclass(frozen=True, slots=True)
class Shown:
    """A tuple of entries as listed in one language: those shown, their items, and where each entry shows."""

    entries: tuple[Entry, ...]
    shown: tuple[Entry, ...]
    items: tuple[Item, ...]
    places: tuple[int, ...]
    """For each entry, its index in shown, or -1 when it is not shown in the language."""


@dataclass(frozen=True, slots=True)
class Listed:
    """A listing's pages as planned, with what they were made of (besides the settings)."""

    made_of: tuple
    pages: list[PlannedPage]
    planned: dict[tuple[str, ...], tuple[tuple, list[PlannedPage]]]
    """What remembered() gave while planning them."""


@dataclass(frozen=True, slots=True)
class Paginated:
    """One page of a listing: where, its counterparts in other languages, its pager and items."""

    path: str
    others: dict[str, str]
    pager: Pager
    items: tuple[Item, ...]
    inputs: tuple
    """(number, page counts of every language, the entries shown): with the settings, what the page is made of."""


class Planner:
    """Builds the view models of one site: each depends on the site alone (a PlanMemory only saves work)."""

    def __init__(self, site: Site, memory: PlanMemory | None = None) -> None:
        memory = (memory or PlanMemory()).start((site.config, site.themes, site.cities))
        self.site = site
        self.config = site.config
        self.routes = Routes(site.config)
        self.codes = site.config.codes
        self._names = {language.code: language.name for language in site.config.languages}
        self._items = memory.items
        """item() by (section, id, lang), with the entry it shows: an entry shows in many listings."""
        self._pages = memory.pages
        self._planned: dict[tuple[str, ...], tuple[tuple, list[PlannedPage]]] = {}
        """What remembered() gave in this plan: the memory for the next one (gone pages forgotten)."""
        self._memory = memory
        self._links: dict[tuple[str, str, str], Link] = {}
        """Links to themes and cities by (kind, id, lang), shared by the pages that show them."""
        self._lists: dict[tuple[int, str], tuple[tuple, tuple[Entry, ...], tuple[Item, ...]]] = {}
        """(entries, those shown, their items) by id of the entries tuple and lang."""
        self._groups: dict[str, Grouped] = {}
        """The releases grouped by term ("tagged") and by project ("projects"), once per plan."""
        self._listings: dict[tuple[str, ...], Listed] = {}
        """What listed() gave in this plan: the memory for the next one."""
        self._terms = memory.kept("terms", Shared((site.themes, site.cities)))
        self._press_reads = memory.kept("press_reads", Shared((site.projects, site.themes, site.cities)))

    # -- head and switcher -------------------------------------------------

    def head(
        self,
        lang: str,
        path: str,
        title: str,
        others: dict[str, str],
        switch: dict[str, str] | None = None,
        **extra: Any,
    ) -> Head:
        """Head values; `others` maps languages to counterpart paths (hreflang),
        `switch` to the switcher's targets where they differ (notice pages)."""
        switch = others if switch is None else switch
        alternates = tuple((code, self.routes.absolute(others[code])) for code in self.codes if code in others)
        default = others.get(self.codes[0]) or next(iter(others.values()), path)
        if alternates:
            alternates += (("x-default", self.routes.absolute(default)),)
        switcher = tuple(
            SwitchLink(
                code,
                self._names[code],
                self.routes.url(path if code == lang else switch.get(code) or self.routes.home(code)),
                code == lang,
            )
            for code in self.codes
        )
        return Head(
            lang, title, path, self.routes.absolute(extra.pop("canonical", path)), alternates, switcher, **extra
        )

    def same_everywhere(self, make_path) -> dict[str, str]:
        return {code: make_path(code) for code in self.codes}

    # -- items and links -------------------------------------------------------

    def item(self, entry: Entry, lang: str) -> Item | None:
        """The entry as a listing item in lang, or None when hidden there."""
        key = (entry.section, entry.id, lang)
        known = self._items.get(key)
        if known is not None and known[0] is entry:
            return known[1]
        item = self._item(entry, lang)
        self._items[key] = (entry, item)
        return item

    def _item(self, entry: Entry, lang: str) -> Item | None:
        path = self.routes.entry(entry, lang)
        if path is None:
            return None
        version = entry.version(lang) or entry.original
        kind = entry.kind if isinstance(entry, PressRelease) else "project" if isinstance(entry, Project) else "page"
        return Item(
            title=version.title,
            url=self.routes.url(path),
            summary=version.summary,
            published=version.published if isinstance(entry, PressRelease) else None,
            kind=kind,
            text_lang=version.lang,
            available_in=None if version.lang == lang else version.lang,
        )

    def items(self, entries: Sequence[Entry], lang: str, name: tuple[str, ...] = ()) -> tuple[Item, ...]:
        """The entries as listing items in lang (memoized for a tuple of entries: listings ask again and again;
        a named listing also from the last plan's, see _relisted)."""
        if not isinstance(entries, tuple):
            return tuple(i for i in (self.item(e, lang) for e in entries) if i is not None)
        return self._listed(entries, lang, name)[2]

    def shown(self, entries: tuple[Entry, ...], lang: str, name: tuple[str, ...] = ()) -> tuple[Entry, ...]:
        """The entries that have a page in lang: those items() shows, in the same order."""
        return self._listed(entries, lang, name)[1]

    def _listed(
        self, entries: tuple[Entry, ...], lang: str, name: tuple[str, ...] = ()
    ) -> tuple[tuple, tuple[Entry, ...], tuple[Item, ...]]:
        key = (id(entries), lang)  # the value keeps the tuple alive, so that its id stays its own
        if key not in self._lists:
            last = self._memory.lists.get((name, lang)) if name else None
            listed = (self._relisted(entries, lang, last) if last else None) or self._list(entries, lang)
            self._lists[key] = (entries, listed.shown, listed.items)
            if name:
                self._memory.lists[(name, lang)] = listed
        return self._lists[key]

    def _list(self, entries: tuple[Entry, ...], lang: str) -> Shown:
        """The entries shown in lang, their items, and where each entry shows."""
        places, shown, items = [], [], []
        for entry in entries:
            item = self.item(entry, lang)
            places.append(-1 if item is None else len(items))
            if item is not None:
                shown.append(entry)
                items.append(item)
        return Shown(entries, tuple(shown), tuple(items), tuple(places))

    def _relisted(self, entries: tuple[Entry, ...], lang: str, last: Shown) -> Shown | None:
        """The last plan's listing with the entries replaced in place (an edit), each shown where the one it
        replaces was: items are made for those alone. None when entries came, went or moved, or one is
        shown now where the one it replaces was not (or the other way round)."""
        if len(last.entries) != len(entries):
            return None
        shown: list[Entry] | None = None
        items: list[Item] | None = None
        for index, (old, new) in enumerate(zip(last.entries, entries, strict=True)):
            if old is new:
                continue
            item, place = self.item(new, lang), last.places[index]
            if (item is None) != (place < 0):
                return None
            if item is not None:
                shown = list(last.shown) if shown is None else shown
                items = list(last.items) if items is None else items
                shown[place], items[place] = new, item
        if shown is None or items is None:
            return Shown(entries, last.shown, last.items, last.places)
        return Shown(entries, tuple(shown), tuple(items), last.places)

    def tagged(self, term: Term) -> tuple[PressRelease, ...]:
        """The releases listed on a theme's or city's pages (a city's also by region), newest first."""
        return self.grouped("tagged", _tags).get((term.kind, term.id), ())

    def grouped(self, name: str, keys_of: Callable[[PressRelease], frozenset]) -> dict[Any, tuple[PressRelease, ...]]:
        """The releases by each key they have (all keys at once: one pass), newest first; from the last plan's
        grouping where only releases with the same keys were replaced (an edit), so unchanged groups stay the same."""
        if name not in self._groups:
            self._groups[name] = group_releases(self.site.press, keys_of, self._memory.groups.get(name))
            self._memory.groups[name] = self._groups[name]
        return self._groups[name].groups

    def term_link(self, term: Term, lang: str) -> Link:
        return Link(term.name[lang], self.routes.url(self.routes.term(term, lang)))

    def term_links(self, kind: str, ids, lang: str) -> tuple[Link, ...]:
        return tuple(self._term_links(kind, term_id, lang) for term_id in ids)

    def _term_links(self, kind: str, term_id: str, lang: str) -> Link:
        key = (kind, term_id, lang)
        if key not in self._links:
            self._links[key] = self.term_link(self.site.term(kind, term_id), lang)
        return self._links[key]

    # -- pages -----------------------------------------------------------------

    def remember(self) -> None:
        """Leave this plan's pages in the memory for the next plan."""
        self._memory.pages = self._planned
        self._memory.listings = self._listings

    def listed(self, key: tuple[str, ...], made_of: tuple, make: Callable[[], list[PlannedPage]]) -> list[PlannedPage]:
        """A listing's pages as planned last time if what they list is equal (tuples of the same entries
        compare by identity, so this is cheap), else made now: every listing is asked for at every plan."""
        known = self._memory.listings.get(key)
        if known is None or known.made_of != made_of:
            planned, self._planned = self._planned, {}
            try:
                pages = make()
            finally:
                made, self._planned = self._planned, planned
            known = Listed(made_of, pages, made)
        self._planned.update(known.planned)
        self._listings[key] = known
        return known.pages

    def remembered(
        self, key: tuple[str, ...], inputs: tuple, make: Callable[[], list[PlannedPage]]
    ) -> list[PlannedPage]:
        """The pages planned for key last time if their inputs are equal to these (entries compare by identity
        first, so this is cheap), else made now."""
        known = self._pages.get(key)
        if known is None or known[0] != inputs:
            known = (inputs, make())
        self._planned[key] = known
        return known[1]

    def plan(self) -> list[PlannedPage]:
        pages = [self.chooser(), self.not_found()]
        for lang in self.codes:
            pages.append(self.home(lang))
            pages += self.listing(lang, "press", self.site.press)
            pages += self.listing(lang, "projects", self.site.projects)
            for kind in ("themes", "cities"):
                pages.append(self.term_index(lang, kind))
                pages += [page for term in self.terms(kind) for page in self.term_pages(lang, term)]
        for entry in (*self.site.press, *self.site.projects, *self.site.pages):
            pages += self.entry_pages(entry)
        return pages

    def globals(self, lang: str) -> dict[str, Any]:
        """Values every page of a language shows: site name, navigation, footer."""
        nav = tuple(
            (section, self.routes.url(f"{lang}/{self.config.segment(lang, section)}/"))
            for section in ("press", "projects", "themes", "cities", "search")
        )
        pages = tuple(self.item(p, lang) for p in self.site.pages if p.version(lang))
        return {
            "site_title": self.config.title[lang],
            "home_url": self.routes.url(self.routes.home(lang)),
            "nav": nav,
            "footer_pages": pages,
            **self.statement_globals(lang),
        }

    def statement_globals(self, lang: str) -> dict[str, Any]:
        """The footer's accessibility statement link and publisher contact (None without a statement)."""
        statement = self.site.statement
        page = next((p for p in self.site.pages if statement and p.id == statement.page and p.version(lang)), None)
        publisher = statement.publisher if statement else None
        return {
            "statement_url": self.routes.url(self.routes.entry(page, lang) or "") if page else None,
            "publisher": (publisher.name[lang], channel_view(publisher.channel)) if publisher else None,
        }

    def copies(self) -> tuple[tuple[str, str], ...]:
        entries = (*self.site.press, *self.site.projects, *self.site.pages)
        return tuple((self.routes.media(e, name), str(Path(e.src_dir) / name)) for e in entries for name in e.files)

    def terms(self, kind: str) -> tuple[Term, ...]:
        return self.site.themes if kind == "themes" else self.site.cities

    def chooser(self) -> PlannedPage:
        lang = self.codes[0]
        parts = tuple(
            (
                code,
                "partials/chooser_item.html",
                {"url": self.routes.url(self.routes.home(code)), "language": self.config.language(code)},
            )
            for code in self.codes
        )
        head = self.head(lang, "", "", self.same_everywhere(self.routes.home), canonical="")
        return PlannedPage("index.html", "chooser.html", lang, "the language chooser", {"head": head}, parts)

    def not_found(self) -> PlannedPage:
        lang = self.codes[0]
        parts = tuple(
            (code, "partials/not_found_part.html", {"home": self.routes.url(self.routes.home(code))})
            for code in self.codes
        )
        head = self.head(lang, "404.html", "404", {}, noindex=True)
        return PlannedPage("404.html", "404.html", lang, "the 404 page", {"head": head}, parts)

    def home(self, lang: str) -> PlannedPage:
        path = self.routes.home(lang)
        inputs = ("home", self.shown(self.site.press, lang, ("listing", "press"))[:HOME_LATEST], self._press_reads)
        return self.remembered((path,), inputs, partial(self._home, lang, path, inputs))[0]

    def _home(self, lang: str, path: str, inputs: tuple) -> list[PlannedPage]:
        context = {
            "head": self.head(
                lang,
                path,
                "",
                self.same_everywhere(self.routes.home),
                description=self.config.description[lang],
                section="home",
            ),
            "latest": self.items(self.site.press, lang)[:HOME_LATEST],
            "projects": self.items(self.site.projects, lang),
            "themes": tuple(self.term_link(t, lang) for t in self.site.themes),
            "press_url": self.routes.url(self.routes.section(lang, "press")),
            "projects_url": self.routes.url(self.routes.section(lang, "projects")),
        }
        return [PlannedPage(path + "index.html", "home.html", lang, f"the {lang} home page", context, inputs=inputs)]

    def listing(self, lang: str, section: str, entries: tuple[Entry, ...]) -> list[PlannedPage]:
        """A section's listing in lang, newest first, split into pages."""
        return self.listed(("listing", section, lang), (entries,), partial(self._listing, lang, section, entries))

    def _listing(self, lang: str, section: str, entries: tuple[Entry, ...]) -> list[PlannedPage]:
        pages = []
        for page in self.paginate(lang, entries, partial(self.routes.section, section=section), ("listing", section)):
            inputs = ("listing", section, *page.inputs)
            pages += self.remembered((page.path,), inputs, partial(self._listing_page, lang, section, page, inputs))
        return pages

    def _listing_page(self, lang: str, section: str, page: Paginated, inputs: tuple) -> list[PlannedPage]:
        head = self.head(lang, page.path, "", page.others, section=section)
        context = {"head": head, "section": section, "items": page.items, "pager": page.pager}
        source = f"the {section} listing"
        return [PlannedPage(page.path + "index.html", "listing.html", lang, source, context, inputs=inputs)]

    def paginate(
        self, lang: str, entries: tuple[Entry, ...], path_of: Callable[..., str], name: tuple[str, ...] = ()
    ) -> Iterator[Paginated]:
        """Each page listing entries in lang, newest first.

        Page n of another language is a counterpart only where that language has n pages."""
        items, shown = self.items(entries, lang, name), self.shown(entries, lang, name)
        size = self.config.page_size
        counts = tuple(_page_count(len(self.items(entries, code, name)), size) for code in self.codes)  # memoized
        count = counts[self.codes.index(lang)]
        for number in range(1, count + 1):
            pager = Pager(
                number, count,
                self.routes.url(path_of(lang=lang, number=number - 1)) if number > 1 else None,
                self.routes.url(path_of(lang=lang, number=number + 1)) if number < count else None,
            )  # fmt: skip
            pairs = zip(self.codes, counts, strict=True)
            others = {code: path_of(lang=code, number=number) for code, n in pairs if number <= n}
            part = slice((number - 1) * size, number * size)
            inputs = (number, counts, shown[part])
            yield Paginated(path_of(lang=lang, number=number), others, pager, items[part], inputs)

    def term_index(self, lang: str, kind: str) -> PlannedPage:
        path = f"{lang}/{self.config.segment(lang, kind)}/"
        others = {code: f"{code}/{self.config.segment(code, kind)}/" for code in self.codes}
        context = {
            "head": self.head(lang, path, "", others, section=kind),
            "kind": kind,
            "terms": tuple(self.term_link(t, lang) for t in self.terms(kind)),
        }
        return PlannedPage(path + "index.html", "terms.html", lang, f"{kind}.yaml", context)

    def term_pages(self, lang: str, term: Term) -> list[PlannedPage]:
        """Everything tagged with a theme or city (a city also gets the releases of its
        region): its projects, then its releases, newest first, split into pages."""
        press = self.tagged(term)
        its_projects = tuple(e for e in self.site.projects if term.id in getattr(e, term.kind))
        make = partial(self._term_pages, lang, term, press, its_projects)
        return self.listed(("term", term.kind, term.id, lang), (press, its_projects), make)

    def _term_pages(
        self, lang: str, term: Term, press: tuple[PressRelease, ...], its_projects: tuple[Project, ...]
    ) -> list[PlannedPage]:
        pages = []
        for page in self.paginate(lang, press, partial(self.routes.term, term), ("term", term.kind, term.id)):
            shown = its_projects if page.pager.number == 1 else ()  # projects head the first page
            inputs = ("term", term, *page.inputs, shown)
            pages += self.remembered((page.path,), inputs, partial(self._term_page, lang, term, page, shown, inputs))
        return pages

    def _term_page(
        self, lang: str, term: Term, page: Paginated, projects: tuple[Project, ...], inputs: tuple
    ) -> list[PlannedPage]:
        context = {
            "head": self.head(lang, page.path, term.name[lang], page.others, section=term.kind),
            "kind": term.kind,
            "name": term.name[lang],
            "releases": page.items,
            "projects": self.items(projects, lang),
            "pager": page.pager,
        }
        source = f"{term.kind}.yaml: {term.id}"
        return [PlannedPage(page.path + "index.html", "term.html", lang, source, context, inputs=inputs)]

    def entry_pages(self, entry: Entry) -> list[PlannedPage]:
        """The entry's page in each language: a version or a notice page."""
        inputs = self.entry_inputs(entry)  # one tuple for all its pages: fingerprinted once (incremental.py)
        if inputs is None:
            return self._entry_pages(entry, inputs)
        return self.remembered((entry.section, entry.id), inputs, partial(self._entry_pages, entry, inputs))

    def _entry_pages(self, entry: Entry, inputs: tuple | None) -> list[PlannedPage]:
        versions = {v.lang: self.routes.version(entry, v) for v in entry.versions}
        switch = {c: p for c in self.codes if (p := self.routes.entry(entry, c))}
        template = {"press": "press.html", "projects": "project.html", "pages": "page.html"}[entry.section]
        pages = []
        for lang, path in switch.items():
            shown = entry.version(lang) or entry.original
            notice = shown.lang != lang
            head = self.head(
                lang, path, shown.title, versions, switch,
                description=shown.summary, noindex=notice, section=entry.section,
                canonical=versions[shown.lang],
            )  # fmt: skip
            page = PlannedPage(
                path + "index.html", template, lang, shown.src_path, {"head": head},
                inputs=inputs, entry=entry, modified=_modified(entry, shown),
            )  # fmt: skip
            pages.append(page if page.inputs is not None else self.complete(page))
        return pages

    def complete(self, page: PlannedPage) -> PlannedPage:
        """The page ready to render, with what a worker needs and no more: an entry page with the entry's view
        (and the statement on its page) in its context, and no page with its inputs (a listing's are the
        entries it lists: sending them cost more than rendering)."""
        entry = page.entry
        if entry is None:
            return page if page.inputs is None else replace(page, inputs=None)
        context = {**page.context, "entry": self.entry_view(entry, page.lang)}
        if self.site.statement and isinstance(entry, Page) and entry.id == self.site.statement.page:
            context["statement"] = statement_view(self.site.statement, page.lang)
        return replace(page, context=context, entry=None, inputs=None)  # what a worker needs, no more

    def entry_inputs(self, entry: Entry) -> tuple | None:
        """What an entry page's context is made of besides the settings (None for free pages: the statement)."""
        if isinstance(entry, PressRelease):
            return (entry, self._press_reads)
        if isinstance(entry, Project):
            return (entry, self.releases_of(entry), self._terms)
        return None

    def entry_view(self, entry: Entry, lang: str) -> EntryView:
        """The entry as shown on its page in lang (its version or the original)."""
        version = entry.version(lang)
        shown = version or entry.original
        common = dict(
            kind="page",
            title=shown.title,
            summary=shown.summary,
            html=Html(shown.packed_html),
            text_lang=shown.lang,
            notice=version is None,
            published=entry.published if not isinstance(entry, Page) else None,
            later_published=None,
            updated=shown.updated,
            region=None,
            draft=entry.draft,
        )
        if isinstance(entry, Page):
            return EntryView(**common)
        common.update(
            themes=self.term_links("themes", entry.themes, lang),
            contacts=tuple(_contact(c, lang) for c in entry.contacts),
            image=ImageView(self.routes.url(self.routes.media(entry, entry.image.src)), entry.image.alt[lang])
            if entry.image
            else None,
        )
        if isinstance(entry, PressRelease):
            later = (
                shown.published if shown.published and entry.published and shown.published > entry.published else None
            )
            region = "national" if entry.region == "national" else self.site.term("cities", entry.region).name[lang]
            return EntryView(
                **{**common, "kind": entry.kind, "later_published": later, "region": region},
                cities=self.term_links("cities", entry.cities, lang),
                projects=self.items([self.site.project(p) for p in entry.projects if self._has_project(p)], lang),
            )
        assert isinstance(entry, Project)
        releases = self.releases_of(entry)
        return EntryView(
            **{**common, "kind": "project", "published": None},
            cities=self.term_links("cities", entry.cities, lang),
            lead_city=self.term_link(self.site.term("cities", entry.lead_city), lang),
            releases=self.items(releases, lang),
            website=entry.website,
            start=entry.start,
            end=entry.end,
        )

    def releases_of(self, project: Project) -> tuple[PressRelease, ...]:
        """The releases that name a project, newest first (its page lists them)."""
        return self.grouped("projects", _projects).get(project.id, ())

    def _has_project(self, project_id: str) -> bool:
        """False for a project left out of this build (a draft)."""
        return any(p.id == project_id for p in self.site.projects)


@dataclass(frozen=True, slots=True)
class Grouped:
    """Releases grouped by keys (terms, projects), each group newest first, and the releases grouped."""

    press: tuple[PressRelease, ...]
    groups: dict[Any, tuple[PressRelease, ...]]


def group_releases(
    press: tuple[PressRelease, ...], keys_of: Callable[[PressRelease], frozenset], last: Grouped | None = None
) -> Grouped:
    """The releases grouped by keys_of; from `last` when only releases with the same keys were replaced in
    place (an edit): the groups without them stay the same tuples, so listings compare them by identity."""
    if last is not None and len(last.press) == len(press):
        pairs = [(old, new) for old, new in zip(last.press, press, strict=True) if old is not new]
        if all(keys_of(old) == keys_of(new) for old, new in pairs):
            swap = {id(old): new for old, new in pairs}
            groups = dict(last.groups)
            for key in {key for old, _ in pairs for key in keys_of(old)}:
                groups[key] = tuple(swap.get(id(release), release) for release in groups[key])
            return Grouped(press, groups)
    found: dict[Any, list[PressRelease]] = {}
    for release in press:
        for key in keys_of(release):  # each once: the releases stay newest first
            found.setdefault(key, []).append(release)
    return Grouped(press, {key: tuple(releases) for key, releases in found.items()})


def _tags(release: PressRelease) -> frozenset[tuple[str, str]]:
    """The terms a release is listed under: its themes and cities, and its region as both."""
    themes = {("themes", t) for t in (*release.themes, release.region)}
    return frozenset(themes.union(("cities", c) for c in (*release.cities, release.region)))


def _projects(release: PressRelease) -> frozenset[str]:
    return frozenset(release.projects)


def _modified(entry: Entry, shown: Version) -> datetime | None:
    """The latest of the dates an entry page shows: published, published in this language, updated."""
    dates = [shown.updated]
    if isinstance(entry, PressRelease):
        dates += [entry.published, shown.published]
    return max((d for d in dates if isinstance(d, datetime)), default=None)


def _page_count(items: int, size: int) -> int:
    """Pages a listing of `items` entries needs (an empty listing still has one)."""
    return max(1, -(-items // size))


def _contact(contact, lang: str) -> ContactView:
    email = contact.email.replace("@", "(a)") if contact.email else None
    return ContactView(contact.name, contact.role[lang] if contact.role else None, contact.phone, email)


def plan_site(site: Site, memory: PlanMemory | None = None) -> SitePlan:
    """Every page and file of the site, in a stable order (planned again only where changed, given the
    memory of the last plan)."""
    planner = Planner(site, memory)
    pages = tuple(planner.plan())
    planner.remember()
    return SitePlan(
        pages,
        {lang: planner.globals(lang) for lang in site.config.codes},
        planner.copies(),
        planner.complete,
    )
