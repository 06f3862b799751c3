"""Screenshots of the browser editor for docs/editor.md, docs/ohje.md and docs/anvisning.md.

Usage: python scripts/editor_screenshots.py
Serves a temporary copy of content/ with `python build.py serve` and photographs
the editor in Debian's Chromium into docs/screenshots/editor-*.png: the sign-in
page, the list of press releases, a new release being written (Finnish UI), the
Swedish version of it (Swedish UI) and a save refused for a missing title.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.harness import chromium, preview  # noqa: E402

SIZE = {"width": 1280, "height": 800}


def field(page, key: str, control: str = "input"):
    return page.locator(f'section[data-key-path="{key}"] {control}').first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="innosite-shots-"))
    try:
        shutil.copytree(ROOT / "content", folder / "content")
        with preview(folder) as url, chromium() as browser:
            for locale, button in (("fi-FI", "Työskentele paikallisen repositorion kanssa"),
                                   ("sv-FI", "Arbeta med lokalt repository")):  # fmt: skip
                context = browser.new_context(locale=locale, timezone_id="Europe/Helsinki", viewport=SIZE)
                page = context.new_page()
                page.goto(url + "admin/")
                page.get_by_role("button", name=button).wait_for()
                lang = locale[:2]
                if lang == "fi":
                    page.screenshot(path=args.out / "editor-sign-in.png")
                page.get_by_role("button", name=button).click()
                page.get_by_text("Kaupungit ottavat vetovastuuta").first.wait_for()
                if lang == "fi":
                    page.screenshot(path=args.out / "editor-list.png")
                page.goto(url + "admin/#/collections/press/new")
                field(page, "title").wait_for()
                field(page, "title").fill("Akkukemian verkosto kokoontuu Kokkolassa")
                field(page, "summary", "textarea").fill("Vetovastuuhanke kokoaa toimijat yhteen.")
                field(page, "published").fill("2024-03-01T10:00")
                field(page, "themes", "[role=combobox]").click()
                page.get_by_role("option", name=re.compile("^Akkukemikaalit")).first.click()
                field(page, "summary", "textarea").click()  # closes the list of choices
                if lang == "fi":
                    page.screenshot(path=args.out / "editor-new-release.png")
                    field(page, "title").fill("")
                    page.get_by_role("button", name="Tallenna").first.click()
                    page.get_by_role("alert").filter(has_text="virheitä").wait_for()
                    field(page, "title").scroll_into_view_if_needed()
                    page.screenshot(path=args.out / "editor-refused.png")
                else:
                    page.locator('button:has-text("Svenska")').first.click()
                    field(page, "title").fill("Batterikeminätverket samlas i Karleby")
                    page.screenshot(path=args.out / "editor-swedish.png")
                context.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"Wrote the editor's screenshots into {args.out.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
