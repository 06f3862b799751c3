"""picture: the data of a `<picture>` element, exactly; and, in a browser, that `sizes` tells the layout's truth."""

from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from innosite.media import ENTRY_SIZES, TEXT_SIZES, Picture, Source, Variant, drawing, picture


def made(*shapes: tuple[str, int, int]) -> tuple[Variant, ...]:
    return tuple(Variant(format=fmt, width=w, height=h, data=b"") for fmt, w, h in shapes)


def address(variant: Variant) -> str:
    return "/fi/tiedotteet/uutinen/" + variant.file_name("kuva")


PHOTO = made(("webp", 480, 360), ("webp", 800, 600), ("webp", 1200, 900), ("webp", 1600, 1200), ("jpeg", 1200, 900))


def test_a_photo_below_the_fold() -> None:
    assert picture(PHOTO, "Kaupunginjohtajat allekirjoittavat sopimuksen", address) == Picture(
        sources=(
            Source(
                type="image/webp",
                srcset="/fi/tiedotteet/uutinen/kuva-480.webp 480w, /fi/tiedotteet/uutinen/kuva-800.webp 800w, "
                "/fi/tiedotteet/uutinen/kuva-1200.webp 1200w, /fi/tiedotteet/uutinen/kuva-1600.webp 1600w",
                sizes="(min-width: 72rem) 42.5rem, (min-width: 64rem) calc(100vw - 29.5rem), "
                "(min-width: 46rem) 44rem, calc(100vw - 2rem)",
            ),
        ),
        src="/fi/tiedotteet/uutinen/kuva-1200.jpg",
        alt="Kaupunginjohtajat allekirjoittavat sopimuksen",
        width=1600,
        height=1200,
        loading="lazy",
        fetchpriority=None,
        decoding="async",
    )


def test_the_first_image_of_a_page_loads_at_once_with_high_priority() -> None:
    first = picture(PHOTO, "", address, first=True)
    assert (first.loading, first.fetchpriority, first.decoding) == (None, "high", "async")


def test_order_does_not_matter_and_a_page_without_contacts_has_its_own_sizes() -> None:
    shuffled = picture(tuple(reversed(PHOTO)), "x", address, sizes=TEXT_SIZES)
    assert shuffled.sources[0].srcset.startswith("/fi/tiedotteet/uutinen/kuva-480.webp 480w, ")
    assert shuffled.sources[0].sizes == "(min-width: 46rem) 44rem, calc(100vw - 2rem)"


def test_a_logo_with_transparency_falls_back_to_png() -> None:
    logo = picture(made(("webp", 480, 240), ("webp", 800, 400), ("png", 800, 400)), "Logo", address)
    assert (logo.src, logo.width, logo.height) == ("/fi/tiedotteet/uutinen/kuva-800.png", 800, 400)


def test_a_one_pixel_image() -> None:
    tiny = picture(made(("webp", 1, 1), ("jpeg", 1, 1)), "", address)
    assert tiny.sources == (Source("image/webp", "/fi/tiedotteet/uutinen/kuva-1.webp 1w", ENTRY_SIZES),)
    assert (tiny.src, tiny.width, tiny.height) == ("/fi/tiedotteet/uutinen/kuva-1.jpg", 1, 1)


def test_webp_alone() -> None:
    alone = picture(made(("webp", 480, 320), ("webp", 800, 533)), "", address)
    assert (alone.src, alone.width, alone.height) == ("/fi/tiedotteet/uutinen/kuva-800.webp", 800, 533)


def test_an_svg_drawing() -> None:
    assert drawing("/fi/kaavio.svg", "Kaavio", 120, 80) == Picture(
        sources=(), src="/fi/kaavio.svg", alt="Kaavio", width=120, height=80, loading="lazy"
    )
    assert drawing("/fi/kaavio.svg", "", None, None, first=True).fetchpriority == "high"


