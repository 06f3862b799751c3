"""Random and hostile content: the build succeeds with a site whose internal links resolve,
or fails with only `path:line: message` lines and exit 1; never a traceback."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import tempfile
from datetime import date
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from innosite.commands.cli import main
from innosite.output.links import broken_links
from tests.conftest import TINY, read_tree

RELEASE = "press/2022-09-13-lead-projects"
PROBLEM_LINE = re.compile(r"^[^\s:][^:]*(:\d+)?: (warning: )?\S.*$")
SUMMARY = re.compile(
    r"^\d+ error\(s\)( \(\d+ more not shown\))?: nothing was written; the previous site is unchanged\.$"
)

HOSTILE = [
    "<script>alert(1)</script>", "javascript:alert(1)", "JaVaScRiPt:x", "data:text/html,x", "\u200b", "\u00a0",
    "\ufeff", "\u202e", "\u00ad", "../../etc/passwd", "..\\..\\x", "C:\\Windows", "CON", "nul.txt", "%2e%2e/",
    "\r\n", "\t", "---", "...", "{{ 7*7 }}", "{% raw %}", "${x}", "&amp;", "&#0;", "<!--", "-->", "]]>", "'", '"',
    "\\", "*", "_", "[", "]", "(", ")", "<", ">", "&", "#", ": ", "- ", "> ", "|", "`", "~~~", "    ", "ä", "Å", "ß",
    "\U0001d518", "\U0001f642", "\n", "<b onmouseover=x>", "</main>", "</script>", "<iframe src=//evil.example>",
    "@", "%s", "\\u0000", "NaN", "~", "!!python/object:x", "\u2028",
]  # fmt: skip
"""Strings that have broken generators: markup, script, paths, invisible and odd characters."""
BREAKING = ["\x00", "\x07", "\x1b[31m", "\ud800", "\x85", "\r"]
"""Characters a content file must not hold (control characters, a lone surrogate: invalid UTF-8)."""
PLAIN = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=12)
TEXT = st.lists(st.one_of(st.sampled_from(HOSTILE), PLAIN), max_size=5).map("".join)
RAW = st.lists(st.one_of(st.sampled_from(HOSTILE + BREAKING), st.text(max_size=12)), max_size=6).map("".join)

MARKDOWN = [
    "# Otsikko", "## Väliotsikko {: #oma .luokka onclick=x }", "- yksi\n- kaksi", "1. a\n2. b", "> lainaus",
    "```\nkoodi <script>x</script>\n```", "| a | b |\n|:--|--:|\n| 1 | 2 |", "Alaviite[^1]\n\n[^1]: Lähde.",
    "[liite](liite.pdf)", "[puuttuu](puuttuu.pdf)", "[js](javascript:alert(1))", "![kuva](data:image/png;base64,xx)",
    "<iframe src='https://evil.example/'></iframe>", "<a href='https://example.org/'>ulos</a>",
    "[sisäinen](/fi/tiedotteet/)", "*[HTML]: Hypertext", "Termi\n: selitys", "<div markdown='1'>**x**</div>",
    "[TOC]", "<style>p{}</style>", "<img src=x onerror=alert(1)>", "&#106;avascript:", "`<b>`", "<details>",
    "    sisennetty koodi", "***", "<p>avoin", "[^puuttuva]", "https://example.org/automaattinen",
]  # fmt: skip
BODY = st.lists(st.one_of(TEXT, st.sampled_from(MARKDOWN), st.sampled_from(MARKDOWN)), max_size=8).map("\n\n".join)
BODY = st.one_of(BODY, BODY, BODY, RAW)

SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), TEXT, st.dates(date(1, 1, 1)))
VALUE = st.recursive(
    SCALAR, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3), max_leaves=6
)
FRONT_KEYS = ["title", "slug", "summary", "published", "updated", "titel", "draft"]
FRONT = st.fixed_dictionaries(
    {"title": TEXT},
    optional={
        "slug": st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True) | TEXT,
        "summary": TEXT,
        "published": st.sampled_from(["2022-09-13 15:00", "2022-09-14"]) | VALUE,
        "updated": st.dates(),
    },
) | st.dictionaries(st.sampled_from(FRONT_KEYS) | TEXT, VALUE, max_size=4)
META_EXTRA = st.fixed_dictionaries(
    {},
    optional={
        "aliases": st.lists(TEXT.map(lambda t: "/fi/" + t), max_size=3) | VALUE,
        "contacts": st.lists(
            st.fixed_dictionaries({"name": TEXT}, optional={"email": TEXT, "phone": TEXT}), max_size=2
        ),
        "themes": st.lists(st.sampled_from(["photonics", "sport"]) | TEXT, max_size=2),
        "image": st.fixed_dictionaries({"src": TEXT | st.just("liite.pdf"), "alt": TEXT}),
        "region": TEXT,
        "kind": st.sampled_from(["news", "press-release"]) | TEXT,
    },
)


def dump(data: object) -> str:
    """YAML for a value, or the value itself as text when it is not a mapping YAML can write."""
    try:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    except (yaml.YAMLError, UnicodeEncodeError, ValueError):
        return str(data)


def write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8", "surrogatepass"))


def build(root: Path) -> tuple[int, str]:
    """Run `python build.py` in root, in-process; exit code and what it printed on stderr."""
    err = io.StringIO()
    with contextlib.chdir(root), contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["--out", "site", "--no-search"])
    return code, err.getvalue()


def assert_site_or_plain_errors(root: Path) -> None:
    code, err = build(root)
    event("built" if code == 0 else "refused")
    assert "Traceback" not in err
    lines = err.splitlines()
    if code == 0:
        assert all(PROBLEM_LINE.match(line) and ": warning: " in line for line in lines), err
        tree = read_tree(root / "site")
        pages = {path: data for path, data in tree.items() if path.endswith(".html")}
        assert broken_links(pages, tree, "https://example.org/programme/") == []
    else:
        assert code == 1, err
        assert lines and SUMMARY.match(lines[-1]), err
        assert all(PROBLEM_LINE.match(line) for line in lines[:-1]), err
        assert not (root / "site").exists()


def fresh_site() -> Path:
    """The tiny site cut down to one release and one page (each example builds it once)."""
    root = Path(tempfile.mkdtemp(prefix="innosite-prop-"))
    content = root / "content"
    shutil.copytree(TINY, content, ignore=shutil.ignore_patterns("projects", "2023-*"))
    meta = content / RELEASE / "meta.yaml"
    meta.write_text(meta.read_text().replace("projects: [photonics-ecosystem]\n", ""), encoding="utf-8")
    return root


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(
    front=st.one_of(FRONT.map(dump), FRONT.map(dump), FRONT.map(dump), RAW),
    body=BODY,
    closed=st.sampled_from([True, True, True, False]),
)
def test_random_language_file(front: str, body: str, closed: bool) -> None:
    root = fresh_site()
    try:
        write(root / "content" / RELEASE / "fi.md", f"---\n{front}{'---' if closed else ''}\n{body}\n")
        assert_site_or_plain_errors(root)
    finally:
        shutil.rmtree(root)


@SETTINGS
@given(extra=st.just({}) | META_EXTRA, title=TEXT, body=BODY)
def test_random_meta_and_title(extra: dict, title: str, body: str) -> None:
    root = fresh_site()
    try:
        meta = {"published": "2022-09-13 14:56", **extra}
        write(root / "content" / RELEASE / "meta.yaml", dump(meta))
        write(root / "content" / RELEASE / "sv.md", dump({"title": title}).join(["---\n", f"---\n{body}\n"]))
        assert_site_or_plain_errors(root)
    finally:
        shutil.rmtree(root)
