"""The contracts: their shapes hold for any input, and the model, the service and the page read the same limits."""

import importlib
import pkgutil
import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

import resilience_app.contracts
from resilience_app.contracts import account, emotion_box, first_aid, goals, journal, mood, plan, reminders
from resilience_app.contracts.base import Choice, IntRange, Text
from resilience_app.core import i18n
from resilience_app.core.errors import UserError
from resilience_app.models import (
    BoxSlip, DailyGoal, FirstAidUse, Interest, JournalEntry, MoodEntry, RechargeBlock, ReminderSent, ReminderSettings,
    User, WeeklyReview,
)
from resilience_app.services import emotions
from resilience_app.services import first_aid as first_aid_service

APP = Path(resilience_app.contracts.__file__).resolve().parents[1]
ANYTHING = st.one_of(st.text(), st.none(), st.integers(), st.floats(), st.booleans(), st.lists(st.integers()))
SOME_TEXT = st.one_of(st.text(), st.text(alphabet=" \t\n\u3000\u00a0ab字").map(lambda s: f"  {s}  "))

# --- Text ---------------------------------------------------------------------------------------


@given(value=st.one_of(SOME_TEXT, ANYTHING), limit=st.integers(0, 30), required=st.booleans(), one_line=st.booleans())
def test_clean_never_returns_more_than_max_nor_raises_anything_but_user_error(value, limit, required, one_line):
    text = Text(limit, "error.too_long", "error.empty" if required else None, one_line=one_line)
    try:
        clean = text.clean(value, field="f")
    except UserError as error:
        assert (error.key, error.params) in (("error.too_long", {"max": limit, "field": "f"}),
                                             ("error.empty", {"field": "f"}))
        return
    assert isinstance(clean, str) and len(clean) <= limit and clean == clean.strip()
    assert clean or not required
    if one_line:
        assert "  " not in clean and all(char == " " or not char.isspace() for char in clean)


@given(value=SOME_TEXT)
def test_clean_strips_and_keeps_the_rest_as_written(value):
    assert Text(10_000, "error.too_long").clean(value) == value.strip()
    assert Text(10_000, "error.too_long", one_line=True).clean(value) == " ".join(value.split())


def test_clean_limits_are_inclusive_and_say_which_limit():
    text = Text(3, "error.too_long", "error.empty")
    assert text.clean(" abc\n") == "abc"
    with pytest.raises(UserError) as caught:
        text.clean("abcd", field="note")
    assert caught.value.key == "error.too_long" and caught.value.params == {"max": 3, "field": "note"}
    for empty in ("", "  \n", None):
        with pytest.raises(UserError) as caught:
            text.clean(empty)
        assert caught.value.key == "error.empty" and caught.value.params == {}
    assert Text(3, "error.too_long").clean(None) == ""


def test_a_column_never_holds_less_than_its_contract():
    assert Text(20, "k", column=40).column_length == 40 and Text(20, "k").column_length == 20
    assert Choice(("a", "bbb"), "k").column_length == 3 and Choice(("a",), "k", column=8).column_length == 8
    with pytest.raises(ValueError):
        Text(20, "k", column=10)
    with pytest.raises(ValueError):
        Choice(("short", "much longer"), "k", column=5)


# --- Choice -------------------------------------------------------------------------------------


@given(value=st.one_of(st.sampled_from(("win", "gratitude")), ANYTHING))
def test_check_returns_a_member_or_raises_its_key(value):
    choice = Choice(("win", "gratitude"), "error.kind")
    if value in choice.values:
        assert choice.check(value) == value
    else:
        with pytest.raises(UserError) as caught:
            choice.check(value)
        assert caught.value.key == "error.kind" and caught.value.params == {}


def test_a_choice_only_the_app_makes_refuses_others_as_a_bug():
    status = Choice(("open", "done"))
    assert status.check("done") == "done"
    with pytest.raises(ValueError):
        status.check("lost")


# --- IntRange -----------------------------------------------------------------------------------


@given(value=st.one_of(ANYTHING, st.from_regex(r"\A[0-9]{1,30}\Z"), st.integers(-3, 9).map(str)),
       low=st.integers(-5, 5), span=st.integers(0, 10))
def test_int_range_returns_a_number_in_range_or_raises_its_key_with_the_callers_params(value, low, span):
    number = IntRange(low, low + span, "error.range")
    try:
        checked = number.check(value, max=99)
    except UserError as error:
        assert error.key == "error.range" and error.params == {"max": 99}
        return
    assert isinstance(checked, int) and low <= checked <= low + span


def test_int_range_takes_ints_and_their_digits_inclusively():
    rating = IntRange(1, 5, "error.rating")
    assert [rating.check(n) for n in rating.allowed] == [1, 2, 3, 4, 5]
    assert rating.check("3") == 3 and rating.check("05") == 5
    for bad in (0, 6, "6", " 3", "3.0", 3.0, "", None, "-1", "9" * 5000):
        with pytest.raises(UserError) as caught:
            rating.check(bad)
        assert caught.value.key == "error.rating" and caught.value.params == {}


# --- every contract, against its column ---------------------------------------------------------

