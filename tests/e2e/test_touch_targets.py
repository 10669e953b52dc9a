"""Every button and standalone link on every main screen is at least 44x44 px on a 390x844 phone.

A standalone link is an <a> that is not part of a sentence: not inside a <p>. Links inside a
paragraph of text (the privacy notice's link in the sign-up hint) follow the text, as WCAG 2.5.8
allows for inline targets. Buttons include anything with role=button, switch or checkbox and the
<summary> that opens a <details>.
"""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import register
from tests.e2e.screens import SIGNED_IN, SIGNED_OUT, seed_every_screen

MINIMUM = 44 - 0.5  # sub-pixel layout rounds either way

TOO_SMALL = """
() => {
  const targets = document.querySelectorAll(
    'button, [role=button], [role=switch], [role=checkbox], summary, a[href]');
  const small = [];
  for (const el of targets) {
    if (el.tagName === 'A' && el.closest('p')) continue;  // a link inside a sentence
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.width < %(min)s || box.height < %(min)s) {
      const name = (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 30);
      small.push(`${location.pathname} <${el.tagName.toLowerCase()}${el.id ? ' #' + el.id : ''}> "${name}" `
                 + `${box.width.toFixed(1)}x${box.height.toFixed(1)}`);
    }
  }
  return small;
}
""" % {"min": MINIMUM}

def _small_targets(page, path: str, ready: str) -> list[str]:
    page.goto(path)
    expect(page.locator(ready).first).to_be_attached()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    return page.evaluate(TOO_SMALL)


def test_every_button_and_standalone_link_is_at_least_44_px_on_every_screen(phone, cli, app_env):
    page = phone("zh-CN")
    found: list[str] = []
    for path, ready in SIGNED_OUT:
        found += _small_targets(page, path, ready)
    page.goto("/login")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Welcome back")).to_be_visible()
    for path, ready in SIGNED_OUT:
        found += _small_targets(page, path, ready)
    page.get_by_role("button", name="中文").click()
    register(page, "touchtargets")
    post = seed_every_screen(app_env, cli, "touchtargets", weeks=4)
    for path, ready in SIGNED_IN:
        found += _small_targets(page, path.format(post=post), ready)

    # What opens from a tap: the words of a quadrant, the offer after an unpleasant feeling,
    # the journal's wins, a block's switch-off checklist.
    page.goto("/")
    page.click('[data-quadrant="high_unpleasant"]')
    expect(page.locator('[data-emotion="angry"]')).to_be_visible()
    found += page.evaluate(TOO_SMALL)
    page.click('[data-emotion="angry"]')
    expect(page.locator("#first-aid-offer")).to_be_visible()
    found += page.evaluate(TOO_SMALL)
    page.goto("/journal")
    page.click("[data-tab=wins]")
    expect(page.locator("#wins-list")).to_be_visible()
    found += page.evaluate(TOO_SMALL)
    page.goto("/plan")
    planned = page.locator("[data-block][data-status=planned]")
    planned.locator("[data-action=switch-off]").click()
    expect(planned.locator("[data-item]").first).to_be_visible()
    found += page.evaluate(TOO_SMALL)

    # The same screens in English, where words are longer and narrower.
    page.goto("/me")
    page.select_option("#language", "en")
    page.click("#settings-save")
    expect(page.get_by_role("navigation").get_by_text("Today")).to_be_visible()
    for path, ready in SIGNED_IN:
        found += _small_targets(page, path.format(post=post), ready)
    assert not found, "\n".join(dict.fromkeys(found))
