"""Planned pages to HTML bytes: Jinja templates, one environment per language."""

from __future__ import annotations

import contextlib
import gettext
import hashlib
import re
import shutil
import sys
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, MutableMapping
from dataclasses import dataclass
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import jinja2.ext
import jinja2.lexer
from babel.numbers import format_decimal
from markupsafe import Markup

from innosite.model.settings import Config
from innosite.pages import structured
from innosite.pages.planned import PlannedPage
from innosite.pages.views import Item
from innosite.render import i18n
from innosite.render.i18n import IN_LANGUAGE, Folders, Formatter, catalogs_digest, folders, load_translations

ASSETS_DIR = "assets"


@dataclass(frozen=True, slots=True)
class Asset:
    """A static file of the theme, published under a name with its content hash."""

    src: Path
    path: str
    """Output path, e.g. `assets/style.3f2a9c1e.css`."""


def _page_template(name: str) -> bool:
    return name.endswith(".html") and not name.startswith(f"{ASSETS_DIR}/")


def find_assets(templates: Folders) -> dict[str, Asset]:
    """templates/assets/* by name (a site's own before the package's), each with a hashed output name."""
    assets = {}
    for root in reversed(folders(templates)):
        folder = root / ASSETS_DIR
        for src in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if src.is_file():
                digest = hashlib.sha256(src.read_bytes()).hexdigest()[:10]
                name = src.relative_to(folder).as_posix()
                stem, dot, ext = name.rpartition(".")
                hashed = f"{ASSETS_DIR}/{stem}.{digest}.{ext}" if dot else f"{ASSETS_DIR}/{name}.{digest}"
                assets[name] = Asset(src, hashed)
    return dict(sorted(assets.items()))


class _FixedTexts(jinja2.ext.Extension):
    """Translates `_("text")` without placeholders when a language's templates are compiled.

    The call becomes `("translated text"|safe)`, which Jinja writes into the compiled template as
    it writes the markup around it: no call on every page. The text is what `_()` would give (see
    `_fast_gettext`). Calls with placeholders, and attributes named `_`, are left as they are.
    """

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        environment.extend(fixed_text=None)

    def filter_stream(self, stream: jinja2.lexer.TokenStream) -> Iterator[jinja2.lexer.Token]:
        translate: Callable[[str], str | None] | None = self.environment.fixed_text  # type: ignore[attr-defined]
        tokens = list(stream)
        at = 0
        while at < len(tokens):
            text = translate(tokens[at + 2].value) if translate and _is_fixed_text_call(tokens, at) else None
            if text is None:
                yield tokens[at]
                at += 1
                continue
            line = tokens[at].lineno
            yield from (
                jinja2.lexer.Token(line, "lparen", "("),
                jinja2.lexer.Token(line, "string", text),
                jinja2.lexer.Token(line, "pipe", "|"),
                jinja2.lexer.Token(line, "name", "safe"),
                jinja2.lexer.Token(line, "rparen", ")"),
            )
            at += 4


def _is_fixed_text_call(tokens: list[jinja2.lexer.Token], at: int) -> bool:
    """Whether tokens[at:] start `_("text")`, the name not an attribute (`x._`)."""
    call = tokens[at : at + 4]
    return (
        [t.type for t in call] == ["name", "lparen", "string", "rparen"]
        and call[0].value == "_"
        and (at == 0 or tokens[at - 1].type != "dot")
    )


ENVIRONMENT = {
    "autoescape": True,
    "extensions": ["jinja2.ext.i18n", _FixedTexts],
    "undefined": jinja2.StrictUndefined,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
    "auto_reload": False,
    "cache_size": -1,
}
"""Jinja settings of every language's environment. Not reloading is safe: a Renderer is made for one set of
templates (a template edit means a new Renderer), and it saves a stat of the file at every include. The
unbounded cache of templates is a plain dict (a few dozen templates), looked up at every include without
the lock and queue of the bounded one."""


