"""`quizapp server …` and `quizapp sync` end to end, on a real PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

pytest.importorskip("psycopg")

from bank_samples import make_bank  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.store import Store  # noqa: E402
from quizapp.server.schema import SCHEMA_VERSION  # noqa: E402
from tests.server_helpers import T0, study  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TOUR = ROOT / "question_banks" / "tour.yaml"


def _person(capsys, *argv) -> tuple[str, str]:
    assert main(list(argv)) == 0
    out = capsys.readouterr().out
    url = re.search(r"sign-in '([^']+)'", out).group(1)
    password = re.search(r"password: (\S+)", out).group(1)
    return url, password


def _sign_in(monkeypatch, url, name, password, data_dir) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return main(["server", "sign-in", url, "--learner", name, "--password-stdin",
                 "--data-dir", str(data_dir)])


def test_a_school_sets_up_a_class_and_a_learner_syncs(pg_server, pg_database, tmp_path,
                                                      capsys, monkeypatch):
    admin = pg_server.admin_url(pg_database)
    assert main(["server", "init", admin]) == 0
    assert f"version 0 -> {SCHEMA_VERSION}" in capsys.readouterr().out
    assert main(["server", "init", admin]) == 0
    assert "up to date" in capsys.readouterr().out
    assert main(["server", "add-class", admin, "7B"]) == 0
    host = f"127.0.0.1:{pg_server.port}"
    ann_url, ann_password = _person(
        capsys, "server", "add-learner", admin, "Ann", "--class", "7B", "--host", host
    )
    tess_url, tess_password = _person(
        capsys, "server", "add-teacher", admin, "Tess", "--class", "7B", "--host", host
    )
    assert ann_password not in ann_url

    lab = tmp_path / "lab"
    assert main(["sync", "--data-dir", str(lab)]) == 2
    assert "nobody is signed in" in capsys.readouterr().err
    assert _sign_in(monkeypatch, ann_url, "Ann", "wrong", lab) == 1
    err = capsys.readouterr().err
    assert "password for" in err and "was refused: check the address" in err
    assert "FATAL" not in err and "connection failed" not in err
    assert _sign_in(monkeypatch, ann_url, "Ann", ann_password, lab) == 0
    # The password is in libpq's password file, readable by this account only, and
    # nowhere in the store.
    passfile = lab / "class-server.pgpass"
    assert passfile.stat().st_mode & 0o077 == 0
    assert ann_password in passfile.read_text()
    assert ann_password.encode() not in (lab / "quizapp.sqlite3").read_bytes()

    with Store.open(lab) as store:
        study(store, "Ann", make_bank(), [("q0", True, 3), ("q1", False, 1)], T0)
    capsys.readouterr()
    assert main(["sync", "--data-dir", str(lab)]) == 0
    assert capsys.readouterr().out.strip() == "synced 1 learner: 2 answers pushed, 0 pulled"

    # The teacher publishes a bank to 7B; the next sync brings it into the class folder,
    # and a changed bank replaces it.
    monkeypatch.setenv("PGPASSWORD", tess_password)
    (tmp_path / "teacher").mkdir()
    bank = tmp_path / "teacher" / "tour.yaml"
    shutil.copy(TOUR, bank)
    shutil.copytree(TOUR.parent / "images", bank.parent / "images")  # the bank's picture
    assert main(["server", "publish", tess_url, str(bank), "--class", "7B"]) == 0
    monkeypatch.delenv("PGPASSWORD")
    capsys.readouterr()
    assert main(["sync", "--data-dir", str(lab)]) == 0
    assert "1 class bank updated" in capsys.readouterr().out
    pulled = list((lab / "class-banks" / "7B").rglob("*.yaml"))
    assert pulled == [lab / "class-banks" / "7B" / "tour" / "tour.yaml"]  # its own folder
    assert [p.read_bytes() for p in pulled] == [bank.read_bytes()]
    # ...with the picture it names, so the class sees the bank whole.
    picture = lab / "class-banks" / "7B" / "tour" / "images" / "study-loop.png"
    assert picture.read_bytes() == (TOUR.parent / "images" / "study-loop.png").read_bytes()
    from quizapp.core.loader import load_bank

    assert not [p for p in load_bank(pulled[0], use_cache=False).problems if "image" in p.message]
    # A stored picture path that leads out of the class folder is never written.
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        digest = conn.execute("SELECT content_hash FROM quizapp.banks").fetchone()[0]
        conn.execute(
            "INSERT INTO quizapp.bank_files VALUES (%s, '../../escaped.png', 'x')", (digest,)
        )
    pulled[0].write_text("changed here, so the next sync writes the bank again")
    assert main(["sync", "--data-dir", str(lab)]) == 0
    assert not list(lab.rglob("escaped.png")) and not (lab.parent / "escaped.png").exists()
    assert pulled[0].read_bytes() == bank.read_bytes()
    bank.write_text(bank.read_text() + "\n# second edition\n")
    monkeypatch.setenv("PGPASSWORD", tess_password)
    assert main(["server", "publish", tess_url, str(bank), "--class", "7B"]) == 0
    monkeypatch.delenv("PGPASSWORD")
    assert main(["sync", "--data-dir", str(lab)]) == 0
    assert pulled[0].read_bytes() == bank.read_bytes()
    assert sorted((lab / "class-banks" / "7B" / "tour").glob("*")) == sorted(
        [*pulled, picture.parent])

    assert main(["server", "status", admin]) == 0
    assert "answers=2" in capsys.readouterr().out


def test_sync_when_the_server_is_away_exits_3_and_keeps_everything(
    pg_server, pg_database, tmp_path, capsys, monkeypatch
):
    admin = pg_server.admin_url(pg_database)
    main(["server", "init", admin])
    main(["server", "add-class", admin, "7B"])
    url, password = _person(capsys, "server", "add-learner", admin, "Ann", "--class", "7B",
                            "--host", f"127.0.0.1:{pg_server.port}")
    lab = tmp_path / "lab"
    assert _sign_in(monkeypatch, url, "Ann", password, lab) == 0
    with Store.open(lab) as store:
        study(store, "Ann", make_bank(), [("q0", True, 3)], T0 + timedelta(days=1))
        # The server moved: nothing listens at the address any more.
        key = next(k for k, in store._read("SELECT key FROM settings WHERE key LIKE 'server.url.%'"))
        store.set_setting(key, store.get_setting(key).replace(str(pg_server.port), "1"))
    capsys.readouterr()
    assert main(["sync", "--data-dir", str(lab)]) == 3
    assert capsys.readouterr().out.startswith("offline: The class server cannot be reached")
    with Store.open(lab) as store:
        assert store.unpushed_count(store.learner_by_name("Ann").id) == 1


def test_sync_resend_fills_a_server_restored_from_an_older_dump(
    pg_server, pg_database, tmp_path, capsys, monkeypatch
):
    import psycopg

    admin = pg_server.admin_url(pg_database)
    main(["server", "init", admin])
    main(["server", "add-class", admin, "7B"])
    url, password = _person(capsys, "server", "add-learner", admin, "Ann", "--class", "7B",
                            "--host", f"127.0.0.1:{pg_server.port}")
    lab = tmp_path / "lab"
    assert _sign_in(monkeypatch, url, "Ann", password, lab) == 0
    with Store.open(lab) as store:
        study(store, "Ann", make_bank(), [("q0", True, 3), ("q1", True, 3)], T0)
    assert main(["sync", "--data-dir", str(lab)]) == 0
    with psycopg.connect(admin, autocommit=True) as conn:  # the restore lost one answer
        conn.execute("DELETE FROM quizapp.answers WHERE question_id = 'q1'")
    assert main(["sync", "--data-dir", str(lab)]) == 0
    capsys.readouterr()
    # What the server took, and what it already had, apart (it said "2 answers pushed").
    assert _run("sync", "--resend", "--data-dir", str(lab)).stdout == (
        "synced 1 learner: 1 answer pushed, 1 answer the server already had, 0 pulled\n")
    with psycopg.connect(admin) as conn:
        assert conn.execute("SELECT count(*) FROM quizapp.answers").fetchone()[0] == 2
    # Sent again to a server that has them all: none is "pushed".
    assert _run("sync", "--resend", "--data-dir", str(lab)).stdout == (
        "synced 1 learner: 0 answers pushed, 2 answers the server already had, 0 pulled\n")
    assert _run("sync", "--data-dir", str(lab)).stdout == (
        "synced 1 learner: 0 answers pushed, 0 pulled\n")


def _run(*argv: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """quizapp as a command, in a process of its own."""
    done = subprocess.run([sys.executable, "-m", "quizapp", *argv], capture_output=True,
                          text=True, cwd=cwd, timeout=120)
    assert done.returncode == 0, done.stderr
    return done


def test_server_results_dash_is_standard_output(pg_server, pg_database, tmp_path):
    """`quizapp server results URL -o -` prints the answers, as for most command-line
    tools: it wrote a file named "-"."""
    from quizapp.core.store import EXPORT_FIELDS
    from quizapp.server import sync
    from tests.server_helpers import make_school

    school = make_school(pg_server, pg_database)
    school.add("Ann")
    with school.computer(tmp_path / "lab", "Ann") as lab:
        study(lab, "Ann", make_bank(), [("q0", True, 3), ("q1", False, 1)], T0)
        assert sync.sync(lab).pushed == 2
    owner = pg_server.admin_url(pg_database)
    for fmt in ("csv", "json"):
        done = _run("server", "results", owner, "--format", fmt, "-o", "-", cwd=tmp_path)
        assert not (tmp_path / "-").exists()
        if fmt == "csv":
            rows = list(csv.reader(io.StringIO(done.stdout)))
            assert rows[0] == list(EXPORT_FIELDS)
            assert [r[5] for r in rows[1:]] == ["q0", "q1"]
        else:
            assert [r["question_id"] for r in json.loads(done.stdout)] == ["q0", "q1"]


def test_an_address_that_is_not_one_gets_a_readable_message(capsys):
    """No server is needed to be told a typo is not an address (it said 'unexpected
    problem ... please report it')."""
    assert main(["server", "init", "notaurl"]) == 1
    err = capsys.readouterr().err
    assert "'notaurl' is not a server address" in err and "postgresql://" in err
    assert "unexpected" not in err and "Traceback" not in err


def test_a_teacher_publishes_as_the_docs_say(pg_server, pg_database, tmp_path, capsys,
                                            monkeypatch):
    """The password: asked in a terminal, or --password-stdin; and `quizapp --data-dir
    DIR server publish` is accepted (it said 'unrecognized arguments')."""
    admin = pg_server.admin_url(pg_database)
    main(["server", "init", admin])
    main(["server", "add-class", admin, "7B"])
    url, password = _person(capsys, "server", "add-teacher", admin, "Tess Wong", "--class",
                            "7B", "--host", f"127.0.0.1:{pg_server.port}")
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-such-passfile"))
    bank = tmp_path / "tour.yaml"
    bank.write_bytes(TOUR.read_bytes())
    publish = ["server", "publish", url, str(bank), "--class", "7B"]

    # No terminal, no password: what to do instead of libpq's "fe_sendauth".
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(publish) == 1
    err = capsys.readouterr().err
    assert "--password-stdin" in err and "PGPASSWORD" in err and "fe_sendauth" not in err

    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    assert main(["--data-dir", str(tmp_path / "data"), *publish, "--password-stdin"]) == 0
    assert "published" in capsys.readouterr().out

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    asked = []
    monkeypatch.setattr("sys.stdin", Terminal(""))
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or password)
    assert main(publish) == 0
    assert asked == ["Password: "]


