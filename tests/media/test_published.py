"""The images of a built site: what a press release with the issue's fixture images publishes, that no published
file keeps its metadata, the markup exactly, the checks at load, and the cache (warm builds do no image work, a
damaged cache gives the same bytes)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from innosite.build import BuildOptions, build
from innosite.problems import Problems
from tests.conftest import read_tree
from tests.fixture_images.add import HERE as IMAGES
from tests.fixture_images.add import SHARE_IMAGE
from tests.media.clean import metadata_in

RELEASE = "press/2022-09-13-lead-projects"
REL = f"content/{RELEASE}"
MEDIA = "site/media/press/2022-09-13-lead-projects"
PAGE = "site/fi/tiedotteet/kaupungit-ottavat-vetovastuuta/index.html"
PHOTO = "image:\n  src: kuva.jpg\n  alt: {fi: Kuvaaja kameran kanssa, sv: En fotograf, en: A photographer}\n  credit: Kalle Kuvaaja\n"
BODY = "\n![Pitkä kuvakaappaus](ruutu.png)\n\n![Painotalon kuva](cmyk.jpg)\n\n![Animaatio](liike.gif)\n\n![Piste](piste.png)\n"


@pytest.fixture
def with_images(site_dir: Path, edit, camera_jpeg, tall_png, cmyk_jpeg, animated_gif, one_pixel) -> Path:
    """The tiny site's release with a phone photo (GPS, turned) as its image and four images in its Finnish text."""
    for name, data in {
        "kuva.jpg": camera_jpeg,
        "ruutu.png": tall_png,
        "cmyk.jpg": cmyk_jpeg,
        "liike.gif": animated_gif,
        "piste.png": one_pixel,
    }.items():
        edit(f"{RELEASE}/{name}", data)
    meta = site_dir / REL / "meta.yaml"
    edit(f"{RELEASE}/meta.yaml", meta.read_text(encoding="utf-8") + PHOTO)
    fi = site_dir / REL / "fi.md"
    edit(f"{RELEASE}/fi.md", fi.read_text(encoding="utf-8") + BODY)
    edit("logo.png", (IMAGES / "logo.png").read_bytes())
    edit("site.yaml", (site_dir / "content/site.yaml").read_text(encoding="utf-8") + SHARE_IMAGE)
    return site_dir


def test_every_image_is_published_as_its_sizes_its_original_and_its_share_image(with_images: Path, run) -> None:
    result = run("--out", "site", "--no-search")
    assert result.code == 0, result.err
    assert sorted(p.name for p in (with_images / MEDIA).iterdir()) == [
        *("cmyk-1000.jpg", "cmyk-1000.webp", "cmyk-480.webp", "cmyk-800.webp", "cmyk.jpg"),
        *("kuva-480.webp", "kuva-800.webp", "kuva-900.jpg", "kuva-900.webp", "kuva-share.jpg", "kuva.jpg"),
        *("liike-300.jpg", "liike-300.webp", "liike.gif"),  # its first frame, still
        "liite.pdf",
        *("piste-1.jpg", "piste-1.webp", "piste.png"),
        *("ruutu-480.webp", "ruutu-600.jpg", "ruutu-600.webp", "ruutu.png"),
    ]
    assert sorted(p.name for p in (with_images / "site/media/share").iterdir()) == ["en.jpg", "fi.jpg", "sv.jpg"]


def test_no_published_image_keeps_its_metadata(with_images: Path, run, camera_jpeg) -> None:
    assert run("--out", "site", "--no-search").code == 0
    published = [p for p in (with_images / "site/media").rglob("*") if p.suffix in (".jpg", ".png", ".gif", ".webp")]
    assert len(published) == 24
    turned = ["b'Exif'", "EXIF {274: 6}", "info['exif']"]  # the orientation alone, or the photo lies on its side
    expected = {p.name: turned if p.name == "kuva.jpg" else [] for p in published}
    assert {p.name: metadata_in(p.read_bytes()) for p in published} == expected
    original = Image.open(with_images / MEDIA / "kuva.jpg")
    assert original.size == (1200, 900) and dict(original.getexif()) == {0x0112: 6}  # its pixels untouched
    assert Image.open(with_images / MEDIA / "kuva-900.webp").size == (900, 1200)  # the sizes stand upright
    assert b"motion-photo video" not in (with_images / MEDIA / "kuva.jpg").read_bytes()
    assert len((with_images / MEDIA / "kuva.jpg").read_bytes()) < len(camera_jpeg)


