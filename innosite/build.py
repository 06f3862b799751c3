"""The build: content to a complete site in memory, then published.

`render_site` does everything but writing (so `check` and tests use it);
`build` publishes its result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from itertools import repeat
from pathlib import Path
from zoneinfo import ZoneInfo

from innosite.content.load import LoadOptions, load_site
from innosite.editor.config import model_of_site
from innosite.editor.page import ADMIN, published_admin
from innosite.memo import Memo, Memory
from innosite.model.site import Site
from innosite.output.guard import check_output_folder, guard_plan
from innosite.output.search_index import index_site
from innosite.pages.discovery import add_discovery
from innosite.pages.plan import plan_site
from innosite.problems import Problem, Problems
from innosite.render.i18n import Folders, catalogs_digest, folders, load_translations
from innosite.render.renderer import find_assets
from innosite.speed.session import BuildSession

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
    editor: bool = True
    """Publish the browser editor at admin/ when site.yaml has `editor:` (the preview serves its own)."""


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
    load_options = LoadOptions(now=options.now, drafts=options.drafts, future=options.future, changed=changed)
    titles = partial(footnote_titles, options, memory=session.memory)
    site = load_site(options.content, problems, load_options, titles, session.loader, session.memory)
    problems.raise_if_errors(options.strict)
    assert site is not None
    reused = session.reuse(site, problems, options.templates, options.locales)
    if reused is not None:  # nothing changed since the output was built: no planning, no rendering
        problems.extend(reused[2])
        problems.raise_if_errors(options.strict)
        return Output(site, reused[0], reused[1], problems.warnings)
    session.get_ready(options.templates, options.locales, site.config)
    plan = add_discovery(plan_site(site, session.memory), site, session.memory)
    pages = guard_plan(plan, problems, session.memory)
    files = session.render(pages, plan, site.config, options.templates, options.locales)
    for asset in find_assets(options.templates).values():
        files[asset.path] = asset.src.read_bytes()
    problems.raise_if_errors(options.strict)
    copies = {path: Path(src) for path, src in plan.copies}
    if options.editor and site.config.editor is not None:
        admin_files, admin_copies = published_admin(model_of_site(site), options.locales)
        files.update(admin_files)
        copies.update(admin_copies)
    return Output(site, files, copies, problems.warnings)


def build(options: BuildOptions, problems: Problems, session: BuildSession | None = None) -> BuildResult:
    """Build and publish the site; raises ContentError and leaves out/ as it was.

    A session given by the caller (the preview server's) is kept open for the next build."""
    if session is None:
        sources = (options.content, *folders(options.templates), *folders(options.locales), Path.cwd())
        check_output_folder(options.out, sources)
        with BuildSession(options.content, options.out, options.jobs, options.cache, options.progress) as session:
            session.prepare_output()
            return build(options, problems, session)
    output = render_site(options, problems, session)
    changed = session.publish(output.files, output.copies, index_site if options.search else None, output.warnings)
    pages = sum(map(str.endswith, output.files, repeat(".html")))  # no Python call per file
    pages -= f"{ADMIN}index.html" in output.files  # the editor's page is not one of the site's
    return BuildResult(pages, changed, output.warnings, output.site.config.base_path, output.site)
