"""SVG attachments: a plain drawing, or an error saying what was found and what to do.

An SVG opened on its own, on the site's address, is a document of the site: a
script in it runs with the site's rights, and anything it loads tells another
site who looked (GitHub Pages and GitLab Pages send no Content-Security-Policy
to stop either). So an SVG is read as XML by a hardened parser (defusedxml: no
entity declarations, no external entities, no document type declaration), and
every element and attribute, with entities and character references decoded,
is held against an allowlist of what drawings need. A reference may only lead
to a part of the same file (`#id`).
"""

from __future__ import annotations

import functools
import re

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"


def _words(text: str) -> frozenset[str]:
    """The names in a text, separated by spaces and line breaks (long lists stay readable)."""
    return frozenset(text.split())


EDITOR_NAMESPACES = frozenset(
    {
        "http://www.inkscape.org/namespaces/inkscape",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://inkscape.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://creativecommons.org/ns#",
        "http://web.resource.org/cc/",
        "http://purl.org/dc/elements/1.1/",
        "http://purl.org/dc/terms/",
        "http://ns.adobe.com/AdobeIllustrator/10.0/",
        "http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/",
        "http://ns.adobe.com/Extensibility/1.0/",
        "http://ns.adobe.com/Graphs/1.0/",
        "http://ns.adobe.com/SaveForWeb/1.0/",
        "http://ns.adobe.com/Variables/1.0/",
        "http://ns.adobe.com/ImageReplacement/1.0/",
        "http://ns.adobe.com/GenericCustomNamespace/1.0/",
        "http://ns.adobe.com/xap/1.0/",
        "http://www.bohemiancoding.com/sketch/ns",
        "http://www.serif.com/",
    }
)
"""Namespaces of drawing programs' own notes (layers, the page, licence metadata): browsers do nothing with
their elements and attributes."""

ELEMENTS = _words(
    """svg g defs symbol use switch title desc metadata style
    path rect circle ellipse line polyline polygon text tspan textPath
    linearGradient radialGradient stop pattern clipPath mask marker
    filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting
    feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur
    feImage feMerge feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile
    feTurbulence
    animate animateMotion animateTransform set mpath"""
)
"""SVG elements that draw, group, describe or animate a drawing (SVG 1.1 and 2)."""

ANIMATIONS = frozenset({"animate", "animateMotion", "animateTransform", "set"})

ATTRIBUTES = _words(
    """id class style lang xml:lang xml:space xml:id tabindex role focusable transform transform-origin
    version baseProfile viewBox preserveAspectRatio zoomAndPan width height x y x1 y1 x2 y2 cx cy r rx ry
    fx fy fr d points pathLength href xlink:href xlink:title xlink:type xlink:role xlink:arcrole xlink:show
    xlink:actuate requiredFeatures requiredExtensions systemLanguage
    offset gradientUnits gradientTransform spreadMethod patternUnits patternContentUnits patternTransform
    clipPathUnits maskUnits maskContentUnits markerUnits markerWidth markerHeight refX refY orient
    dx dy rotate textLength lengthAdjust startOffset method spacing side
    filterUnits primitiveUnits in in2 result stdDeviation mode type values tableValues slope intercept
    amplitude exponent operator k1 k2 k3 k4 kernelMatrix order divisor bias targetX targetY edgeMode
    preserveAlpha surfaceScale diffuseConstant specularConstant specularExponent kernelUnitLength scale
    xChannelSelector yChannelSelector azimuth elevation z pointsAtX pointsAtY pointsAtZ limitingConeAngle
    baseFrequency numOctaves seed stitchTiles radius
    attributeName attributeType begin dur end min max restart repeatCount repeatDur fill calcMode keyTimes
    keySplines from to by additive accumulate path keyPoints
    media title enable-background
    alignment-baseline baseline-shift clip clip-path clip-rule color color-interpolation
    color-interpolation-filters color-profile color-rendering cursor direction display dominant-baseline
    fill-opacity fill-rule filter flood-color flood-opacity font font-family font-size font-size-adjust
    font-stretch font-style font-variant font-weight glyph-orientation-horizontal glyph-orientation-vertical
    image-rendering isolation kerning letter-spacing lighting-color marker marker-end marker-mid marker-start
    mask mask-type mix-blend-mode opacity overflow paint-order pointer-events shape-rendering stop-color
    stop-opacity stroke stroke-dasharray stroke-dashoffset stroke-linecap stroke-linejoin stroke-miterlimit
    stroke-opacity stroke-width text-anchor text-decoration text-overflow text-rendering unicode-bidi
    vector-effect visibility white-space word-spacing writing-mode"""
)
"""Attributes of those elements, presentation attributes included (and data-*, aria-*: see _allowed)."""

