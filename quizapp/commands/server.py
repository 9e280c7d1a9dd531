"""`quizapp server …` and `quizapp sync`: the class server (docs/classroom.md).

    quizapp server init URL                      create or migrate the server's schema
    quizapp server add-class URL NAME            a class
    quizapp server add-learner URL NAME --class C [--host ADDRESS]
    quizapp server add-teacher URL NAME --class C [--host ADDRESS]
                                                 a login role of their own with a fresh
                                                 password; prints what the person needs
                                                 to sign in. A name already there is
                                                 refused: --reset-password (a new
                                                 password) or --another (a second person)
    quizapp server enrol URL NAME [--class C] [--leave C]
                                                 a person on the server joins or leaves
                                                 classes; their password stays
    quizapp server remove-learner URL NAME       a learner leaves: no sign-in, no classes;
                                                 their rows stay on the server
    quizapp server status URL                    schema version and counts
    quizapp server sign-in URL --learner NAME    on a computer: check the password
                                                 (asked, or --password-stdin) and that
                                                 the account is NAME's, keep it in
                                                 libpq's password file in the data folder
    quizapp server publish URL BANK.yaml --class C [--force]
                                                 a teacher publishes a bank (the
                                                 password asked in a terminal, or
                                                 --password-stdin, or PGPASSWORD);
                                                 over a version the class had later,
                                                 or another person's: --force
    quizapp server unpublish URL BANK --class C  withdraw it (BANK: its id or file);
                                                 computers stop listing it at their
                                                 next sync (answers and cards stay)
    quizapp server results URL -o FILE [--class C] [--bank ID] [--format csv|json]
                                                 the answers the server holds that the
                                                 person may read, as `quizapp results`
    quizapp sync [--data-dir DIR] [--resend]     push and pull now (--resend: everything,
                                                 after the server was restored)

URL is a libpq URL or conninfo (postgresql://user@host/db?sslmode=verify-full); the
admin commands use the owner's own libpq settings (PGPASSFILE, a service file, peer
authentication as `postgres`). Exit codes: 0 done, 1 refused or invalid, 2 usage (no
psycopg, nobody signed in), 3 offline (`quizapp sync`: everything stays on this computer).
"""

from __future__ import annotations

import argparse
import sys
from types import SimpleNamespace

OFFLINE = 3


def _data_dir(args):
    from quizapp.core import paths

    return paths.data_dir(getattr(args, "data_dir", None))


def _fail(message: str, code: int = 1) -> int:
    print(f"quizapp: {message}", file=sys.stderr)
    return code


def _server_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = sub.add_parser("init", help="create or migrate the server's schema")
    p.add_argument("url")
    p = sub.add_parser("add-class", help="add a class")
    p.add_argument("url")
    p.add_argument("name")
    for kind in ("learner", "teacher"):
        p = sub.add_parser(f"add-{kind}", help=f"add a {kind} (prints how they sign in)")
        p.add_argument("url")
        p.add_argument("name")
        p.add_argument("--class", dest="classes", action="append", default=[], metavar="CLASS",
                       help="a class (may be repeated)")
        p.add_argument("--host", metavar="ADDRESS",
                       help="the address the school's computers use (default: the URL's)")
        person = p.add_mutually_exclusive_group()
        person.add_argument("--reset-password", action="store_true",
                       help=f"a {kind} already on the server: a new password (the old one"
                       " stops working); NAME may be their role")
        person.add_argument("--another", action="store_true",
                       help="another person of a name already on the server")
    p = sub.add_parser("enrol", help="a person on the server joins or leaves classes (same"
                       " password)")
    p.add_argument("url")
    p.add_argument("name", help="their name, or their role when two share it")
    p.add_argument("--class", dest="classes", action="append", default=[], metavar="CLASS",
                   help="a class to join (may be repeated)")
    p.add_argument("--leave", action="append", default=[], metavar="CLASS",
                   help="a class to leave (may be repeated)")
    p = sub.add_parser("remove-learner", help="a learner leaves the school (their rows stay)")
    p.add_argument("url")
    p.add_argument("name", help="their name, or their role when two share it")
    p = sub.add_parser("status", help="the schema's version and what the server holds")
    p.add_argument("url")
    p = sub.add_parser("sign-in", help="sign a learner in on this computer")
    p.add_argument("url")
    p.add_argument("--learner", required=True, metavar="NAME", help="the learner's name here")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p.add_argument("--data-dir", metavar="DIR", help="where learner data is kept")
    p = sub.add_parser("publish", help="publish a bank to a class (a teacher)")
    p.add_argument("url")
    p.add_argument("bank")
    p.add_argument("--class", dest="classes", action="append", required=True, metavar="CLASS")
    p.add_argument("--force", action="store_true",
                   help="publish over a newer version of the class, or another person's")
    p = sub.add_parser("unpublish", help="withdraw a bank from a class (a teacher)")
    p.add_argument("url")
    p.add_argument("bank", help="the bank's id, or its file")
    p.add_argument("--class", dest="classes", action="append", required=True, metavar="CLASS")
    p = sub.add_parser("results", help="the class's answers from the server, as CSV or JSON")
    p.add_argument("url")
    p.add_argument("--output", "-o", metavar="FILE",
                   help="write to FILE instead of stdout (- is stdout)")
    p.add_argument("--class", dest="class_name", metavar="CLASS",
                   help="only the learners of this class")
    p.add_argument("--bank", metavar="ID", help="only answers in this bank (its id)")
    p.add_argument("--format", choices=("csv", "json"), default="csv")
    p.add_argument("--force", action="store_true", help="replace the -o file if it exists")
    for action, p in sub.choices.items():
        if action != "sign-in":
            # `quizapp --data-dir DIR server …` puts the app's option here (cli.py); the
            # server's own commands keep nothing in a data folder.
            p.add_argument("--data-dir", metavar="DIR", help=argparse.SUPPRESS)
            p.add_argument("--password-stdin", action="store_true",
                           help="read the password from stdin (else asked in a terminal,"
                           " or PGPASSWORD, or libpq's password file)")


