"""Me → Import on a phone: a Daylio export with a custom mood is previewed, mapped, imported, then shown."""

import os
import re
from datetime import timedelta

from playwright.sync_api import expect

from tests.e2e.conftest import app_today, register

SHOTS = os.environ.get("RESILIENCE_IMPORT_SHOTS")  # a folder: also save screenshots of each step


def _daylio_csv(path) -> None:
    day = (app_today() - timedelta(days=1)).isoformat()
    path.write_bytes(
        "\ufefffull_date,date,weekday,time,mood,activities,note_title,note,scales\r\n"
        f'{day},x,y,9:05 pm,rad,"物流催单 | gym",下班了,"客户说谢谢, 开心",\r\n'
        f"{day},x,y,10:15 am,Sleepy,,,,\r\n"
        f'{day},x,y,9:05 pm,rad,"物流催单 | gym",下班了,"客户说谢谢, 开心",\r\n'.encode()
    )


def test_a_daylio_export_with_a_custom_mood_is_mapped_and_imported(phone, tmp_path):
    page = phone("zh-CN")
    register(page, "daylioimport")
    page.goto("/me")
    page.click("#me-import")
    expect(page).to_have_url(re.compile(r"/me/import$"))
    path = tmp_path / "daylio_export.csv"
    _daylio_csv(path)
    page.locator('input[type="file"]').set_input_files(str(path))
    expect(page.locator("#import-chosen")).to_have_text("daylio_export.csv")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/import-chosen-zh.png")
    page.click("#import-preview-button")

    preview = page.locator("#import-preview")
    expect(preview).to_contain_text("将导入2")
    expect(preview).to_contain_text("重复，将跳过1")
    confirm = page.locator("#import-confirm")
    expect(confirm).to_be_disabled()  # the custom mood has no word yet
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/import-preview-zh.png", full_page=True)
    page.locator('select[data-mood="Sleepy"]').select_option("exhausted")
    expect(confirm).to_be_enabled()
    confirm.click()
    expect(page.get_by_text("导入了 2 条心情记录，跳过 1 条重复。")).to_be_visible()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/import-done-zh.png")

    page.click("#import-see")
    history = page.locator("#history")
    expect(history).to_contain_text("开心")
    expect(history).to_contain_text("疲惫")
    expect(history).to_contain_text("物流催单")
    expect(history).to_contain_text("客户说谢谢, 开心")
    expect(history).to_contain_text("Daylio 活动：gym")
