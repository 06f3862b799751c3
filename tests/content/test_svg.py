"""An SVG attachment is published only as a plain drawing: read as XML, every element and decoded attribute
held against an allowlist, no reference outside the file. Each refusal says what was found and what to do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from innosite.content.svg import ELEMENTS

ENTRY = "press/2022-09-13-lead-projects"
REL = f"content/{ENTRY}"
NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
SCRIPT = "SVG files may not run script; export the image again without it, or save it as PNG"
OWN = "SVG files may only refer to their own parts; export the image again without it"
NOT_DRAWING = "which is not part of a plain drawing: export the image again without it"

BAD = [
    (
        "entity-encoded javascript: in xlink:href",
        f'<svg {NS}><a xlink:href="&#106;avascript:alert(1)"><circle r="4"/></a></svg>',
        f"the SVG has a script address (javascript:alert(1)): {SCRIPT}",
    ),
    (
        "animate values with a hex-encoded javascript:",
        f'<svg {NS}><use href="#a"><animate attributeName="href" values="&#x6a;avascript:alert(1)"/></use></svg>',
        f"the SVG has a script address (javascript:alert(1)): {SCRIPT}",
    ),
    (
        "a tab inside javascript:",
        f'<svg {NS}><a href="java&#9;script:alert(1)"><circle r="4"/></a></svg>',
        f"the SVG has a script address (java\\tscript:alert(1)): {SCRIPT}",
    ),
    (
        "an entity-encoded tracker image",
        f'<svg {NS}><image href="&#104;ttps://tracker.example/p.png" width="1" height="1"/></svg>',
        f"the SVG has a link to another site (https://tracker.example/p.png): {OWN}",
    ),
    (
        "script",
        f"<svg {NS}><script>alert(1)</script></svg>",
        f"the SVG holds a <script> element, which could run script: {SCRIPT}",
    ),
    (
        "script without a namespace",
        "<svg><script>alert(1)</script></svg>",
        f"the SVG holds a <script> element, which could run script: {SCRIPT}",
    ),
    (
        "an XHTML script",
        f'<svg {NS}><h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>',
        "the SVG holds a <script> element of another language (http://www.w3.org/1999/xhtml), which is not part "
        "of a plain drawing: export the image again without it, or save it as PNG",
    ),
    (
        "onload",
        f'<svg {NS} onload="alert(1)"><circle r="4"/></svg>',
        f'the SVG has an event handler (onload="alert(1)"), which could run script: {SCRIPT}',
    ),
    (
        "foreignObject",
        f"<svg {NS}><foreignObject><p>x</p></foreignObject></svg>",
        f"the SVG holds a <foreignObject> element, which could run script: {SCRIPT}",
    ),
    (
        "use of another file",
        f'<svg {NS}><use href="sprites.svg#icon"/></svg>',
        f"the SVG has a link to another file (sprites.svg#icon): {OWN}",
    ),
    (
        "use of another site",
        f'<svg {NS}><use xlink:href=" https://cdn.example/s.svg#a"/></svg>',
        f"the SVG has a link to another site (https://cdn.example/s.svg#a): {OWN}",
    ),
    (
        "@import in a style sheet",
        f"<svg {NS}><style>@import url(//evil.example/x.css); .a {{ fill: red }}</style></svg>",
        f"the SVG's style sheet loads another file (@import url(//evil.example/x.css)): {OWN}",
    ),
    (
        "@import written with a CSS escape",
        f'<svg {NS}><style><![CDATA[@\\69mport "x.css";]]></style></svg>',
        f'the SVG\'s style sheet loads another file (@import "x.css"): {OWN}',
    ),
    (
        "url() of another site, escaped, in a style sheet",
        f"<svg {NS}><style>.a{{fill:u\\72l( 'https://t.example/p.svg#g' )}}</style></svg>",
        f"the SVG has a link to another site (https://t.example/p.svg#g): {OWN}",
    ),
    (
        "url() after a string that seems to open a comment",
        f'<svg {NS}><style>a{{content:"/*"}} b{{fill:url(https://t.example/p.svg#g)}} /* */</style></svg>',
        f"the SVG has a link to another site (https://t.example/p.svg#g): {OWN}",
    ),
    (
        "url() of another site in a style attribute",
        f'<svg {NS}><rect style="fill:url(http://t.example/p.svg#g)" width="4" height="4"/></svg>',
        f"the SVG has a link to another site (http://t.example/p.svg#g): {OWN}",
    ),
    (
        "url() of another site in a presentation attribute",
        f'<svg {NS}><rect fill="u&#114;l(//t.example/p.svg#g)" width="4" height="4"/></svg>',
        f"the SVG has a link to another site (//t.example/p.svg#g): {OWN}",
    ),
    (
        "an embedded file",
        f'<svg {NS}><image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" width="1" height="1"/></svg>',
        "the SVG has a file embedded in it (data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=): SVG files may only "
        "refer to their own parts; export the image again without it, or save it as PNG",
    ),
    (
        "an animation that changes a link",
        f'<svg {NS}><use href="#a"><set attributeName="xlink:href" to="#b"/></use></svg>',
        'the SVG has an animation that changes "xlink:href", which could make a link or load a file: '
        "export the image again without it",
    ),
    (
        "xml:base",
        f'<svg {NS}><g xml:base="https://evil.example/"><use href="#a"/></g></svg>',
        f'the SVG has the attribute "xml:base" on <g>, {NOT_DRAWING}',
    ),
    (
        "an image element",
        f'<svg {NS}><image href="#a" width="1" height="1"/></svg>',
        "the SVG holds a <image> element, which is not part of a plain drawing: "
        "export the image again without it, or save it as PNG",
    ),
    (
        "XXE: an external entity",
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        f"<svg {NS}><text>&xxe;</text></svg>",
        f"the SVG declares an entity that reads another file (file:///etc/passwd): {OWN}",
    ),
    (
        "billion laughs",
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">' for n in range(1, 10))
        + f"]><svg {NS}><text>&lol9;</text></svg>",
        "the SVG declares an entity (<!ENTITY lol ...>), which could grow to fill the memory: "
        "SVG files may not declare entities; export the image again without it",
    ),
    (
        "a DOCTYPE",
        '<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        f'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg {NS}><circle r="4"/></svg>',
        "the SVG has a document type declaration (<!DOCTYPE svg ...>), which SVG files may not have: "
        "delete it, or export the image again without it",
    ),
    (
        "a style sheet processing instruction",
        f'<?xml version="1.0"?><?xml-stylesheet href="https://t.example/x.css"?><svg {NS}/>',
        "the SVG has a processing instruction (<?xml-stylesheet ...?>), which could load a style sheet or program "
        "from elsewhere: export the image again without it",
    ),
    (
        "not XML",
        '<svg><svg:script href="x.js"/></svg>',
        "the SVG cannot be read as XML (unbound prefix: line 1, column 5): export the image again, or save it as PNG",
    ),
]


@pytest.fixture
def attach(site_dir: Path, edit):
    """Write logo.svg beside the release and link it from the Finnish text: only linked files are published."""
    text = (site_dir / "content" / ENTRY / "fi.md").read_text()
    edit(f"{ENTRY}/fi.md", text + "\n[Logo](logo.svg)\n")
    return lambda svg: edit(f"{ENTRY}/logo.svg", svg)


def errors(result) -> list[str]:
    return [
        line for line in result.err.splitlines() if not line.endswith(("the previous site is unchanged.", " error(s)."))
    ]


@pytest.mark.parametrize(("svg", "message"), [case[1:] for case in BAD], ids=[case[0] for case in BAD])
def test_an_svg_that_is_not_a_plain_drawing_is_refused_saying_what_it_holds(run, attach, svg: str, message: str):
    attach(svg.encode())
    result = run("check")
    assert (result.code, errors(result)) == (1, [f"{REL}/logo.svg: {message}"])


INKSCAPE = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->

<svg
   width="210mm"
   height="297mm"
   viewBox="0 0 210 297"
   version="1.1"
   id="svg5"
   inkscape:version="1.1.2 (0a00cf5339, 2022-02-04)"
   sodipodi:docname="logo.svg"
   inkscape:export-filename="/home/viestinta/logo.png"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns:xlink="http://www.w3.org/1999/xlink"
   xmlns="http://www.w3.org/2000/svg"
   xmlns:svg="http://www.w3.org/2000/svg"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
   xmlns:cc="http://creativecommons.org/ns#"
   xmlns:dc="http://purl.org/dc/elements/1.1/">
  <title id="title1">Innokaupungit – Innostäderna</title>
  <sodipodi:namedview
     id="namedview7"
     pagecolor="#ffffff"
     bordercolor="#666666"
     borderopacity="1.0"
     inkscape:pageshadow="2"
     inkscape:document-units="mm"
     showgrid="false" />
  <defs id="defs2">
    <linearGradient inkscape:collect="always" id="linearGradient1">
      <stop style="stop-color:#005eb8;stop-opacity:1" offset="0" id="stop1" />
      <stop style="stop-color:#00a3e0;stop-opacity:1" offset="1" id="stop2" />
    </linearGradient>
    <linearGradient inkscape:collect="always" xlink:href="#linearGradient1" id="linearGradient2"
       x1="10" y1="10" x2="100" y2="100" gradientUnits="userSpaceOnUse" />
    <radialGradient id="radial1" cx="0.5" cy="0.5" r="0.5" fx="0.4" fy="0.4">
      <stop offset="0" stop-color="#fff" /><stop offset="1" stop-color="#000" stop-opacity="0" />
    </radialGradient>
    <clipPath clipPathUnits="userSpaceOnUse" id="clipPath1"><rect width="100" height="80" x="5" y="5" /></clipPath>
    <filter style="color-interpolation-filters:sRGB" id="filter1" x="-0.1" y="-0.1" width="1.2" height="1.2">
      <feGaussianBlur stdDeviation="1.5" in="SourceAlpha" result="blur" />
      <feOffset dx="1" dy="1" result="offset" />
      <feMerge><feMergeNode in="offset" /><feMergeNode in="SourceGraphic" /></feMerge>
    </filter>
    <marker style="overflow:visible" id="Arrow1" refX="0" refY="0" orient="auto" markerWidth="4" markerHeight="4">
      <path d="M 0,0 5,-5 -12.5,0 5,5 Z" style="fill:context-stroke;fill-rule:evenodd" />
    </marker>
    <symbol id="dot"><circle r="3" cx="3" cy="3" /></symbol>
  </defs>
  <metadata id="metadata5">
    <rdf:RDF>
      <cc:Work rdf:about="">
        <dc:format>image/svg+xml</dc:format>
        <dc:type rdf:resource="http://purl.org/dc/dcmitype/StillImage" />
        <cc:license rdf:resource="http://creativecommons.org/licenses/by/4.0/" />
      </cc:Work>
    </rdf:RDF>
  </metadata>
  <g inkscape:label="Taso 1" inkscape:groupmode="layer" id="layer1" clip-path="url(#clipPath1)">
    <path style="fill:url(#linearGradient2);stroke:#000000;stroke-width:0.264583;marker-end:url(#Arrow1)"
       d="m 10,10 h 90 v 90 z" id="path1" sodipodi:nodetypes="cccc" filter="url( '#filter1' )" />
    <ellipse style="fill:url(#radial1)" cx="50" cy="50" rx="20" ry="10" id="ellipse1" />
    <use xlink:href="#path1" transform="translate(20,0)" id="use1" />
    <use href="#dot" x="5" y="5" />
    <text xml:space="preserve" style="font-size:10.5833px;line-height:1.25;font-family:'Open Sans';fill:#000000"
       x="12" y="120" id="text1"><tspan sodipodi:role="line" id="tspan1" x="12" y="120">Innokaupungit</tspan></text>
    <circle r="4" cx="150" cy="150" opacity="1">
      <animate attributeName="opacity" values="1;0.2;1" dur="2s" repeatCount="indefinite" />
    </circle>
  </g>
</svg>
"""

