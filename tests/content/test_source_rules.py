"""YAML and text as the build reads them: safe values only, bounded size, every fault at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from innosite.content.source import MAX_FILE_BYTES
from tests.conftest import read_tree

REL = "content/press/2022-09-13-lead-projects"
META = "published: 2022-09-13 14:56\nthemes: [photonics]\n"
PLAIN = "write plain text, numbers, dates, lists and key: value lines"


def errors(result) -> list[str]:
    return [
        line for line in result.err.splitlines() if not line.endswith(("the previous site is unchanged.", " error(s)."))
    ]


CASES = {
    "python object": (
        "meta.yaml",
        META + "region: !!python/object/apply:os.system ['touch pwned']\n",
        [f'{REL}/meta.yaml:3: the YAML tag "!!python/object/apply:os.system" is not allowed: {PLAIN}'],
    ),
    "python object as a mapping": (
        "meta.yaml",
        META + "image: !!python/object/new:os.system {args: [touch pwned]}\n",
        [f'{REL}/meta.yaml:3: the YAML tag "!!python/object/new:os.system" is not allowed: {PLAIN}'],
    ),
    "binary": (
        "fi.md",
        "---\ntitle: !!binary T3RzaWtrbw==\n---\nX\n",
        [f'{REL}/fi.md:2: the YAML tag "!!binary" is not allowed: {PLAIN}'],
    ),
    "own tag": (
        "fi.md",
        "---\ntitle: !otsikko X\n---\nX\n",
        [f'{REL}/fi.md:2: the YAML tag "!otsikko" is not allowed: {PLAIN}'],
    ),
    "merge key": (
        "meta.yaml",
        META + "contacts:\n  - &a {name: A}\n  - <<: *a\n    phone: 040 123 4567\n",
        [f'{REL}/meta.yaml:5: merge keys ("<<") are not supported: write the keys out'],
    ),
    "billion laughs": (
        "meta.yaml",
        META
        + "x: &a [l, l, l, l, l, l, l, l, l]\n"
        + "".join(f"x{i}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)),
        [f"{REL}/meta.yaml:3: the YAML expands to too many values (aliases used too often?)"],
    ),
    "nested too deeply": (
        "fi.md",
        "---\ntitle: " + "[" * 2000 + "]" * 2000 + "\n---\nX\n",
        [f"{REL}/fi.md:2: YAML syntax error: lists or mappings nested too deeply"],
    ),
    "nested deeper than the stack allows": (
        "meta.yaml",
        META + "image: " + "{a: " * 600 + "1" + "}" * 600 + "\n",
        [f"{REL}/meta.yaml:3: YAML syntax error: lists or mappings nested too deeply"],
    ),
    "date that does not exist": (
        "meta.yaml",
        "published: 2022-02-30\n",
        [
            f'{REL}/meta.yaml:1: "2022-02-30" is not a date that exists (February 2022 has 28 days): '
            "correct it, or put it in quotes if it is text"
        ],
    ),
    "endless number": (
        "fi.md",
        "---\ntitle: " + "9" * 5000 + "\n---\nX\n",
        [f'{REL}/fi.md:2: "{"9" * 37}..." is too long a number: put it in quotes if it is text'],
    ),
    "tab in indentation": (
        "meta.yaml",
        META + "contacts:\n  - name: A\n\t  phone: 1\n",
        [f"{REL}/meta.yaml:5: a tab character: indent with spaces, not tabs"],
    ),
    "a key indented one space off": (
        "meta.yaml",
        META + "image:\n  src: kuva.jpg\n  alt:\n   fi: Kuva\n    sv: Bild\n    en: Picture\n",
        [
            f"{REL}/meta.yaml:6: this line is indented 3 spaces, the lines beside it 4: line up keys that belong together"
        ],
    ),
    "an item indented one space off": (
        "fi.md",
        "---\ntitle: Otsikko\ncorrection:\n  - date: 2022-09-14 10:00\n    text: Korjaus.\n - date: 2022-09-15 10:00\n"
        "    text: Toinen.\n---\nX\n",
        [
            f'{REL}/fi.md:6: this line is indented 1 space, the line above it 2: line up the "-" of the items of one list'
        ],
    ),
    "control character": (
        "fi.md",
        "---\ntitle: Otsikko\n---\nRivi\n\x1b[31mpunainen\n",
        [f"{REL}/fi.md:5: invisible control character U+001B: delete it"],
    ),
    "invalid utf-8 in meta": (
        "meta.yaml",
        META.encode() + b"region: \xff\xfe\n",
        [f"{REL}/meta.yaml:3: the file is not UTF-8 text: save it as UTF-8"],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_refused_yaml_and_text(case: str, site_dir: Path, run, edit) -> None:
    assert run("--out", "site", "--no-search").code == 0
    before = read_tree(site_dir / "site")
    name, text, expected = CASES[case]
    edit(f"press/2022-09-13-lead-projects/{name}", text)
    result = run("--out", "site", "--no-search")
    assert (result.code, errors(result)) == (1, expected)
    assert read_tree(site_dir / "site") == before
    assert not (site_dir / "pwned").exists() and not (site_dir / "content/pwned").exists()


def test_lists_nested_hundreds_deep_still_build(site_dir: Path, run, edit) -> None:
    """Python-Markdown stops nesting short of the interpreter's limit and keeps the deeper markers as text."""
    nested = "".join("    " * i + "- x\n" for i in range(400))
    edit(
        "press/2022-09-13-lead-projects/fi.md",
        "---\ntitle: Otsikko\nsummary: Tiivistelmä.\n---\n[Liite](liite.pdf)\n\n" + nested,
    )
    result = run("--out", "site", "--no-search")
    assert (result.code, errors(result)) == (0, [])
    assert "<li>x<ul>" in next((site_dir / "site/fi").rglob("otsikko/index.html")).read_text(encoding="utf-8")


