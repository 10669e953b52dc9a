#!/usr/bin/env bash
# The suite at awkward moments. The service and state tests run under libfaketime, in UTC and in
# the moment's own zone: the whole process, and every command it starts, sees the faked wall clock,
# and the tests that do not choose their own moment are pinned to it (RESILIENCE_CLOCK_START, read
# by tests/conftest.py). Then the browser tests run twice with their server's clock pinned
# (RESILIENCE_CLOCK_START): Monday 00:30 in Shanghai, still Sunday for a day that starts at 04:00,
# and Monday 10:30, the first day of a new week (where the weekly chart once lost a bar).
#
#   scripts/awkward_dates.sh            # both parts (the browser part waits for /tmp/resilience-web.lock)
#   scripts/awkward_dates.sh --no-e2e   # the faked-clock part only
#   scripts/awkward_dates.sh --ci       # CI's shorter round: three moments, each in its own zone only,
#                                       # and the browser tests at Monday 10:30 (make test ran 00:30)
#   scripts/awkward_dates.sh -- -k plan # extra pytest arguments for every run
set -uo pipefail
cd "$(dirname "$0")/.."

e2e=1
ci=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --no-e2e) e2e=0; shift ;;
        --ci) ci=1; shift ;;
        --) shift; break ;;
        *) break ;;
    esac
done

export PATH="$PWD/.venv/bin:$PATH" REFLEX_USE_NPM=1 REFLEX_TELEMETRY_ENABLED=false REFLEX_CHECK_LATEST_VERSION=0
lib=$(dpkg -L libfaketime 2>/dev/null | grep '/libfaketime\.so\.1$' | head -n 1)
if [[ -z "$lib" ]]; then
    echo "libfaketime is not installed (Debian: apt-get install faketime)" >&2
    exit 2
fi

# instant (UTC) | the zone it is awkward in | why
moments=(
    "2026-11-29T16:30:00Z|Asia/Shanghai|Monday 00:30 in Shanghai: a new ISO week, before the 04:00 day start"
    "2026-12-31T15:45:00Z|Asia/Shanghai|New Year's Eve, 23:45 in Shanghai"
    "2027-03-14T07:30:00Z|America/New_York|New York springs forward: 03:30 EDT, the 02:30 that never was"
    "2026-11-01T05:30:00Z|America/New_York|New York falls back: the first 01:30 (EDT)"
    "2026-11-01T06:30:00Z|America/New_York|New York falls back: the second 01:30 (EST)"
)

starts=(2026-11-30T00:30:00+08:00 2026-11-30T10:30:00+08:00)
zones_of() { echo UTC "$1"; }
if (( ci )); then
    # Monday 00:30 in Shanghai, New Year's Eve, and the second 01:30 of New York's fall-back day.
    moments=("${moments[0]}" "${moments[1]}" "${moments[4]}")
    starts=(2026-11-30T10:30:00+08:00)
    zones_of() { echo "$1"; }
fi

failed=()
for moment in "${moments[@]}"; do
    IFS='|' read -r instant zone why <<<"$moment"
    for tz in $(zones_of "$zone"); do
        echo "== $why ($instant) with TZ=$tz"
        # A relative offset keeps the faked clock running, whatever TZ is; it is taken just
        # before the run so the run starts at the moment itself.
        offset=$(printf '%+d' $(( $(date -u -d "$instant" +%s) - $(date +%s) )))
        # File times stay real (Python's bytecode cache compares them). Monotonic time is shifted too:
        # with FAKETIME_DONT_FAKE_MONOTONIC=1, libfaketime 0.9.10 makes time.sleep() fail with EINVAL.
        if ! TZ="$tz" LD_PRELOAD="$lib" FAKETIME="$offset" NO_FAKE_STAT=1 RESILIENCE_CLOCK_START="$instant" \
                python -m pytest tests/unit tests/state -q -p no:cacheprovider "$@"; then
            failed+=("$why with TZ=$tz")
        fi
    done
done

if (( e2e )); then
    for start in "${starts[@]}"; do
        echo "== browser tests, the server's clock pinned to $start (a Monday in Shanghai)"
        if ! RESILIENCE_CLOCK_START="$start" \
                flock /tmp/resilience-web.lock python -m pytest tests/e2e -q -p no:cacheprovider "$@"; then
            failed+=("browser tests from $start")
        fi
    done
fi

if (( ${#failed[@]} )); then
    printf 'FAILED: %s\n' "${failed[@]}"
    exit 1
fi
echo "all awkward moments passed"
