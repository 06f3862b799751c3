"""docs/security.md stays true: its header example is the tested one, its limits are the code's."""

from __future__ import annotations

import re
from pathlib import Path

from innosite.content.names import WINDOWS_RESERVED
from innosite.content.source import MAX_FILE_BYTES, MAX_YAML_NODES
from innosite.markup.sanitize import EMBED_ATTRIBUTES, URL_SCHEMES

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_the_content_security_policy_is_the_one_the_nginx_test_serves() -> None:
    security = re.search(r"Content-Security-Policy: (.+)", (DOCS / "security.md").read_text()).group(1)
    hosting = re.search(r'Content-Security-Policy "([^"]+)"', (DOCS / "hosting.md").read_text()).group(1)
    assert security.strip() == hosting


def test_the_limits_and_lists_it_names_are_the_codes() -> None:
    text = (DOCS / "security.md").read_text()
    assert f"at most {MAX_FILE_BYTES // 1024 // 1024} MB" in text
    assert f"{MAX_YAML_NODES:,} values" in " ".join(text.split())
    assert "`http:`, `https:`, `mailto:` and `tel:`" in text
    assert all(f"`{scheme}:`" in text for scheme in URL_SCHEMES)
    assert all(f"`{name}`" in text for name in EMBED_ATTRIBUTES)
    assert {"con", "prn", "aux", "nul", "com0", "com9", "lpt0", "lpt9"} <= WINDOWS_RESERVED
