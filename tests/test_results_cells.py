"""`quizapp results` CSV: the cells SQLite makes (Store.export_cells, written by the csv
module alone) equal the plain reference, write_csv over export_records, row for row."""

from __future__ import annotations

import io
import json
import sqlite3
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.commands.results import write_csv, write_csv_cells
from quizapp.core.model import Bank, Choice, MultipleChoice, ShortAnswer
from quizapp.core.store import DB_NAME, Store

BANK = Bank(
    id="=bank",
    title="B",
    questions=(
        MultipleChoice(id="@mc", prompt="?", choices=(Choice(text="a"), Choice(text="b")),
                       correct=0),
        ShortAnswer(id="-typed", prompt="?", answers=("x",)),
    ),
)
T0 = datetime(2026, 2, 1, 9, 30, tzinfo=UTC)
TRICKY_TEXTS = ["=1+1", "+1", "-3", "@SUM(A1)", "\tTab", "\rCR", "plain", "", "'quoted",
                '"quoted"', "x, y", "line\nbreak", "ü=", "[1, 2]", "null", "3.5"]
# Half-way cases Python and SQLite's round() disagree on, and ordinary values.
SECONDS = [0.0045, 0.0055, 2.0005, 1.2345, 4.25, 7.5, 0.0, 86400.0, 12.3456789, 1e-7]


def _both(store: Store, **where) -> tuple[str, str]:
    plain, cells = io.StringIO(), io.StringIO()
    write_csv(store.export_records(**where), plain)
    write_csv_cells(store.export_cells(**where), cells)
    return plain.getvalue(), cells.getvalue()


def _fill(store: Store, texts, seconds) -> None:
    learner = store.create_learner("=Evil name")
    other = store.create_learner("Bob")
    sid = store.start_session(learner.id, BANK, "quiz")
    for n, (text, secs) in enumerate(zip(texts, seconds, strict=False)):
        store.record_answer(sid, BANK.questions[1], response=text, correct=n % 2 == 0,
                            credit=0.5, seconds=secs, now=T0 + timedelta(seconds=n),
                            shown=[text, "b"] if n % 3 == 0 else None)
        store.record_answer(sid, BANK.questions[0], response=[text, "b"], correct=False,
                            credit=0, seconds=secs, now=T0 + timedelta(seconds=n, minutes=1))
    store.finish_session(sid, 0.5)
    open_session = store.start_session(other.id, BANK, "practice")  # never finished
    taken_back = store.record_answer(open_session, BANK.questions[1], response="=oops",
                                     correct=False, credit=0, seconds=1, now=T0)
    store.retract_answer(taken_back.uuid, now=T0 + timedelta(seconds=5))  # an undo
    store.record_answer(open_session, BANK.questions[1], response=None, correct=False,
                        credit=0, seconds=1, now=T0)


def test_cells_equal_the_plain_reference(tmp_path):
    store = Store.open(tmp_path)
    try:
        _fill(store, TRICKY_TEXTS, SECONDS * 2)
        plain, cells = _both(store)
        assert plain == cells
        assert "'=Evil name" in cells and "'=bank" in cells and "'-typed" in cells
        assert "'=oops" in cells and "2026-02-01T09:30:05" in cells  # retracted, with its time
        assert plain.count("\r\n") > 2 * len(TRICKY_TEXTS)
        for where in ({"learner": "Bob"}, {"bank_id": "=bank"}, {"learner": "Nobody"}):
            assert _both(store, **where)[0] == _both(store, **where)[1]
    finally:
        store.close()


# Stored responses the store itself never writes (damage, other tools): JSON that does
# not parse, strings with escapes, raw control characters (json.loads refuses them), NULs
# (SQLite's JSON functions stop at one), a space or more after the string, formula
# starts plain and escaped, non-ASCII, an empty string and a lone quote.
ODD_STORED = ['"unterminated', "not json", '"=a"', "=1", "42", '"\\u003d1"', '"\\u002Bx"',
              '"\\t tab"', '"\\r"', '"\\u0040at"', '"\\"q"', '"\\u0000"', '"-"', "[1]",
              '"ab"\x00x"', '"a\x00b"', '\x00"x"', '"ab" ', '"a\tb"', '"\x7f\u00e9="', '""', '"',
              '"@\u00fc"', '"a"b"', '"\x1f"', "", '"+1"\n', '"\\\\"', '"\U0001f600"']


