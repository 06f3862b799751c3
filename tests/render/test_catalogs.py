"""UI text: every message of the templates and code is translated in every catalog."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
LANGS = ("fi", "sv", "en")
METHODS = [("innosite/**.py", "python"), ("innosite/templates/**.html", "jinja2")]
OPTIONS = {
    "innosite/templates/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}
}


def used_messages() -> set[str]:
    """Every msgid that pybabel extract finds with babel.cfg's settings."""
    found = set()
    for _, _, message, _, _ in extract_from_dir(str(ROOT), METHODS, options_map=OPTIONS):
        found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_translates_every_message(lang: str) -> None:
    with (ROOT / "innosite" / "locales" / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    used = used_messages()
    assert used, "extraction found no messages"
    missing = sorted(m for m in used if m not in catalog)
    empty = sorted(m for m in used if m in catalog and not catalog[m].string)
    fuzzy = sorted(m.id for m in catalog if m.id and m.fuzzy)
    assert (missing, empty, fuzzy) == ([], [], []), f"{lang}: missing {missing}, untranslated {empty}, fuzzy {fuzzy}"


def test_templates_hold_no_untranslated_words() -> None:
    """Visible text in templates comes from gettext: no bare words between tags
    (script and style bodies, such as JSON-LD, are not visible text)."""
    import re

    offenders = []
    for path in sorted((ROOT / "innosite" / "templates").rglob("*.html")):
        source = re.sub(r"<(script|style)\b.*?</\1>", " ", path.read_text(encoding="utf-8"), flags=re.S)
        text = re.sub(r"{%.*?%}|{{.*?}}|{#.*?#}|<[^>]*>", " ", source, flags=re.S)
        words = [w for w in re.findall(r"[A-Za-zÅÄÖåäö]{3,}", text)]
        if words:
            offenders.append(f"{path.relative_to(ROOT)}: {' '.join(words[:5])}")
    assert offenders == []