def test_the_photo_and_the_images_of_the_text_are_pictures_with_their_sizes(with_images: Path, run) -> None:
    assert run("--out", "site", "--no-search").code == 0
    page = (with_images / PAGE).read_text(encoding="utf-8")
    media = "/programme/media/press/2022-09-13-lead-projects/"
    sizes = "(min-width: 72rem) 42.5rem, (min-width: 64rem) calc(100vw - 29.5rem), (min-width: 46rem) 44rem, calc(100vw - 2rem)"
    figure = page[page.index('<figure class="entry-image">') : page.index("</figure>") + len("</figure>")]
    assert figure == (
        '<figure class="entry-image">\n'
        f'<picture><source type="image/webp" srcset="{media}kuva-480.webp 480w, {media}kuva-800.webp 800w, '
        f'{media}kuva-900.webp 900w" sizes="{sizes}"><img src="{media}kuva-900.jpg" alt="Kuvaaja kameran kanssa" '
        'width="900" height="1200" fetchpriority="high" decoding="async"></picture>\n'
        "<figcaption>\n"
        '<span class="credit">Kuva: Kalle Kuvaaja</span> '
        f'<a class="download" href="{media}kuva.jpg" download>Lataa alkuperäinen kuva (JPEG, 900 × 1200 pikseliä, '
        f"{round((with_images / MEDIA / 'kuva.jpg').stat().st_size / 1024)} kt)</a>\n"
        "</figcaption>\n</figure>"
    )
    pictures = re.findall(r"<picture>.*?</picture>", page[page.index('<div class="body">') :])
    assert pictures == [
        f'<picture><source type="image/webp" srcset="{media}ruutu-480.webp 480w, {media}ruutu-600.webp 600w" '
        f'sizes="{sizes}"><img src="{media}ruutu-600.jpg" alt="Pitkä kuvakaappaus" width="600" height="1800" '
        'loading="lazy" decoding="async"></picture>',
        f'<picture><source type="image/webp" srcset="{media}cmyk-480.webp 480w, {media}cmyk-800.webp 800w, '
        f'{media}cmyk-1000.webp 1000w" sizes="{sizes}"><img src="{media}cmyk-1000.jpg" alt="Painotalon kuva" '
        'width="1000" height="600" loading="lazy" decoding="async"></picture>',
        f'<picture><source type="image/webp" srcset="{media}liike-300.webp 300w" sizes="{sizes}">'
        f'<img src="{media}liike-300.jpg" alt="Animaatio" width="300" height="200" loading="lazy" decoding="async">'
        "</picture>",
        f'<picture><source type="image/webp" srcset="{media}piste-1.webp 1w" sizes="{sizes}">'
        f'<img src="{media}piste-1.jpg" alt="Piste" width="1" height="1" loading="lazy" decoding="async"></picture>',
    ]
    assert (
        '<meta property="og:image" content="https://example.org/programme/media/press/2022-09-13-lead-projects/kuva-share.jpg">'
        in page
    )
    assert Image.open(with_images / MEDIA / "kuva-share.jpg").size == (1200, 630)
    home = (with_images / "site/sv/index.html").read_text(encoding="utf-8")
    assert '<meta property="og:image" content="https://example.org/programme/media/share/sv.jpg">' in home
    assert '<meta property="og:image:alt" content="Innostädernas logotyp">' in home


