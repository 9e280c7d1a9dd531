"""`quizapp results`: every answer as CSV or JSON, equal to what the statistics count."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.model import Bank, Choice, MultipleChoice, ShortAnswer
from quizapp.core.store import DB_NAME, Store
from quizapp.core.store.open_sessions import FOLDER

BANK = Bank(
    id="trade",
    title="Trade",
    questions=(
        MultipleChoice(
            id="mc",
            prompt="?",
            choices=(Choice(text="Tokyo"), Choice(text="Detroit, MI")),
            correct=0,
            tags=("place",),
        ),
        ShortAnswer(id="who", prompt="Who?", answers=("Kantor",), tags=("people",)),
    ),
)
T0 = datetime(2026, 2, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def data_dir(tmp_path):
    store = Store.open(tmp_path)
    for n, name in enumerate(("Ann", "Bob, Jr.")):
        learner = store.create_learner(name)
        sid = store.start_session(learner.id, BANK, "quiz")
        store.record_answer(
            sid,
            BANK.questions[0],
            response="Detroit, MI",
            correct=False,
            credit=0,
            seconds=4.25,
            now=T0 + timedelta(minutes=n),
        )
        store.record_answer(
            sid,
            BANK.questions[1],
            response='Mickey "M." Kantor',
            correct=True,
            credit=1,
            seconds=7.5,
            now=T0 + timedelta(minutes=n, seconds=30),
        )
        store.finish_session(sid, 0.5)
    other = Bank(id="other", title="Other", questions=BANK.questions[:1])
    sid = store.start_session(1, other, "practice")
    store.record_answer(
        sid,
        other.questions[0],
        response=["ä", 1],
        correct=True,
        credit=0.5,
        seconds=1,
        now=T0 + timedelta(days=1),
    )
    store.close()
    # The practice is still under way (its outcome exports empty), so the Store kept its
    # journal for the app's next start (core/store/open_sessions.py); these tests are
    # about the results file alone, as a folder without that journal holds it.
    shutil.rmtree(tmp_path / FOLDER)
    return tmp_path


def run_cli(capsys, *args):
    code = main(["results", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_csv_has_a_header_and_every_answer(data_dir, capsys):
    code, out, err = run_cli(capsys, "--data-dir", str(data_dir))
    assert code == 0 and err == ""
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == [
        "uuid",
        "learner",
        "bank_id",
        "session_id",
        "mode",
        "question_id",
        "response",
        "correct",
        "credit",
        "seconds",
        "answered",
        "session_score",
        "session_started",
        "session_finished",
        "session_outcome",
        "shown",
        "retracted",
    ]
    assert len(rows) == 5
    first = rows[0]
    assert (first["learner"], first["bank_id"], first["question_id"]) == ("Ann", "trade", "mc")
    assert first["response"] == "Detroit, MI"
    assert (first["correct"], float(first["credit"]), float(first["seconds"])) == (
        "false",
        0.0,
        4.25,
    )
    assert datetime.fromisoformat(first["answered"]) == T0
    assert rows[1]["response"] == 'Mickey "M." Kantor'
    assert rows[2]["learner"] == "Bob, Jr."
    assert json.loads(rows[4]["response"]) == ["ä", 1]


def test_json_and_filters(data_dir, capsys):
    code, out, _ = run_cli(
        capsys,
        "--data-dir",
        str(data_dir),
        "--format",
        "json",
        "--learner",
        "Ann",
        "--bank",
        "trade",
    )
    assert code == 0
    rows = json.loads(out)
    assert [(r["learner"], r["question_id"], r["correct"]) for r in rows] == [
        ("Ann", "mc", False),
        ("Ann", "who", True),
    ]
    assert rows[0]["seconds"] == 4.25 and rows[1]["credit"] == 1.0
    code, out, _ = run_cli(
        capsys, "--data-dir", str(data_dir), "--format", "json", "--bank", "none"
    )
    assert code == 0 and json.loads(out) == []


def test_unknown_learner_is_a_readable_error(data_dir, capsys):
    code, out, err = run_cli(capsys, "--data-dir", str(data_dir), "--learner", "Zed")
    assert code == 1 and out == ""
    assert "no learner called 'Zed'" in err and "Ann" in err and "Traceback" not in err


def test_no_database_yet_prints_empty_output_and_creates_nothing(tmp_path, capsys):
    code, out, _ = run_cli(capsys, "--data-dir", str(tmp_path / "new"), "--format", "json")
    assert code == 0 and json.loads(out) == []
    assert not (tmp_path / "new" / DB_NAME).exists()


def test_bad_database_is_reported_not_a_traceback_and_left_as_it_is(tmp_path, capsys):
    (tmp_path / DB_NAME).write_text("not a database")
    code, out, err = run_cli(capsys, "--data-dir", str(tmp_path))
    assert code == 1 and out == "" and "Traceback" not in err
    assert "is not a quizapp database" in err and "left as it is" in err
    assert (tmp_path / DB_NAME).read_text() == "not a database"
    assert not list(tmp_path.glob("*.bad"))


def _files(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm"))}


def test_a_truncated_file_is_reported_and_never_moved_or_replaced(data_dir, capsys):
    """The tester's case: a results file cut short. The export only reads: exit 1 with a
    readable message, the file exactly as it was, no new empty database, and the app's next
    start still finds the damage (and tells the learner) instead of a blank new install."""
    path = data_dir / DB_NAME
    Store.open(data_dir).close()  # checkpointed: the answers are in the file itself
    with open(path, "r+b") as f:
        f.truncate(5000)
    before = path.read_bytes()
    code, out, err = run_cli(capsys, "--data-dir", str(data_dir))
    assert code == 1 and "Traceback" not in err
    assert "is damaged" in err and "left as it is" in err and "Start quizapp" in err
    assert path.read_bytes() == before and not list(data_dir.glob("*.bad"))
    with Store.open(data_dir, defer_check=True) as store:  # as the app opens it
        assert store.recovery_message and "damaged" in store.recovery_message


def test_a_newer_file_is_reported_and_left_as_it_is(data_dir, capsys):
    import sqlite3

    conn = sqlite3.connect(data_dir / DB_NAME)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = _files(data_dir)
    code, out, err = run_cli(capsys, "--data-dir", str(data_dir))
    assert code == 1 and "newer version of quizapp" in err and "Traceback" not in err
    assert _files(data_dir) == before


def test_an_older_file_is_exported_and_stays_in_its_format(tmp_path, capsys):
    """An older data format is read through a copy brought up to date in memory: every
    answer exported, the file on disk unchanged (the app migrates it when it opens it)."""
    import sqlite3

    from quizapp.core.migrations import create_schema_v1

    conn = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
    create_schema_v1(conn)  # the format quizapp 1 wrote
    conn.execute("INSERT INTO learners VALUES (1, 'Ann', '2025-05-01T09:00:00+00:00')")
    conn.execute(
        "INSERT INTO sessions VALUES (1, 1, 'trade', 'hash', 'quiz',"
        " '2025-05-01T09:00:00+00:00', '2025-05-01T09:05:00+00:00', 0.5)"
    )
    conn.executemany(
        "INSERT INTO answers(uuid, session_id, question_id, response, correct, credit, seconds,"
        " answered) VALUES (?, 1, ?, '\"a\"', ?, ?, 2.5, '2025-05-01T09:01:00+00:00')",
        [("00000000-0000-4000-8000-000000000001", "q1", 1, 1.0),
         ("00000000-0000-4000-8000-000000000002", "q2", 0, 0.0)],
    )
    conn.close()
    before = _files(tmp_path)
    code, out, err = run_cli(capsys, "--data-dir", str(tmp_path), "--format", "json")
    assert code == 0 and err == ""
    rows = json.loads(out)
    assert [(r["learner"], r["question_id"], r["correct"]) for r in rows] == [
        ("Ann", "q1", True), ("Ann", "q2", False)
    ]
    assert _files(tmp_path) == before
    conn = sqlite3.connect(tmp_path / DB_NAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()


def test_exports_from_a_read_only_folder(data_dir):
    """Read-only media: nobody may write in the folder, so SQLite cannot make the WAL's
    shared-memory file; the export still reads every answer. When the tests run as root
    (root may write anywhere), the command runs as an unprivileged user of a user namespace
    of its own (util-linux `unshare`), to whom the folder is read-only."""
    import os
    import shutil
    import tempfile

    Store.open(data_dir).close()
    folder = Path(tempfile.mkdtemp(prefix="quizapp-ro-"))
    try:
        os.chmod(folder, 0o755)
        shutil.copy(data_dir / DB_NAME, folder / DB_NAME)
        os.chmod(folder / DB_NAME, 0o444)
        os.chmod(folder, 0o555)
        as_user = ["unshare", "--map-user=65534", "--map-group=65534"] if os.geteuid() == 0 else []
        command = [sys.executable, "-m", "quizapp", "results", "--data-dir", str(folder)]
        probe = subprocess.run([*as_user, "touch", str(folder / "probe")], capture_output=True)
        assert probe.returncode != 0  # the folder is read-only to the command
        done = subprocess.run(
            [*as_user, *command], capture_output=True, text=True, timeout=60,
            cwd=Path(__file__).resolve().parent.parent,
        )
        assert done.returncode == 0, done.stderr
        assert len(list(csv.reader(io.StringIO(done.stdout)))) == 1 + 5
        assert sorted(p.name for p in folder.iterdir()) == [DB_NAME]
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(folder)


def test_exports_from_read_only_media_with_a_journal_left_by_a_crash(data_dir):
    """The app stopped without closing (its -wal holds answers, no -shm was kept), then the
    folder was copied to read-only media: SQLite cannot make the -shm it needs to read the
    journal there, so the export reads a copy of the file and its -wal in a temporary
    folder. Every answer is exported, the one only in the journal too, and nothing is
    created on the media. Run as an unprivileged user when the tests run as root, as in
    test_exports_from_a_read_only_folder."""
    import os
    import shutil
    import tempfile

    store = Store.open(data_dir)
    folder = Path(tempfile.mkdtemp(prefix="quizapp-ro-"))
    try:
        sid = store.start_session(1, BANK, "quiz")
        store.record_answer(
            sid, BANK.questions[1], response="in the journal", correct=True, credit=1,
            seconds=1, now=T0,
        )
        os.chmod(folder, 0o755)
        for name in (DB_NAME, DB_NAME + "-wal"):  # copied while the app still had it open
            shutil.copy(data_dir / name, folder / name)
            os.chmod(folder / name, 0o444)
        os.chmod(folder, 0o555)
        as_user = ["unshare", "--map-user=65534", "--map-group=65534"] if os.geteuid() == 0 else []
        probe = subprocess.run([*as_user, "touch", str(folder / "probe")], capture_output=True)
        assert probe.returncode != 0  # the folder is read-only to the command
        done = subprocess.run(
            [*as_user, sys.executable, "-m", "quizapp", "results", "--data-dir", str(folder)],
            capture_output=True, text=True, timeout=60,
            cwd=Path(__file__).resolve().parent.parent,
        )
        assert done.returncode == 0, done.stderr
        rows = list(csv.reader(io.StringIO(done.stdout)))
        assert len(rows) == 1 + 6 and any("in the journal" in row for row in rows)
        assert sorted(p.name for p in folder.iterdir()) == [DB_NAME, DB_NAME + "-wal"]
    finally:
        store.close()
        os.chmod(folder, 0o755)
        shutil.rmtree(folder)


def test_export_equals_the_numbers_the_app_shows(data_dir, capsys):
    code, out, _ = run_cli(capsys, "--data-dir", str(data_dir), "--format", "json")
    rows = json.loads(out)
    store = Store.open(data_dir)
    try:
        for learner in store.learners():
            mine = [r for r in rows if r["learner"] == learner.name and r["bank_id"] == "trade"]
            s = store.bank_summary(learner.id, BANK)
            assert s.answers == len(mine)
            assert s.correct == sum(r["correct"] for r in mine)
            assert s.seconds == pytest.approx(sum(r["seconds"] for r in mine))
            days = store.answers_per_day(learner.id, BANK)
            assert sum(d.answers for d in days) == len(mine)
            tags = {t.tag: (t.answers, t.correct) for t in store.tag_accuracy(learner.id, BANK)}
            assert tags["people"] == (1, 1) and tags["place"] == (1, 0)
    finally:
        store.close()


def test_runs_as_a_command(data_dir):
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "quizapp",
            "results",
            "--data-dir",
            str(data_dir),
            "--format",
            "csv",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert len(out.stdout.strip().splitlines()) == 6


def test_json_stays_valid_when_a_stored_response_is_not_json(data_dir, capsys):
    import sqlite3

    conn = sqlite3.connect(data_dir / DB_NAME)
    conn.execute("UPDATE answers SET response = 'not json {' WHERE id = 1")  # another tool's edit
    conn.commit()
    conn.close()
    code, out, _ = run_cli(capsys, "--data-dir", str(data_dir), "--format", "json")
    rows = json.loads(out)
    assert code == 0 and rows[0]["response"] == "not json {" and len(rows) == 5


def test_output_file(data_dir, tmp_path, capsys):
    target = tmp_path / "out.csv"
    code, out, _ = run_cli(capsys, "--data-dir", str(data_dir), "-o", str(target))
    assert code == 0 and out == ""
    assert len(target.read_text(encoding="utf-8").splitlines()) == 6
    code, _, err = run_cli(
        capsys, "--data-dir", str(data_dir), "-o", str(tmp_path / "no" / "x.csv")
    )
    assert code == 1 and "cannot write" in err


def test_every_row_carries_its_session(data_dir, capsys):
    _, out, _ = run_cli(capsys, "--data-dir", str(data_dir))
    rows = list(csv.DictReader(io.StringIO(out)))
    store = Store.open(data_dir)
    try:
        for row in rows:
            session = store.session(int(row["session_id"]))
            assert row["mode"] == session.mode
            assert datetime.fromisoformat(row["session_started"]) == session.started
            if session.finished is None:  # the "other" bank's practice is still open
                assert row["session_score"] == row["session_finished"] == ""
            else:
                assert float(row["session_score"]) == session.score
                assert datetime.fromisoformat(row["session_finished"]) == session.finished
    finally:
        store.close()
    assert [r["session_score"] for r in rows] == ["0.5", "0.5", "0.5", "0.5", ""]
    _, out, _ = run_cli(capsys, "--data-dir", str(data_dir), "--format", "json")
    by_json = json.loads(out)
    assert [r["session_score"] for r in by_json] == [0.5, 0.5, 0.5, 0.5, None]
    assert by_json[4]["session_finished"] is None
    assert [r["session_started"] for r in by_json] == [r["session_started"] for r in rows]


def _history(folder):
    """Two learners, two banks, sessions spread over weeks and finished out of order."""
    store = Store.open(folder)
    other = Bank(id="other", title="Other", questions=BANK.questions)
    ann = store.create_learner("Ann").id
    bob = store.create_learner("Bob").id
    t = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    plan = [  # learner, bank, start (days after t), finish (days after t or None), answers
        (ann, BANK, 0, 0.1, [True, False]),
        (ann, BANK, 3, 3.1, [True, True]),
        (ann, BANK, 1, 9.0, [False, False]),  # started early, finished last: the last score
        (ann, other, 2, 2.1, [True]),
        (bob, BANK, 4, 4.1, [False, True]),
        (bob, BANK, 6, None, [True]),  # never finished: no attempt, answers still count
        (bob, other, 7, 7.2, [False, False]),
    ]
    for learner, bank, start, finish, oks in plan:
        begin = t + timedelta(days=start)
        sid = store.start_session(learner, bank, "quiz", now=begin)
        _answer_all(store, sid, bank, begin, oks)
        if finish is not None:
            store.finish_session(sid, sum(oks) / len(oks), now=t + timedelta(days=finish))
    # Left by the learner, after the last score (abandoned) and flashcards (recall, no score):
    # their answers count, but neither is an attempt nor moves the last score.
    left = store.start_session(ann, BANK, "practice", now=t + timedelta(days=9, hours=2))
    _answer_all(store, left, BANK, t + timedelta(days=9, hours=2), [False, True])
    store.abandon_session(left, now=t + timedelta(days=9, hours=3))
    cards = store.start_session(bob, BANK, "flashcards", now=t + timedelta(days=8))
    _answer_all(store, cards, BANK, t + timedelta(days=8), [True, False, True])
    store.finish_session(cards, None, now=t + timedelta(days=8, hours=1), recall=2 / 3)
    # Finished in the opposite order of the calls: the later finish is the last score.
    late = store.start_session(ann, other, "exam", now=t + timedelta(days=10))
    early = store.start_session(ann, other, "exam", now=t + timedelta(days=10, hours=1))
    for sid, ok in ((late, True), (early, False)):
        store.record_answer(
            sid,
            other.questions[1],
            response="Kantor",
            correct=ok,
            credit=ok,
            seconds=2,
            now=t + timedelta(days=10, hours=2),
        )
    store.finish_session(late, 1.0, now=t + timedelta(days=12), outcome="timed_out")
    store.finish_session(early, 0.0, now=t + timedelta(days=11))
    return store


def _answer_all(store, sid, bank, begin, oks):
    for k, ok in enumerate(oks):
        q = bank.questions[k % len(bank.questions)]
        store.record_answer(
            sid,
            q,
            response="Tokyo" if ok else "Detroit, MI",
            correct=ok,
            credit=1 if ok else 0,
            seconds=3,
            now=begin + timedelta(minutes=k + 1),
        )


def _table_from_export(rows):
    """The teacher table's numbers, computed from exported rows alone."""
    table = {}
    for r in rows:
        key = (r["learner"], r["bank_id"])
        entry = table.setdefault(key, {"sessions": {}, "answers": 0, "times": []})
        entry["answers"] += 1
        entry["times"].append(r["answered"])
        # An attempt is a closed session with a score (not abandoned, not flashcards).
        if r["session_finished"] is not None and r["session_score"] is not None:
            entry["sessions"][r["session_id"]] = (r["session_finished"], r["session_score"])
            entry["times"].append(r["session_finished"])
    out = {}
    for key, entry in table.items():
        finished = sorted((when, sid, score) for sid, (when, score) in entry["sessions"].items())
        out[key] = (
            len(finished),
            max((f[2] for f in finished), default=None),
            finished[-1][2] if finished else None,
            entry["answers"],
            datetime.fromisoformat(max(entry["times"])),
        )
    return out


