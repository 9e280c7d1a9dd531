"""`quizapp server add-learner / add-teacher`: every person gets a login role of their
own, whatever their name's script, and a name already on the server is never silently
given a new password."""

from __future__ import annotations

import re
import shlex

import pytest

pytest.importorskip("psycopg")

from quizapp.cli import main  # noqa: E402
from quizapp.server.connection import ServerError, connect  # noqa: E402


def _add(capsys, admin_url, host, name, *extra) -> tuple[int, str, str]:
    code = main(["server", "add-learner", admin_url, name, "--host", host, *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _url_password(out: str) -> tuple[str, str]:
    command = next(line for line in out.splitlines() if "server sign-in" in line)
    words = shlex.split(command)  # what a shell makes of the printed line
    return words[3], re.search(r"password: (\S+)", out).group(1)


def _who(url: str, password: str) -> str:
    with connect(url, password=password, autocommit=True) as conn:
        return conn.execute("SELECT current_user").fetchone()[0]


@pytest.fixture
def school(pg_server, pg_database, capsys):
    admin = pg_server.admin_url(pg_database)
    assert main(["server", "init", admin]) == 0
    for name in ("7B", "8C"):
        assert main(["server", "add-class", admin, name]) == 0
    capsys.readouterr()
    return admin, f"127.0.0.1:{pg_server.port}"


def test_names_in_other_scripts_and_look_alikes_each_get_their_own_role(school, capsys):
    admin, host = school
    people = {}
    for name, klass in [("李小龍", "7B"), ("王小明", "8C"), ("Иван Петров", "7B"),
                        ("Zoë Müller", "7B"), ("José", "7B"), ("Josè", "7B")]:
        code, out, err = _add(capsys, admin, host, name, "--class", klass)
        assert code == 0, err
        people[name] = _url_password(out)
    roles = {name: _who(*people[name]) for name in people}  # every password still works
    assert len(set(roles.values())) == len(people)
    assert all(len(role.encode()) <= 63 for role in roles.values())
    assert re.fullmatch(r"school_\w+_zoe_muller_[0-9a-f]{6}", roles["Zoë Müller"])
    with connect(admin, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT p.display_name, array_agg(c.name ORDER BY c.name) FROM quizapp.people p"
            " JOIN quizapp.enrolments e ON e.learner = p.role"
            " JOIN quizapp.classes c ON c.id = e.class_id GROUP BY p.role, p.display_name"
        ).fetchall()
    assert sorted(rows) == sorted([("李小龍", ["7B"]), ("王小明", ["8C"]), ("Иван Петров", ["7B"]),
                                   ("Zoë Müller", ["7B"]), ("José", ["7B"]), ("Josè", ["7B"])])


def test_a_name_already_there_is_refused_unless_asked_for_a_reset_or_another(school, capsys):
    admin, host = school
    code, out, _ = _add(capsys, admin, host, "Wei Zhang", "--class", "7B")
    first = _url_password(out)
    code, out, err = _add(capsys, admin, host, "Wei Zhang", "--class", "8C")
    assert code == 1 and out == ""
    assert "Wei Zhang is already on the server" in err
    assert "--reset-password" in err and "--another" in err
    assert _who(*first)  # the first Wei Zhang's password still works

    code, out, err = _add(capsys, admin, host, "Wei Zhang", "--class", "8C", "--another")
    assert code == 0, err
    second = _url_password(out)
    assert _who(*second) != _who(*first)

    # Two of that name now: a reset must say which one, by role.
    code, out, err = _add(capsys, admin, host, "Wei Zhang", "--reset-password")
    assert code == 1 and "2 people on the server are called Wei Zhang" in err
    role = _who(*first)
    code, out, err = _add(capsys, admin, host, role, "--reset-password", "--class", "8C")
    assert code == 0, err
    assert "has a new password; the old one no longer works" in out
    url, password = _url_password(out)
    assert url == first[0] and password != first[1]
    assert _who(url, password) == role
    with pytest.raises(ServerError, match="refused"):
        _who(*first)
    code, out, err = _add(capsys, admin, host, "Nobody Here", "--reset-password")
    assert code == 1 and "Nobody called Nobody Here" in err
    # A name that only looks different to the server (a zero-width space, a Cyrillic
    # 'а' for the Latin 'a', capitals) is the same name on the teacher's screen.
    for twin in ("Wei\u200b Zhang", "Wei Zh\u0430ng", "WEI ZHANG"):
        code, out, err = _add(capsys, admin, host, twin, "--class", "7B")
        assert code == 1 and "already on the server" in err, twin


def test_the_sign_in_command_printed_works_in_a_shell(school, capsys):
    admin, host = school
    code, out, _ = _add(capsys, admin, host, "Siobhán O'Neil", "--class", "7B")
    assert code == 0
    command = next(line for line in out.splitlines() if "server sign-in" in line)
    words = shlex.split(command)
    assert words[:3] == ["quizapp", "server", "sign-in"]
    assert words[4:] == ["--learner", "Siobhán O'Neil"]


def test_a_role_made_by_an_earlier_quizapp_keeps_working(school, capsys, pg_database):
    """Servers set up before roles had a tag: those roles and their passwords stay as they
    are, and the name is still known."""
    admin, host = school
    old_role = f"{pg_database}_ann_lee"
    with connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE \"{old_role}\" LOGIN PASSWORD 'old-secret'")
        conn.execute(f"GRANT \"{pg_database}_learner\" TO \"{old_role}\"")
        conn.execute("INSERT INTO quizapp.people(role, display_name, kind)"
                     " VALUES (%s, 'Ann Lee', 'learner')", (old_role,))
    url = f"postgresql://{old_role}@{host}/{pg_database}"
    assert _who(url, "old-secret") == old_role
    code, _, err = _add(capsys, admin, host, "Ann Lee", "--class", "7B")
    assert code == 1 and old_role in err
    assert _who(url, "old-secret") == old_role
    code, out, err = _add(capsys, admin, host, "Ann Lee", "--class", "7B", "--reset-password")
    assert code == 0, err
    assert _url_password(out)[0] == url


def test_a_learner_whose_role_was_dropped_is_added_back_under_the_same_role(school, capsys):
    # A dropped role (or a dump restored into a new cluster without its roles): the
    # reset makes it again under its name, so the learner's rows on the server stay theirs;
    # removing them finishes too.
    from psycopg import sql

    admin, host = school
    code, out, _ = _add(capsys, admin, host, "Bob Ray", "--class", "7B")
    role = _who(*_url_password(out))
    with connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))
    code, out, err = _add(capsys, admin, host, "Bob Ray", "--reset-password")
    assert code == 0, err
    assert _who(*_url_password(out)) == role
    with connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))
    assert main(["server", "remove-learner", admin, "Bob Ray"]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_a_class_name_but_for_capitals_is_the_class_not_a_new_one(school, capsys):
    """A tester typed `add-class 7b` beside 7B and got a second, empty class."""
    admin, host = school
    assert main(["server", "add-class", admin, "7b"]) == 1
    assert capsys.readouterr().err == ("quizapp: There is a class '7B' already (the same name"
                                       " but for capital letters): use --class 7B; nothing"
                                       " was added.\n")
    assert main(["server", "add-class", admin, "7B"]) == 0  # the class itself: as before
    capsys.readouterr()
    code, out, err = _add(capsys, admin, host, "Ann Lee", "--class", "7b")
    assert code == 1 and out == ""
    assert err == "quizapp: There is no class '7b', but there is '7B': use --class 7B\n"
    with connect(admin, autocommit=True) as conn:
        assert conn.execute("SELECT array_agg(name ORDER BY name) FROM quizapp.classes"
                            ).fetchone()[0] == ["7B", "8C"]
        assert conn.execute("SELECT count(*) FROM quizapp.people").fetchone()[0] == 0
