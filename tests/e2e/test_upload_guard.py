"""A tab's token posted to /_upload with another login's cookie, or none, previews and imports nothing."""

import re
from datetime import timedelta

import httpx
from playwright.sync_api import expect

from resilience_app.state.importing import ImportState
from resilience_app.web.cookies import SESSION_COOKIE
from tests.e2e.conftest import app_today, register


def _daylio_csv() -> bytes:
    """Default moods only: a file that would import without anyone mapping a word."""
    day = (app_today() - timedelta(days=1)).isoformat()
    return ("full_date,date,weekday,time,mood,activities,note_title,note\r\n"
            f"{day},x,y,9:05 pm,rad,,,UPLOAD-GUARD-1\r\n"
            f"{day},x,y,10:15 am,good,,,UPLOAD-GUARD-2\r\n").encode()


def _session_cookie(page) -> str:
    return next(c["value"] for c in page.context.cookies() if c["name"] == SESSION_COOKIE)


def test_a_borrowed_tab_token_cannot_upload_into_its_owners_account(phone, server, tmp_path):
    owner = phone("zh-CN")
    register(owner, "uploadowner")
    owner.goto("/me/import")
    expect(owner.locator('input[type="file"]')).to_be_attached()
    token = owner.evaluate("sessionStorage.getItem('token')")
    assert token

    other = phone("zh-CN")
    register(other, "uploadother")
    others_cookie = _session_cookie(other)

    data = _daylio_csv()
    for cookie in (others_cookie, None):
        with httpx.Client(base_url=server, cookies={SESSION_COOKIE: cookie} if cookie else None) as thief:
            for handler in ("preview_upload", "import_upload"):
                response = thief.post("/_upload", files={"files": ("daylio_export.csv", data, "text/csv")},
                                      headers={"Reflex-Client-Token": token,
                                               "Reflex-Event-Handler": f"{ImportState.get_full_name()}.{handler}"})
                assert response.status_code == 403, (cookie is not None, handler, response.text)
                assert "uploadowner" not in response.text and "将导入" not in response.text
        owner.wait_for_timeout(500)  # a background handler would have run by now
    expect(owner.locator("#import-preview")).to_have_count(0)

    # The owner's own upload still works, and finds nothing imported before it.
    sent: list[dict] = []
    owner.on("request", lambda request: sent.append(request.headers) if request.url.endswith("/_upload") else None)
    path = tmp_path / "daylio_export.csv"
    path.write_bytes(data)
    owner.locator('input[type="file"]').set_input_files(str(path))
    owner.click("#import-preview-button")
    preview = owner.locator("#import-preview")
    expect(preview).to_contain_text("将导入2")
    expect(preview).to_contain_text("重复，将跳过0")
    # The requests refused above named the very handler and tab the page itself uses.
    assert sent and sent[0]["reflex-client-token"] == token
    assert sent[0]["reflex-event-handler"] == f"{ImportState.get_full_name()}.preview_upload"
    owner.click("#import-confirm")
    expect(owner.get_by_text(re.compile("导入了 2 条心情记录"))).to_be_visible()