def test_teacher_table_equals_the_export(tmp_path, capsys):
    store = _history(tmp_path)
    try:
        shown = {
            (r.learner, r.bank_id): (
                r.attempts,
                r.best_score,
                r.last_score,
                r.answers,
                r.last_studied,
            )
            for r in store.learner_bank_table()
        }
        code, out, _ = run_cli(capsys, "--data-dir", str(tmp_path), "--format", "json")
        assert code == 0
        exported = _table_from_export(json.loads(out))
        assert shown == exported
        # The table is what it claims, not just equal to a twin computation.
        # Ann's practice left on day 9 adds its answers (and her last activity), not an
        # attempt or a last score; Bob's flashcards add answers only; the timed-out exam
        # is Ann's last score in "other".
        assert shown[("Ann", "trade")] == (
            3,
            1.0,
            0.0,
            8,
            datetime(2026, 1, 14, 10, 2, tzinfo=UTC),
        )
        assert shown[("Bob", "trade")][:4] == (1, 0.5, 0.5, 6)
        assert shown[("Ann", "other")][:4] == (3, 1.0, 1.0, 3)
        outcomes = {(r["mode"], r["session_outcome"]) for r in json.loads(out)}
        assert outcomes == {
            ("quiz", "finished"),
            ("quiz", None),
            ("practice", "abandoned"),
            ("flashcards", "finished"),
            ("exam", "timed_out"),
            ("exam", "finished"),
        }
        # The CSV says the same, and so do the derived tables rebuilt from the logs.
        _, out, _ = run_cli(capsys, "--data-dir", str(tmp_path))
        as_csv = [
            {
                **r,
                "session_id": int(r["session_id"]),
                "session_score": float(r["session_score"]) if r["session_score"] else None,
                "session_finished": r["session_finished"] or None,
            }
            for r in csv.DictReader(io.StringIO(out))
        ]
        assert _table_from_export(as_csv) == exported
        store.rebuild_derived()
        assert {
            (r.learner, r.bank_id): (
                r.attempts,
                r.best_score,
                r.last_score,
                r.answers,
                r.last_studied,
            )
            for r in store.learner_bank_table()
        } == exported
    finally:
        store.close()


