"""The class server's costs, as ratios to baselines measured in the same run, on a real
PostgreSQL started for the run (as tests/pg_fixture.py starts it: fsync off, so the
ratios compare the work, not the disk).

Run: .venv/bin/python benchmarks/bench_server.py [--answers 100000] [--school 10000000]

1. Push throughput: ANSWERS answers (with their reviews and 100 sessions) pushed as a
   learner (staging COPY, INSERT … ON CONFLICT DO NOTHING, row-level security, summary
   triggers), against a plain COPY of the same rows (answers and reviews) into tables of
   the same columns and indexes. Target: at most 2x. (The local part, Store.unpushed reading
   the rows from SQLite, is measured apart below.)
2. An idle sync (nothing new either way): median of 20, with a new connection each time
   (`quizapp sync`: sign-in included) and with the connection the app keeps open between
   its background syncs. Target: at most 20 ms.
2b. A first push of a long history from a computer's store: ANSWERS answers over 46
   questions in sessions of 50 (a learner's year, as a tester made it), read by
   Store.unpushed and pushed by sync.push, against a plain COPY of the same rows (answers
   and reviews). Also the local read alone: its total and its slowest batch (the store's
   lock is held for a piece of a batch at a time).
3. The teacher overview on a school of SCHOOL answers (generated on the server; 2,000
   learners x 5 banks): median of 20 reads of the class's learner x bank rows.
   Target: at most 300 ms (as for the local store). Then one bank's item analysis.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quizapp.core.store import Store, derived  # noqa: E402
from quizapp.core.store.pulled import PulledImport  # noqa: E402
from quizapp.core.store.server_sync import ClassSync  # noqa: E402
from quizapp.core.sync_batch import ANSWER_COLUMNS, REVIEW_COLUMNS, SyncBatch  # noqa: E402
from quizapp.server import admin, overview, sync  # noqa: E402
from quizapp.server import pull as server_pull  # noqa: E402
from quizapp.server.connection import connect  # noqa: E402
from tests.pg_fixture import PgServer, _bin_dir, _free_port  # noqa: E402

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
# Where a pull's time goes: (owner, function, label), wrapped when the owner has it.
PULL_PHASES = (
    (server_pull, "_fetch_piece", "reading from the server"),
    (ClassSync, "import_pulled", "importing here (all)"),  # before pieces: all at once
    (PulledImport, "piece", "importing here (all)"),
    (PulledImport, "_count", "statistics"),
    (ClassSync, "_replay_card", "card replays"),  # before pieces
    (PulledImport, "_bring_card_up_to_date", "card replays"),
    (derived, "_rebuild_stats", "statistics"),  # before pieces
)


def start_server() -> PgServer:
    import os

    run_as = "postgres" if os.geteuid() == 0 else None
    base = Path(tempfile.mkdtemp(prefix="quizapp-bench-pg-"))
    data = base / "data"
    data.mkdir()
    if run_as:
        shutil.chown(base, run_as)
        shutil.chown(data, run_as)
    server = PgServer(_bin_dir(), data, base, _free_port(), run_as)
    server._run("initdb", "-D", str(data), "-A", "trust", "-U", run_as or "postgres",
                "--no-sync")
    (data / "pg_hba.conf").write_text(
        "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
    )
    with open(data / "postgresql.conf", "a") as conf:
        conf.write("fsync = off\nfull_page_writes = off\n"
                   "shared_buffers = 256MB\nmax_wal_size = 4GB\n")
    server.start()
    return server


def batch_of(n: int) -> SyncBatch:
    batch = SyncBatch()
    per_session = max(1, n // 100)
    session = None
    for i in range(n):
        if i % per_session == 0:
            session = str(uuid.uuid4())
            started = (T0 + timedelta(hours=i // per_session)).isoformat()
            batch.sessions.append((session, "trade", "h", "quiz", started))
        when = (T0 + timedelta(seconds=i)).isoformat()
        answer = str(uuid.uuid4())
        batch.answers.append((answer, session, "trade", f"q{i % 40}", '"yes"', i % 3 > 0,
                              float(i % 3 > 0), 4.5, when, None, f"{i % 40:016x}"))
        batch.reviews.append((answer, 0, "trade", f"q{i % 40}", 3, when, 4500, None))
    return batch


def fill_answers(conn, total: int, learners: int, banks: int) -> None:
    """`total` answers on the server, spread over learners l1..lN and banks bank0..bankM-1
    (40 questions each, two thirds right, one a second from 2026-01-01), a million per
    statement."""
    chunk = 1_000_000
    for start in range(0, total, chunk):
        size = min(chunk, total - start)
        conn.execute(
            "INSERT INTO quizapp.answers(uuid, learner, session_uuid, bank_id, question_id,"
            " response, correct, credit, seconds, answered)"
            " SELECT gen_random_uuid(), 'l' || (1 + g %% %s), gen_random_uuid(),"
            " 'bank' || (g / %s %% %s), 'q' || (g %% 40), '\"a\"', g %% 3 > 0, 1, 4.5,"
            " to_char(timestamp '2026-01-01' + g * interval '1 second',"
            " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"')"
            " FROM generate_series(%s::bigint, %s::bigint) g",
            (learners, learners, banks, start, start + size - 1),
        )


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def bench_push(server: PgServer, db: str, learner: admin.NewPerson, n: int,
               rounds: int = 3) -> None:
    """`rounds` alternating rounds, fresh rows each (the tables grow alike on both sides):
    on a shared machine one round alone swings by half."""
    with connect(server.admin_url(db), autocommit=True) as admin_conn, connect(
        learner.url, password=learner.password, autocommit=True
    ) as conn:
        # The same columns, identity, defaults and indexes; no triggers, no policies.
        admin_conn.execute("CREATE TABLE plain_answers (LIKE quizapp.answers INCLUDING ALL)")
        admin_conn.execute("CREATE TABLE plain_reviews (LIKE quizapp.reviews INCLUDING ALL)")
        sync._prepare(conn)
        ratios, pushes, copies = [], [], []
        for _ in range(rounds):
            batch = batch_of(n)

            def plain_copy(batch=batch):
                # The same rows the push sends: the answers and their reviews.
                with admin_conn.transaction():
                    for table, columns, rows in (
                        ("plain_answers", ANSWER_COLUMNS, batch.answers),
                        ("plain_reviews", REVIEW_COLUMNS, batch.reviews),
                    ):
                        with admin_conn.cursor().copy(
                            f"COPY {table} ({', '.join(columns)}) FROM STDIN"
                        ) as copy:
                            for row in rows:
                                copy.write_row(row)

            def push_all(batch=batch):
                step = sync.BATCH_ANSWERS
                for start in range(0, n, step):
                    piece = SyncBatch(
                        sessions=batch.sessions if start == 0 else [],
                        answers=batch.answers[start : start + step],
                        reviews=batch.reviews[start : start + step],
                    )
                    sync.push_batch(conn, piece, None)

            copies.append(timed(plain_copy))
            pushes.append(timed(push_all))
            ratios.append(pushes[-1] / copies[-1])
        again = timed(push_all)  # the last round's rows, already there: all skipped
    print(f"push {n} answers (+ reviews), {rounds} rounds: median {statistics.median(pushes):.2f} s;"
          f" plain COPY of the same rows: median {statistics.median(copies):.2f} s;"
          f" ratio median {statistics.median(ratios):.2f} (each round:"
          f" {', '.join(f'{r:.2f}' for r in ratios)}; target <= 2)")
    print(f"  pushing the same again (all skipped): {again:.2f} s")


def bench_unpushed(tmp: Path, n: int = 5000) -> None:
    store = Store.open(tmp / "local")
    from quizapp.core.model import Bank, Choice, MultipleChoice

    bank = Bank(id="trade", title="t", questions=tuple(
        MultipleChoice(id=f"q{i}", prompt="?", choices=(Choice(text="a"),), correct=0)
        for i in range(40)))
    learner = store.create_learner("Ann")
    sid = store.start_session(learner.id, bank, "quiz")
    record = timed(lambda: [
        store.record_answer(sid, f"q{i % 40}", response="a", correct=True, credit=1.0,
                            seconds=3.0, rating=3) for i in range(n)])
    read = timed(lambda: store.unpushed(learner.id, limit=n))
    print(f"local: reading {n} unpushed answers {read * 1000:.0f} ms"
          f" ({read / record:.3f} of the time it took to record them)")
    store.close()


def bench_first_push(server: PgServer, db: str, tmp: Path, n: int) -> None:
    from quizapp.core.model import Bank, Choice, MultipleChoice

    bank = Bank(id="year", title="t", questions=tuple(
        MultipleChoice(id=f"q{i}", prompt="?", choices=(Choice(text="a"),), correct=0)
        for i in range(46)))
    folder = tmp / "year"
    store = Store.open(folder)
    learner = store.create_learner("Cleo")
    made = time.perf_counter()
    when = T0 - timedelta(days=400)
    for start in range(0, n, 50):
        sid = store.start_session(learner.id, bank, "quiz", now=when)
        for i in range(min(50, n - start)):
            right = (start + i) % 10 < 7
            store.record_answer(sid, f"q{(start * 7 + i * 13) % 46}", response="a",
                                correct=right, credit=float(right), seconds=5.0,
                                rating=3 if right else 1, now=when + timedelta(seconds=10 * i))
        store.finish_session(sid, 0.7, now=when + timedelta(seconds=600))
        when += timedelta(minutes=10)
    store.close()
    print(f"  generated a store of {n} answers over 46 questions in"
          f" {time.perf_counter() - made:.0f} s")
    shutil.copytree(folder, tmp / "year-read")
    reader = Store.open(tmp / "year-read")
    batches, slowest = [], 0.0
    read = time.perf_counter()
    while True:
        started = time.perf_counter()
        batch = reader.unpushed(learner.id, sync.BATCH_ANSWERS)
        slowest = max(slowest, time.perf_counter() - started)
        reader.mark_pushed(learner.id, batch)
        batches.append(batch)
        if len(batch.answers) < sync.BATCH_ANSWERS:
            break
    read = time.perf_counter() - read
    reader.close()
    with connect(server.admin_url(db), autocommit=True) as conn:
        cleo = admin.add_person(conn, "Cleo", "learner", ["7B"], server.url(db))
        conn.execute("CREATE TABLE IF NOT EXISTS plain_answers"
                     " (LIKE quizapp.answers INCLUDING ALL)")
        conn.execute("CREATE TABLE IF NOT EXISTS plain_reviews"
                     " (LIKE quizapp.reviews INCLUDING ALL)")

        def plain_copy():
            with conn.transaction():
                for batch in batches:
                    for table, columns, rows in (
                        ("plain_answers", ANSWER_COLUMNS, batch.answers),
                        ("plain_reviews", REVIEW_COLUMNS, batch.reviews),
                    ):
                        with conn.cursor().copy(
                            f"COPY {table} ({', '.join(columns)}) FROM STDIN"
                        ) as copy:
                            for row in rows:
                                copy.write_row(row)

        copied = timed(plain_copy)
    store = Store.open(folder)
    sync.sign_in(store, cleo.url, "Cleo", cleo.password)
    with connect(cleo.url, password=cleo.password, autocommit=True) as conn:
        pushed = timed(lambda: sync.push(store, learner.id, conn))
    store.close()
    print(f"first push of {n} answers from a store: {pushed:.2f} s, {pushed / copied:.2f}x a"
          f" plain COPY of the same rows ({copied:.2f} s); reading them from the store"
          f" {read:.2f} s in {len(batches)} batches, the slowest {slowest * 1000:.0f} ms")


def history_batches(n: int, per_batch: int = sync.BATCH_ANSWERS) -> list[SyncBatch]:
    """A learner's year on another computer: `n` answers over 46 questions in finished
    sessions of 50, in time order, one review each (rated 3 or 1), as that computer's
    pushes send them (batches of `per_batch` answers)."""
    batches: list[SyncBatch] = []
    when = T0 - timedelta(days=400)
    batch = SyncBatch()
    for start in range(0, n, 50):
        session = str(uuid.uuid4())
        batch.sessions.append((session, "year", "h", "quiz", when.isoformat()))
        for i in range(min(50, n - start)):
            right = (start + i) % 10 < 7
            answered = (when + timedelta(seconds=10 * i)).isoformat()
            answer = str(uuid.uuid4())
            qid = f"q{(start * 7 + i * 13) % 46}"
            batch.answers.append((answer, session, "year", qid, '"a"', right, float(right),
                                  5.0, answered, None, None))
            batch.reviews.append((answer, 0, "year", qid, 3 if right else 1, answered, 5000,
                                  None))
        batch.ends.append((session, "year", (when + timedelta(seconds=600)).isoformat(), 0.7,
                           "finished", None))
        when += timedelta(minutes=10)
        if len(batch.answers) >= per_batch:
            batches.append(batch)
            batch = SyncBatch()
    if len(batch):
        batches.append(batch)
    return batches

class PhaseClock:
    """Seconds spent inside named functions (wrapped on their owner for the run)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._undo: list = []

    def wrap(self, owner, name: str, label: str) -> None:
        original = owner.__dict__[name]
        func = original.__func__ if isinstance(original, staticmethod) else original

        def timed_call(*args, **kwargs):
            start = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                self.seconds[label] = self.seconds.get(label, 0.0) + time.perf_counter() - start

        setattr(owner, name, staticmethod(timed_call) if isinstance(original, staticmethod)
                else timed_call)
        self._undo.append((owner, name, original))

    def restore(self) -> None:
        for owner, name, original in reversed(self._undo):
            setattr(owner, name, original)
        self._undo.clear()