def _public_url(conn, url: str, host: str | None) -> str:
    import psycopg

    info = psycopg.conninfo.conninfo_to_dict(url)
    if host:
        name, _, port = host.partition(":")
        info["host"] = name
        if port:
            info["port"] = port
    elif not info.get("host") or str(info["host"]).startswith("/"):
        info["host"] = "localhost"
    if not info.get("port") and conn.info.port != 5432:
        # The port came from elsewhere (PGPORT, a service file): a school computer knows
        # none of it, so the address it is given names the port the owner reached.
        info["port"] = str(conn.info.port)
    info.setdefault("dbname", conn.info.dbname)
    return psycopg.conninfo.make_conninfo("", **{k: v for k, v in info.items() if k != "user"})


def _server_run(args) -> int:
    from quizapp.server.connection import ServerError, ServerOffline, require_psycopg

    try:
        require_psycopg()
    except ServerError as exc:
        return _fail(str(exc), 2)
    try:
        if args.action == "sign-in":
            return _sign_in(args)
        if args.action == "publish":
            from quizapp.server import banks

            with _connect(args) as conn:
                digest = banks.publish(conn, args.bank, args.classes, force=args.force)
            print(f"published {args.bank} ({digest[:12]}) to {', '.join(args.classes)}")
            return 0
        if args.action == "unpublish":
            from quizapp.server import banks

            with _connect(args) as conn:
                withdrawn = banks.unpublish(conn, args.bank, args.classes)
            print(f"withdrew {args.bank} from {', '.join(withdrawn)}: the class's computers"
                  " stop listing it at their next sync (their answers and cards stay)")
            return 0
        if args.action == "results":
            from quizapp.commands.server_results import export

            return export(args, _connect)
        from quizapp.server import admin

        with _connect(args) as conn:
            if args.action == "init":
                before, after = admin.init(conn)
                print(f"class server schema: version {before} -> {after}" if before != after
                      else f"class server schema: version {after}, up to date")
            elif args.action == "add-class":
                print(f"class {args.name!r}: id {admin.add_class(conn, args.name)}")
            elif args.action in ("add-learner", "add-teacher"):
                person = admin.add_person(
                    conn, args.name, args.action.removeprefix("add-"), args.classes,
                    _public_url(conn, args.url, args.host),
                    reset_password=args.reset_password, another=args.another,
                )
                print(person.sign_in_text())
            elif args.action == "enrol":
                moved = admin.enrol(conn, args.name, args.classes, args.leave)
                moves = [f"joined {', '.join(args.classes)}"] if args.classes else []
                moves += [f"left {', '.join(args.leave)}"] if args.leave else []
                print(f"{moved.name} ({moved.role}, a {moved.kind}) {' and '.join(moves)};"
                      " their password is the same, and their computers go on syncing as"
                      " they are.")
            elif args.action == "remove-learner":
                role, kept = admin.remove_learner(conn, args.name)
                print(f"{args.name} ({role}) can no longer sign in or send answers; their"
                      f" {kept:,} answer{'s' * (kept != 1)} stay on the server. Their"
                      " computers say so at their next sync, and keep their answers.")
            elif args.action == "status":
                info = admin.status(conn)
                print(" ".join(f"{k}={v}" for k, v in info.items()))
                if info.get("taken_back"):
                    print(f"(answers= counts the answers that stand; {info['taken_back']:,}"
                          " more were taken back by their learners and count nowhere)")
                if int(info["schema"]) == 0:
                    return _fail("this database has no quizapp schema yet: run  quizapp"
                                 " server init URL  to set the class server up")
                if int(info["schema"]) < int(info["newest"]):
                    return _fail(f"the class server's schema ({info['schema']}) is older than"
                                 f" this quizapp's ({info['newest']}): run  quizapp server init"
                                 "  on it to bring it forward (one step at a time, keeping"
                                 " every row).")
    except ServerOffline as exc:
        return _fail(str(exc), OFFLINE)
    except (ServerError, ValueError) as exc:
        return _fail(str(exc))
    except Exception as exc:  # the server's own refusal, met after connecting
        import psycopg

        if not isinstance(exc, psycopg.Error):
            raise
        from quizapp.server.connection import offline_error, refused_words

        problem = offline_error(exc)
        if isinstance(exc, psycopg.errors.InsufficientPrivilege):
            problem = ServerError(refused_words(args.action, exc))
        return _fail(str(problem), OFFLINE if isinstance(problem, ServerOffline) else 1)
    return 0


