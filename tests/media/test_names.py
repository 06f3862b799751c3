"""The names images are published under: what a name says of a file is what the file holds; names with spaces or
Finnish letters work in every link; two images of an entry never publish files of the same name."""

from __future__ import annotations

import io
import re
from pathlib import Path

from PIL import Image

from tests.media.clean import metadata_in
from tests.media.conftest import camera_exif, photo, save

RELEASE = "press/2022-09-13-lead-projects"
REL = f"content/{RELEASE}"
MEDIA = "site/media/press/2022-09-13-lead-projects"
PAGE = "site/fi/tiedotteet/kaupungit-ottavat-vetovastuuta/index.html"
URL = "/programme/media/press/2022-09-13-lead-projects/"
SIZES = (
    "(min-width: 72rem) 42.5rem, (min-width: 64rem) calc(100vw - 29.5rem), (min-width: 46rem) 44rem, calc(100vw - 2rem)"
)


def add_to_text(site_dir: Path, edit, markdown: str) -> None:
    fi = (site_dir / REL / "fi.md").read_text(encoding="utf-8")
    edit(f"{RELEASE}/fi.md", fi + markdown)


def body_of(site_dir: Path) -> str:
    page = (site_dir / PAGE).read_text(encoding="utf-8")
    return page[page.index('<div class="body">') :]


def test_an_image_named_with_a_space_or_finnish_letters_is_a_picture_in_the_text(site_dir: Path, run, edit) -> None:
    edit(f"{RELEASE}/kartta kaupungeista.png", save(photo((600, 400)), "PNG"))
    edit(f"{RELEASE}/äänestys.jpg", save(photo((700, 500), seed=2), "JPEG", quality=90))
    add_to_text(site_dir, edit, "\n![Kartta](<kartta kaupungeista.png>)\n\n![Äänestys](äänestys.jpg)\n")
    result = run("--out", "site", "--no-search")
    assert result.code == 0, result.err
    assert re.findall(r"<picture>.*?</picture>", body_of(site_dir)) == [
        f'<picture><source type="image/webp" srcset="{URL}kartta%20kaupungeista-480.webp 480w, '
        f'{URL}kartta%20kaupungeista-600.webp 600w" sizes="{SIZES}"><img src="{URL}kartta%20kaupungeista-600.jpg" '
        'alt="Kartta" width="600" height="400" fetchpriority="high" decoding="async"></picture>',
        f'<picture><source type="image/webp" srcset="{URL}%C3%A4%C3%A4nestys-480.webp 480w, '
        f'{URL}%C3%A4%C3%A4nestys-700.webp 700w" sizes="{SIZES}"><img src="{URL}%C3%A4%C3%A4nestys-700.jpg" '
        'alt="Äänestys" width="700" height="500" loading="lazy" decoding="async"></picture>',
    ]
    assert (site_dir / MEDIA / "kartta kaupungeista-480.webp").is_file()
    assert (site_dir / MEDIA / "äänestys-700.jpg").is_file()


def test_two_pictures_named_alike_but_for_the_ending_are_an_error(site_dir: Path, run, edit, svg) -> None:
    edit(f"{RELEASE}/kuva.jpg", save(photo((900, 600)), "JPEG"))
    edit(f"{RELEASE}/Kuva.png", save(photo((900, 600), seed=2), "PNG"))
    edit(f"{RELEASE}/kuva.svg", svg)  # a drawing is published as it is: no sizes to collide
    add_to_text(site_dir, edit, "\n![Kuva](kuva.jpg)\n\n![Toinen](Kuva.png)\n\n![Piirros](kuva.svg)\n")
    result = run("check")
    assert result.err.splitlines() == [
        f'{REL}/kuva.jpg: "kuva.jpg" and "Kuva.png" have the same name but for the ending, and the smaller sizes '
        "made of each would have the same names (kuva-800.webp): rename one of them",
        "1 error(s).",
    ]


def test_an_avif_photo_is_offered_as_a_png_named_so_and_a_jpeg_named_png_as_a_jpg(site_dir: Path, run, edit) -> None:
    edit(f"{RELEASE}/kuva.avif", save(photo((1000, 700)), "AVIF", quality=60, exif=camera_exif(1)))
    edit(f"{RELEASE}/ruutu.png", save(photo((600, 400), seed=2), "JPEG", quality=90, exif=camera_exif(1)))
    meta = (site_dir / REL / "meta.yaml").read_text(encoding="utf-8")
    edit(f"{RELEASE}/meta.yaml", meta + "image: {src: kuva.avif, alt: Kuva}\nattachments: [kuva.avif]\n")
    add_to_text(site_dir, edit, "\n[Lataa kuva](kuva.avif)\n\n![Ruutu](ruutu.png)\n\n[Ruutu](ruutu.png#koko)\n")
    result = run("--out", "site", "--no-search")
    assert result.code == 0, result.err
    published = sorted(p.name for p in (site_dir / MEDIA).iterdir() if p.name.startswith(("kuva", "ruutu")))
    assert published == [
        *("kuva-1000.jpg", "kuva-1000.webp", "kuva-480.webp", "kuva-800.webp", "kuva-share.jpg", "kuva.png"),
        *("ruutu-480.webp", "ruutu-600.jpg", "ruutu-600.webp", "ruutu.jpg"),
    ]
    for name, fmt in (("kuva.png", "PNG"), ("ruutu.jpg", "JPEG")):
        data = (site_dir / MEDIA / name).read_bytes()
        assert (Image.open(io.BytesIO(data)).format, metadata_in(data)) == (fmt, [])
    page = (site_dir / PAGE).read_text(encoding="utf-8")
    size = round((site_dir / MEDIA / "kuva.png").stat().st_size / 1024)
    assert (
        f'<a class="download" href="{URL}kuva.png" download>Lataa alkuperäinen kuva (PNG, 1000 × 700 pikseliä, '
        f"{size} kt)</a>"
    ) in page
    assert f'<p><a href="{URL}kuva.png">Lataa kuva</a></p>' in page
    assert f'<p><a href="{URL}ruutu.jpg#koko">Ruutu</a></p>' in page
    assert f'<li><a href="{URL}kuva.png">kuva.png</a></li>' in page  # the attachment, under the name it has
    assert ".avif" not in page and 'ruutu.png"' not in page


def test_a_public_text_linking_to_a_scheduled_releases_avif_under_its_published_name_is_refused(
    site_dir: Path, run, edit
) -> None:
    edit(f"{RELEASE}/kuva.avif", save(photo((1000, 700)), "AVIF", quality=60))
    meta = (site_dir / REL / "meta.yaml").read_text(encoding="utf-8")
    edit(f"{RELEASE}/meta.yaml", meta + "image: {src: kuva.avif, alt: Kuva}\n")
    edit("pages/about/fi.md", "---\ntitle: Tietoa\n---\n[Kuva](/media/press/2022-09-13-lead-projects/kuva.png).\n")
    result = run("--now", "2022-09-13 14:00", "--out", "site", "--no-search")
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        'content/pages/about/fi.md:4: broken link "/media/press/2022-09-13-lead-projects/kuva.png": it leads to a '
        "file of press/2022-09-13-lead-projects, published only at 13.9.2022 14.56: the public site has no file there "
        "until then, and the address can give away its title"
    )
