"""The files of admin/: the editor's page, its Content-Security-Policy, its scripts and the vendored Sveltia CMS.

Everything the editor loads comes from admin/ itself: no third-party CDN. The
page's only inline script is the import map that points Sveltia's interface
texts (`../locales/fi.json`) to the JavaScript modules shipped beside it; its
hash is in the policy. The policy is in the page (a <meta> element, so that it
holds on hosts that cannot set headers) and, from the preview and the nginx
example of docs/hosting.md, in a header too.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from innosite.editor.config import EditorModel, config_yaml
from innosite.editor.texts import load_texts
from innosite.model.settings import Config, EditorSettings
from innosite.render.i18n import Folders

ADMIN = "admin/"
"""Where the editor is, under the site's base path."""
HERE = Path(__file__).resolve().parent
VENDOR = HERE / "vendor"
STATIC = HERE / "static"
SHIPPED_UI = ("fi", "sv")
"""Interface languages shipped (scripts/update_editor.py); the others get English."""
_UI_LOCALE = re.compile(rb"import\(`\.\./locales/([A-Za-z-]+)\.json`\)")


def vendored_files() -> dict[str, Path]:
    """admin/-relative path -> file, for the vendored editor (as the manifest lists it)."""
    manifest = json.loads((VENDOR / "manifest.json").read_text(encoding="utf-8"))
    return {rel: VENDOR / rel for rel in sorted(manifest["files"])}


@cache
def import_map() -> str:
    """The import map: every interface language Sveltia can ask for, to a module shipped here."""
    known = sorted(set(_UI_LOCALE.findall((VENDOR / "sveltia/npm/index.js").read_bytes())))
    imports = {
        f"./sveltia/locales/{lang.decode()}.json": (
            f"./sveltia/locales/{lang.decode()}.js" if lang.decode() in SHIPPED_UI else "./english.js"
        )
        for lang in known
    }
    return json.dumps({"imports": imports}, separators=(",", ":"))


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def policy(settings: EditorSettings | None, header: bool = True) -> str:
    """The Content-Security-Policy of admin/ (`header`: with frame-ancestors, which a <meta> cannot carry).

    Sveltia needs inline styles (Svelte sets them) and blob: and data: URLs for the files it shows; it needs no
    eval. The hosted back-ends add their API's origin (and where the users' pictures come from)."""
    connect, images = ["'self'", "data:", "blob:"], ["'self'", "data:", "blob:"]
    if settings is not None:
        api = {"github": "https://api.github.com", "gitlab": "https://gitlab.com"}[settings.backend]
        connect.append(_origin(settings.api_root) if settings.api_root else api)
        if settings.backend == "gitlab" and settings.base_url:
            connect.append(_origin(settings.base_url))  # the PKCE token exchange
        images += (
            ["https://avatars.githubusercontent.com"]
            if settings.backend == "github"
            else [_origin(settings.api_root) if settings.api_root else api, "https://secure.gravatar.com"]
        )
    directives = [
        "default-src 'none'",
        f"script-src 'self' '{_hash(import_map())}'",
        "style-src 'self' 'unsafe-inline'",
        "font-src 'self'",
        f"img-src {' '.join(images)}",
        "media-src 'self' blob:",
        f"connect-src {' '.join(dict.fromkeys(connect))}",
        "worker-src 'self' blob:",
        "manifest-src 'self' blob:",
        "form-action 'self'",
        "base-uri 'none'",
    ]
    if header:
        directives.append("frame-ancestors 'none'")
    return "; ".join(directives)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def index_html(title: str, lang: str, noscript: str, settings: EditorSettings | None) -> bytes:
    """admin/index.html: the local back-end's page (settings None: with the file API's stand-in) or the hosted."""
    local = settings is None
    shim = '<script src="fs-shim.js"></script>\n' if local else ""
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta http-equiv="Content-Security-Policy" content="{html.escape(policy(settings, header=False), quote=False)}">
<title>{html.escape(title)}</title>
<link href="config.yml" type="application/yaml" rel="cms-config-url">
<script type="importmap">{import_map()}</script>
{shim}<script type="module" src="init.js"></script>
</head>
<body>
<noscript><p>{html.escape(noscript)}</p></noscript>
</body>
</html>
""".encode()


def admin_page(config: Config, locales: Folders, settings: EditorSettings | None) -> bytes:
    """admin/index.html for a site: its title and the note for browsers without JavaScript in the label
    languages (settings None: the preview's page, with the local back-end)."""
    texts = load_texts(locales, config)
    return index_html(texts["app_title"], config.langs[0], texts["noscript"], settings)


def static_files(local: bool) -> dict[str, Path]:
    """admin/-relative path -> file, for our own scripts (the file API's stand-in only for the preview)."""
    names = ("init.js", "english.js", *(("fs-shim.js",) if local else ()))
    return {name: STATIC / name for name in names}


def published_admin(model: EditorModel, locales: Folders) -> tuple[dict[str, bytes], dict[str, Path]]:
    """What a publishing build writes under admin/ (files made, files copied), for a site with `editor:`."""
    settings = model.config.editor
    assert settings is not None
    files = {
        f"{ADMIN}index.html": admin_page(model.config, locales, settings),
        f"{ADMIN}config.yml": config_yaml(model, locales, settings),
    }
    copies = {f"{ADMIN}{rel}": path for rel, path in {**vendored_files(), **static_files(local=False)}.items()}
    return files, copies