# (column, its contract). Models size these columns from the contracts, and
# tests/unit/test_migrations.py keeps the migrations equal to the models: the three cannot drift.
STRING_COLUMNS = [
    (User.username, account.USERNAME_MAX),
    (User.display_name, account.DISPLAY_NAME),
    (User.language, account.LANGUAGE),
    (User.role, account.ROLE),
    (User.time_zone, account.TIME_ZONE_MAX),
    (MoodEntry.emotion, mood.EMOTION_KEY_MAX),
    (MoodEntry.quadrant, mood.QUADRANT_KEY_MAX),
    (FirstAidUse.exercise, first_aid.EXERCISE_KEY_MAX),
    (JournalEntry.kind, journal.KIND),
    (BoxSlip.status, emotion_box.STATUS),
    (DailyGoal.status, goals.STATUS),
    (Interest.name, plan.INTEREST),
    (RechargeBlock.interest, plan.INTEREST),
    (RechargeBlock.status, plan.STATUS),
    (ReminderSent.kind, reminders.KIND),
    (ReminderSent.slot, reminders.SLOT),
    (ReminderSettings.quiet_from, reminders.CLOCK_TIME_LENGTH),
    (ReminderSettings.quiet_until, reminders.CLOCK_TIME_LENGTH),
]
# Longer texts sit in unbounded Text columns: the contract is their only limit.
TEXT_COLUMNS = [
    (MoodEntry.cause, mood.CAUSE), (MoodEntry.reframe, mood.REFRAME), (MoodEntry.note, mood.NOTE),
    (JournalEntry.text, journal.ENTRY_TEXT), (WeeklyReview.recognition, journal.RECOGNITION),
    (DailyGoal.text, goals.GOAL_TEXT), (DailyGoal.reward, goals.REWARD),
    (BoxSlip.text, emotion_box.SLIP_TEXT), (RechargeBlock.note, plan.NOTE),
]
INTEGER_COLUMNS = [
    (User.day_start_hour, account.DAY_START), (User.review_weekday, account.REVIEW_WEEKDAY),
    (User.review_hour, account.REVIEW_HOUR), (MoodEntry.intensity, mood.INTENSITY),
    (RechargeBlock.minutes, plan.MINUTES), (RechargeBlock.recharged, plan.RATING),
]
# Contracts stored inside another column (a JSON checklist) or as another choice's value.
STORED_ELSEWHERE = {"plan.ITEM", "plan.OUTCOME"}


def _column(attribute) -> sa.Column:
    return attribute.property.columns[0]


def _name(value) -> str | None:
    return f"{_column(value).table.name}.{_column(value).name}" if hasattr(value, "property") else None


def _contracts():
    for info in pkgutil.iter_modules(resilience_app.contracts.__path__):
        if info.name in ("base", "forum"):  # the forum's contracts have their own test
            continue
        module = importlib.import_module(f"resilience_app.contracts.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, Text | Choice | IntRange):
                yield f"{info.name}.{name}", value


@pytest.mark.parametrize(("attribute", "contract"), STRING_COLUMNS, ids=_name)
def test_each_string_column_is_as_long_as_its_contract(attribute, contract):
    column_type = _column(attribute).type
    assert isinstance(column_type, sa.String) and not isinstance(column_type, sa.Text)
    if isinstance(contract, int):
        assert column_type.length == contract
        return
    assert column_type.length == contract.column_length
    if isinstance(contract, Text):
        assert contract.max <= column_type.length
    else:
        assert contract.longest <= column_type.length


@pytest.mark.parametrize(("attribute", "contract"), TEXT_COLUMNS + INTEGER_COLUMNS, ids=_name)
def test_longer_texts_and_numbers_leave_the_limit_to_their_contract(attribute, contract):
    expected = sa.Text if isinstance(contract, Text) else sa.Integer
    assert isinstance(_column(attribute).type, expected)


def test_every_contract_has_its_column():
    placed = {id(contract) for _, contract in STRING_COLUMNS + TEXT_COLUMNS + INTEGER_COLUMNS}
    unplaced = [name for name, contract in _contracts() if id(contract) not in placed and name not in STORED_ELSEWHERE]
    assert not unplaced, f"contracts that no column reads: {unplaced}"
    assert set(plan.OUTCOME.values) <= set(plan.STATUS.values)  # a block's outcome becomes its status


def test_every_contract_message_is_in_both_catalogs():
    keys = set()
    for _, contract in _contracts():
        keys |= {getattr(contract, name, None) for name in ("too_long_key", "empty_key", "unknown_key", "bad_key")}
    keys.discard(None)
    for language in i18n.LANGUAGES:
        assert keys <= set(i18n.catalog(language)), language


def test_the_data_fits_the_columns_the_contracts_size():
    assert account.LANGUAGE.values == i18n.LANGUAGES
    assert max(len(emotion.key) for emotion in emotions.emotions()) <= mood.EMOTION_KEY_MAX
    assert max(len(quadrant) for quadrant in emotions.QUADRANT_KEYS) <= mood.QUADRANT_KEY_MAX
    assert max(len(key) for key in first_aid_service.EXERCISES) <= first_aid.EXERCISE_KEY_MAX


def test_pages_take_their_limits_from_the_contracts_not_from_numbers_of_their_own():
    literal = re.compile(r"\b(?:max_length|min_length)=\d")
    found = [
        f"{path.relative_to(APP)}:{number}"
        for folder in ("pages", "components")
        for path in sorted((APP / folder).glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if literal.search(line)
    ]
    assert not found
