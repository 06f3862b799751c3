"""Rendering: templates compiled in an earlier build never hide an edit; UI text and dates as before."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import jinja2
import pytest
from markupsafe import Markup

from innosite.build import PACKAGE
from innosite.model.settings import Config, Language, Localized
from innosite.pages.planned import PlannedPage
from innosite.pages.views import Item
from innosite.render.i18n import Formatter, load_translations
from innosite.render.renderer import Renderer

LANGUAGES = (Language("fi", "fi_FI", "Suomi"), Language("sv", "sv_FI", "Svenska"), Language("en", "en_FI", "English"))


def site_config(timezone_name: str = "Europe/Helsinki") -> Config:
    title = Localized(tuple((language.lang, "Innokaupungit") for language in LANGUAGES))
    return Config(title, title, "https://example.org/", LANGUAGES, ("fi",), (), timezone_name, ())


@pytest.fixture
def theme(tmp_path: Path) -> Path:
    """A folder with templates/ (empty) and a copy of the project's locales/."""
    (tmp_path / "templates").mkdir()
    shutil.copytree(PACKAGE / "locales", tmp_path / "locales")
    return tmp_path


def write(theme: Path, name: str, text: str) -> None:
    (theme / "templates" / name).write_text(text, encoding="utf-8")


def render(theme: Path, lang: str = "sv", bytecode: Path | None = None, **context: object) -> str:
    """page.html in a new Renderer (as a new build process would), with the values given."""
    renderer = Renderer(
        theme / "templates", theme / "locales", site_config(), {language.lang: {} for language in LANGUAGES}, bytecode
    )
    page = PlannedPage(f"{lang}/index.html", "page.html", lang, "test", dict(context))
    return renderer.render(page).decode("utf-8")


def test_an_edited_template_shows_at_once_after_a_cached_build(theme: Path) -> None:
    cache = theme / ".cache" / "templates"
    write(theme, "page.html", '<h1>{{ title }}</h1>{% include "part.html" %}')
    write(theme, "part.html", "<p>{{ _('Press releases') }}</p>")
    assert render(theme, bytecode=cache, title="A") == "<h1>A</h1><p>Pressmeddelanden</p>"
    assert any(path.is_file() for path in cache.rglob("*")), "compiled templates are kept"

    write(theme, "page.html", '<h2>{{ title }}</h2>{% include "part.html" %}')
    write(theme, "part.html", "<p>{{ _('Projects') }}</p>")
    assert render(theme, bytecode=cache, title="A") == "<h2>A</h2><p>Projekt</p>"


def test_an_edited_catalog_shows_at_once_even_in_text_fixed_when_compiling(theme: Path) -> None:
    # A filter on a constant is applied once, when the template is compiled.
    cache = theme / ".cache" / "templates"
    write(theme, "page.html", '{{ "sv"|in_language }}')
    assert render(theme, bytecode=cache) == "på svenska"
    catalog = theme / "locales" / "sv" / "LC_MESSAGES" / "messages.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace('"på svenska"', '"på svenska språket"'), "utf-8")
    assert render(theme, bytecode=cache) == "på svenska språket"


def test_a_damaged_or_unusable_cache_only_costs_compiling_again(theme: Path) -> None:
    cache = theme / ".cache" / "templates"
    write(theme, "page.html", "<p>{{ _('Themes') }}</p>")
    assert render(theme, bytecode=cache) == "<p>Teman</p>"
    for path in cache.rglob("*"):
        if path.is_file():
            path.write_bytes(path.read_bytes()[:40] + b"\x00garbage")
    assert render(theme, bytecode=cache) == "<p>Teman</p>"
    blocked = theme / "not-a-folder"
    blocked.write_text("")
    assert render(theme, bytecode=blocked) == "<p>Teman</p>"
    assert render(theme) == "<p>Teman</p>"


