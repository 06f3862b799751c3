"""The vendored editor is exactly what the manifest names: pinned version, registry integrity, file checksums."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[2] / "innosite" / "editor" / "vendor"
MANIFEST = json.loads((VENDOR / "manifest.json").read_text(encoding="utf-8"))


def test_the_manifest_pins_one_version_of_sveltia_with_the_registrys_integrity() -> None:
    assert MANIFEST["package"] == "@sveltia/cms"
    assert re.fullmatch(r"\d+\.\d+\.\d+", MANIFEST["version"])
    assert MANIFEST["tarball"] == f"https://registry.npmjs.org/@sveltia/cms/-/cms-{MANIFEST['version']}.tgz"
    assert re.fullmatch(r"sha512-[A-Za-z0-9+/]{86}==", MANIFEST["integrity"])
    assert MANIFEST["license"] == "MIT"


def test_every_vendored_file_matches_its_checksum_and_no_other_file_is_there() -> None:
    found = {p.relative_to(VENDOR).as_posix() for p in VENDOR.rglob("*") if p.is_file()} - {"manifest.json"}
    assert found == set(MANIFEST["files"])
    for rel, digest in MANIFEST["files"].items():
        assert hashlib.sha256((VENDOR / rel).read_bytes()).hexdigest() == digest, rel


def test_the_licences_come_along() -> None:
    assert "MIT License" in (VENDOR / "sveltia/LICENSE.txt").read_text(encoding="utf-8")
    fonts = [rel for rel in MANIFEST["files"] if rel.endswith(".woff2")]
    assert fonts
    for font in fonts:
        family = font.rsplit("/", 1)[1].split("-latin")[0]
        assert f"sveltia/npm/assets/{family}.LICENSE.txt" in MANIFEST["files"]


def test_the_editor_loads_nothing_it_does_not_ship() -> None:
    """Every module the entry file imports statically is vendored (others load on demand and are left out)."""
    index = (VENDOR / "sveltia/npm/index.js").read_bytes()
    for chunk in re.findall(rb'import\{[^}]*\}from"\./(chunks/[A-Za-z0-9_.-]+\.js)"', index):
        assert f"sveltia/npm/{chunk.decode()}" in MANIFEST["files"]
