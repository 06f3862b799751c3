"""The planner: what every page of a site is made from (head values, listing items, term links).

It depends on the site alone. Given a Memory (the preview's), it gives again
what the last build made from equal inputs: listing items, pages and whole
listings, so that an edit costs about as much as the pages it changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any

from innosite.memo import Memo, Memory, Same
from innosite.model.entry import Entry, PressRelease, Project
from innosite.model.settings import Term
from innosite.model.site import Site
from innosite.pages.images import Media
from innosite.pages.listings import (
    Grouped,
    Paginated,
    Shown,
    group_releases,
    list_entries,
    page_count,
    projects_of,
    relist_entries,
    tags,
)
from innosite.pages.planned import PlannedPage, Shared
from innosite.pages.routes import Routes
from innosite.pages.share import share_image
from innosite.pages.views import Head, Item, Link, Pager, SwitchLink

MEMOS = ("plan.items", "plan.pages", "plan.listings", "plan.lists", "plan.groups", "plan.shared")
"""The planner's memos: values made under one set of settings (site.yaml, themes, cities)."""


class Planner:
    """Builds the view models of one site: each depends on the site alone (a Memory only saves work)."""

    def __init__(self, site: Site, memory: Memory | None = None, media: Media | None = None) -> None:
        memory = memory or Memory()
        self.media = media or Media()
        """What the image step made (pages/images.py): pictures, downloads and share images."""
        memory.scope(MEMOS, (site.config, site.themes, site.cities))
        self.site = site
        self.config = site.config
        self.routes = Routes(site.config)
        self.langs = site.config.langs
        self._names = {language.lang: language.name for language in site.config.languages}
        self._items: Memo[tuple[str, str, str], Item | None] = memory.memo("plan.items")
        """item() by (section, id, lang), made of the entry it shows: an entry shows in many listings."""
        self._pages: Memo[tuple[str, ...], list[PlannedPage]] = memory.memo("plan.pages")
        self._listings: Memo[tuple[str, ...], tuple[list[PlannedPage], tuple]] = memory.memo("plan.listings")
        """A listing's pages in one language (a section's, a term's), and the keys of _pages they used."""
        self._lists: Memo[tuple[tuple[str, ...], str], Shown] = memory.memo("plan.lists")
        """A named listing's entries as shown in a language (updated from the last, see _listed)."""
        self._groups: Memo[str, Grouped] = memory.memo("plan.groups")
        self._links: dict[tuple[str, str, str], Link] = {}
        """Links to themes and cities by (kind, id, lang), shared by the pages that show them."""
        self._listed: dict[tuple[Same, str], Shown] = {}
        """This plan's listings by the entries tuple and lang."""
        self._grouped: dict[str, Grouped] = {}
        shared: Memo[str, Shared] = memory.memo("plan.shared")
        self.terms_read = shared.get("terms", terms := Shared((site.themes, site.cities)), lambda: terms)
        """The terms, as inputs of the pages that show them: the last plan's object while equal."""
        press_reads = Shared((site.projects, site.themes, site.cities))
        self.press_reads = shared.get("press_reads", press_reads, lambda: press_reads)
        """What a press release's page shows besides the release itself."""

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
        `switch` to the switcher's targets where they differ (notice pages); `x_default` the x-default's path
        where it is not the default language's version (the home pages': the language chooser)."""
        switch = others if switch is None else switch
        if self.config.preview:
            extra["noindex"] = True  # nothing of a preview may reach a search engine
        alternates = tuple((other, self.routes.absolute(others[other])) for other in self.langs if other in others)
        default = extra.pop("x_default", None)
        if default is None:
            default = others.get(self.langs[0]) or next(iter(others.values()), path)
        if alternates:
            alternates += (("x-default", self.routes.absolute(default)),)
        switcher = tuple(
            SwitchLink(
                other,
                self._names[other],
                self.routes.url(path if other == lang else switch.get(other) or self.routes.home(other)),
                other == lang,
            )
            for other in self.langs
        )
        extra.setdefault("share", share_image(self.routes, lang, self.media))
        return Head(
            lang, title, path, self.routes.absolute(extra.pop("canonical", path)), alternates, switcher, **extra
        )

    def same_everywhere(self, make_path: Callable[[str], str]) -> dict[str, str]:
        return {lang: make_path(lang) for lang in self.langs}

    # -- items and links -------------------------------------------------------

    def item(self, entry: Entry, lang: str) -> Item | None:
        """The entry as a listing item in lang, or None when hidden there."""
        return self._items.get((entry.section, entry.id, lang), entry, self._item, entry, lang)

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
            draft=entry.draft,
            goes_live=version.goes_live,
        )

    def items(self, entries: Sequence[Entry], lang: str, name: tuple[str, ...] = ()) -> tuple[Item, ...]:
        """The entries as listing items in lang (a tuple of entries listed once per plan; a named listing
        updated from the last plan's, see _shown)."""
        if not isinstance(entries, tuple):
            return tuple(i for i in (self.item(e, lang) for e in entries) if i is not None)
        return self._shown(entries, lang, name).items

    def shown(self, entries: tuple[Entry, ...], lang: str, name: tuple[str, ...] = ()) -> tuple[Entry, ...]:
        """The entries that have a page in lang: those items() shows, in the same order."""
        return self._shown(entries, lang, name).shown

    def _shown(self, entries: tuple[Entry, ...], lang: str, name: tuple[str, ...]) -> Shown:
        key = (Same(entries), lang)
        listed = self._listed.get(key)
        if listed is None:
            item = partial(self.item, lang=lang)
            last = self._lists.last((name, lang)) if name else None
            listed = (relist_entries(entries, last, item) if last else None) or list_entries(entries, item)
            self._listed[key] = listed
            if name:
                self._lists.put((name, lang), entries, listed)
        return listed

    def tagged(self, term: Term) -> tuple[PressRelease, ...]:
        """The releases listed on a theme's or city's pages (a city's also by region), newest first."""
        return self.grouped("tagged", tags).get((term.kind, term.id), ())

    def releases_of(self, project: Project) -> tuple[PressRelease, ...]:
        """The releases that name a project, newest first (its page lists them)."""
        return self.grouped("projects", projects_of).get(project.id, ())

    def grouped(self, name: str, keys_of: Callable[[PressRelease], frozenset]) -> dict[Any, tuple[PressRelease, ...]]:
        """The releases by each key they have (all keys at once: one pass), newest first; from the last plan's
        grouping where only releases with the same keys were replaced (an edit), so unchanged groups stay the same."""
        if name not in self._grouped:
            grouped = group_releases(self.site.press, keys_of, self._groups.last(name))
            self._grouped[name] = self._groups.put(name, self.site.press, grouped)
        return self._grouped[name].groups

    def term_link(self, term: Term, lang: str) -> Link:
        return Link(term.name[lang], self.routes.url(self.routes.term(term, lang)))

    def term_links(self, kind: str, ids: Sequence[str], lang: str) -> tuple[Link, ...]:
        return tuple(self._term_link(kind, term_id, lang) for term_id in ids)

    def _term_link(self, kind: str, term_id: str, lang: str) -> Link:
        key = (kind, term_id, lang)
        if key not in self._links:
            self._links[key] = self.term_link(self.site.term(kind, term_id), lang)
        return self._links[key]

    def terms(self, kind: str) -> tuple[Term, ...]:
        return self.site.themes if kind == "themes" else self.site.cities

    def has_project(self, project_id: str) -> bool:
        """False for a project left out of this build (a draft)."""
        return any(p.id == project_id for p in self.site.projects)

    # -- remembered pages --------------------------------------------------------

    def remembered(
        self, key: tuple[str, ...], inputs: tuple, make: Callable[[], list[PlannedPage]]
    ) -> list[PlannedPage]:
        """The pages planned for key from equal inputs (entries compare by identity first, so this is cheap),
        else made now."""
        return self._pages.get(key, inputs, make)

    def listed(self, key: tuple[str, ...], made_of: tuple, make: Callable[[], list[PlannedPage]]) -> list[PlannedPage]:
        """A listing's pages as planned last time if what they list is equal (tuples of the same entries
        compare by identity, so this is cheap), else made now: every listing is asked for at every plan."""
        known = self._listings.found(key, made_of)
        if known is not None:
            self._pages.keep(known[1])  # its pages stay remembered for when the listing changes
            return known[0]
        return self._listings.put(key, made_of, self._pages.recorded(make))[0]

    def paginate(
        self, lang: str, entries: tuple[Entry, ...], path_of: Callable[..., str], name: tuple[str, ...] = ()
    ) -> Iterator[Paginated]:
        """Each page listing entries in lang, newest first.

        Page n of another language is a counterpart only where that language has n pages."""
        items, shown = self.items(entries, lang, name), self.shown(entries, lang, name)
        size = self.config.page_size
        counts = tuple(page_count(len(self.items(entries, other, name)), size) for other in self.langs)  # listed once
        count = counts[self.langs.index(lang)]
        for number in range(1, count + 1):
            pager = Pager(
                number, count,
                self.routes.url(path_of(lang=lang, number=number - 1)) if number > 1 else None,
                self.routes.url(path_of(lang=lang, number=number + 1)) if number < count else None,
            )  # fmt: skip
            pairs = zip(self.langs, counts, strict=True)
            others = {other: path_of(lang=other, number=number) for other, n in pairs if number <= n}
            part = slice((number - 1) * size, number * size)
            inputs = (number, counts, shown[part])
            yield Paginated(path_of(lang=lang, number=number), others, pager, items[part], inputs)
