"""The build: content to a complete site in memory, then published.

`render_site` does everything but writing (so `check` and tests use it);
`build` publishes its result.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from itertools import repeat
from pathlib import Path
from zoneinfo import ZoneInfo

from innosite.content.load import LoadMemory, LoadOptions, load_site
from innosite.model.site import Site
from innosite.output.guard import check_output_folder, check_plan
from innosite.output.search_index import index_site
from innosite.pages.discovery import add_discovery
from innosite.pages.plan import PlannedPage, SitePlan, plan_site
from innosite.problems import Problem, Problems
from innosite.render.i18n import catalogs_digest, load_translations
from innosite.render.renderer import Renderer, find_assets
from innosite.speed.session import BuildSession

PACKAGE = Path(__file__).resolve().parent
"""The installed package: its templates/ and locales/ are the defaults."""


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """Everything a build depends on besides the files themselves."""

    content: Path = Path("content")
    out: Path = Path("site")
    templates: Path = PACKAGE / "templates"
    locales: Path = PACKAGE / "locales"
    drafts: bool = False
    future: bool = False
    strict: bool = False
    search: bool = True
    """Index the built site with Pagefind (off: `--no-search`, for fast previews)."""
    jobs: int = 0
    """Processes to render with (0: all cores)."""
    cache: bool = True
    """Reuse `.cache/` beside the content folder (see incremental.py)."""
    progress: bool = False
    """Show pages done / total on stderr."""
    now: datetime = field(default_factory=lambda: datetime.now(ZoneInfo("UTC")))


@dataclass(frozen=True, slots=True)
class Output:
    """A rendered site: file bytes and files to copy, by output path."""

    site: Site
    files: dict[str, bytes]
    copies: dict[str, Path]
    warnings: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class BuildResult:
    pages: int
    changed: int
    warnings: tuple[Problem, ...]
    base_path: str = "/"
    """Where the site lives on its host (from site.yaml's base_url)."""


def footnote_titles(options: BuildOptions, langs: tuple[str, ...], memory: LoadMemory | None = None) -> dict[str, str]:
    """The footnote back-link title per language, from the catalogs (with a memory, parsed again only when
    their bytes changed: parsing costs more than the pages of an edit)."""
    key = (options.locales, langs, catalogs_digest(options.locales, langs)) if memory is not None else None
    if memory is not None and memory.footnotes and memory.footnotes[0] == key:
        return memory.footnotes[1]
    titles = {
        lang: load_translations(options.locales, lang).gettext("Back to footnote {} in the text") for lang in langs
    }
    if memory is not None:
        memory.footnotes = (key, titles)
    return titles


def render_site(options: BuildOptions, problems: Problems, session: BuildSession | None = None) -> Output:
    """Load, validate, plan and render; raises ContentError on any error."""
    if session is None:
        with BuildSession(options.content, options.out, options.jobs, options.cache, options.progress) as session:
            return render_site(options, problems, session)
    changed = session.loader.changed
    load_options = LoadOptions(now=options.now, drafts=options.drafts, future=options.future, changed=changed)
    titles = partial(footnote_titles, options, memory=session.load_memory)
    site = load_site(options.content, problems, load_options, titles, session.loader, session.load_memory)
    problems.raise_if_errors(options.strict)
    assert site is not None
    reused = session.reuse(site, problems, options.templates, options.locales)
    if reused is not None:  # nothing changed since the output was built: no planning, no rendering
        problems.extend(reused[2])
        problems.raise_if_errors(options.strict)
        return Output(site, reused[0], reused[1], problems.warnings)
    session.get_ready(options.templates, options.locales, site.config)
    plan = add_discovery(plan_site(site, session.plan_memory), site, problems, session.plan_memory)
    check_plan(plan, problems, session.plan_memory.paths)
    files = render_plan(plan, site, options, problems, session)
    problems.raise_if_errors(options.strict)
    copies = {path: Path(src) for path, src in plan.copies}
    return Output(site, files, copies, problems.warnings)


def render_plan(
    plan: SitePlan, site: Site, options: BuildOptions, problems: Problems, session: BuildSession | None = None
) -> MutableMapping[str, bytes]:
    """Render every planned page (with a session: only the changed ones); two pages on one path is an error."""
    files: MutableMapping[str, bytes] = {}
    pages = _one_per_path(plan.pages, problems)
    if session is not None:
        files = session.render(pages, plan, site.config, options.templates, options.locales)
    else:
        renderer = Renderer(options.templates, options.locales, site.config, plan.globals)
        files = {page.path: renderer.render(plan.complete(page)) for page in pages}
    for asset in find_assets(options.templates).values():
        files[asset.path] = asset.src.read_bytes()
    return files


def _one_per_path(planned: tuple[PlannedPage, ...], problems: Problems) -> list[PlannedPage]:
    """The pages, each the first on its path: a second page on a path is an error."""
    if len({page.path for page in planned}) == len(planned):
        return list(planned)  # nearly always: no page to drop, no message to make
    sources: dict[str, str] = {}
    pages = []
    for page in planned:
        if page.path in sources:
            problems.error(
                page.source, 0,
                f"two pages would be written to /{page.path.removesuffix('index.html')}: this one and the one from "
                f"{sources[page.path]}; give one of them another slug",
            )  # fmt: skip
            continue
        sources[page.path] = page.source
        pages.append(page)
    return pages


def build(options: BuildOptions, problems: Problems, session: BuildSession | None = None) -> BuildResult:
    """Build and publish the site; raises ContentError and leaves out/ as it was.

    A session given by the caller (the preview server's) is kept open for the next build."""
    if session is None:
        check_output_folder(options.out, (options.content, options.templates, options.locales, Path.cwd()))
        with BuildSession(options.content, options.out, options.jobs, options.cache, options.progress) as session:
            session.prepare_output()
            return build(options, problems, session)
    output = render_site(options, problems, session)
    changed = session.publish(output.files, output.copies, index_site if options.search else None, output.warnings)
    pages = sum(map(str.endswith, output.files, repeat(".html")))  # no Python call per file
    return BuildResult(pages, changed, output.warnings, output.site.config.base_path)
