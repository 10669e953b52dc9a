"""A page's address without its trailing slash is served as the page, with no redirect round trip."""

import asyncio

from resilience_app.web.page_paths import slashed_page, with_page_paths


def _build(tmp_path):
    (tmp_path / "login").mkdir()
    (tmp_path / "login" / "index.html").write_text("<html></html>")
    (tmp_path / "forum" / "groups").mkdir(parents=True)
    (tmp_path / "forum" / "groups" / "index.html").write_text("<html></html>")
    (tmp_path / "assets").mkdir()
    return tmp_path.resolve()


def test_a_built_page_without_its_slash_is_served_as_the_slashed_page(tmp_path):
    build = _build(tmp_path)
    assert slashed_page("/login", build) == "/login/"
    assert slashed_page("/forum/groups", build) == "/forum/groups/"


def test_other_paths_are_left_alone(tmp_path):
    build = _build(tmp_path)
    for path in ("/", "/login/", "/nowhere", "/assets", "/app.css", "/api/export", "/auth/login", "/_event",
                 "/../login", "/login/../../etc"):
        assert slashed_page(path, build) is None, path


def _seen_path(path: str, method: str, build) -> str:
    seen = {}

    async def app(scope, receive, send):
        seen["path"] = scope["path"]

    asyncio.run(with_page_paths(app, build_dir=build)({"type": "http", "method": method, "path": path}, None, None))
    return seen["path"]


def test_the_wrapper_rewrites_only_page_reads(tmp_path):
    build = _build(tmp_path)
    assert _seen_path("/login", "GET", build) == "/login/"
    assert _seen_path("/login", "HEAD", build) == "/login/"
    assert _seen_path("/login", "POST", build) == "/login"
    assert _seen_path("/plan", "GET", build) == "/plan"