def bench_first_pull(server: PgServer, db: str, tmp: Path, n: int, rounds: int = 3) -> None:
    """A new computer's first pull of a learner's long history (pushed from another
    computer), against the push of the same history (the baseline), `rounds` rounds
    alternating the two (a new learner each round), and where the pull's time goes:
    reading from the server, importing here, replaying the cards, counting."""
    ratios, pulls, pushes = [], [], []
    for _round in range(rounds):
        with connect(server.admin_url(db), autocommit=True) as conn:
            person = admin.add_person(conn, f"Pull {uuid.uuid4().hex[:6]}", "learner",
                                      ["7B"], server.url(db))
        batches = history_batches(n)
        other = str(uuid.uuid4())  # the computer that pushed the history
        with connect(person.url, password=person.password, autocommit=True) as conn:
            sync._prepare(conn)
            started = time.perf_counter()
            for batch in batches:
                sync.push_batch(conn, batch, other)
            pushes.append(time.perf_counter() - started)
        store = Store.open(tmp / f"new-computer-{uuid.uuid4().hex[:6]}")
        sync.sign_in(store, person.url, person.name, person.password)
        lid = store.learner_by_name(person.name).id
        clock = PhaseClock()
        for owner, name, label in PULL_PHASES:
            if name in owner.__dict__:
                clock.wrap(owner, name, label)
        try:
            with connect(person.url, password=person.password, autocommit=True) as conn:
                started = time.perf_counter()
                pulled = sync.pull(store, lid, conn)
                pulls.append(time.perf_counter() - started)
        finally:
            clock.restore()
        assert pulled == n, pulled
        store.close()
        ratios.append(pulls[-1] / pushes[-1])
        parts = ", ".join(f"{label} {sec:.2f} s" for label, sec in clock.seconds.items())
        print(f"  round: pull {pulls[-1]:.2f} s, push {pushes[-1]:.2f} s ({ratios[-1]:.2f}x);"
              f" in the pull: {parts}")
    print(f"first pull of {n} answers (+ reviews, {n // 50} sessions) on a new computer:"
          f" median {statistics.median(pulls):.2f} s, {statistics.median(ratios):.2f}x the"
          f" push of the same history (median {statistics.median(pushes):.2f} s; each round:"
          f" {', '.join(f'{r:.2f}' for r in ratios)})")

