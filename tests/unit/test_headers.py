"""The Content-Security-Policy on HTML responses, through the header wrapper over a static build."""

import base64
import hashlib
import os

from starlette.staticfiles import StaticFiles
from starlette.testclient import TestClient

from resilience_app.web.headers import with_headers

THEME = "document.documentElement.dataset.theme = 'light';"
HYDRATE = 'window.__ctx = {"a": 1};\r\nwindow.__ready = true;'
PAGE = (
    "<!doctype html><html><head><script>" + THEME + "</script><script src=\"/drafts.js\"></script>"
    "</head><body><script type=\"module\">" + HYDRATE + "</script></body></html>"
)


def _source(script: str) -> str:
    """A CSP hash source as the browser computes it (CRLF read as LF by the HTML parser)."""
    digest = hashlib.sha256(script.replace("\r\n", "\n").encode()).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


def _directives(response) -> dict[str, list[str]]:
    policy = response.headers["content-security-policy"]
    return {name: values for name, *values in (part.split() for part in policy.split(";"))}


def _client(build_dir, host="agent.example:3000"):
    app = with_headers(StaticFiles(directory=build_dir, html=True), build_dir=build_dir)
    return TestClient(app, base_url=f"http://{host}")


def _build(tmp_path, page=PAGE):
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "login").mkdir(exist_ok=True)
    (tmp_path / "login" / "index.html").write_text("<html><script>window.login = 1</script></html>")
    (tmp_path / "drafts.js").write_text("window.drafts = 1;")
    return tmp_path


def test_html_gets_a_strict_policy_with_the_builds_inline_scripts_hashed(tmp_path):
    client = _client(_build(tmp_path))
    for path in ("/", "/login/"):
        response = client.get(path)
        assert response.status_code == 200
        policy = _directives(response)
        script = policy["script-src"]
        assert script[0] == "'self'" and "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
        assert {_source(THEME), _source(HYDRATE), _source("window.login = 1")} == set(script[1:])
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["connect-src"] == ["'self'", "ws://agent.example:3000", "wss://agent.example:3000"]
        assert policy["style-src"] == ["'self'", "'unsafe-inline'"]


def test_scripts_and_other_files_carry_no_page_policy(tmp_path):
    response = _client(_build(tmp_path)).get("/drafts.js")
    assert response.status_code == 200 and "content-security-policy" not in response.headers


def test_a_forged_host_cannot_add_sources(tmp_path):
    client = _client(_build(tmp_path))
    response = client.get("/", headers={"host": "evil.example; script-src *"})
    policy = _directives(response)
    assert policy["connect-src"] == ["'self'"]
    assert "*" not in response.headers["content-security-policy"]


def test_a_new_build_is_hashed_again(tmp_path):
    client = _client(_build(tmp_path))
    assert _source(THEME) in _directives(client.get("/"))["script-src"]
    rebuilt = PAGE.replace(THEME, "window.rebuilt = 2;")
    (tmp_path / "index.html").write_text(rebuilt, encoding="utf-8")
    stat = os.stat(tmp_path / "index.html")
    os.utime(tmp_path / "index.html", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    script = _directives(client.get("/"))["script-src"]
    assert _source("window.rebuilt = 2;") in script and _source(THEME) not in script
