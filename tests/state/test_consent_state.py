"""The consent gate (issue 13): asked before any page, and no entry is kept without it."""

import pytest
from sqlalchemy import func, select

from resilience_app import routes
from resilience_app.core import clock, i18n, localtime
from resilience_app.models import Consent, JournalEntry, MoodEntry, User
from resilience_app.services import consent
from resilience_app.state.account import DeleteAccountState
from resilience_app.state.auth import AuthState
from resilience_app.state.consent import ASK, DECLINED, WITHDRAW, WITHDRAWN, ConsentState
from resilience_app.state.journal import ReviewState, WinsState
from resilience_app.state.mood import MoodState
from tests.conftest import GOOD_PASSWORD
from tests.state.conftest import make_root, redirect_target, run, substate

NEEDED = "You haven't agreed to the current privacy notice, so Resilience can't save your entries. " \
         "Reload the page and agree on the privacy notice."


def _count(db, model) -> int:
    with db() as s:
        return s.scalar(select(func.count()).select_from(model))


def _open(token, path="/", query=None):
    root = make_root(token=token, path=path, query=query)
    return root, run(substate(root, AuthState).load_private())


def _consent_page(token, next_path=None):
    root, gate = _open(token, routes.CONSENT, {"next": next_path} if next_path else None)
    assert gate is None  # the consent page itself is never gated
    page = substate(root, ConsentState)
    run(page.load())
    return page


@pytest.mark.without_consent
def test_signing_in_without_consent_leads_to_the_consent_page_first(signed_in):
    _, token = signed_in
    for path in (routes.TODAY, routes.JOURNAL, routes.ME, routes.FORUM):
        _, gate = _open(token, path)
        assert redirect_target(gate) == f"{routes.CONSENT}?next={path}"
    # What remains open: the consent page and deleting the account.
    assert _open(token, routes.ME_DELETE)[1] is None


def test_a_user_who_agreed_goes_straight_in(signed_in):
    _, token = signed_in
    assert _open(token, routes.TODAY)[1] is None


@pytest.mark.without_consent
def test_saving_a_mood_or_a_win_is_refused_without_consent(db, signed_in):
    _, token = signed_in
    root, _ = _open(token)  # the page would go to the consent page; a stale tab sends events anyway
    mood = substate(root, MoodState)
    run(mood.load())
    mood.choose_quadrant("low_unpleasant")
    run(mood.save_emotion("wronged"))
    assert mood.error_text == NEEDED and _count(db, MoodEntry) == 0
    wins = substate(root, WinsState)
    run(wins.add({"text": "客户说谢谢"}))
    assert wins.error_text == NEEDED and _count(db, JournalEntry) == 0
    review = substate(root, ReviewState)
    run(review.save({"recognition": "I stayed kind"}))
    assert review.error_text == NEEDED


@pytest.mark.without_consent
def test_agreeing_needs_the_box_ticked_and_then_opens_the_app(db, signed_in):
    profile, token = signed_in
    page = _consent_page(token, next_path=routes.JOURNAL)
    assert page.mode == ASK
    assert run(page.agree({})) is None
    assert page.error_text == "Tick the box first, then tap “Agree and continue”."
    assert _count(db, Consent) == 0
    assert redirect_target(run(page.agree({"consent_sensitive": "yes"}))) == routes.JOURNAL
    with db() as s:
        assert consent.current(s, user_id=profile.id).source == "sign_in"
    assert _open(token, routes.JOURNAL)[1] is None
    mood = substate(make_root(token=token), MoodState)
    run(mood.load())
    mood.choose_quadrant("low_unpleasant")
    run(mood.save_emotion("wronged"))
    assert mood.error_text == "" and _count(db, MoodEntry) == 1


@pytest.mark.without_consent
def test_next_never_leaves_the_site_nor_loops_back(signed_in):
    _, token = signed_in
    for target in ("//evil.example", "https://evil.example", routes.CONSENT, f"{routes.CONSENT}/"):
        page = _consent_page(token, next_path=target)
        assert page.next_path == routes.TODAY


@pytest.mark.without_consent
def test_declining_stores_nothing_and_offers_a_way_out(db, signed_in):
    _, token = signed_in
    page = _consent_page(token)
    page.decline()
    assert page.mode == DECLINED and _count(db, Consent) == 0
    page.reconsider()
    assert page.mode == ASK
    assert redirect_target(_open(token, routes.TODAY)[1]).startswith(routes.CONSENT)


def test_withdrawing_is_confirmed_then_recorded_and_the_gate_closes(db, signed_in):
    profile, token = signed_in
    page = _consent_page(token)
    assert page.mode == WITHDRAW
    day = i18n.format_long_date("en", localtime.to_local(clock.now(), profile.time_zone).date())  # when it was given
    assert page.given_text == f"You agreed to this notice on {day} (version {consent.NOTICE_VERSION})."
    run(page.withdraw())
    assert page.mode == WITHDRAWN
    with db() as s:
        assert consent.current(s, user_id=profile.id) is None
        assert s.scalar(select(Consent.withdrawn_at)) is not None
    root, gate = _open(token, routes.TODAY)
    assert redirect_target(gate) == f"{routes.CONSENT}?next=/"
    mood = substate(root, MoodState)
    run(mood.load())
    run(mood.save_emotion("calm"))
    assert mood.error_text == NEEDED and _count(db, MoodEntry) == 0
    # Back on the consent page it asks again.
    assert _consent_page(token).mode == ASK


def test_a_new_notice_version_asks_again(db, signed_in, monkeypatch):
    _, token = signed_in
    assert _open(token, routes.TODAY)[1] is None
    agreed_to = consent.NOTICE_VERSION
    monkeypatch.setattr(consent, "NOTICE_VERSION", "2099-01-01")
    assert redirect_target(_open(token, routes.TODAY)[1]) == f"{routes.CONSENT}?next=/"
    page = _consent_page(token)
    assert page.mode == ASK
    run(page.agree({"consent_sensitive": "yes"}))
    assert _open(token, routes.TODAY)[1] is None
    with db() as s:
        assert sorted(s.scalars(select(Consent.notice_version))) == [agreed_to, "2099-01-01"]


@pytest.mark.without_consent
def test_a_user_who_never_agreed_can_still_delete_the_account(db, signed_in, frozen_clock):
    async def drain(events):
        return [event async for event in events]

    profile, token = signed_in
    state = substate(make_root(token=token, path=routes.ME_DELETE), DeleteAccountState)
    events = run(drain(state.delete({"password": GOOD_PASSWORD, "posts": "delete"})))
    assert state.error_text == "" and redirect_target(events[-1]).startswith(routes.LOGIN)
    with db() as s:
        assert s.get(User, profile.id) is None