def test_a_cmyk_photo_is_published_in_the_colours_a_browser_shows(with_images: Path, run) -> None:
    assert run("--out", "site", "--no-search").code == 0
    shown = Image.open(io.BytesIO((with_images / MEDIA / "cmyk-1000.webp").read_bytes())).convert("RGB")
    cyan, black = shown.getpixel((100, 300)), shown.getpixel((900, 300))
    assert cyan[0] < 80 and cyan[2] > 150 and max(black) < 60


def test_a_file_named_jpg_that_is_a_pdf_is_an_error_at_its_line(site_dir: Path, run, edit, pdf_named_jpg) -> None:
    edit(f"{RELEASE}/kuva.jpg", pdf_named_jpg)
    edit(f"{RELEASE}/esite.jpg", pdf_named_jpg)
    meta = (site_dir / REL / "meta.yaml").read_text(encoding="utf-8")
    edit(
        f"{RELEASE}/meta.yaml",
        meta + "image: {src: kuva.jpg, alt: {fi: Kuva kaupungista, sv: Bild av staden, en: A picture of the city}}\n",
    )
    fi = (site_dir / REL / "fi.md").read_text(encoding="utf-8")
    edit(f"{RELEASE}/fi.md", fi + "\n[Esite](esite.jpg)\n")
    result = run("check")
    assert result.code == 1
    offered = "use a picture saved as JPEG, PNG, WebP, GIF or AVIF, or a drawing saved as SVG"
    assert result.err.splitlines() == [
        f'{REL}/esite.jpg: "esite.jpg" is not an image (it is a PDF document): {offered}',
        f'{REL}/meta.yaml:11: "kuva.jpg" is not an image (it is a PDF document): {offered}',
        "2 error(s).",
    ]


def test_a_photo_too_large_is_an_error_and_too_narrow_a_warning(site_dir: Path, run, edit, one_pixel) -> None:
    meta = (site_dir / REL / "meta.yaml").read_text(encoding="utf-8")
    edit(
        f"{RELEASE}/meta.yaml",
        meta + "image: {src: kuva.png, alt: {fi: Kuva kaupungista, sv: Bild av staden, en: A picture of the city}}\n",
    )
    edit(f"{RELEASE}/kuva.png", one_pixel)
    result = run("check")
    assert (result.code, result.err.splitlines()) == (
        0,
        [
            f"{REL}/meta.yaml:11: warning: the image is only 1 pixel wide; a photo at the top of a page should be at "
            "least 800 pixels wide, or it looks blurred on large screens: use a larger version of the picture if "
            "you have one"
        ],
    )
    edit(f"{RELEASE}/kuva.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * (21 * 1024 * 1024))
    result = run("check")
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f'{REL}/meta.yaml:11: "kuva.png" is 21.0 MB; the limit is 20 MB: save it as JPEG, or export a smaller '
        "version (2000 to 4000 pixels wide is plenty for the web and the press)"
    )


