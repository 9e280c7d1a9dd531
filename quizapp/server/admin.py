"""What the school's administrator and teachers do on the server: create the schema,
classes, learners and teachers (quizapp server init / add-class / add-learner /
add-teacher / status). These run with the owner's connection (a superuser, or the
database's owner with CREATEROLE)."""

from __future__ import annotations

import re
import secrets
import shlex
import unicodedata
from dataclasses import dataclass

from quizapp.core.yaml_values import look_key
from quizapp.server import schema
from quizapp.server.connection import ServerError, require_psycopg

MAX_ROLE_BYTES = 63  # PostgreSQL's identifier limit (NAMEDATALEN - 1)


@dataclass(frozen=True, slots=True)
class NewPerson:
    name: str
    role: str
    password: str
    url: str  # what the person's computer connects to (no password in it)
    reset: bool = False  # someone already on the server, given a new password

    def sign_in_text(self) -> str:
        first = (
            f"{self.name} ({self.role}) has a new password; the old one no longer works.\n"
            if self.reset else ""
        )
        return first + (
            f"{self.name} signs in on any computer of the school with\n"
            f"  quizapp server sign-in {shell_quote(self.url)}"
            f" --learner {shell_quote(self.name)}\n"
            f"and the password: {self.password}\n"
            "(or in the app: File > Class server…). Give the password in person; it is"
            " stored nowhere else."
        )


def shell_quote(text: str) -> str:
    """`text` as one word of a POSIX shell, always in single quotes (shlex.quote's
    quoting, also for a word that would not need it, so every address looks alike)."""
    return "'" + text.replace("'", "'\"'\"'") + "'"


def role_for(dbname: str, name: str, tag: str) -> str:
    """A login role for a person: the database's name (roles belong to the whole
    cluster), their name in ASCII letters and digits for whoever reads the role, then
    `tag`, which makes it theirs alone: two people may share a name, and names in other
    scripts have no ASCII letters at all ('李小龍' -> school_person_3fa91c). At most 63
    bytes, PostgreSQL's limit (a longer name is shortened, the tag always kept)."""
    letters = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "_", letters).strip("_") or "person"
    room = MAX_ROLE_BYTES - len(tag) - 2 - len(dbname.encode())
    if room >= 1:
        return f"{dbname}_{slug[:room].rstrip('_') or 'p'}_{tag}"
    prefix = dbname.encode()[: MAX_ROLE_BYTES - len(tag) - 1].decode("utf-8", "ignore")
    return f"{prefix}_{tag}"


def init(conn) -> tuple[int, int]:
    """Create or migrate the server schema; (version before, version after)."""
    conn.autocommit = True
    have = schema.version(conn)
    if have < schema.SCHEMA_VERSION:
        if have == 0:
            allowed = conn.execute(
                "SELECT has_database_privilege(current_database(), 'CREATE')"
                " AND (r.rolsuper OR r.rolcreaterole) FROM pg_roles r"
                " WHERE r.rolname = current_user"
            ).fetchone()[0]
            if not allowed:
                raise ServerError(
                    "Only the database's owner (with CREATEROLE) or a superuser can set up"
                    " the class server: run  quizapp server init  as them. Nothing was changed."
                )
        else:
            require_owner(conn, "upgrade the class server's schema")
    return schema.migrate(conn)


def _require_schema(conn) -> None:
    have = schema.version(conn)
    if have == 0:
        raise ServerError("This database has no quizapp schema yet: run  quizapp server init URL")


@dataclass(frozen=True, slots=True)
class Caller:
    """Who runs a command on the server: its owner (a superuser, or a member of the role
    owning the schema `quizapp`), a teacher or a learner of the school, or someone else."""

    role: str
    kind: str  # 'owner', 'teacher', 'learner' or 'other'
    may_create_roles: bool

    def describe(self) -> str:
        what = {"teacher": "a teacher", "learner": "a learner"}.get(self.kind)
        return f"{self.role}, {what}" if what else self.role


