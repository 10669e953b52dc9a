"""What the browser benchmarks share: Chromium's flags and a throwaway account."""

import secrets

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def register_throwaway(page) -> str:
    """Sign up a fresh bench user through the real form; returns the username."""
    username = f"bench{secrets.token_hex(4)}"
    page.goto("/register")
    page.fill("#username", username)
    page.fill("#password", "a long bench pass phrase")
    page.check("#consent_sensitive")  # the separate consent to sensitive information (issue 13)
    page.click("#register-submit")
    page.wait_for_selector("#greeting")
    return username