ILLUSTRATOR = """<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 27.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<svg version="1.1" id="Layer_1" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" x="0px"
\t y="0px" viewBox="0 0 100 100" style="enable-background:new 0 0 100 100;" xml:space="preserve">
<style type="text/css">
\t.st0{fill:#E30613;}
\t.st1{fill:url(#SVGID_1_);}
\t@media (prefers-color-scheme: dark) { .st0 { fill: #FF5A5F; } }
</style>
<linearGradient id="SVGID_1_" gradientUnits="userSpaceOnUse" x1="0" y1="50" x2="100" y2="50">
\t<stop  offset="0" style="stop-color:#FFFFFF"/>
\t<stop  offset="1" style="stop-color:#000000"/>
</linearGradient>
<g data-name="Layer 1">
\t<path class="st0" d="M50,5L95,95H5L50,5z"/>
\t<polygon class="st1" points="10,10 20,10 15,20 "/>
</g>
</svg>
"""


@pytest.mark.parametrize(
    "svg",
    [
        INKSCAPE.encode(),
        ILLUSTRATOR.encode(),
        b"\xef\xbb\xbf" + f'<svg {NS}><circle r="4"/></svg>'.encode(),  # a byte order mark
        f'<?xml version="1.0" encoding="UTF-16"?><svg {NS}><text>Hyvä</text></svg>'.encode("utf-16"),
    ],
    ids=["inkscape", "illustrator", "bom", "utf-16"],
)
def test_drawings_as_programs_export_them_are_published_unchanged(site_dir: Path, run, attach, svg: bytes) -> None:
    attach(svg)
    result = run("--out", "site", "--no-search")
    assert (result.code, errors(result)) == (0, [])
    assert (site_dir / "site/media" / ENTRY / "logo.svg").read_bytes() == svg