def caller(conn) -> Caller:
    row = conn.execute(
        "SELECT current_user, r.rolsuper OR coalesce(pg_has_role(current_user, n.nspowner,"
        " 'MEMBER'), false), r.rolsuper OR r.rolcreaterole"
        " FROM pg_roles r LEFT JOIN pg_namespace n ON n.nspname = 'quizapp'"
        " WHERE r.rolname = current_user"
    ).fetchone()
    role, owner, create_roles = row
    if owner:
        return Caller(role, "owner", bool(create_roles))
    kind = None
    readable = conn.execute(
        "SELECT CASE WHEN to_regclass('quizapp.people') IS NULL THEN false"
        " ELSE has_table_privilege('quizapp.people', 'SELECT') END"
    ).fetchone()[0]
    if readable:
        # A person reads their own row of quizapp.people (row-level security).
        found = conn.execute("SELECT kind FROM quizapp.people WHERE role = current_user").fetchone()
        kind = found[0] if found else None
    return Caller(role, kind or "other", bool(create_roles))


def owner_only(what: str, who: Caller) -> ServerError:
    """The refusal of an owner's command run by someone else, in words they can act on."""
    return ServerError(
        f"Only the school's server owner can {what}: ask whoever set up the class server"
        f" (they ran `quizapp server init` and add the school's people). You are signed in"
        f" as {who.describe()}; nothing was changed."
    )


def require_owner(conn, what: str, *, creates_roles: bool = False) -> Caller:
    """Refuse before doing anything (so a learner who may not read the people table is
    never told that someone is not there) unless the connection is the server owner's."""
    who = caller(conn)
    if who.kind != "owner":
        raise owner_only(what, who)
    if creates_roles and not who.may_create_roles:
        raise ServerError(
            f"{who.role} owns the class server but may not create or change login roles,"
            f" which it takes to {what}: give it CREATEROLE (ALTER ROLE {who.role} CREATEROLE,"
            " as a superuser), or run this as a superuser. Nothing was changed."
        )
    return who
    # An older schema still has every table these commands use (classes, people); the
    # computers work with it too, and `init` brings it forward.


def add_class(conn, name: str) -> int:
    _require_schema(conn)
    require_owner(conn, "add classes")
    name = " ".join(name.split())
    if not name:
        raise ServerError("A class needs a name.")
    # '7b' beside '7B' is a typo, not a class: its learners would sit in an empty class
    # ('--class 7b') that no teacher of 7B sees (a tester made one).
    twin = conn.execute("SELECT name FROM quizapp.classes WHERE lower(name) = lower(%s)"
                        " AND name <> %s", (name, name)).fetchone()
    if twin is not None:
        raise ServerError(f"There is a class {twin[0]!r} already (the same name but for"
                          f" capital letters): use --class {shlex.quote(twin[0])}; nothing"
                          " was added.")
    with conn.transaction():
        row = conn.execute(
            "INSERT INTO quizapp.classes(name) VALUES (%s) ON CONFLICT (name) DO NOTHING"
            " RETURNING id",
            (name,),
        ).fetchone()
        if row is None:
            row = conn.execute("SELECT id FROM quizapp.classes WHERE name = %s", (name,)).fetchone()
    return row[0]


def _class_id(conn, name: str) -> int:
    row = conn.execute("SELECT id FROM quizapp.classes WHERE name = %s", (name,)).fetchone()
    if row is None:
        twin = conn.execute("SELECT name FROM quizapp.classes WHERE lower(name) = lower(%s)",
                            (name,)).fetchone()
        if twin is not None:
            raise ServerError(f"There is no class {name!r}, but there is {twin[0]!r}: use"
                              f" --class {shlex.quote(twin[0])}")
        raise ServerError(f"There is no class {name!r}: add it with  quizapp server add-class")
    return row[0]


