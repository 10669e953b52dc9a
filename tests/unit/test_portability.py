import json

import pytest

from resilience_app.core.errors import UserError
from resilience_app.services import accounts, portability
from tests.conftest import GOOD_PASSWORD


def _user(db, name="lin"):
    with db() as s:
        return accounts.register(s, username=name, password=GOOD_PASSWORD).id


def test_export_is_versioned_and_has_the_settings(db, frozen_clock):
    uid = _user(db)
    with db() as s:
        accounts.update_settings(s, user_id=uid, display_name="小林", time_zone="Asia/Tokyo")
        document = portability.export_user(s, user_id=uid)
    assert document["format"] == "resilience-export"
    assert document["version"] == 1
    assert document["exported_at"] == "2026-11-20T12:00:00+00:00"
    assert document["user"]["display_name"] == "小林"
    assert document["user"]["time_zone"] == "Asia/Tokyo"
    assert len(document["user"]["id"]) == 32
    assert "password" not in json.dumps(document)


def test_import_restores_settings_and_twice_changes_nothing(db, frozen_clock):
    source, target = _user(db, "lin"), _user(db, "lin2")
    with db() as s:
        accounts.update_settings(s, user_id=source, display_name="小林", language="en", day_start_hour=6)
        document = portability.export_user(s, user_id=source)
    for _ in range(2):
        with db() as s:
            assert portability.import_user(s, user_id=target, document=document)[0] == "user"
        with db() as s:
            after = portability.export_user(s, user_id=target)
        assert {k: after["user"][k] for k in ("display_name", "language", "day_start_hour")} == {
            "display_name": "小林", "language": "en", "day_start_hour": 6}


@pytest.mark.parametrize(
    ("document", "key"),
    [
        ([], "error.import_not_export"),
        ({"format": "other"}, "error.import_not_export"),
        ({"format": "resilience-export", "version": 99}, "error.import_version"),
        ({"format": "resilience-export", "version": 1, "user": "x"}, "error.import_bad_section"),
        ({"format": "resilience-export", "version": 1, "user": {"time_zone": "Nowhere"}}, "error.time_zone_unknown"),
    ],
)
def test_bad_documents_are_refused_and_nothing_changes(db, document, key):
    uid = _user(db)
    with db() as s:
        before = portability.export_user(s, user_id=uid)["user"]
    with pytest.raises(UserError) as caught:
        with db() as s:
            portability.import_user(s, user_id=uid, document=document)
    assert caught.value.key == key
    with db() as s:
        assert portability.export_user(s, user_id=uid)["user"] == before