_SCRIPT_ELEMENTS = frozenset({"script", "handler", "listener", "foreignObject", "iframe", "embed", "object"})
"""Elements that run script or show a web page inside the drawing: named first, before their attributes."""
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]+")
_SCRIPT_SCHEME = re.compile(r"(?:java|vb|live)script:")
_DATA_SCHEME = re.compile(r"(?<![a-z0-9+.-])data:")
_OTHER_SITE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)")
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(.))", re.S)
_CSS_URL = re.compile(r"url\(\s*(?:\"([^\"]*)\"?|'([^']*)'?|([^)]*))", re.S | re.I)
_CSS_LOADS = re.compile(
    r"@import|image-set\(|(?<![\w-])(?:image|src)\(|cross-fade\(|expression\(|-moz-binding|behavior\s*:", re.I
)

_SHOWN = 60
_ONLY_OWN_PARTS = "SVG files may only refer to their own parts; export the image again without it"
_NO_SCRIPT = "SVG files may not run script; export the image again without it, or save it as PNG"


class _SvgError(Exception):
    """The first thing found that the SVG may not have: its message."""


def svg_problem(data: bytes) -> str | None:
    """Why these bytes are not a plain drawing (what was found, and what to do), or None."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
    from defusedxml.ElementTree import DefusedXMLParser

    walker = _Walker()
    parser = DefusedXMLParser(target=walker, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    parser.parser.StartDoctypeDeclHandler = walker.start_doctype
    try:
        parser.feed(data)
        parser.close()
    except _SvgError as found:
        return str(found)
    except (EntitiesForbidden, ExternalReferenceForbidden) as found:
        return _entity_message(found)
    except DTDForbidden:  # not asked for (see start_doctype), kept for safety
        return _doctype_message("svg")
    except ParseError as error:
        return f"the SVG cannot be read as XML ({error}): export the image again, or save it as PNG"
    return None


def _entity_message(found: Exception) -> str:
    """What an entity declaration is: one that reads a file, or one that could grow without end."""
    name, sysid = getattr(found, "name", None), getattr(found, "sysid", None)
    if sysid:
        return f"the SVG declares an entity that reads another file ({_show(sysid)}): {_ONLY_OWN_PARTS}"
    return (
        f"the SVG declares an entity (<!ENTITY {name or ''} ...>), which could grow to fill the memory: "
        "SVG files may not declare entities; export the image again without it"
    )


def _doctype_message(name: str) -> str:
    """A document type declaration is refused even without entities: nothing in a drawing needs one."""
    return (
        f"the SVG has a document type declaration (<!DOCTYPE {name} ...>), which SVG files may not have: "
        "delete it, or export the image again without it"
    )


class _Walker:
    """The parser's target: looks at each element, attribute and style sheet as the parser meets them,
    and stops at the first thing refused."""

    def __init__(self) -> None:
        self.doctype_name: str | None = None
        self.styles = 0
        """How many <style> elements are open (their text is CSS)."""
        self.css: list[str] = []
        self.passed: set[tuple[str, str]] = set()
        """Attributes (name, value) found good already: drawings repeat the same styles thousands of times."""

    def start_doctype(self, name: str, sysid: str | None, pubid: str | None, has_internal_subset: bool) -> None:
        """Noted, refused at the first element: the entities of its internal subset are refused first."""
        self.doctype_name = name or "svg"

    def pi(self, target: str, data: str) -> None:
        """Any processing instruction (`<?xml-stylesheet?>` loads a style sheet, or a program in some browsers)."""
        raise _SvgError(
            f"the SVG has a processing instruction (<?{_show(target)} ...?>), which could load a style sheet or "
            "program from elsewhere: export the image again without it"
        )

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        """An element and its attributes: script first, then each attribute, then whether it is a drawing's."""
        if self.doctype_name is not None:
            raise _SvgError(_doctype_message(self.doctype_name))
        namespace, name = _split(tag)
        if namespace in EDITOR_NAMESPACES:
            self._editor_attributes(attrib)
            return
        if namespace in (SVG, "") and name in _SCRIPT_ELEMENTS:
            raise _SvgError(f"the SVG holds a <{name}> element, which could run script: {_NO_SCRIPT}")
        for item in attrib.items():
            if item not in self.passed:
                self._attribute(name, *item)
                self.passed.add(item)
        if namespace not in (SVG, "") or name not in ELEMENTS:
            language = f" of another language ({namespace})" if namespace not in (SVG, "") else ""
            raise _SvgError(
                f"the SVG holds a <{name}> element{language}, which is not part of a plain drawing: "
                "export the image again without it, or save it as PNG"
            )
        if name in ANIMATIONS:
            self._animation(attrib)
        if name == "style":
            self.styles += 1

    def end(self, tag: str) -> None:
        """At the end of a <style> element, its whole text is checked as CSS."""
        if _split(tag) in ((SVG, "style"), ("", "style")):
            self.styles -= 1
            if not self.styles:
                _check_css("".join(self.css), "style sheet")
                self.css.clear()

    def data(self, text: str) -> None:
        """Text: kept only inside <style> (elsewhere it is what the drawing shows)."""
        if self.styles:
            self.css.append(text)

    def close(self) -> None:
        """The end of the file: nothing is left to check."""
        return None

    def _editor_attributes(self, attrib: dict[str, str]) -> None:
        """A drawing program's notes: only event handlers, script and embedded files are looked for (the notes
        hold ordinary web addresses, such as a licence's)."""
        for key, value in attrib.items():
            _check_handler(_split(key)[1], value)
            _check_schemes(value)

    def _attribute(self, element: str, key: str, value: str) -> None:
        """One attribute of a drawing's element: its name allowed, its value leading nowhere outside the file."""
        namespace, name = _split(key)
        _check_handler(name, value)
        _check_schemes(value)
        if namespace in EDITOR_NAMESPACES:
            return
        qualified = {XLINK: "xlink:", XML: "xml:"}.get(namespace, "") + name
        if name == "href" and namespace in ("", XLINK):
            _check_reference(value)
        elif not _allowed(qualified) or namespace not in ("", XLINK, XML):
            raise _SvgError(
                f'the SVG has the attribute "{qualified}" on <{element}>, which is not part of a plain drawing: '
                "export the image again without it"
            )
        else:
            _check_css(value, f'"{qualified}" attribute')

    @staticmethod
    def _animation(attrib: dict[str, str]) -> None:
        """An animation may change how shapes look, not where links lead or what runs."""
        target = _INVISIBLE.sub("", attrib.get("attributeName", ""))
        if target and (not _allowed(target) or target.split(":")[-1] in ("href", "style")):
            raise _SvgError(
                f'the SVG has an animation that changes "{_show(target)}", which could make a link or load a file: '
                "export the image again without it"
            )


