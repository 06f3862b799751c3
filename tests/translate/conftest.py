"""Fixtures for the translation hand-off: copies of the fixture sites, the XLIFF 1.2 schema."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
SCHEMA = HERE / "schema"


@pytest.fixture(scope="session")
def xliff_schema() -> etree.XMLSchema:
    """The OASIS XLIFF 1.2 strict schema, its import of the xml: attributes pointed at a local file."""
    raw = (SCHEMA / "xliff-core-1.2-strict.xsd").read_bytes()
    raw = raw.replace(b'schemaLocation="http://www.w3.org/2001/xml.xsd"', b'schemaLocation="xml-attributes.xsd"')
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.fromstring(raw, parser, base_url=SCHEMA.resolve().as_uri() + "/"))


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A copy of the tiny fixture site's content folder."""
    return Path(shutil.copytree(ROOT / "tests/sites/tiny/content", tmp_path / "content"))


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example site's content folder."""
    return Path(shutil.copytree(ROOT / "content", tmp_path / "content"))


def entries_of(content: Path) -> dict[str, Path]:
    """Every entry of a content folder: section/folder -> folder."""
    return {f"{p.parent.name}/{p.name}": p for p in sorted(content.glob("*/*")) if p.is_dir()}
