#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL cluster and RESILIENCE_TEST_DB_URL pointing at it, so
# the service and state tests (every test using the `db` fixture) run on PostgreSQL, not SQLite.
# The cluster lives in a temporary directory, runs as the `postgres` user when started by root
# (PostgreSQL refuses root), and is stopped and deleted when the command ends (tests/pg.py).
#
#   scripts/with_pg.sh                       # the service and state tests on PostgreSQL
#   scripts/with_pg.sh .venv/bin/pytest tests/unit/test_moods.py -q   # any command
#
# Needs PostgreSQL's server (Debian: postgresql). For an existing server instead:
#   RESILIENCE_TEST_DB_URL=postgresql+psycopg://user:pw@host/name .venv/bin/pytest tests/unit tests/state
# (a database the tests may wipe, and a role that may create `<name>_test` beside it).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -eq 0 ]]; then
    set -- .venv/bin/python -m pytest -m "not e2e" tests/unit tests/state -q -p no:cacheprovider
fi
exec .venv/bin/python -m tests.pg "$@"