@functools.cache
def _split(name: str) -> tuple[str, str]:
    """(namespace, local name) of a parser's `{namespace}local` name."""
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return namespace, local
    return "", name


def _allowed(attribute: str) -> bool:
    """Whether a drawing's element may have this attribute (a prefixed name: xlink:href, xml:lang)."""
    return attribute in ATTRIBUTES or attribute.startswith(("data-", "aria-"))


def _check_handler(name: str, value: str) -> None:
    """No event handler (onload, onclick...): they run script."""
    if name.lower().startswith("on"):
        raise _SvgError(f'the SVG has an event handler ({name}="{_show(value)}"), which could run script: {_NO_SCRIPT}')


def _check_schemes(value: str) -> None:
    """No script address and no embedded file, however written (entities are decoded already; spaces and
    control characters inside are dropped, as browsers drop them)."""
    if ":" not in value:
        return
    squeezed = _INVISIBLE.sub("", value).lower()
    if _SCRIPT_SCHEME.search(squeezed):
        raise _SvgError(f"the SVG has a script address ({_show(value)}): {_NO_SCRIPT}")
    if _DATA_SCHEME.search(squeezed):
        raise _SvgError(
            f"the SVG has a file embedded in it ({_show(value)}): SVG files may only refer to their own parts; "
            "export the image again without it, or save it as PNG"
        )


def _check_reference(value: str) -> None:
    """A link (href) may only lead to a part of this file: `#id`."""
    if not _INVISIBLE.sub("", value).startswith("#"):
        _refuse_link(value)


def _refuse_link(value: str) -> None:
    """A reference outside the file: to another site (with a scheme or //) or to another file."""
    where = "another site" if _OTHER_SITE.match(_INVISIBLE.sub("", value).lower()) else "another file"
    raise _SvgError(f"the SVG has a link to {where} ({_show(value)}): {_ONLY_OWN_PARTS}")


def _check_css(css: str, where: str) -> None:
    """Style (a sheet, a style attribute, a presentation attribute) may not load anything but parts of this
    file: every url() is `#id`; no @import or other loading function (CSS escapes undone; comments are
    looked into too, as a comment cannot make these but a string could seem to open one)."""
    if "\\" not in css and "(" not in css and "@" not in css and ":" not in css:
        return
    plain = _CSS_ESCAPE.sub(_unescape, css) if "\\" in css else css
    _check_schemes(plain)
    loads = _CSS_LOADS.search(plain)
    if loads:
        what = _show(plain[loads.start() :].split(";")[0])
        if loads.group().lower() == "@import":
            raise _SvgError(f"the SVG's {where} loads another file ({what}): {_ONLY_OWN_PARTS}")
        raise _SvgError(f"the SVG's {where} uses {what}, which could load another file: {_ONLY_OWN_PARTS}")
    for found in _CSS_URL.finditer(plain):
        target = _INVISIBLE.sub("", next(group for group in found.groups() if group is not None))
        if not target.startswith("#"):
            _refuse_link(target)


def _unescape(match: re.Match[str]) -> str:
    """One CSS escape as the character it stands for (what a browser reads)."""
    if match.group(1) is None:
        return match.group(2)
    code = int(match.group(1), 16)
    return chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else "\ufffd"


def _show(text: str) -> str:
    """A value as quoted in a message: shortened when long."""
    text = text.strip()
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
