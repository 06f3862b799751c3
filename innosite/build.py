"""The build: content to a complete site in memory, then published.

`render_site` does everything but writing (so `check` and tests use it);
`build` publishes its result.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import partial
from itertools import repeat
from pathlib import Path
from zoneinfo import ZoneInfo

from innosite.content.load import LoadOptions, load_site
from innosite.content.schedule import goes_live, site_moment
from innosite.editor.config import model_of_site
from innosite.editor.page import ADMIN, published_admin
from innosite.memo import Memo, Memory
from innosite.model.entry import Entry, Version
from innosite.model.site import Site, Unpublished
from innosite.output.address_record import RecordChange, keep_record, record_after
from innosite.output.guard import (
    check_output_folder,
    check_output_owner,
    guard_plan,
    output_failure,
    output_folder,
)
from innosite.output.links import order_problems, text_link_problems
from innosite.output.lock import hold_output
from innosite.pages.addresses import told_once
from innosite.pages.discovery import add_discovery
from innosite.pages.plan import plan_site
from innosite.pages.routes import Routes
from innosite.pages.search import SearchPage, indexed_pages
from innosite.problems import Problem, Problems, say
from innosite.render.i18n import Folders, catalogs_digest, folders, load_translations
from innosite.render.renderer import find_assets
from innosite.speed.search import SearchIndexer
from innosite.speed.session import BuildSession
from innosite.speed.workers import default_jobs

PACKAGE = Path(__file__).resolve().parent
"""The installed package: its templates/ and locales/ are the defaults."""


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """Everything a build depends on besides the files themselves."""

    content: Path = Path("content")
    out: Path = Path("site")
    templates: Folders = PACKAGE / "templates"
    """The templates: a folder, or a search path whose first folder that has a template wins (see site_theme)."""
    locales: Folders = PACKAGE / "locales"
    """The catalogs: a folder, or a search path whose first catalog that translates a message wins."""
    drafts: bool = False
    future: bool = False
    strict: bool = False
    search: bool = True
    """Index the built site with Pagefind (off: `--no-search`, for fast previews)."""
    jobs: int = 0
    """Processes to render with (0: all cores)."""
    cache: bool = True
    """Reuse `.cache/` beside the content folder (see speed/session.py)."""
    progress: bool = False
    """Show pages done / total on stderr."""
    now: datetime = field(default_factory=lambda: datetime.now(ZoneInfo("UTC")))
    """The moment that decides what is published (--now); without a time zone, in the site's."""
    base_url: str | None = None
    """Instead of site.yaml's base_url (--base-url)."""
    preview: bool = False
    """A preview build (--preview): every page noindex, no sitemap, a robots.txt that disallows everything."""
    record: bool = False
    """Keep the record of published addresses (content/published-addresses.txt) after publishing: only a build
    of the public site does (`python build.py`; not check, serve, previews, --drafts or --future)."""
    wait: float = 600.0
    """Seconds to wait for another build writing the same output folder to finish (see output/lock.py)."""
    editor: bool = True
    """Publish the browser editor at admin/ when site.yaml has `editor:` (the preview serves its own)."""


@dataclass(frozen=True, slots=True)
class Output:
    """A rendered site: file bytes and files to copy, by output path."""

    site: Site
    files: MutableMapping[str, bytes]
    copies: dict[str, Path]
    warnings: tuple[Problem, ...]
    search: tuple[SearchPage, ...] = ()
    """The pages the search index holds (none when the output was reused as it is, or without search)."""


@dataclass(frozen=True, slots=True)
class WentLive:
    """A language version this build publishes that the previous build of the same output folder did not."""

    published: datetime
    """When it went live: its publication time (the build's moment for a version without one)."""
    lang: str
    url: str