def test_an_svg_shown_in_the_text_is_the_attachment_and_checked_as_such(site_dir: Path, run, edit) -> None:
    """An SVG shown as an image in the body (Markdown or <img>) is the same attachment file: one check."""
    text = (site_dir / "content" / ENTRY / "fi.md").read_text()
    edit(f"{ENTRY}/fi.md", text + '\n![Logo](logo.svg)\n\n<img src="logo.svg" alt="Logo">\n')
    edit(f"{ENTRY}/logo.svg", f'<svg {NS}><image href="https://tracker.example/p.png"/></svg>'.encode())
    result = run("check")
    assert (result.code, errors(result)) == (
        1,
        [f"{REL}/logo.svg: the SVG has a link to another site (https://tracker.example/p.png): {OWN}"],
    )
    edit(f"{ENTRY}/logo.svg", INKSCAPE.encode())
    assert run("--out", "site", "--no-search").code == 0
    page = next((site_dir / "site/fi").glob("tiedotteet/*/index.html")).read_text()
    assert page.count('/media/press/2022-09-13-lead-projects/logo.svg"') == 2


def test_the_security_doc_lists_exactly_the_allowed_elements() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "security.md").read_text()
    section = text[text.index("Only a plain drawing is published") : text.index("- Attributes:")]
    assert set(re.findall(r"`(\w+)`", section)) == ELEMENTS
