"""Thai in code and in the form's file preview is drawn with a font that has Thai letters: the site's own
Sarabun (its Thai letters only), after the client's monospace fonts, which have none on Linux."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def fonts_drawing(page, selector: str) -> dict[str, int]:
    """The fonts Chromium drew an element's text with, and how many letters each."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return {font["familyName"]: font["glyphCount"] for font in session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}


@pytest.mark.parametrize(("path", "selector", "fill"), [("editors/", ".md-typeset table code", False), ("propose/", "#propose-preview", True)])
def test_thai_in_code_is_drawn_with_sarabun_and_latin_with_a_monospace_font(page, site_url, path, selector, fill):
    p = page.page
    p.goto(f"{site_url}/{path}")
    if fill:
        p.wait_for_selector("#f-title")
        p.fill("#f-title", "คิวออนไลน์งานทะเบียน")
    p.wait_for_function("document.fonts.status === 'loaded'")
    p.locator(selector).first.scroll_into_view_if_needed()
    p.wait_for_timeout(300)
    fonts = fonts_drawing(p, selector)
    assert fonts.get("Sarabun", 0) > 0, fonts  # the Thai letters: the subset's family name is Sarabun
    assert any(count > 0 for name, count in fonts.items() if name != "Sarabun"), fonts  # the Latin letters
