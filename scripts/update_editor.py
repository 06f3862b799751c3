"""Vendor a pinned version of Sveltia CMS (npm @sveltia/cms) into innosite/editor/vendor/.

Usage: python scripts/update_editor.py VERSION   (e.g. 0.221.1)

Fetches the version's metadata and tarball from the npm registry, checks the
tarball against the registry's sha512 integrity, and writes only the files the
editor needs, unchanged: the ES module build (npm/index.js and the chunks it
imports statically), the fonts it loads with their licence files, the package's
LICENSE.txt, and the Finnish and Swedish interface texts as JavaScript modules
(`export default {...};`, for the import map of admin/index.html); and, for the tests, the
schema of config.yml. The manifest
(manifest.json) names the version, the tarball, its integrity and the sha256 of
every file written; tests/editor/test_vendor.py checks the files against it.
Run the browser tests (tests/browser/test_editor*.py) after an update.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import re
import shutil
import sys
import tarfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "innosite" / "editor" / "vendor"
SCHEMA = ROOT / "tests" / "editor" / "sveltia-cms.schema.json"
"""Sveltia's JSON schema of config.yml: the tests check the generated configuration against it."""
PACKAGE = "@sveltia/cms"
REGISTRY = "https://registry.npmjs.org"
UI_LOCALES = ("fi", "sv")
"""Interface languages shipped; every other language Sveltia knows gets English (see editor/page.py)."""
_STATIC_IMPORT = re.compile(rb'(?:^|[;}\n])import\{[^}]*\}from"\./(chunks/[A-Za-z0-9_.-]+\.js)"')
_FONT = re.compile(rb"assets/([A-Za-z0-9_.-]+\.woff2)")


def fetch(url: str) -> bytes:
    """The body at url (the registry only)."""
    if not url.startswith(REGISTRY + "/"):
        raise SystemExit(f"refusing to fetch from outside the npm registry: {url}")
    with urllib.request.urlopen(url, timeout=120) as answer:  # noqa: S310 (https registry only)
        return answer.read()


def integrity_of(data: bytes) -> str:
    """The npm integrity string (sha512, base64) of some bytes."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def selected(members: dict[str, bytes]) -> dict[str, bytes]:
    """Path in the vendor folder -> bytes: what the editor needs of the package."""
    index = members["npm/index.js"]
    files = {"LICENSE.txt": members["LICENSE.txt"], "npm/index.js": index}
    for chunk in sorted(set(_STATIC_IMPORT.findall(index))):
        files[f"npm/{chunk.decode()}"] = members[f"npm/{chunk.decode()}"]
    for font in sorted(set(_FONT.findall(index))):
        name = font.decode()
        files[f"npm/assets/{name}"] = members[f"npm/assets/{name}"]
        family = name.split("-latin")[0]
        licence = f"npm/assets/{family}.LICENSE.txt"
        if licence in members:
            files[licence] = members[licence]
    for lang in UI_LOCALES:
        texts = json.loads(members[f"locales/{lang}.json"])
        module = "export default " + json.dumps(texts, ensure_ascii=False, indent=1, sort_keys=False) + ";\n"
        files[f"locales/{lang}.js"] = module.encode("utf-8")
    return files


def read_tarball(data: bytes) -> dict[str, bytes]:
    """The package's regular files, by path inside the package (without the leading package/)."""
    members = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member in tar.getmembers():
            if member.isfile() and member.name.startswith("package/"):
                handle = tar.extractfile(member)
                if handle is not None:
                    members[member.name.removeprefix("package/")] = handle.read()
    return members


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("version", help="the exact version to vendor, e.g. 0.221.1")
    args = parser.parse_args(argv)
    meta = json.loads(fetch(f"{REGISTRY}/{PACKAGE.replace('/', '%2f')}/{args.version}"))
    tarball_url, integrity = meta["dist"]["tarball"], meta["dist"]["integrity"]
    tarball = fetch(tarball_url)
    if integrity_of(tarball) != integrity:
        raise SystemExit(f"the tarball's checksum differs from the registry's integrity {integrity}: nothing written")
    files = selected(read_tarball(tarball))
    shutil.rmtree(VENDOR, ignore_errors=True)
    for rel, data in files.items():
        path = VENDOR / "sveltia" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    SCHEMA.write_bytes(read_tarball(tarball)["schema/sveltia-cms.json"])
    manifest = {
        "package": PACKAGE,
        "version": meta["version"],
        "license": meta.get("license"),
        "tarball": tarball_url,
        "integrity": integrity,
        "files": {f"sveltia/{rel}": hashlib.sha256(data).hexdigest() for rel, data in sorted(files.items())},
        "schema": {SCHEMA.relative_to(ROOT).as_posix(): hashlib.sha256(SCHEMA.read_bytes()).hexdigest()},
    }
    (VENDOR / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    total = sum(len(data) for data in files.values())
    print(f"Vendored {PACKAGE}@{meta['version']}: {len(files)} files, {total:,} bytes, into {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
