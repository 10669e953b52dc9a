"""Which copy of a page the server sends (web/page_language.py), through a real static file app."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.testclient import TestClient

from resilience_app.web import page_language
from resilience_app.web.page_language import prerendered_paths, reader_language, with_lang_attribute, with_page_language
from resilience_app.web.page_paths import with_page_paths


PAGES = {
    "index.html": "<html lang=\"zh-CN\">今天</html>",
    "login/index.html": "<html lang=\"zh-CN\">欢迎回来</html>",
    "about/index.html": "<html lang=\"zh-CN\">关于</html>",
    "__en/index.html": "<html lang=\"en\">Today</html>",
    "__en/login/index.html": "<html lang=\"en\">Welcome back</html>",
    "404.html": "<html lang=\"zh-CN\"><body></body></html>",
    "__en/404.html": "<html lang=\"en\"><body></body></html>",
    "assets/app.js": "export {}",
}
SHELLS = {"zh-CN": PAGES["404.html"], "en": PAGES["__en/404.html"]}


def _write_build(folder):
    for name, text in PAGES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _client(build):
    static = Starlette(routes=[Mount("/", StaticFiles(directory=build, html=True))])
    return TestClient(with_page_paths(with_page_language(static, build_dir=build), build_dir=build))


@pytest.fixture
def build(tmp_path):
    return _write_build(tmp_path)


@pytest.fixture
def client(build):
    return _client(build)


@pytest.fixture(scope="module")
def shared_client(tmp_path_factory):
    return _client(_write_build(tmp_path_factory.mktemp("build")))


def test_an_english_browser_gets_the_english_copy_under_the_pages_own_address(client):
    response = client.get("/login", headers={"accept-language": "en-GB,en;q=0.9,zh-CN;q=0.5"})
    assert response.status_code == 200
    assert response.text == '<html lang="en">Welcome back</html>'
    assert response.headers["content-language"] == "en"
    assert "Accept-Language" in response.headers["vary"] and "Cookie" in response.headers["vary"]
    assert client.get("/", headers={"accept-language": "en"}).text.endswith("Today</html>")


def test_a_chosen_language_wins_over_the_browsers(client):
    english_choice = client.get("/login/", headers={"accept-language": "zh-CN", "cookie": "resilience_lang=en"})
    assert "Welcome back" in english_choice.text
    chinese_choice = client.get("/login/", headers={"accept-language": "en-US", "cookie": "resilience_lang=zh-CN"})
    assert "欢迎回来" in chinese_choice.text
    assert chinese_choice.headers["content-language"] == "zh-CN"


def test_a_page_without_a_copy_comes_in_the_default_language_and_says_so(client):
    response = client.get("/about", headers={"accept-language": "en"})
    assert "关于" in response.text
    assert response.headers["content-language"] == "zh-CN"


def test_files_and_posts_are_left_alone(client):
    assert client.get("/assets/app.js", headers={"accept-language": "en"}).text == "export {}"
    assert "content-language" not in client.get("/assets/app.js").headers
    assert client.post("/login/", headers={"accept-language": "en"}).status_code == 405  # not rewritten


@pytest.mark.parametrize("path", ["/no-such-page", "/forum/nowhere", "/gone.html"])
def test_an_address_with_no_page_answers_404_in_the_readers_language(client, path):
    english = client.get(path, headers={"accept-language": "en-US"})
    assert english.status_code == 404
    assert english.text == '<html lang="en"><body></body></html>'
    assert english.headers["content-language"] == "en"
    assert int(english.headers["content-length"]) == len(english.content)
    by_cookie = client.get(path, headers={"accept-language": "zh-CN", "cookie": "resilience_lang=en"})
    assert by_cookie.status_code == 404 and 'lang="en"' in by_cookie.text
    chinese = client.get(path, headers={"accept-language": "zh-CN"})
    assert chinese.status_code == 404 and chinese.text == '<html lang="zh-CN"><body></body></html>'
    head = client.head(path, headers={"accept-language": "en"})
    assert head.status_code == 404 and head.content == b""


def test_only_the_not_found_page_is_swapped(client, build):
    # A file that exists, and a missing file under an address that is never a page, are left as they are.
    assert client.get("/assets/app.js", headers={"accept-language": "en"}).text == "export {}"
    missing_asset = client.get("/assets/missing.js", headers={"accept-language": "en"})
    assert missing_asset.status_code == 404 and 'lang="en"' not in missing_asset.text
    # A build without the English shell answers with the default one rather than failing.
    (build / "__en" / "404.html").unlink()
    older = client.get("/no-such-page", headers={"accept-language": "en"})
    assert older.status_code == 404 and 'lang="zh-CN"' in older.text


def test_a_path_that_climbs_out_is_not_a_copy(build):
    assert page_language.has_copy(build, "en", "/login/")
    assert not page_language.has_copy(build, "en", "/about/")
    assert not page_language.has_copy(build, "en", "/../login/")
    assert not page_language.has_copy(build, "en", "/../../etc/")


@pytest.mark.parametrize("path", ["/__en/login/", "/__en/", "/__en/login/index.html", "/__en/login"])
def test_the_copies_have_no_address_of_their_own(client, path):
    response = client.get(path, headers={"accept-language": "en"})
    assert "Welcome back" not in response.text
    assert "Today</html>" not in response.text


@pytest.mark.parametrize(("cookie", "accept", "expected"), [
    (None, "", "zh-CN"),
    (None, "en-US,en;q=0.9", "en"),
    (None, "zh-TW,en;q=0.8", "zh-CN"),  # English only if it comes first, as the server decides elsewhere
    ("resilience_lang=en", "zh-CN", "en"),
    ("resilience_lang=fr", "en", "en"),  # not one of ours: the browser decides
    ("resilience_lang=zh-CN; resilience_session=abc", "en", "zh-CN"),
    ('broken="', "en", "en"),
])
def test_the_readers_language(cookie, accept, expected):
    headers = {"accept-language": accept}
    if cookie is not None:
        headers["cookie"] = cookie
    assert reader_language(headers) == expected


@given(cookie=st.text(max_size=80), accept=st.text(max_size=80))
def test_any_header_gives_one_of_our_languages(cookie, accept):
    assert reader_language({"cookie": cookie, "accept-language": accept}) in ("zh-CN", "en")


def test_the_build_lists_each_prerendered_page_once(build):
    assert prerendered_paths(build) == ["/about", "/", "/login"]


def test_the_html_lang_is_rewritten_or_the_build_stops():
    assert with_lang_attribute('<!DOCTYPE html><html lang="zh-CN"><body lang="zh-CN">', "en") == \
        '<!DOCTYPE html><html lang="en"><body lang="zh-CN">'
    with pytest.raises(RuntimeError):
        with_lang_attribute("<html><body>", "en")


def test_each_other_language_has_its_copy_folder():
    assert page_language.OTHER_LANGUAGES == ("en",)
    assert page_language.copy_dir("en") == "__en"


SEGMENT = st.one_of(st.sampled_from(["", ".", "..", "__en", "assets", "login", "404.html", "index.html", "app.js",
                                     "api", "%2e%2e", "%2F", "about"]),
                    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_.~%", min_size=1, max_size=12))


HEADER_TEXT = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=255, exclude_characters="\x7f"), max_size=40)


@given(segments=st.lists(SEGMENT, max_size=5), cookie=HEADER_TEXT, accept=HEADER_TEXT,
       method=st.sampled_from(["GET", "HEAD"]))
def test_any_address_and_headers_get_a_whole_answer_and_only_a_missing_page_is_swapped(
        shared_client, segments, cookie, accept, method):
    """Whatever the address and headers: no server error; a missing page is one of our two shells
    with its status still 404 and its language named; nothing else is ever an English copy or a shell
    it was not; a HEAD has no body; the length sent is the length of the body."""
    path = "/" + "/".join(segments)
    headers = {"cookie": cookie, "accept-language": accept}  # as the server reads them: bytes as latin-1
    response = shared_client.request(method, "http://testserver" + path, follow_redirects=False,
                                     headers={name: value.encode("latin-1") for name, value in headers.items()})
    assert response.status_code < 500
    if method == "HEAD":
        assert response.content == b""
    elif "content-length" in response.headers:
        assert int(response.headers["content-length"]) == len(response.content)
    body = response.text if method == "GET" else None
    language = response.headers.get("content-language")
    if (response.status_code == 404 and language is not None
            and response.headers.get("content-type", "").startswith("text/html")):
        # A page's miss, swapped: the shell in the reader's language.
        assert language == reader_language(headers)
        if body is not None:
            assert body == SHELLS[language]
    elif body is not None:  # anything else, a miss left as it was included, is never the English shell
        assert body != SHELLS["en"]