def test_stored_oddities_equal_the_plain_reference(tmp_path):
    """A response that is not JSON, or a JSON string that is damaged, is written as it is."""
    store = Store.open(tmp_path)
    try:
        _fill(store, ["a"] * 20, [1.0] * 20)
    finally:
        store.close()
    conn = sqlite3.connect(tmp_path / DB_NAME)
    with conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM answers ORDER BY id")]
        for answer_id, raw in zip(ids, ODD_STORED, strict=False):
            conn.execute("UPDATE answers SET response = ? WHERE id = ?", (raw, answer_id))
    conn.close()
    store = Store.open(tmp_path)
    try:
        plain, cells = _both(store)
        assert plain == cells and "'=a" in cells
    finally:
        store.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    texts=st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
                   min_size=1, max_size=6),
    seconds=st.lists(st.floats(min_value=0, max_value=86400, allow_nan=False), min_size=6,
                     max_size=6),
)
def test_cells_equal_the_plain_reference_for_any_text(tmp_path_factory, texts, seconds):
    store = Store.open(tmp_path_factory.mktemp("cells"))
    try:
        _fill(store, texts, seconds)
        plain, cells = _both(store)
        assert plain == cells
    finally:
        store.close()


def test_rounding_in_sqlite_equals_pythons_round():
    """_ROUND3_SQL against round(x, 3) on every thousandth and half-thousandth up to 60 s,
    random seconds up to a day, and the edges (zero, negatives, 1e9 and past)."""
    import math
    import random

    from quizapp.core.store.export import _ROUND3_SQL, _round3

    rng = random.Random(3)
    values = [k / 2000 for k in range(120_000)] + [rng.uniform(0, 86_400) for _ in range(50_000)]
    values += [0.0, -0.0, 1e-7, 0.0045, 0.0055, 2.0005, -1.2345, 999_999_999.9995, 1e12]
    # Near a half at every magnitude up to 1e9 s, where x * 1000 is least exact.
    for scale in (1, 10, 1e3, 1e5, 1e6, 1e7, 1e8, 1e9 - 1):
        for k in range(200):
            base = int(scale) + k / 1000 + 0.0005
            values += [base, math.nextafter(base, 0), math.nextafter(base, 2e9),
                       base + k * 1e-7, base - k * 1e-7, base + 1.1e-6, base - 1.1e-6]
    values += [1e-9, 1e9, math.nextafter(1e9, 2e9), 5e-324, 86_400, 3]  # ints become reals
    conn = sqlite3.connect(":memory:")
    conn.create_function("quizapp_round3", 1, _round3, deterministic=True)
    conn.execute("CREATE TABLE t (x REAL)")  # as answers.seconds: REAL
    conn.executemany("INSERT INTO t VALUES (?)", [(v,) for v in values])
    conn.executemany("INSERT INTO t VALUES (?)", [("soon",), (None,), ("",)])  # damaged rows
    rounded = conn.execute(f"SELECT x, {_ROUND3_SQL.format('x')} FROM t").fetchall()
    conn.close()
    assert [repr(r) for _, r in rounded] == [repr(_round3(x)) for x, _ in rounded]
    assert sum(isinstance(x, float) for x, _ in rounded) > 170_000


STORED_CHARACTERS = st.sampled_from(['"', "\\", "\x00", "\t", "\r", "\n", "\x1f", " ", "=", "+",
                                     "-", "@", "a", "\u00e9", "\x7f", "u", "0", "\U0001f600"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    stored=st.lists(
        st.one_of(
            st.text(STORED_CHARACTERS, max_size=8),
            st.text(STORED_CHARACTERS, max_size=8).map(lambda t: f'"{t}"'),
            st.text(st.characters(blacklist_categories=("Cs",)), max_size=8).map(
                lambda t: json.dumps(t, ensure_ascii=False)
            ),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_any_stored_response_equals_the_plain_reference(tmp_path_factory, stored):
    """Whatever text the response column holds, the cells equal the reference: the fast
    path (a JSON string with nothing escaped) and every way out of it."""
    folder = tmp_path_factory.mktemp("stored")
    store = Store.open(folder)
    try:
        _fill(store, ["a"] * len(stored), [1.0] * len(stored))
    finally:
        store.close()
    conn = sqlite3.connect(folder / DB_NAME)
    with conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM answers ORDER BY id")]
        for answer_id, raw in zip(ids, stored, strict=False):
            conn.execute("UPDATE answers SET response = ? WHERE id = ?", (raw, answer_id))
    conn.close()
    store = Store.open(folder)
    try:
        plain, cells = _both(store)
        assert plain == cells
    finally:
        store.close()
