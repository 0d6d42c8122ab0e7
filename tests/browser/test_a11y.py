"""Accessibility in a real browser: axe-core on every page kind in both palettes, keyboard
access (every control reachable and visibly focused, a skip link, no focus on hidden panels)
and screenshots of each kind under test-output/screenshots/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .pagekinds import (
    ALL_KINDS,
    AXE,
    AXE_INSTALL,
    OUTPUT,
    REQUIRED_KINDS,
    describe_violations,
    no_transitions,
    open_kind,
    page_kinds,
    require,
    run_axe,
)

SCHEMES = ("light", "dark")


@pytest.fixture(scope="session")
def kinds(built_site: Path) -> dict[str, str]:
    found = page_kinds(built_site)
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / "page-kinds.json").write_text(json.dumps(found, indent=2) + "\n", "utf-8")
    return found


@pytest.fixture(scope="session")
def axe() -> Path:
    require(AXE.is_file(), f"axe-core is not installed ({AXE_INSTALL})")
    return AXE


def test_every_required_page_kind_is_built(kinds):
    missing = [kind for kind in REQUIRED_KINDS if kind not in kinds]
    assert not missing, f"page kinds missing from the shipped site: {missing}"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", ALL_KINDS)
def test_axe_finds_no_wcag_violations(kind, scheme, kinds, axe, new_page, site_url, built_site,
                                      offsite, screenshots):
    if kind not in kinds:
        pytest.skip(f"no {kind} page in this build")
    page = new_page(color_scheme=scheme)
    open_kind(page, site_url, built_site, kinds[kind])
    expected = "slate" if scheme == "dark" else "default"
    assert page.get_attribute("body", "data-md-color-scheme") == expected
    no_transitions(page)
    page.screenshot(path=str(screenshots / f"{kind}-{scheme}.png"), full_page=True)
    violations = run_axe(page)
    assert not violations, f"{kinds[kind]} ({scheme}):\n{describe_violations(violations)}"
    assert offsite.urls == []


@pytest.mark.parametrize("kind", ["narrative", "path", "home", "find-a-mentor"])
def test_axe_on_a_phone(kind, kinds, axe, new_page, site_url, built_site, offsite, screenshots):
    """The small-screen layout (drawer navigation, search overlay) in the light palette."""
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    open_kind(page, site_url, built_site, kinds[kind])
    no_transitions(page)
    page.screenshot(path=str(screenshots / f"{kind}-phone.png"), full_page=True)
    violations = run_axe(page)
    assert not violations, f"{kinds[kind]} (phone):\n{describe_violations(violations)}"
    assert offsite.urls == []