@dataclass(frozen=True, slots=True)
class BuildResult:
    pages: int
    changed: int
    warnings: tuple[Problem, ...]
    base_path: str = "/"
    """Where the site lives on its host (from site.yaml's base_url)."""
    unpublished: tuple[Unpublished, ...] = ()
    """Drafts and scheduled entries and versions (see Unpublished.included for those left out)."""
    went_live: tuple[WentLive, ...] = ()
    """Empty when no build of the output folder was recorded before (the first, or without the cache)."""
    timezone: str = "Europe/Helsinki"
    recorded: RecordChange = RecordChange()
    """What the build did to the record of published addresses."""
    site: Site | None = None
    """The site built (the preview makes the editor's configuration from the last good one)."""


def site_theme(content: Path) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    """The templates and catalogs of a site's build: the site's own `templates/` and `locales/` beside its
    content folder, where it has them, before the package's (docs/customising.md)."""
    site = content.resolve().parent
    own = [(site / name) for name in ("templates", "locales")]
    return (
        (*(own[:1] if own[0].is_dir() else ()), PACKAGE / "templates"),
        (*(own[1:] if own[1].is_dir() else ()), PACKAGE / "locales"),
    )


def footnote_titles(options: BuildOptions, langs: tuple[str, ...], memory: Memory | None = None) -> dict[str, str]:
    """The footnote back-link title per language, from the catalogs (with a memory, parsed again only when
    their bytes changed: parsing costs more than the pages of an edit)."""
    if memory is None:
        return _footnote_titles(options.locales, langs)
    titles: Memo[str, dict[str, str]] = memory.memo("load.footnotes")
    digest = catalogs_digest(options.locales, langs)
    return titles.get("titles", (options.locales, langs, digest), _footnote_titles, options.locales, langs)


def _footnote_titles(locales: Folders, langs: tuple[str, ...]) -> dict[str, str]:
    return {lang: load_translations(locales, lang).gettext("Back to footnote {} in the text") for lang in langs}


def render_site(options: BuildOptions, problems: Problems, session: BuildSession | None = None) -> Output:
    """Load, validate, plan and render; raises ContentError on any error."""
    if session is None:
        with BuildSession(options.content, options.out, options.jobs, options.cache, options.progress) as session:
            return render_site(options, problems, session)
    changed = session.loader.changed
    load_options = LoadOptions(
        now=options.now,
        drafts=options.drafts,
        future=options.future,
        changed=changed,
        base_url=options.base_url,
        preview=options.preview,
    )
    titles = partial(footnote_titles, options, memory=session.memory)
    site = load_site(options.content, problems, load_options, titles, session.loader, session.memory)
    session.loaded()
    problems.raise_if_errors(options.strict)
    assert site is not None
    reused = session.reuse(site, problems, options.templates, options.locales, options.search)
    if reused is not None:  # nothing changed since the output was built: no planning, no rendering
        problems.extend(reused[2])
        problems.raise_if_errors(options.strict)
        return Output(site, reused[0], reused[1], problems.warnings)
    session.get_ready(options.templates, options.locales, site.config)
    media, images = session.images(site, options.content, problems)
    problems.raise_if_errors(options.strict)
    plan = add_discovery(plan_site(site, session.memory, media), site, session.memory, media)
    for note in plan.notes:
        problems.warn(note.path, note.line, note.message)
    pages = guard_plan(plan, problems, session.memory)
    files = session.render(pages, plan, site.config, options.templates, options.locales)
    for asset in find_assets(options.templates).values():
        files[asset.path] = asset.src.read_bytes()
    for path, want in images.items():
        files.add(path, want)
    problems.raise_if_errors(options.strict)
    copies = {path: Path(src) for path, src in plan.copies if path not in images}
    if options.editor and site.config.editor is not None:
        admin_files, admin_copies = published_admin(model_of_site(site), options.locales)
        files.update(admin_files)
        copies.update(admin_copies)
    search = tuple(indexed_pages(plan.pages)) if options.search else ()  # (not looked for in every page without)
    return Output(site, files, copies, problems.warnings, search)