NO_PASSWORD = (
    "The class server wants a password for this address: run this in a terminal to be"
    " asked for it, give it with --password-stdin, or set PGPASSWORD."
)


# A teacher's commands; the others are the owner's (schema.refuse_newer tells why apart).
TEACHERS_COMMANDS = frozenset({"publish", "unpublish", "results"})


def _connect(args):
    """The owner's or a teacher's connection (see _sign_in_to_server), refused with
    init's words, before the command reads or writes anything, when the server's schema
    is newer than this quizapp knows (a tester's add-learner and publish went ahead)."""
    from quizapp.server.schema import refuse_newer

    conn = _sign_in_to_server(args)
    try:
        refuse_newer(conn, every_step=args.action not in TEACHERS_COMMANDS)
    except BaseException:
        conn.close()
        raise
    return conn


def _sign_in_to_server(args):
    """The password from stdin (--password-stdin), else libpq's own (PGPASSWORD, a
    password file, peer authentication), else asked for in a terminal when the server
    wants one, as psql does."""
    import getpass

    from quizapp.server.connection import NoPassword, SignInRefused, connect

    if args.password_stdin:
        return connect(args.url, password=sys.stdin.readline().rstrip("\n"), autocommit=True)
    try:
        return connect(args.url, autocommit=True)
    except NoPassword as exc:
        if not sys.stdin.isatty():
            raise SignInRefused(NO_PASSWORD) from exc
        return connect(args.url, password=getpass.getpass("Password: "), autocommit=True)


def _sign_in(args) -> int:
    import getpass

    from quizapp.core.store import Store
    from quizapp.server import sync

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif not sys.stdin.isatty():  # nobody to ask (getpass would read an empty stdin)
        print("quizapp server sign-in: there is no terminal to ask for the password in:"
              " run this in a terminal, or give the password with --password-stdin.",
              file=sys.stderr)
        return 2
    else:
        password = getpass.getpass("Password: ")
    with Store.open(_data_dir(args)) as store:
        learner_id = sync.sign_in(store, args.url, args.learner, password)
        account = sync.signed_in_as(store, learner_id)
    print(f"{args.learner} is signed in on this computer as {account}; `quizapp sync` pushes"
          " and pulls now.")
    return 0


server = SimpleNamespace(add_arguments=_server_arguments, run=_server_run)


def _sync_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", metavar="DIR", help="where learner data is kept")
    parser.add_argument(
        "--resend", action="store_true",
        help="send every answer again (after the server was restored from an older backup;"
        " the server skips what it has)",
    )


def _sync_run(args) -> int:
    from quizapp.core.store import Store
    from quizapp.server import banks, sync
    from quizapp.server.connection import ServerError, require_psycopg

    try:
        require_psycopg()
    except ServerError as exc:
        return _fail(str(exc), 2)
    with Store.open(_data_dir(args)) as store:
        if not sync.signed_in(store):
            return _fail("nobody is signed in to a class server on this computer:"
                         " quizapp server sign-in URL --learner NAME", 2)
        if args.resend:
            for learner_id, _role in sync.signed_in(store):
                store.forget_pushed(learner_id)
        result = sync.sync(store)
        if not result.offline and not result.too_new:
            pulled = banks.pull_all(store)
            result.banks = pulled.changed
            result.banks_withdrawn = pulled.removed
            result.notes = [*result.notes, *pulled.notes]
    print(result.summary())
    for note in result.notes:
        print(note)
    if not result.offline and not result.too_new:  # else the summary said it, once
        for problem in result.errors:
            print(f"quizapp sync: {problem}", file=sys.stderr)
    if result.offline:
        return OFFLINE
    return 1 if result.errors else 0


sync_command = SimpleNamespace(add_arguments=_sync_arguments, run=_sync_run)