def add_person(
    conn, name: str, kind: str, classes: list[str], public_url: str, password: str | None = None,
    *, reset_password: bool = False, another: bool = False,
) -> NewPerson:
    """A learner or teacher with a login role of their own and a fresh password, in those
    classes. A name already on the server is refused, unless `reset_password` (that
    person gets a new password and the classes; `name` may be their role) or `another`
    (a second person of the same name, with a role of their own)."""
    require_psycopg()
    from psycopg import sql

    _require_schema(conn)
    require_owner(conn, f"add {kind}s or give them new passwords", creates_roles=True)
    name = unicodedata.normalize("NFC", " ".join(name.split()))
    if not name:
        raise ServerError("A person needs a name.")
    dbname = conn.info.dbname
    group = schema.role_names(dbname)[0 if kind == "learner" else 1]
    password = password or secrets.token_urlsafe(12)
    with conn.transaction():
        class_ids = [_class_id(conn, c) for c in classes]
        same = [] if another else _people_called(conn, name)
        if same and not reset_password:
            roles = ", ".join(r[0] for r in same)
            raise ServerError(
                f"{name} is already on the server ({roles}). To give them a new password"
                " (the old one stops working), add --reset-password; to add another person"
                " of the same name, add --another."
            )
        if reset_password and not same:
            raise ServerError(f"Nobody called {name} is on the server: add them without"
                              " --reset-password.")
        _only_one(same, name, "people", "reset")
        if same:
            role, name, was = same[0]
            if was != kind:
                raise ServerError(f"{name} is already on the server as a {was}.")
            # The role itself may be gone (dropped, or a dump restored into a new cluster
            # without its roles): made again under its name, so the rows stay theirs.
            verb = "ALTER" if _role_exists(conn, role) else "CREATE"
            conn.execute(sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(role), sql.Literal(password)))
        else:
            role = _unused_role(conn, dbname, name)
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(role), sql.Literal(password)))
            conn.execute(
                "INSERT INTO quizapp.people(role, display_name, kind) VALUES (%s, %s, %s)",
                (role, name, kind),
            )
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(role)))
        table, column = ("enrolments", "learner") if kind == "learner" else ("teaching", "teacher")
        for class_id in class_ids:
            conn.execute(
                f"INSERT INTO quizapp.{table}(class_id, {column}) VALUES (%s, %s)"
                " ON CONFLICT DO NOTHING",
                (class_id, role),
            )
    return NewPerson(name, role, password, with_user(public_url, role), reset=bool(same))


@dataclass(frozen=True, slots=True)
class Enrolled:
    """Who `enrol` moved between classes."""

    name: str
    role: str
    kind: str  # 'learner' or 'teacher'


def enrol(conn, name: str, joins: list[str], leaves: list[str]) -> Enrolled:
    """A person already on the server joins the classes `joins` and leaves `leaves`,
    their password and sign-in unchanged (a new school year, a teacher's second class):
    before, only --reset-password added classes, which sent every computer they used to
    sign in again. `name` is their name or role. A learner taken out of the school
    (remove-learner) is refused: they cannot sign in, so a class would list a learner who
    never syncs; add-learner --reset-password lets them back in."""
    _require_schema(conn)
    require_owner(conn, "move people between classes")
    if not joins and not leaves:
        raise ServerError("Say which classes: --class CLASS to join one, --leave CLASS to"
                          " leave one (each may be repeated). Nothing was changed.")
    name = unicodedata.normalize("NFC", " ".join(name.split()))
    with conn.transaction():
        same = _people_called(conn, name)
        if not same:
            raise ServerError(f"Nobody called {name} is on the server: add them with"
                              "  quizapp server add-learner (or add-teacher).")
        _only_one(same, name, "people", "move")
        role, name, kind = same[0]
        if kind == "learner" and joins and not _may_sign_in(conn, role):
            raise ServerError(
                f"{name} was taken out of the school (remove-learner) and cannot sign in: to"
                f" let them back in, run  quizapp server add-learner URL \"{name}\""
                " --reset-password --class CLASS  (a new password). Nothing was changed.")
        table, column = ("enrolments", "learner") if kind == "learner" else ("teaching", "teacher")
        for class_name in leaves:
            class_id = _class_id(conn, class_name)
            if not conn.execute(f"DELETE FROM quizapp.{table} WHERE class_id = %s"
                                f" AND {column} = %s", (class_id, role)).rowcount:
                raise ServerError(f"{name} is not in {class_name}: nothing was changed.")
        for class_name in joins:
            conn.execute(f"INSERT INTO quizapp.{table}(class_id, {column}) VALUES (%s, %s)"
                         " ON CONFLICT DO NOTHING", (_class_id(conn, class_name), role))
    return Enrolled(name, role, kind)


