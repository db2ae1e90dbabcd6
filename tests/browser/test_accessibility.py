"""Accessibility, phones and offline use, over every page in tests/site_pages.py, in headless Chromium.

- Offline / intranet: every request to another host is aborted, and none is made; no local request
  fails (a missing asset); Material's scripts and the local Thai font (Sarabun) work.

- axe-core (bundled by the axe-playwright-python package, injected into the page: no network):
  zero serious or critical violations (moderate and minor ones are printed, not failed).
- At 360 x 740 (a small phone): no horizontal scrolling, and tap targets usable: every visible
  control is at least 24 x 24 CSS px or has 24 px of room (WCAG 2.2 SC 2.5.8; links inside a
  sentence are exempt, as the criterion says).
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from site_pages import PAGES, Item, params

pytestmark = pytest.mark.browser
FAILING_IMPACTS = {"serious", "critical"}
LOCAL = {"127.0.0.1", "localhost"}
AXE = Axe()

# Controls smaller than 24 x 24 px whose 24 px circle overlaps another control's (SC 2.5.8 "spacing").
TAP_TARGETS_JS = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, label[for], [role=button], [role=link], [role=tab], [tabindex]:not([tabindex="-1"])';
  const visible = el => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    // visually hidden (screen-reader only, <= 2 px) and off-screen (a closed drawer) elements are not tap targets
    return r.width > 2 && r.height > 2 && r.right > 0 && r.left < innerWidth && s.visibility !== 'hidden' && s.display !== 'none' && el.closest('[hidden],[aria-hidden=true]') === null;
  };
  const inSentence = el => {
    // SC 2.5.8 exception: the target is in a sentence or its size is constrained by the line-height of non-target text
    if (getComputedStyle(el).display !== 'inline') return false;
    const block = el.closest('p, li, td, th, dd, dt, figcaption, blockquote, .md-typeset');
    if (!block) return false;
    const text = block.textContent.replace(el.textContent, '').trim();
    return text.length > 0;
  };
  const items = [...document.querySelectorAll(selector)].filter(visible).map(el => {
    const r = el.getBoundingClientRect();
    return {el, r, cx: r.left + r.width / 2, cy: r.top + r.height / 2};
  });
  const small = [];
  for (const item of items) {
    if (item.r.width >= 23.5 && item.r.height >= 23.5) continue;
    if (inSentence(item.el)) continue;
    // spacing: a 24 px circle centred on the target must not touch another target or its circle
    const crowded = items.some(other => other !== item && !other.el.contains(item.el) && !item.el.contains(other.el) && (() => {
      const dx = Math.max(other.r.left - item.cx, 0, item.cx - other.r.right);
      const dy = Math.max(other.r.top - item.cy, 0, item.cy - other.r.bottom);
      const small_other = !(other.r.width >= 23.5 && other.r.height >= 23.5);
      const distance = Math.hypot(dx, dy);
      return small_other ? Math.hypot(other.cx - item.cx, other.cy - item.cy) < 24 : distance < 12;
    })());
    if (crowded) small.push(`${item.el.tagName.toLowerCase()}${item.el.id ? '#' + item.el.id : ''} "${(item.el.textContent || item.el.getAttribute('aria-label') || '').trim().slice(0, 30)}" ${Math.round(item.r.width)}x${Math.round(item.r.height)}`);
  }
  return {checked: items.length, crowded: small};
}"""


def _open_offline(recorded, site_url: str, item: Item) -> None:
    """The page with every request to another host aborted, once the network is idle: it must have
    asked no other host, every local file it asked for must exist, and its scripts and font must work."""
    failed: list[str] = []
    recorded.page.route(lambda url: urlparse(url).hostname not in LOCAL and urlparse(url).scheme in ("http", "https", "ws", "wss"), lambda route: route.abort())
    recorded.page.on("requestfailed", lambda request: failed.append(f"{request.url} ({request.failure})"))
    recorded.page.on("response", lambda response: failed.append(f"{response.url} HTTP {response.status}") if response.status >= 400 else None)
    response = recorded.page.goto(f"{site_url}/{item.path}", wait_until="networkidle")
    assert response is not None and response.status == 200, f"/{item.path} is not in the built site"
    recorded.page.evaluate("() => document.fonts.ready")
    assert recorded.external_requests() == [], recorded.external_requests()
    assert failed == [], failed
    assert recorded.page.evaluate("() => typeof document$ !== 'undefined'"), "Material's bundle did not run"
    assert recorded.page.evaluate("() => document.fonts.check('16px Sarabun', 'ภาษาไทย')"), "the local Thai font is not loaded"
    used = recorded.page.evaluate("() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert any("Sarabun" in family for family in used), used


def _axe(recorded) -> tuple[list[str], list[str]]:
    results = AXE.run(recorded.page, options={"resultTypes": ["violations"]})
    failing, other = [], []
    for violation in results.response["violations"]:
        nodes = "; ".join(" ".join(node["target"][0] if isinstance(node["target"][0], str) else map(str, node["target"][0])) for node in violation["nodes"][:3])
        line = f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])} nodes): {violation['help']} — {nodes}"
        (failing if violation["impact"] in FAILING_IMPACTS else other).append(line)
    return failing, other


@pytest.mark.parametrize("item", params(PAGES))
def test_desktop_page_is_accessible_and_works_offline(page, site_url, item: Item):
    _open_offline(page, site_url, item)
    failing, other = _axe(page)
    if other:
        print(f"\n[axe desktop /{item.path}] not failing:\n  " + "\n  ".join(other))
    assert failing == [], "\n".join(failing)
    assert page.external_requests() == []


@pytest.mark.parametrize("item", params(PAGES))
def test_phone_page_is_accessible_fits_and_works_offline(phone, site_url, item: Item):
    _open_offline(phone, site_url, item)
    failing, other = _axe(phone)
    if other:
        print(f"\n[axe phone /{item.path}] not failing:\n  " + "\n  ".join(other))
    assert failing == [], "\n".join(failing)
    assert phone.horizontal_overflow() == 0, f"/{item.path} scrolls sideways by {phone.horizontal_overflow()} px at 360 px"
    targets = phone.page.evaluate(TAP_TARGETS_JS)
    print(f"\n[tap targets /{item.path}] {targets['checked']} checked, {len(targets['crowded'])} too small and crowded")
    assert targets["checked"] > 0
    assert targets["crowded"] == [], "tap targets under 24 x 24 px without room around them:\n" + "\n".join(targets["crowded"])
    phone.screenshot(f"phone-{item.name}")
    assert phone.external_requests() == []


def test_the_axe_engine_is_local_and_catches_violations(page, site_url):
    """Control: axe really runs here (offline) and reports a serious violation on a broken page."""
    page.page.goto(f"{site_url}/", wait_until="networkidle")
    page.page.evaluate("() => { const i = document.createElement('img'); i.src = 'assets/favicon.svg'; document.body.prepend(i); }")
    failing, _ = _axe(page)
    assert any(line.startswith("image-alt") for line in failing), failing
    assert page.external_requests() == []
