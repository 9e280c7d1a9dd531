"""What the school's administrator and teachers do on the server: create the schema,
classes, learners and teachers (quizapp server init / add-class / add-learner /
add-teacher / status). These run with the owner's connection (a superuser, or the
database's owner with CREATEROLE)."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from quizapp.server import schema
from quizapp.server.connection import ServerError, require_psycopg


@dataclass(frozen=True, slots=True)
class NewPerson:
    name: str
    role: str
    password: str
    url: str  # what the person's computer connects to (no password in it)

    def sign_in_text(self) -> str:
        return (
            f"{self.name} signs in on any computer of the school with\n"
            f"  quizapp server sign-in '{self.url}' --learner '{self.name}'\n"
            f"and the password: {self.password}\n"
            "(or in the app: File > Class server…). Give the password in person; it is"
            " stored nowhere else."
        )


def role_for(dbname: str, name: str) -> str:
    """A login role for a person: the database's name, then their name in letters and
    digits (roles belong to the whole PostgreSQL cluster)."""
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "person"
    return f"{dbname}_{slug}"[:63]


def init(conn) -> tuple[int, int]:
    """Create or migrate the server schema; (version before, version after)."""
    conn.autocommit = True
    return schema.migrate(conn)


def _require_schema(conn) -> None:
    have = schema.version(conn)
    if have == 0:
        raise ServerError("This database has no quizapp schema yet: run  quizapp server init URL")
    # An older schema still has every table these commands use (classes, people); the
    # computers work with it too, and `init` brings it forward.


def add_class(conn, name: str) -> int:
    _require_schema(conn)
    name = " ".join(name.split())
    if not name:
        raise ServerError("A class needs a name.")
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
        raise ServerError(f"There is no class {name!r}: add it with  quizapp server add-class")
    return row[0]


def add_person(
    conn, name: str, kind: str, classes: list[str], public_url: str, password: str | None = None
) -> NewPerson:
    """A learner or teacher with a login role and a fresh password, in those classes.
    Adding someone again gives them a new password and adds the classes."""
    require_psycopg()
    from psycopg import sql

    _require_schema(conn)
    name = " ".join(name.split())
    if not name:
        raise ServerError("A person needs a name.")
    dbname = conn.info.dbname
    role = role_for(dbname, name)
    group = schema.role_names(dbname)[0 if kind == "learner" else 1]
    password = password or secrets.token_urlsafe(12)
    with conn.transaction():
        class_ids = [_class_id(conn, c) for c in classes]
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        verb = "ALTER" if exists else "CREATE"
        conn.execute(
            sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(role), sql.Literal(password)
            )
        )
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(role)))
        conn.execute(
            "INSERT INTO quizapp.people(role, display_name, kind) VALUES (%s, %s, %s)"
            " ON CONFLICT (role) DO NOTHING",
            (role, name, kind),
        )
        was = conn.execute("SELECT kind FROM quizapp.people WHERE role = %s", (role,)).fetchone()
        if was[0] != kind:
            raise ServerError(f"{name} is already on the server as a {was[0]}.")
        table, column = ("enrolments", "learner") if kind == "learner" else ("teaching", "teacher")
        for class_id in class_ids:
            conn.execute(
                f"INSERT INTO quizapp.{table}(class_id, {column}) VALUES (%s, %s)"
                " ON CONFLICT DO NOTHING",
                (class_id, role),
            )
    return NewPerson(name, role, password, with_user(public_url, role))


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


def status(conn) -> dict[str, int | str]:
    """Schema version and counts, for `quizapp server status`."""
    version = schema.version(conn)
    out: dict[str, int | str] = {"schema": version, "newest": schema.SCHEMA_VERSION}
    if version:
        for table in ("classes", "people", "sessions", "answers", "reviews"):
            out[table] = conn.execute(f"SELECT count(*) FROM quizapp.{table}").fetchone()[0]
    return out