def test_files_over_the_size_limit_are_refused_unread(site_dir: Path, run, edit) -> None:
    edit("press/2022-09-13-lead-projects/fi.md", "---\ntitle: Iso\n---\n" + "Tekstiä. " * (MAX_FILE_BYTES // 9))
    edit("site.yaml", (site_dir / "content/site.yaml").read_text() + "#" * MAX_FILE_BYTES + "\n")
    result = run("check")
    assert (result.code, errors(result)) == (1, ["content/site.yaml: the file is larger than 2 MB"])
    edit("site.yaml", (site_dir / "content/site.yaml").read_text()[: -MAX_FILE_BYTES - 1])
    result = run("check")
    assert (result.code, errors(result)) == (1, [f"{REL}/fi.md: the file is larger than 2 MB"])


def test_bom_and_crlf_give_the_same_site(site_dir: Path, run, edit) -> None:
    assert run("--out", "plain", "--no-search").code == 0
    for rel in ("site.yaml", "press/2022-09-13-lead-projects/fi.md", "press/2022-09-13-lead-projects/meta.yaml"):
        text = (site_dir / "content" / rel).read_text(encoding="utf-8")
        edit(rel, b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert run("--out", "windows", "--no-search").code == 0
    assert read_tree(site_dir / "windows") == read_tree(site_dir / "plain")


def test_folders_and_files_in_the_wrong_place(site_dir: Path, run, edit) -> None:
    edit("press/2022-09-13-lead-projects/fi.md", None)
    (site_dir / "content/press/2022-09-13-lead-projects/fi.md").mkdir()
    edit("projects", None)
    edit("projects", "")
    edit("press/2023-01-10-sport-news/meta.yaml", "published: 2023-01-10 09:00\n---\nkind: news\n")
    result = run("check")
    assert (result.code, errors(result)) == (
        1,
        [
            "content/press/2022-09-13-lead-projects/fi.md: cannot be read: Is a directory",
            'content/press/2022-09-13-lead-projects/meta.yaml:5: unknown project "photonics-ecosystem": the projects are'
            " the folders in projects/",
            "content/press/2023-01-10-sport-news/meta.yaml:2: YAML syntax error: a second document (a line '---' or "
            "'...') in the file: remove that line",
            "content/projects: projects must be a folder of entry folders, not a file",
        ],
    )
