"""JSON-LD under our Content-Security-Policy: Chromium reads the data blocks and refuses nothing."""

import json

import pytest

PAGES = [
    "/roles/deputy-manager/",
    "/qualifications/nvq-level-3-health-and-social-care/",
    "/standards/st0008/",
    "/compare/?roles=senior-social-worker&roles=deputy-manager",
    "/roles/deputy-manager/progression/",
    "/data/",
]

WATCH_VIOLATIONS = """() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.cspViolations.push(event.violatedDirective));
}"""


@pytest.mark.parametrize("path", PAGES)
def test_json_ld_is_read_under_our_policy_without_a_violation(page, site, path):
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    page.add_init_script(f"({WATCH_VIOLATIONS})()")
    response = page.goto(site + path)
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("load")
    blocks = page.eval_on_selector_all('script[type="application/ld+json"]', "els => els.map(el => el.textContent)")
    types = {json.loads(block)["@type"] for block in blocks}
    assert "BreadcrumbList" in types
    assert page.evaluate("window.cspViolations") == []
    assert refused == []