def _damage_table(folder, table: str) -> None:
    """Overwrite the first page of table's b-tree (its root) with garbage."""
    import sqlite3

    conn = sqlite3.connect(folder / DB_NAME)
    root = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = ?", (table,)).fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with open(folder / DB_NAME, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xff" * 64)


def test_damage_the_export_does_not_read_does_not_cost_the_export(data_dir, capsys):
    """The export only reads: a damaged table it does not need (the review log) leaves
    every answer exported and the file where it is (the app's own check finds it)."""
    _damage_table(data_dir, "reviews")
    code, out, err = run_cli(capsys, "--data-dir", str(data_dir), "--format", "csv")
    assert code == 0 and err == ""
    assert len(list(csv.reader(io.StringIO(out)))) == 1 + 5
    assert (data_dir / DB_NAME).exists() and not list(data_dir.glob("*.bad"))


def test_damaged_answers_are_a_readable_error_and_nothing_is_created(data_dir, capsys):
    """The export only reads: the damage is reported, and no check marker and no -wal or
    -shm file is left beside the file; the app's next start finds the damage itself."""
    _damage_table(data_dir, "answers")
    before = sorted(p.name for p in data_dir.iterdir())
    code, out, err = run_cli(capsys, "--data-dir", str(data_dir), "--format", "csv")
    assert code == 1 and "is damaged" in err and "Traceback" not in err
    assert sorted(p.name for p in data_dir.iterdir()) == before == [DB_NAME]
    with Store.open(data_dir, defer_check=True) as store:  # as the app opens it
        assert store.integrity_check_due()
        notice = store.check_integrity()  # the check the app runs once its window is up
        assert notice is not None and "damaged" in notice.text


