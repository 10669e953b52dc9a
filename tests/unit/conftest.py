import pytest

from resilience_app.services import accounts
from tests.conftest import GOOD_PASSWORD
from tests.pg import both_databases, migrated_on_both, pg_url  # noqa: F401  (for tests that run on SQLite and PostgreSQL)


@pytest.fixture
def users(db, frozen_clock):
    """Two accounts, Lin and Wang: whose entries are whose is what ownership tests check."""
    with db() as s:
        lin = accounts.register(s, username="lin", password=GOOD_PASSWORD).id
        wang = accounts.register(s, username="wang", password=GOOD_PASSWORD).id
    return lin, wang
