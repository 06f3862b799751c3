"""The same image in gives the same bytes out: in this process and in two others (each with its own hash seed),
for every kind of source and every kind of output."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from innosite.media import default_share_image

SOURCES = (
    "camera_jpeg",
    "tall_png",
    "alpha_png",
    "cmyk_jpeg",
    "animated_gif",
    "webp_with_metadata",
    "one_pixel",
    "sixteen_bit_png",
)

OUTPUTS = """
import hashlib, json, sys
from pathlib import Path
from innosite.media import default_share_image, share_image, stripped_original, variants

def digest(data):
    return hashlib.sha256(data).hexdigest()

def outputs(folder):
    found = {}
    for path in sorted(Path(folder).glob("*.bin")):
        data = path.read_bytes()
        found[path.stem] = {
            "variants": [digest(v.data) for v in variants(data)],
            "original": digest(stripped_original(data).data),
            "share": digest(share_image(data)),
        }
    logo = (Path(folder) / "alpha_png.bin").read_bytes()
    found["default"] = digest(default_share_image(logo, "#003b73", "Innokaupungit"))
    return found
"""


def outputs_here(folder: Path) -> dict[str, object]:
    namespace: dict[str, object] = {}
    exec(OUTPUTS, namespace)  # the very code the other processes run
    return namespace["outputs"](folder)  # type: ignore[operator]


def outputs_in_another_process(folder: Path) -> dict[str, object]:
    script = OUTPUTS + "\nprint(json.dumps(outputs(sys.argv[1])))\n"
    done = subprocess.run([sys.executable, "-c", script, str(folder)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_byte_identical_across_runs_and_processes(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    for name in SOURCES:
        (tmp_path / f"{name}.bin").write_bytes(request.getfixturevalue(name))
    here = outputs_here(tmp_path)
    assert outputs_in_another_process(tmp_path) == here
    assert outputs_in_another_process(tmp_path) == here
    assert len(here) == len(SOURCES) + 1


def test_the_check_itself_sees_a_difference(alpha_png: bytes) -> None:
    """A different colour gives different bytes: the digests above are of the real outputs."""
    assert (
        hashlib.sha256(default_share_image(alpha_png, "#1f7a5c")).digest()
        != hashlib.sha256(default_share_image(alpha_png, "#003b73")).digest()
    )