def test_a_new_password_and_another_person_cannot_be_asked_at_once(capsys):
    """--reset-password (this person again) and --another (a second person of the name)
    contradict each other: the command says so before it connects anywhere."""
    with pytest.raises(SystemExit) as stop:
        main(["server", "add-learner", "postgresql://nowhere.invalid/school", "Ann",
              "--reset-password", "--another"])
    assert stop.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_sign_in_without_a_terminal_says_how_to_give_the_password(tmp_path):
    """No terminal and no --password-stdin: a clear message and exit 2, nothing written
    (it was 'unexpected problem (EOFError)')."""
    import subprocess
    import sys

    data = tmp_path / "data"
    done = subprocess.run(
        [sys.executable, "-m", "quizapp", "--data-dir", str(data), "server", "sign-in",
         "postgresql://school_ann@nowhere.invalid/school", "--learner", "Ann"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert done.returncode == 2, done.stderr
    assert "--password-stdin" in done.stderr and "unexpected problem" not in done.stderr
    assert not data.exists()


def test_a_sign_in_address_that_is_not_one_is_said_in_one_line(tmp_path, capsys, monkeypatch):
    """A tester typed 'htp://school': libpq's own words came through, the parenthesis
    closing on a line of its own."""
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("pw\n"))
    assert main(["--data-dir", str(tmp_path / "data"), "server", "sign-in", "htp://school",
                 "--learner", "Ann", "--password-stdin"]) == 1
    err = capsys.readouterr().err
    assert err == ("quizapp: 'htp://school' is not a server address: write it as the teacher"
                   " gave it, postgresql://NAME@SERVER/SCHOOL\n")


def test_an_address_printed_names_the_port_given_only_in_pgport(pg_server, pg_database,
                                                                   tmp_path, capsys, monkeypatch):
    # docs/classroom.md's `add-learner 'dbname=school'` on a server whose port is in
    # PGPORT printed an address without it: the learner's computer tried 5432.
    monkeypatch.setenv("PGPORT", str(pg_server.port))
    admin = pg_server.admin_url(pg_database).replace(f" port={pg_server.port}", "")
    assert "port=" not in admin
    assert main(["server", "init", admin]) == 0
    assert main(["server", "add-class", admin, "7B"]) == 0
    capsys.readouterr()
    url, password = _person(capsys, "server", "add-learner", admin, "Ann", "--class", "7B",
                            "--host", "127.0.0.1")
    assert f"port={pg_server.port}" in url or f":{pg_server.port}/" in url
    monkeypatch.delenv("PGPORT")  # the learner's computer knows only the address
    assert _sign_in(monkeypatch, url, "Ann", password, tmp_path / "lab") == 0