class _Environment(jinja2.Environment):
    """Jinja's environment, whose templates read its globals directly.

    Jinja gives each template a ChainMap of its own globals over the environment's, and every
    context, include and import walks that ChainMap; these templates have no globals of their own
    (the Renderer sets them all before loading any template, and never passes any to get_template)."""

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        if d:
            return super().make_globals(d)
        return self.globals


class Renderer:
    """Renders planned pages; holds one Jinja environment per site language."""

    def __init__(
        self,
        templates: Folders,
        locales: Folders,
        config: Config,
        globals_by_lang: dict[str, dict[str, Any]],
        bytecode: Path | None = None,
    ) -> None:
        """`bytecode`: a folder of its own to keep compiled templates in, shared by processes and builds
        (None: every process compiles them)."""
        self.config = config
        self.assets = find_assets(templates)
        loader = jinja2.FileSystemLoader([str(folder) for folder in folders(templates)])
        caches = _bytecode_caches(bytecode, locales, config) if bytecode is not None else {}
        self.envs = {
            language.lang: self._env(
                loader,
                locales,
                language.lang,
                language.locale,
                globals_by_lang[language.lang],
                caches.get(language.lang),
            )
            for language in config.languages
        }

    def _env(
        self,
        loader: jinja2.BaseLoader,
        locales: Folders,
        lang: str,
        locale: str,
        extra: dict[str, Any],
        bytecode: jinja2.BytecodeCache | None,
    ) -> jinja2.Environment:
        env = _Environment(loader=loader, bytecode_cache=bytecode, **ENVIRONMENT)  # type: ignore[arg-type]
        translations = load_translations(locales, lang)
        env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
        env.globals["_"] = _fast_gettext(translations)
        env.fixed_text = partial(_fixed_text, translations)  # type: ignore[attr-defined]
        formatter = Formatter(locale, self.config.timezone)
        env.filters.update(
            datetime=formatter.datetime,
            date=formatter.date,
            time=formatter.time,
            iso=structured.iso,
            excerpt=structured.excerpt,
            in_language=lambda other: translations.gettext(IN_LANGUAGE.get(other) or other),
            decimal=partial(format_decimal, format="#,##0.0", locale=locale),
        )
        env.globals.update(extra, asset=self.asset_url, lang=lang)
        env.globals.update(
            article_data=structured.news_article,
            project_data=structured.project,
            breadcrumb_data=structured.breadcrumbs,
        )
        env.globals["shared"] = _shared(env)
        return env

    def compile_pages(self) -> None:
        """Compile the page templates (HTML, outside assets/) of every language; one that does not compile
        is left for rendering to report."""
        for env in self.envs.values():
            for name in env.list_templates(filter_func=_page_template):
                try:
                    env.get_template(name)
                except jinja2.TemplateError:
                    continue

    def asset_url(self, name: str) -> str:
        return self.config.base_path + self.assets[name].path

    def render(self, page: PlannedPage) -> bytes:
        """The page's HTML as UTF-8 bytes."""
        parts = tuple(
            (lang, Markup(self.envs[lang].get_template(template).render(context)))
            for lang, template, context in page.parts
        )
        html = self.envs[page.lang].get_template(page.template).render(page.context, parts=parts)
        return html.encode("utf-8")


TEXTS_KEEP = 4096
"""Translated texts without placeholders kept per language: templates hold a few hundred."""


def _fixed_text(translations: gettext.NullTranslations, message: str) -> str | None:
    """What `_(message)` gives in an HTML template (None where it would fail: a placeholder without a value)."""
    try:
        return str(Markup(translations.gettext(message)) % {})
    except (KeyError, TypeError, ValueError):
        return None


