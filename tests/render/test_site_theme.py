"""A site overrides any template or catalog message from its own folder; the package gives everything else."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Run, read_tree

FOOTER = """<footer class="site-footer"><p class="footer-title">{{ site_title }}</p>
<p>{{ _("Maintained by the programme office") }}</p></footer>
"""
CATALOG = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Press releases"
msgstr "Mediatiedotteet"

msgid "Maintained by the programme office"
msgstr "Ylläpito: ohjelmatoimisto"
"""


def _own_theme(site: Path) -> None:
    (site / "templates" / "partials").mkdir(parents=True)
    (site / "templates" / "partials" / "footer.html").write_text(FOOTER, encoding="utf-8")
    (site / "locales" / "fi" / "LC_MESSAGES").mkdir(parents=True)
    (site / "locales" / "fi" / "LC_MESSAGES" / "messages.po").write_text(CATALOG, encoding="utf-8")


def _texts(html: bytes) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.decode()))


def test_a_sites_own_template_and_messages_win(site_dir: Path, run: Callable[..., Run]) -> None:
    _own_theme(site_dir)
    assert run("--out", "site", "--no-search").code == 0
    site = read_tree(site_dir / "site")
    finnish, swedish = _texts(site["fi/index.html"]), _texts(site["sv/index.html"])
    assert "Ylläpito: ohjelmatoimisto" in finnish  # the site's footer, its message translated by its catalog
    assert "Mediatiedotteet" in finnish  # a message of the package's templates, translated by the site
    assert "Siirry sisältöön" in finnish  # every other message as the package translates it
    assert "Maintained by the programme office" in swedish  # the site's catalog has no Swedish: untranslated
    assert "Pressmeddelanden" in swedish


def test_without_its_own_folders_a_site_builds_with_the_package_alone(site_dir: Path, run: Callable[..., Run]) -> None:
    assert run("--out", "site", "--no-search").code == 0
    assert "Tiedotteet" in _texts(read_tree(site_dir / "site")["fi/index.html"])
