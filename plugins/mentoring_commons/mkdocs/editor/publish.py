"""What /admin/ is made of, and when a build publishes it.

The page loads only files from the site's own host. Its Content-Security-Policy lets scripts
talk to the site and to the configured git host (and, under ``commons edit``, to decap-server
on this machine) and nothing else: Decap's GitHub backend asks githubstatus.com whether GitHub
is up, and the policy refuses that request (Decap then carries on as if it were).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import escape

from ...core.outputs.editorconfig import EditorSettings

HERE = Path(__file__).resolve().parent
ASSETS = HERE / "assets"
VENDOR = HERE / "vendor" / "decap-cms"
SUMS = "SHA256SUMS"
ADMIN = "admin"
# Our own files, in the order the page loads them (manual-init must come before Decap).
OWN_SCRIPTS = ("manual-init.js",)
AFTER_DECAP = ("admin.js",)
# The hosts each backend's API and avatars live on (Decap's defaults for github.com and
# gitlab.com; a maintainer with another host sets editor_api_root).
GIT_HOSTS = {
    "github": ("https://api.github.com", "https://avatars.githubusercontent.com"),
    "gitlab": ("https://gitlab.com",),
}


class VendorError(Exception):
    """A vendored file is missing, changed, or not listed in SHA256SUMS."""


@dataclass(frozen=True)
class VendoredFile:
    name: str
    path: Path


def vendored_files() -> list[VendoredFile]:
    """The vendored Decap files, each checked against SHA256SUMS (VendorError if not)."""
    sums = VENDOR / SUMS
    if not sums.is_file():
        raise VendorError(f"{sums}: missing; run python3 scripts/update_decap.py")
    files = []
    listed = set()
    for number, line in enumerate(sums.read_text("utf-8").splitlines(), start=1):
        digest, _, name = line.partition("  ")
        listed.add(name)
        path = VENDOR / name
        if not path.is_file():
            raise VendorError(f"{sums}:{number}: {name} is listed but missing; run "
                              "python3 scripts/update_decap.py")
        if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            raise VendorError(f"{path}: its SHA-256 is not the one {SUMS} lists (changed by "
                              "hand?); run python3 scripts/update_decap.py")
        files.append(VendoredFile(name, path))
    files.append(VendoredFile(SUMS, sums))  # published too: anyone can check what is served
    stray = sorted(p.name for p in VENDOR.iterdir() if p.name not in listed | {SUMS})
    if stray:
        raise VendorError(f"{VENDOR / stray[0]}: not listed in {SUMS}")
    return files


def version() -> str:
    return (VENDOR / "VERSION").read_text("utf-8").strip()


def connect_sources(settings: EditorSettings) -> list[str]:
    hosts = ["'self'"]
    if settings.local_proxy:
        parts = urlsplit(settings.local_proxy)
        hosts.append(f"{parts.scheme}://{parts.netloc}")
    else:
        hosts += GIT_HOSTS.get(settings.backend, ())[:1]
        if settings.api_root:
            parts = urlsplit(settings.api_root)
            hosts.append(f"{parts.scheme}://{parts.netloc}")
    return hosts


def content_security_policy(settings: EditorSettings) -> str:
    connect = " ".join(connect_sources(settings))
    images = " ".join(["'self'", "data:", "blob:", *GIT_HOSTS.get(settings.backend, ())[1:]])
    return "; ".join([
        "default-src 'self'",
        # Decap compiles its configuration schema at run time (ajv): 'unsafe-eval'.
        "script-src 'self' 'unsafe-eval'",
        # Decap's components style themselves with <style> elements (emotion).
        "style-src 'self' 'unsafe-inline'",
        f"img-src {images}",
        f"connect-src {connect}",
        "font-src 'self' data:",
        "worker-src 'self' blob:",
        "frame-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def index_html(settings: EditorSettings, site_name: str) -> str:
    scripts = [*OWN_SCRIPTS, "vendor/decap-cms/decap-cms.js", *AFTER_DECAP]
    policy = escape(content_security_policy(settings))
    tags = "\n".join(f'    <script src="{escape(src)}"></script>' for src in scripts)
    return f"""<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex">
    <meta http-equiv="Content-Security-Policy" content="{policy}">
    <title>Web editor · {escape(site_name)}</title>
  </head>
  <body>
    <noscript>
      <h1>Web editor</h1>
      <p>The web editor needs JavaScript. Without it, contribute as the guide on the site
      describes (About → How to contribute).</p>
    </noscript>
{tags}
  </body>
</html>
"""


def editor_setup(config: Mapping[str, Any], preview_styles: Iterable[str]) -> str:
    """editor.json: Decap's configuration and the stylesheets its previews use."""
    setup = {"decap_cms": version(), "preview_styles": list(preview_styles), "config": config}
    return json.dumps(setup, indent=1, ensure_ascii=False, sort_keys=False) + "\n"


BACKEND_HOSTS = {"github.com": "github", "gitlab.com": "gitlab"}


def repo_from_url(repo_url: str | None) -> tuple[str, str | None] | None:
    """('owner/name', backend or None) from a repository's web address, or None."""
    if not repo_url:
        return None
    parts = urlsplit(repo_url)
    path = parts.path.strip("/").removesuffix(".git")
    if path.count("/") < 1:
        return None
    return path, BACKEND_HOSTS.get(parts.hostname or "")


def is_offline(mkdocs_config: Any) -> bool:
    """Whether Material's offline plugin is on (the file:// edition)."""
    for name, plugin in mkdocs_config.plugins.items():
        if name.split("/")[-1] == "offline" and getattr(plugin, "config", {}).get("enabled"):
            return True
    return False


def choose_settings(options: Any, mkdocs_config: Any, edition: str, content_dir: str,
                    local_proxy: str | None) -> tuple[EditorSettings | None, str]:
    """The editor's settings for this build, or None and why it is left out."""
    if options.editor == "off":
        return None, "editor: off"
    if options.editor == "auto":
        if edition != "public":
            return None, f"the {edition} edition leaves it out (editor: on publishes it)"
        if is_offline(mkdocs_config):
            return None, "the offline edition leaves it out (editor: on publishes it)"
    found = repo_from_url(mkdocs_config.repo_url)
    repo, backend = found if found else (None, None)
    backend = options.editor_backend or backend
    if not local_proxy:
        if repo is None:
            return None, "no repository to save to: set repository under the commons plugin"
        if backend is None:
            return None, (f"{mkdocs_config.repo_url} is not on github.com or gitlab.com: set "
                          "editor_backend and editor_api_root under the commons plugin")
    return EditorSettings(
        backend=backend or "github", repo=repo, branch=options.branch,
        base_url=options.editor_base_url, auth_endpoint=options.editor_auth_endpoint,
        api_root=options.editor_api_root, open_authoring=options.editor_open_authoring,
        auth_scope=options.editor_auth_scope, app_id=options.editor_app_id,
        content_dir=content_dir, site_url=mkdocs_config.site_url or None,
        local_proxy=local_proxy,
    ), ""