def _fast_gettext(translations: gettext.NullTranslations) -> Callable[..., str]:
    """`_()` for templates, giving what Jinja's newstyle gettext gives, in one call.

    Jinja's own goes through three context calls and a lookup per use; here the translated Markup is
    kept per message, and a message without placeholders is formatted once (`%%` still becomes `%`).
    """
    markups: dict[str, Markup] = {}
    texts: dict[str, Markup] = {}

    @jinja2.pass_eval_context
    def _(eval_ctx: jinja2.nodes.EvalContext, message: str, /, **variables: Any) -> str:
        if not eval_ctx.autoescape:
            return translations.gettext(message) % variables
        if not variables:
            text = texts.get(message)
            if text is None:
                text = Markup(translations.gettext(message)) % variables
                if len(texts) < TEXTS_KEEP:
                    texts[message] = text
            return text
        markup = markups.get(message)
        if markup is None:
            markup = Markup(translations.gettext(message))
            if len(markups) < TEXTS_KEEP:
                markups[message] = markup
        return markup % variables

    return _


SHARED_KEEP = 1024
"""Shared fragments kept per language (about 1 kB each), the least recently used dropped first: the navigation
by section, and listing items by heading level, which a process renders in runs (a language's listings,
then its terms' pages, which list each release a few times)."""


def _shared(env: jinja2.Environment) -> Callable[..., Markup]:
    """`shared(template, **values)` for templates: a partial that reads only the language's globals and these
    values (the navigation by section, a listing item), rendered once per language and values instead of on
    every page that shows it.

    The partial sees nothing of the page, so it cannot depend on more than its key."""
    done: OrderedDict[tuple, Markup] = OrderedDict()

    def shared(name: str, /, **values: str | int | Item | None) -> Markup:
        key = (name, *(_shared_key(value) for value in values.values()), *values)
        html = done.get(key)
        if html is None:
            html = done[key] = Markup(env.get_template(name).render(values))
            if len(done) > SHARED_KEEP:
                done.popitem(last=False)
        else:
            done.move_to_end(key)
        return html

    return shared


def _shared_key(value: str | int | Item | None) -> Hashable:
    """A value as part of a shared fragment's key: equal only for values that render alike.

    A str is not a Markup, which renders unescaped; a listing item's date compares equal to the same
    moment in another time zone, which <time datetime> shows, so its UTC offset is part of the key."""
    kind = type(value)
    if value is None or kind is str or kind is int:
        return value
    if kind is Item:
        published = value.published  # type: ignore[union-attr]
        return value, published.utcoffset() if published else None
    raise TypeError(f"shared fragments take a str, int, None or listing Item, not {value!r}")


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates on disk; a file that cannot be read or written is compiled again, never an error."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a damaged file: compile the template again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


_KEY_NAME = re.compile("[0-9a-f]{20}")
"""Subfolders of the bytecode folder that _bytecode_caches made (and may remove)."""


def _bytecode_caches(folder: Path, locales: Folders, config: Config) -> dict[str, jinja2.BytecodeCache]:
    """A bytecode cache per language, in a subfolder of `folder` named by what compiled code depends on.

    Jinja itself checks each template's source (an edited template is compiled again). Compiling
    may also fold filters applied to constants, so the subfolder is named by the filters' code and
    libraries, the Jinja settings and, per language, the locale, time zone and catalog. Subfolders
    for anything else are removed when a new one is made.
    """
    langs = [(each.lang, each.locale, catalogs_digest(locales, (each.lang,))) for each in config.languages]
    key = hashlib.sha256()
    parts: list[str | bytes] = [
        sys.version,
        version("jinja2"),
        version("babel"),
        repr(sorted((name, repr(value)) for name, value in ENVIRONMENT.items())),
        Path(__file__).read_bytes(),
        Path(i18n.__file__).read_bytes(),
        Path(structured.__file__).read_bytes(),
        config.timezone,
        *(part for lang, locale, catalog in langs for part in (lang, locale, catalog)),
    ]
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        key.update(len(data).to_bytes(8, "little") + data)
    here = folder / key.hexdigest()[:20]
    try:
        if not here.is_dir():
            for lang, _locale, _catalog in langs:
                (here / lang).mkdir(parents=True, exist_ok=True)
            for old in folder.iterdir():
                if old != here and _KEY_NAME.fullmatch(old.name):
                    shutil.rmtree(old, ignore_errors=True)
    except OSError:
        return {}
    return {lang: _BytecodeCache(str(here / lang)) for lang, _locale, _catalog in langs}
