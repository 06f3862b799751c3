"""The build: content to a complete site in memory, then published.

`render_site` does everything but writing (so `check` and tests use it);
`build` publishes its result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from .discovery import add_discovery
from .i18n import load_translations
from .load import LoadOptions, load_site
from .model import Site
from .paths import check_plan
from .plan import SitePlan, plan_site
from .problems import Problem, Problems
from .publish import check_output_folder, publish
from .render import Renderer
from .search import index_site

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """Everything a build depends on besides the files themselves."""

    content: Path = Path("content")
    out: Path = Path("site")
    templates: Path = PROJECT_ROOT / "templates"
    locales: Path = PROJECT_ROOT / "locales"
    drafts: bool = False
    future: bool = False
    strict: bool = False
    search: bool = True
    """Index the built site with Pagefind (off: `--no-search`, for fast previews)."""
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


def footnote_titles(options: BuildOptions, langs: tuple[str, ...]) -> dict[str, str]:
    """The footnote back-link title per language, from the catalogs."""
    return {lang: load_translations(options.locales, lang).gettext("Back to footnote {} in the text") for lang in langs}


def render_site(options: BuildOptions, problems: Problems) -> Output:
    """Load, validate, plan and render; raises ContentError on any error."""
    load_options = LoadOptions(now=options.now, drafts=options.drafts, future=options.future)
    site = load_site(options.content, problems, load_options, partial(footnote_titles, options))
    problems.raise_if_errors(options.strict)
    assert site is not None
    plan = add_discovery(plan_site(site), site, problems)
    check_plan(plan, problems)
    files = render_plan(plan, site, options, problems)
    problems.raise_if_errors(options.strict)
    copies = {path: Path(src) for path, src in plan.copies}
    return Output(site, files, copies, problems.warnings)


def render_plan(plan: SitePlan, site: Site, options: BuildOptions, problems: Problems) -> dict[str, bytes]:
    """Render every planned page; two pages on one path is an error."""
    renderer = Renderer(options.templates, options.locales, site.config, plan.globals)
    files: dict[str, bytes] = {}
    sources: dict[str, str] = {}
    for page in plan.pages:
        if page.path in sources:
            problems.error(
                page.source, 0,
                f"two pages would be written to /{page.path.removesuffix('index.html')}: this one and the one from "
                f"{sources[page.path]}; give one of them another slug",
            )  # fmt: skip
            continue
        sources[page.path] = page.source
        files[page.path] = renderer.render(page)
    for asset in renderer.assets.values():
        files[asset.path] = asset.src.read_bytes()
    return files


def build(options: BuildOptions, problems: Problems) -> BuildResult:
    """Build and publish the site; raises ContentError and leaves out/ as it was."""
    check_output_folder(options.out, (options.content, options.templates, options.locales, Path.cwd()))
    output = render_site(options, problems)
    changed = publish(options.out, output.files, output.copies, finish=index_site if options.search else None)
    pages = sum(1 for path in output.files if path.endswith(".html"))
    return BuildResult(pages, changed, output.warnings)