def remove_learner(conn, name: str) -> tuple[str, int]:
    """Take a learner out of the school: their login is turned off, their group role and
    classes taken back; their rows stay on the server for the record (the owner still
    reads them). Their computers are refused from then on and say so ("no longer lets …
    in"), keeping their answers. `name` is their name or role; (role, answers kept)."""
    require_psycopg()
    from psycopg import sql

    _require_schema(conn)
    require_owner(conn, "remove learners", creates_roles=True)
    name = unicodedata.normalize("NFC", " ".join(name.split()))
    with conn.transaction():
        same = [row for row in _people_called(conn, name) if row[2] == "learner"]
        if not same:
            raise ServerError(f"No learner called {name} is on the server.")
        _only_one(same, name, "learners", "remove")
        role = same[0][0]
        group = schema.role_names(conn.info.dbname)[0]
        if _role_exists(conn, role):  # a role dropped already has no login to turn off
            conn.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(group),
                                                              sql.Identifier(role)))
            conn.execute(sql.SQL("ALTER ROLE {} NOLOGIN").format(sql.Identifier(role)))
        conn.execute("DELETE FROM quizapp.enrolments WHERE learner = %s", (role,))
        kept = conn.execute("SELECT count(*) FROM quizapp.answers WHERE learner = %s",
                            (role,)).fetchone()[0]
    return role, kept


def _people_called(conn, name: str) -> list[tuple[str, str, str]]:
    """(role, name, kind) of everyone on the server called `name` (or whose role it is):
    names that look the same on the teacher's screen are the same name, case, invisible
    characters (a zero-width space) and Greek or Cyrillic letters drawn as Latin ones
    aside (a school's people table is small: compared here, not in SQL)."""
    key = look_key(name).casefold()
    return [
        row for row in conn.execute(
            "SELECT role, display_name, kind FROM quizapp.people ORDER BY created, role"
        ).fetchall()
        if row[0] == name or look_key(row[1]).casefold() == key
    ]


def _only_one(same: list[tuple[str, str, str]], name: str, who: str, verb: str) -> None:
    """Refuse a name two people share: the role says which one."""
    if len(same) > 1:
        roles = ", ".join(r[0] for r in same)
        raise ServerError(
            f"{len(same)} {who} on the server are called {name} ({roles}): give the"
            f" role of the one to {verb} instead of the name."
        )


def _may_sign_in(conn, role: str) -> bool:
    """Whether the role exists and may log in (remove-learner turns the login off)."""
    row = conn.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
    return row is not None and bool(row[0])


def _role_exists(conn, role: str) -> bool:
    return conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is not None


def _unused_role(conn, dbname: str, name: str) -> str:
    """A role no one in the cluster has yet (the tag is random: 16 million a name)."""
    while True:
        role = role_for(dbname, name, secrets.token_hex(3))
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is None:
            return role


def with_user(url: str, role: str) -> str:
    """The server's URL with the person's role as its user."""
    psycopg = require_psycopg()
    info = psycopg.conninfo.conninfo_to_dict(url)
    info.pop("password", None)
    info["user"] = role
    host = info.pop("host", "localhost")
    port = info.pop("port", None)
    db = info.pop("dbname", "")
    rest = "&".join(f"{k}={v}" for k, v in info.items() if k != "user")
    where = f"{host}:{port}" if port else str(host)
    return f"postgresql://{role}@{where}/{db}" + (f"?{rest}" if rest else "")


def url_form(conninfo: str) -> str:
    """A sign-in's address, kept by the computer in libpq's `user=… host=…` form, in the
    form the person was given it (postgresql://ROLE@HOST:PORT/DB); as it is when it names
    no one, or is not one libpq reads."""
    psycopg = require_psycopg()
    try:
        role = psycopg.conninfo.conninfo_to_dict(conninfo).get("user")
    except psycopg.Error:
        return conninfo
    return with_user(conninfo, str(role)) if role else conninfo


def status(conn) -> dict[str, int | str]:
    """Schema version and counts, for `quizapp server status`."""
    version = schema.version(conn)
    out: dict[str, int | str] = {"schema": version, "newest": schema.SCHEMA_VERSION}
    if version:
        for table in ("classes", "people", "sessions", "answers", "reviews"):
            out[table] = conn.execute(f"SELECT count(*) FROM quizapp.{table}").fetchone()[0]
        if conn.execute("SELECT to_regclass('quizapp.retractions') IS NOT NULL").fetchone()[0]:
            # answers= counts the answers that stand, as every number of the app does; the
            # ones taken back (still kept on the server) are counted apart.
            taken_back = conn.execute(
                "SELECT count(*) FROM quizapp.retractions r"
                " WHERE EXISTS (SELECT 1 FROM quizapp.answers a WHERE a.uuid = r.answer_uuid)"
            ).fetchone()[0]
            out["answers"] = int(out["answers"]) - taken_back
            out["taken_back"] = taken_back
    return out
