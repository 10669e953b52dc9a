"""Tapping an export on a phone saves a real file (not the router's 404), with the service worker in charge."""

import csv
import io
import json

import icalendar
from playwright.sync_api import expect

from tests.e2e.conftest import register

WIN = '=1+1：客户说"谢谢你"，还给了五星, 真好'


def _tap_and_save(page, selector: str, tmp_path) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.locator(selector).tap()
    download = info.value
    assert download.failure() is None
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    return download.suggested_filename, target.read_bytes()


def _controlled_by_the_service_worker(page) -> None:
    """The worker (which claims open pages) now sees every request; wait_for_function would need eval."""
    assert page.evaluate("""navigator.serviceWorker.ready.then(() => navigator.serviceWorker.controller
        || new Promise((done) => navigator.serviceWorker.addEventListener("controllerchange", done)))
        .then(() => navigator.serviceWorker.controller !== null)""")


def _csv_rows(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM: Excel then reads the text as UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def test_each_export_on_me_downloads_a_valid_file(phone, tmp_path):
    page = phone("zh-CN")
    register(page, "exporter")
    _controlled_by_the_service_worker(page)
    page.click('[data-quadrant="low_unpleasant"]')
    page.click('[data-emotion="wronged"]')
    expect(page.locator("#mood-saved")).to_have_text("已记下：委屈")
    page.fill("#win-text", WIN)
    page.click("#win-add")
    expect(page.locator("#wins-count")).to_have_text("今天已记下 1 件")

    page.get_by_role("navigation").get_by_text("我的").click()
    expect(page.locator("#export-json")).to_be_visible()
    expect(page.locator("#export-checkins")).to_contain_text("心情打卡")
    expect(page.locator("#export-journal")).to_contain_text("日记")

    name, body = _tap_and_save(page, "#export-json", tmp_path)
    document = json.loads(body)
    assert name == "心韧-全部数据-20261130.json"
    assert document["format"] == "resilience-export" and document["user"]["username"] == "exporter"
    assert [m["emotion"] for m in document["moods"]] == ["wronged"]
    assert [j["text"] for j in document["journal"]] == [WIN]

    name, body = _tap_and_save(page, "#export-checkins", tmp_path)
    rows = _csv_rows(body)
    assert name == "心韧-心情打卡-20261130.csv"
    assert rows[0][:4] == ["日期", "时间", "时区", "UTC 偏移"]
    [row] = rows[1:]
    assert row[2:7] == ["Asia/Shanghai", "UTC+08:00", "委屈", "wronged", "低落疲惫"]

    name, body = _tap_and_save(page, "#export-journal", tmp_path)
    rows = _csv_rows(body)
    assert name == "心韧-日记-20261130.csv"
    assert rows[0][4:7] == ["类型", "类型键", "内容"]
    assert [r[4:7] for r in rows[1:]] == [["小成就", "win", "'" + WIN]]  # the formula guard

    # The page stayed where it was: no client-side route to a 404.
    assert page.url.rstrip("/").endswith("/me")
    expect(page.get_by_text("404")).to_have_count(0)


def test_the_plan_calendar_export_downloads_an_ics_file(phone, tmp_path):
    page = phone("en-US")
    register(page, "calendar")
    _controlled_by_the_service_worker(page)
    page.goto("/plan")
    page.fill("#interest-input", "Painting")
    page.click("#interest-add")
    expect(page.locator("[data-interest]")).to_have_count(1)
    page.fill("#block-start", "20:00")
    page.select_option("#block-interest", "Painting")
    page.click("#block-add")
    expect(page.locator("[data-block]")).to_have_count(1)

    name, body = _tap_and_save(page, "#plan-ics", tmp_path)
    assert name.startswith("recharge-2026-W") and name.endswith(".ics")
    calendar = icalendar.Calendar.from_ical(body)
    [event] = calendar.walk("VEVENT")
    assert "Painting" in str(event["SUMMARY"])
    assert page.url.rstrip("/").endswith("/plan")
    expect(page.locator("[data-block]")).to_have_count(1)
