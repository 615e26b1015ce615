"""What the browser tests share: logging in, axe-core, and the phone's width checks.

- :func:`log_in` through the login form (and the second factor for staff);
- :func:`serious_violations`: axe-core's serious and critical violations of the page;
- :func:`check_clean`: no CSP violation, then no serious violation;
- :func:`no_sideways_scroll`, :func:`overflowing` and :func:`check_fits_the_phone` for 390 px.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.browser.conftest import PHONE
from tests.hub.factories import PASSWORD, totp_code

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def log_in(page, user, language: str = "en", *, code: bool = False, prefer: bool = False) -> None:
    """Log `user` in through the form at `/<language>/accounts/login/`.

    The login lands on that language's home page. ``code``: also enter the second factor
    (staff). ``prefer``: first save `language` as the user's own, as a reader of that
    language would have it (their emails and the pages that follow it).
    """
    if prefer:
        user.language = language
        user.save(update_fields=["language"])
    page.goto(f"/{language}/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action$='/accounts/login/'] button[type=submit]").click()
    if code:
        page.locator("input[name=code]").fill(totp_code(user))
        page.locator("input[name=code]").press("Enter")
    page.wait_for_url(re.compile(rf".*/{language}/$"))


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations of the page as it is now."""
    # evaluate() runs through the DevTools protocol, so the page's CSP stays in force for
    # everything the page itself loads.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def check_clean(page) -> None:
    """The page broke no rule of the CSP, and axe finds no serious or critical violation.

    In that order: axe's own probes of a page can trip the CSP (its scripts are evaluated
    through DevTools), and those are not the page's.
    """
    assert page.csp_violations == []
    assert serious_violations(page) == []
    page.csp_violations.clear()


def no_sideways_scroll(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def overflowing(page) -> list[str]:
    """The elements that stick out of the screen sideways (for the failure message)."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const out = [];
            for (const el of document.querySelectorAll("body *")) {
                const box = el.getBoundingClientRect();
                if (box.width && (box.right > width + 1 || box.left < -1)) {
                    out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} ` +
                             `[${Math.round(box.left)}, ${Math.round(box.right)}]`);
                }
            }
            return out.slice(0, 8);
        }"""
    )


def check_fits_sideways(page, name: str) -> None:
    """Nothing wider than the screen; the failure names what sticks out."""
    width = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width[0] <= width[1], (name, width, overflowing(page))


def small_targets(page) -> list[str]:
    """axe-core's target-size rule (WCAG 2.5.8, off by default): targets under 24×24 px that
    are too close to another."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'rule', values: ['target-size']}})"
    )
    return [node["target"][0] for violation in result["violations"] for node in violation["nodes"]]


def check_fits_the_phone(page, name: str) -> None:
    """A short header, no sideways scroll, tap targets of 24 px, no serious axe violation."""
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 0.2 * PHONE["height"], (name, header["height"])
    check_fits_sideways(page, name)
    assert small_targets(page) == [], name
    assert serious_violations(page) == [], name