def test_an_export_leaves_the_folder_as_it_was(data_dir, capsys):
    """A results file closed by the app: the export leaves no -wal or -shm file beside it,
    and the file is byte for byte what it was."""
    before = {p.name: p.read_bytes() for p in data_dir.iterdir()}
    assert sorted(before) == [DB_NAME]
    code, out, err = run_cli(capsys, "--data-dir", str(data_dir))
    assert code == 0 and err == "" and len(list(csv.reader(io.StringIO(out)))) == 1 + 5
    assert {p.name: p.read_bytes() for p in data_dir.iterdir()} == before


def test_an_export_beside_an_open_window_reads_its_answers_and_keeps_its_journal(
    data_dir, capsys
):
    store = Store.open(data_dir)
    try:
        sid = store.start_session(1, BANK, "quiz")
        store.record_answer(
            sid, BANK.questions[1], response="Kantor", correct=True, credit=1, seconds=1, now=T0
        )
        code, out, err = run_cli(capsys, "--data-dir", str(data_dir))
        assert code == 0 and len(list(csv.reader(io.StringIO(out)))) == 1 + 6
        assert (data_dir / (DB_NAME + "-wal")).exists()
        store.record_answer(
            sid, BANK.questions[0], response="Tokyo", correct=True, credit=1, seconds=1, now=T0
        )
    finally:
        store.close()
    code, out, err = run_cli(capsys, "--data-dir", str(data_dir))
    assert code == 0 and len(list(csv.reader(io.StringIO(out)))) == 1 + 7