def build(options: BuildOptions, problems: Problems, session: BuildSession | None = None) -> BuildResult:
    """Build and publish the site; raises ContentError and leaves out/ as it was.

    A session given by the caller (the preview server's) is kept open for the next build."""
    if session is None:
        out = output_folder(options.out)
        sources = (options.content, *folders(options.templates), *folders(options.locales), Path.cwd())
        check_output_folder(options.out, sources)
        lock = hold_output(out, options.wait, say)  # before the folder is looked at: no other build is swapping it
        try:
            session = BuildSession(
                options.content, out, options.jobs, options.cache, options.progress, lock=lock, once=True
            )
        except BaseException:
            lock.release()
            raise
        with session:
            try:
                check_output_owner(out)
                session.prepare_output()
                return build(replace(options, out=out), problems, session)
            except OSError as exc:  # the output folder cannot be written: a disk full, read-only...
                failure = output_failure(exc, out)
                if failure is None:
                    raise
                raise failure from None
    output = render_site(options, problems, session)
    if not session.reused:  # a site reused as it is was published by a build of the same code that checked this
        paths = {*output.files, *output.copies}
        problems.extend(text_link_problems(output.site, paths, options.templates))  # no broken or early link
        problems.extend(order_problems(output.site, options.templates))  # none at a scheduled text's moment
        problems.raise_if_errors(options.strict)
    after = record_after(options.content, output.site) if records(options, output.site) else None
    stamped = output.warnings
    if after is not None:  # the next build reads the new record: what is published is the same, said once
        session.rekey(replace(output.site, record=after), options.templates, options.locales)
        stamped = tuple(warning for warning in stamped if not told_once(warning.message))
    finish = None
    if options.search:
        finish = SearchIndexer(list(output.search), session.cache, options.jobs or default_jobs())
    changed = session.publish(output.files, output.copies, finish, stamped)
    recorded = keep_record(output.site, after)  # once the site is out
    pages = sum(map(str.endswith, output.files, repeat(".html")))  # no Python call per file
    pages -= f"{ADMIN}index.html" in output.files  # the editor's page is not one of the site's
    site = output.site
    public = public_versions(site) if session.remembers_published else {}  # (the preview's session: none)
    before = session.published_before(frozenset(public))
    now = site_moment(options.now, site.config.timezone)
    live = () if before is None else went_live(site, {key: public[key] for key in public.keys() - before}, now)
    config = site.config
    return BuildResult(
        pages, changed, output.warnings, config.base_path, site.unpublished, live, config.timezone, recorded, site
    )


NOW_SLACK = timedelta(minutes=5)
"""A build --now later than the real time by more than this shows the site as it will be: it records nothing."""


def records(options: BuildOptions, site: Site) -> bool:
    """Whether this build keeps the record of published addresses: one that publishes the public site
    (options.record), as it is now, not as it will be at a later --now (its addresses are not out yet)."""
    moment = site_moment(options.now, site.config.timezone)
    return options.record and moment <= real_now() + NOW_SLACK


def real_now() -> datetime:
    """The moment on the computer's clock (what --now is compared with)."""
    return datetime.now(UTC)


def public_versions(site: Site) -> dict[str, tuple[Entry, Version]]:
    """The language versions a site publishes for everyone (not drafts, not before their time), by
    "section/id lang"."""
    return {
        f"{entry.key} {version.lang}": (entry, version)
        for entry in (*site.press, *site.projects, *site.pages)
        if not entry.draft
        for version in entry.versions
        if version.goes_live is None
    }


def went_live(site: Site, new: dict[str, tuple[Entry, Version]], now: datetime) -> tuple[WentLive, ...]:
    """The versions new to the output folder, oldest first (then in the site's order of languages)."""
    routes = Routes(site.config)
    langs = site.config.langs
    found = []
    for entry, version in new.values():
        moment = goes_live(entry, version) or now
        found.append((moment, entry.key, langs.index(version.lang), version.lang, routes.version(entry, version)))
    return tuple(WentLive(moment, lang, routes.absolute(path)) for moment, _, _, lang, path in sorted(found))