UI_TEXT = """\
{% macro label() %}{{ _("Press releases") }}{% endmacro %}
{{ _("Press releases") }}|{{ _("100%% sure") }}|{{ _("Page %(number)s of %(count)s", number=2, count=count) }}
{% for n in [1, 2] %}{{ _("page %(number)s", number=n) }} {{ label() }} {% endfor %}
{% autoescape false %}{{ _("Page %(number)s of %(count)s", number=1, count=count) }}{% endautoescape %}
{% set _ = 1 %}{{ _ }}
"""


def test_ui_text_is_what_jinja_gives(theme: Path) -> None:
    write(theme, "page.html", UI_TEXT)
    for lang in ("fi", "sv", "en"):
        reference = jinja2.Environment(
            loader=jinja2.FileSystemLoader(theme / "templates"),
            autoescape=True,
            extensions=["jinja2.ext.i18n"],
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        reference.install_gettext_translations(load_translations(theme / "locales", lang), newstyle=True)  # type: ignore[attr-defined]
        expected = reference.get_template("page.html").render(count="<3>")
        assert "&lt;3&gt;" in expected and "<3>" in expected
        assert render(theme, lang, count="<3>") == expected


HELSINKI = ZoneInfo("Europe/Helsinki")


def test_dates_in_each_language() -> None:
    moment = datetime(2022, 9, 13, 11, 56, tzinfo=UTC)
    for _ in range(2):  # the second time from the memo
        assert Formatter("fi_FI", "Europe/Helsinki").datetime(moment) == "13.9.2022 14.56"
        assert Formatter("sv_FI", "Europe/Helsinki").date(moment) == "13.9.2022"
        # English spells the month out (13/09 reads as a 13th month to a reader used to month/day), 14:56 as English does
        assert Formatter("en_FI", "Europe/Helsinki").datetime(moment) == "13 September 2022, 14:56"
        assert Formatter("en_FI", "Europe/Helsinki").date(date(2022, 9, 13)) == "13 September 2022"
        assert Formatter("en_FI", "Europe/Helsinki").time(moment) == "14:56"
    late = datetime(2022, 9, 13, 22, 30, tzinfo=UTC)
    assert Formatter("fi_FI", "Europe/Helsinki").date(late) == "14.9.2022"
    assert Formatter("fi_FI", "Europe/Helsinki").date(late.date()) == "13.9.2022"


def test_equal_looking_moments_an_hour_apart_are_told_apart() -> None:
    # 03:30 happens twice in Helsinki when summer time ends; the two compare equal in Python.
    first = datetime(2025, 10, 26, 3, 30, tzinfo=HELSINKI)
    second = first.replace(fold=1)
    assert first == second
    formatter = Formatter("fi_FI", "UTC")
    assert (formatter.time(first), formatter.time(second)) == ("0.30", "1.30")
    same_instant = datetime(2025, 10, 26, 0, 30, tzinfo=UTC)
    assert formatter.datetime(same_instant) == formatter.datetime(first)


def test_a_shared_fragment_is_rendered_once_per_value_and_sees_nothing_of_the_page(theme: Path) -> None:
    write(theme, "page.html", '{{ shared("part.html", section=section) }}|{{ shared("part.html", section=None) }}')
    write(theme, "part.html", "{{ section }}:{{ _('Projects') }}")
    assert render(theme, section="a") == "a:Projekt|None:Projekt"
    with pytest.raises(TypeError):
        render(theme, section=Markup("a"))
    write(theme, "part.html", "{{ title }}")
    with pytest.raises(jinja2.UndefinedError):
        render(theme, section="a", title="on the page only")


def test_shared_listing_items_at_one_instant_in_two_time_zones_are_told_apart(theme: Path) -> None:
    write(theme, "page.html", '{% for item in items %}{{ shared("item.html", item=item) }};{% endfor %}')
    write(theme, "item.html", "{{ item.published|iso }}")
    noon = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    items = [Item("T", "/t/", None, moment, "news", "sv") for moment in (noon, noon.astimezone(HELSINKI))]
    assert items[0] == items[1]
    assert render(theme, items=items) == "2024-05-01T12:00+00:00;2024-05-01T15:00+03:00;"