def test_an_svg_photo_is_shown_and_the_page_is_shared_with_the_default_image(site_dir: Path, run, edit, svg) -> None:
    meta = (site_dir / REL / "meta.yaml").read_text(encoding="utf-8")
    edit(
        f"{RELEASE}/meta.yaml",
        meta
        + "image: {src: kaavio.svg, alt: {fi: Kaavio hankkeen vaiheista, sv: Diagram över projektets faser, en: A diagram of the project's phases}}\n",
    )
    edit(f"{RELEASE}/kaavio.svg", svg)
    edit("logo.png", (IMAGES / "logo.png").read_bytes())
    edit("site.yaml", (site_dir / "content/site.yaml").read_text(encoding="utf-8") + SHARE_IMAGE)
    result = run("--out", "site", "--no-search")
    assert result.code == 0
    assert result.err.splitlines() == [
        f"{REL}/meta.yaml:11: warning: an SVG drawing cannot be the picture shown when the page is shared (Facebook, "
        "LinkedIn and X do not show SVG): the site's default share image is used; for a picture of its own, give a "
        "PNG or JPEG version"
    ]
    page = (site_dir / PAGE).read_text(encoding="utf-8")
    assert (
        '<picture><img src="/programme/media/press/2022-09-13-lead-projects/kaavio.svg" alt="Kaavio hankkeen vaiheista" width="120" '
        'height="80" fetchpriority="high" decoding="async"></picture>'
    ) in page
    assert '<meta property="og:image" content="https://example.org/programme/media/share/fi.jpg">' in page
    assert (site_dir / MEDIA / "kaavio.svg").read_bytes() == svg


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "{src: puuttuu.png, alt: Logo}",
            '"puuttuu.png" is not a file in the content folder: put the picture beside site.yaml',
        ),
        ("{src: logo.png}", '"share_image.alt" is missing'),
        (
            "{src: logo.png, alt: Logo, background: sininen}",
            '"sininen" is not a colour: write it as #rrggbb, for example #003b73',
        ),
    ],
)
def test_a_wrong_share_image_in_site_yaml_is_an_error_at_its_line(
    site_dir: Path, run, edit, value: str, message: str
) -> None:
    edit("logo.png", (IMAGES / "logo.png").read_bytes())
    site = (site_dir / "content/site.yaml").read_text(encoding="utf-8")
    edit("site.yaml", site + f"share_image: {value}\n")
    result = run("check")
    line = len(site.splitlines()) + 1
    assert result.code == 1
    assert result.err.splitlines()[0].startswith(f"content/site.yaml:{line}: ")
    assert message in result.err.splitlines()[0]


def options(root: Path, **extra) -> BuildOptions:
    return BuildOptions(**{"content": root / "content", "out": root / "site", "search": False, "jobs": 1, **extra})


def test_a_warm_build_makes_no_image_and_a_damaged_cache_gives_the_same_bytes(
    with_images: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(options(with_images), Problems())
    first = read_tree(with_images / "site")
    fi = with_images / REL / "fi.md"
    fi.write_text(fi.read_text(encoding="utf-8") + "\nLisäys.\n", encoding="utf-8")  # pages change, no image

    def no_image_work(*args: object) -> None:
        raise AssertionError("an image was made again")

    monkeypatch.setattr("innosite.speed.images._made", no_image_work)
    build(options(with_images), Problems())
    warm = read_tree(with_images / "site")
    assert {p for p in warm if warm[p] != first.get(p)} <= {
        "fi/tiedotteet/kaupungit-ottavat-vetovastuuta/index.html",
        "en/press-releases/kaupungit-ottavat-vetovastuuta/index.html",
        "fi/feed.xml",
        "fi/teemat/fotoniikka/feed.xml",
        "fi/teemat/urheilu/feed.xml",
        "fi/kaupungit/tampere/feed.xml",
        "fi/kaupungit/oulu/feed.xml",
    }
    monkeypatch.undo()
    for stored in (with_images / ".cache/media").rglob("*"):
        if stored.is_file():
            stored.write_bytes(stored.read_bytes()[:-7] + b"damaged")
    fi.write_text(fi.read_text(encoding="utf-8") + "\nToinen.\n", encoding="utf-8")
    build(options(with_images), Problems())
    cold = options(with_images, cache=False, out=with_images / "cold")
    build(cold, Problems())
    assert read_tree(with_images / "site") == read_tree(with_images / "cold")


def test_images_lost_from_the_cache_after_planning_are_made_again(with_images: Path) -> None:
    build(options(with_images), Problems())
    fi = with_images / REL / "fi.md"
    fi.write_text(fi.read_text(encoding="utf-8") + "\nLisäys.\n", encoding="utf-8")
    (with_images / "site/media/press/2022-09-13-lead-projects/kuva-800.webp").unlink()
    for stored in (with_images / ".cache/media").rglob("*.bin"):
        stored.write_bytes(b"\0" * stored.stat().st_size)  # the descriptions intact: found, each file made again
    build(options(with_images), Problems())
    build(options(with_images, cache=False, out=with_images / "cold"), Problems())
    assert read_tree(with_images / "site") == read_tree(with_images / "cold")
