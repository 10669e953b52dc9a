import re
from pathlib import Path

from resilience_app.core import i18n

APP = Path(__file__).resolve().parents[2] / "resilience_app"
# Any string literal that starts with a catalog area ("nav.", "error.", ...) is a key.
AREAS = sorted({key.split(".", 1)[0] for key in i18n.catalog("zh-CN")})
KEY_PATTERN = re.compile(r"""["']((?:%s)\.[a-z0-9_.]+)["']""" % "|".join(AREAS))
# And whatever is passed to t(...) or looked up in a catalog, whatever its area.
CALL_PATTERN = re.compile(r"""(?:\bt|_key|translate\([^,]+,)\(?\s*["']([a-z_]+\.[a-z0-9_.]+)["']""")


def test_both_catalogs_have_exactly_the_same_keys_file_by_file():
    zh_files, en_files = i18n.catalog_files("zh-CN"), i18n.catalog_files("en")
    assert zh_files.keys() == en_files.keys()
    for name in zh_files:
        assert set(zh_files[name]) == set(en_files[name]), (name, set(zh_files[name]) ^ set(en_files[name]))
    zh, en = i18n.catalog("zh-CN"), i18n.catalog("en")
    assert all(value.strip() for value in [*zh.values(), *en.values()])


def test_every_key_the_code_uses_exists_in_both_catalogs():
    used = set()
    for path in APP.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        used |= set(KEY_PATTERN.findall(source)) | set(CALL_PATTERN.findall(source))
    # Keys built at runtime from a prefix.
    used = {key for key in used if not key.endswith(".")}
    assert used, "the scan found no keys at all"
    for language in i18n.LANGUAGES:
        missing = used - set(i18n.catalog(language))
        assert not missing, f"{language} lacks {sorted(missing)}"


def test_placeholders_match_between_languages():
    zh, en = i18n.catalog("zh-CN"), i18n.catalog("en")
    for key in zh:
        assert set(re.findall(r"{(\w+)}", zh[key])) == set(re.findall(r"{(\w+)}", en[key])), key


def test_english_text_has_no_untranslated_chinese():
    han = re.compile(r"[\u4e00-\u9fff]")
    allowed = {"error.language_unknown"}  # names the choice "中文" on purpose
    assert [k for k, v in i18n.catalog("en").items() if han.search(v) and k not in allowed] == []


# English counts before a plural noun ("{n} days") read wrong at 1 ("1 days"). Such a message has
# a ".one" form (i18n.translate_count), or its count is a limit, or it is listed here with the reason
# the count is never 1.
NEVER_ONE = {
    "me.retention_months": "the choices are retention.CHOICES: 3, 6, 12, 24",
    "plan.adherence": "one whole week has its own sentences (state/plan.py)",
    "offline.pending_many": "offline.pending_one is the one",
    "offline.sign_out_many": "offline.sign_out_one is the one",
    "reflect.pleasant_up": "said only from summaries.SHARE_CHANGE points up",
    "error.forum_new_account_limit": "the new-account limits are settings, not counts of the user's",
}
LIMITS = {"max", "min"}


def test_an_english_count_before_a_plural_noun_has_a_singular_form():
    en = i18n.catalog("en")
    counted = re.compile(r"{(\w+)}[ -]+(?!(?:is|was|has)\b)[A-Za-z-]+s\b")  # not "{file} is too large"
    wrong = [
        (key, text) for key, text in en.items()
        if not key.endswith(".one") and key + ".one" not in en and key not in NEVER_ONE
        and any(name not in LIMITS for name in counted.findall(text))
    ]
    assert wrong == []


def test_translate_formats_and_falls_back():
    assert i18n.translate("en", "error.password_too_short", min=8) == "Passwords need at least 8 characters."
    assert i18n.translate("fr", "nav.today") == "今天"
    assert i18n.translate("en", "no.such.key") == "no.such.key"