def test_the_cycle_collector_waits_while_the_export_is_written_then_runs_again(data_dir, capsys):
    import gc

    from quizapp.commands import results

    seen = []

    def writer(rows, out):
        seen.append(gc.isenabled())
        results.write_csv_cells(rows, out)

    was_enabled = gc.isenabled()  # tests run with automatic collection off (conftest)
    gc.enable()
    try:
        store = Store.open(data_dir)
        try:
            assert results._write(writer, store.export_cells(), None) == 0
        finally:
            store.close()
        assert seen == [False] and gc.isenabled()
        assert main(["results", "--data-dir", str(data_dir)]) == 0 and gc.isenabled()
    finally:
        if not was_enabled:
            gc.disable()
    assert "Detroit, MI" in capsys.readouterr().out


def test_dash_output_is_standard_output(data_dir, tmp_path):
    """`-o -` is standard output, as for most command-line tools: it wrote a file named
    "-" in the folder the command ran in, and printed nothing."""
    folder = tmp_path / "here"
    folder.mkdir()
    for fmt in ("csv", "json"):
        done = subprocess.run(
            [sys.executable, "-m", "quizapp", "results", "--data-dir", str(data_dir),
             "--format", fmt, "-o", "-"],
            capture_output=True, text=True, cwd=folder,
        )
        assert done.returncode == 0, done.stderr
        assert not (folder / "-").exists()
        if fmt == "csv":
            assert len(done.stdout.strip().splitlines()) == 6
        else:
            assert len(json.loads(done.stdout)) == 5
    # a file of that name is still written when named as one
    done = subprocess.run(
        [sys.executable, "-m", "quizapp", "results", "--data-dir", str(data_dir), "-o", "./-"],
        capture_output=True, text=True, cwd=folder,
    )
    assert done.returncode == 0 and done.stdout == ""
    assert len((folder / "-").read_text(encoding="utf-8").splitlines()) == 6