# In a browser: `sizes` against the stylesheet ------------------------------------------------------------------

WIDTHS = (320, 360, 414, 735, 736, 768, 1023, 1024, 1100, 1151, 1152, 1920)
_RULE = re.compile(r"^(?:\(min-width: ([\d.]+)rem\) )?(?:([\d.]+)rem|calc\(100vw - ([\d.]+)rem\))$")


def shown_width(sizes: str, viewport: int) -> float:
    """What `sizes` says for a viewport this wide (CSS pixels; the forms used here only)."""
    for rule in sizes.split(", "):
        found = _RULE.match(rule)
        assert found, rule
        least, fixed, less = found.groups()
        if least is None or viewport >= float(least) * 16:
            return float(fixed) * 16 if fixed else viewport - float(less) * 16
    raise AssertionError(f"no rule of {sizes!r} applies at {viewport}px")


INSERT = """([where, sizes]) => {
  const image = document.createElement('img');
  image.width = 1600; image.height = 1200; image.alt = ''; image.sizes = sizes;
  const holder = document.createElement(where === '.entry-image' ? 'figure' : 'p');
  if (where === '.entry-image') { holder.className = 'entry-image'; document.querySelector('h1').after(holder); }
  else { document.querySelector('.body').prepend(holder); }
  holder.append(image);
}"""


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The tiny site, served where its addresses expect it (under /programme/)."""
    from tests.browser.harness import built_example, serve
    from tests.conftest import TINY

    root = tmp_path_factory.mktemp("served")
    with built_example(TINY) as folder:
        (root / "programme").symlink_to(folder, target_is_directory=True)
        with serve(root) as url:
            yield url + "programme/"


CASES = (
    ("fi/tiedotteet/kaupungit-ottavat-vetovastuuta/", ".entry-image", ENTRY_SIZES),
    ("fi/tiedotteet/kaupungit-ottavat-vetovastuuta/", ".body", ENTRY_SIZES),
    ("fi/hankkeet/fotoniikan-kaupunkiekosysteemi/", ".entry-image", ENTRY_SIZES),
    ("fi/tietoa/", ".body", TEXT_SIZES),
)


def measure(site: str) -> dict[tuple[str, str], list[tuple[int, float, float]]]:
    """(viewport, the image's width, the scrollbar's width) for every case and viewport width, in Chromium."""
    from tests.browser.harness import chromium

    found: dict[tuple[str, str], list[tuple[int, float, float]]] = {}
    with chromium() as browser:
        page = browser.new_page()
        for path, where, sizes in CASES:
            for viewport in WIDTHS:
                page.set_viewport_size({"width": viewport, "height": 900})
                page.goto(site + path)
                page.evaluate(INSERT, [where, sizes])
                shown = page.evaluate(f"document.querySelector('{where} img').getBoundingClientRect().width")
                scrollbar = page.evaluate("window.innerWidth - document.documentElement.clientWidth")
                found.setdefault((path, where), []).append((viewport, shown, scrollbar))
    return found


@pytest.fixture(scope="module")
def measured(tiny_site: str) -> dict[tuple[str, str], list[tuple[int, float, float]]]:
    """Measured in a thread of its own: Playwright's sync API allows one instance per thread, and the browser tests
    may have theirs running in this one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(measure, tiny_site).result()


@pytest.mark.parametrize(("path", "where", "sizes"), CASES)
def test_sizes_is_the_width_the_browser_gives_the_image(measured, path: str, where: str, sizes: str) -> None:
    wrong = [
        f"{viewport}px: shown {shown}, sizes says {shown_width(sizes, viewport)}"
        for viewport, shown, scrollbar in measured[(path, where)]
        # 100vw counts a scrollbar the page does not have for its content: `sizes` may say that much more
        if not shown - 0.5 <= shown_width(sizes, viewport) <= shown + scrollbar + 0.5
    ]
    assert wrong == []