def bench_idle_sync(server: PgServer, db: str, learner: admin.NewPerson, tmp: Path) -> None:
    store = Store.open(tmp / "idle")
    sync.sign_in(store, learner.url, "Ann", learner.password)
    lid = store.learner_by_name("Ann").id
    # Ann's first sync on this computer pulls everything pushed above (a new computer).
    first = time.perf_counter()
    first_sync = sync.SyncResult()
    sync.sync_learner(store, lid, first_sync)
    pulled = first_sync.pulled
    print(f"first sync on a new computer: pulled {pulled} answers in"
          f" {time.perf_counter() - first:.1f} s")
    times = [timed(lambda: sync.sync_learner(store, lid, sync.SyncResult()))
             for _ in range(20)]
    print(f"idle sync, new connection (quizapp sync): median"
          f" {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms")
    kept: dict = {}
    sync.sync_learner(store, lid, sync.SyncResult(), kept)
    times = [timed(lambda: sync.sync_learner(store, lid, sync.SyncResult(), kept))
             for _ in range(20)]
    print(f"idle sync, connection kept (the app): median"
          f" {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms"
          " (target <= 20 ms)")
    sync.close_all(kept)
    store.close()


def bench_overview(server: PgServer, db: str, total: int) -> None:
    learners, banks = 2000, 5
    with connect(server.admin_url(db), autocommit=True) as conn:
        for k in range(banks):
            conn.execute("INSERT INTO quizapp.classes(name) VALUES (%s)", (f"class {k}",))
        conn.execute(
            "INSERT INTO quizapp.people(role, display_name, kind)"
            " SELECT 'l' || g, 'Learner ' || g, 'learner' FROM generate_series(1, %s::bigint) g",
            (learners,),
        )
        # The teacher reads through row-level security, as on a school's server.
        conn.execute('CREATE ROLE district_t NOLOGIN IN ROLE "district_teacher"')
        conn.execute("INSERT INTO quizapp.people VALUES ('district_t', 'Teacher', 'teacher')")
        conn.execute("INSERT INTO quizapp.enrolments SELECT 1, 'l' || g"
                     " FROM generate_series(1, %s::bigint) g", (learners,))
        conn.execute("INSERT INTO quizapp.teaching VALUES (1, 'district_t')")
        made = time.perf_counter()
        fill_answers(conn, total, learners, banks)
        print(f"  generated {total} answers in {time.perf_counter() - made:.0f} s")
        conn.execute("ANALYZE")
        rows = conn.execute("SELECT count(*) FROM quizapp.learner_banks").fetchone()[0]
        conn.execute("SET ROLE district_t")
        times = []
        for _ in range(20):
            times.append(timed(lambda: overview.learner_bank_rows(conn)))
        ids = [f"q{i}" for i in range(40)]
        item_times = [timed(lambda: overview.item_stats(conn, "bank0", ids)) for _ in range(5)]
    print(f"teacher overview ({total} answers, {rows} learner x bank rows): median"
          f" {statistics.median(times) * 1000:.1f} ms (target <= 300 ms)")
    print(f"item analysis of one bank (40 questions x 2,000 learners): median"
          f" {statistics.median(item_times) * 1000:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--school", type=int, default=10_000_000)
    parser.add_argument("--first-push", type=int, default=0,
                        help="answers in the store of the first push (default: --answers)")
    parser.add_argument("--first-pull", type=int, default=0,
                        help="answers of the history a new computer pulls (default: --answers)")
    parser.add_argument("--only-first-pull", action="store_true",
                        help="measure a new computer's first pull only")
    parser.add_argument("--only-first-push", action="store_true",
                        help="measure the first push from a store only")
    args = parser.parse_args()
    server = start_server()
    tmp = Path(tempfile.mkdtemp(prefix="quizapp-bench-"))
    try:
        with connect(server.admin_url(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE school")
            conn.execute("CREATE DATABASE district")
        with connect(server.admin_url("school"), autocommit=True) as conn:
            admin.init(conn)
            admin.add_class(conn, "7B")
            learner = admin.add_person(conn, "Ann", "learner", ["7B"], server.url("school"))
        if args.only_first_pull:
            bench_first_pull(server, "school", tmp, args.first_pull or args.answers)
            return
        if args.only_first_push:
            bench_first_push(server, "school", tmp, args.first_push or args.answers)
            return
        bench_push(server, "school", learner, args.answers)
        bench_unpushed(tmp)
        bench_first_push(server, "school", tmp, args.first_push or args.answers)
        bench_first_pull(server, "school", tmp, args.first_pull or args.answers)
        bench_idle_sync(server, "school", learner, tmp)
        with connect(server.admin_url("district"), autocommit=True) as conn:
            admin.init(conn)
        bench_overview(server, "district", args.school)
    finally:
        server.stop("immediate")
        shutil.rmtree(server.socket_dir, ignore_errors=True)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
