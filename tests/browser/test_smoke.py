"""The served site opens in a real browser and asks nothing of any other host."""

from __future__ import annotations


def test_home_page_loads_offline(new_page, site_url, offsite, screenshots):
    page = new_page()
    page.goto(site_url)
    assert page.title().startswith("Welcome") or "Mentoring Commons" in page.title()
    assert page.locator("h1").first.is_visible()
    page.screenshot(path=str(screenshots / "home-light.png"), full_page=True)
    assert offsite.urls == []
