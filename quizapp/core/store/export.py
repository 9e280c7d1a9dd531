"""Export: every recorded answer as rows, records or the cells of `quizapp results`' CSV,
streamed in batches so that a million answers never sit in memory at once."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from itertools import chain

from quizapp.core.store.connection import Database
from quizapp.core.store.values import _dt

TYPE_CHECKING = False  # typing itself costs 3 ms to import
if TYPE_CHECKING:
    from collections.abc import Iterator

    from quizapp.core.stats import ExportRow


def _spreadsheet_safe_sql(column: str) -> str:
    """SQL for csv_cells.spreadsheet_safe(column) on a text column: a leading quote
    before a text that starts with one of FORMULA_STARTS (= + - @ tab CR). All six are
    below "A" (65): a text starting with a letter, as most do, skips the list."""
    return f"CASE WHEN unicode({column}) < 65 AND unicode({column}) IN (61, 43, 45, 64, 9, 13)" \
        f" THEN '''' || {column} ELSE {column} END"


def _json_string_text(value):
    """A stored JSON string as its text (anything else as it is), as Python reads it,
    made safe for a spreadsheet (csv_cells.spreadsheet_safe)."""
    import json

    from quizapp.core.csv_cells import spreadsheet_safe

    try:
        text = json.loads(value)
    except (TypeError, ValueError):
        return spreadsheet_safe(value)
    return spreadsheet_safe(text if isinstance(text, str) else value)


def _round3(value):
    """Seconds to the millisecond, as Python rounds; anything but a number as it is."""
    return round(value, 3) if isinstance(value, float | int) else value


# round(x, 3) as Python does it: the double nearest to x's correctly rounded thousandths.
# Away from a half, those thousandths are CAST(x * 1000 + 0.5 AS INTEGER) and dividing
# them by 1000.0 gives that nearest double (IEEE division is correctly rounded). "Away"
# is tested on the nanoseconds, CAST(x * 1e9 AS INTEGER) % 1000000: outside 499,000 to
# 501,000, x * 1000 is more than 1e-3 from a half, far more than the error of x * 1000 or
# x * 1e9 below 1e9 seconds (each under 1e-4 ms): a multiplication, a cast and a modulo where
# abs(x * 1000 - CAST(x * 1000 AS INTEGER) - 0.5) > 1e-6 took twice the instructions.
# seconds is a REAL column, so SQLite hands over a real, a text or NULL, never an integer:
# BETWEEN leaves texts (above any number), NULL, negatives, zero and 1e9 and more to Python
# (quizapp_round3, 1.5 us), with the 0.2% of values near a half. SQLite's round() prints
# and reads back the number, and rounds its decimal digits, not the double.
_ROUND3_SQL = (
    "CASE WHEN {0} BETWEEN 1e-9 AND 1e9"
    " AND CAST({0} * 1e9 AS INTEGER) % 1000000 NOT BETWEEN 499000 AND 501000"
    " THEN CAST({0} * 1000 + 0.5 AS INTEGER) / 1000.0 ELSE quizapp_round3({0}) END"
)


_BATCH_ROWS = 2000


class Export:
    def __init__(self, db: Database) -> None:
        self._db = db

    def export_rows(
        self, learner: int | str | None = None, bank_id: str | None = None
    ) -> Iterator[ExportRow]:
        """Every recorded answer (optionally of one learner, by id or name, and bank)."""
        import json

        from quizapp.core.stats import ExportRow

        for r in self.export_records(learner, bank_id):
            yield self._export_row(r, json.loads, ExportRow)

    def export_records(
        self, learner: int | str | None = None, bank_id: str | None = None
    ) -> Iterator[tuple]:
        """export_rows as plain tuples in EXPORT_FIELDS order, streamed, for speed:
        response is its stored JSON text, correct 0/1, times ISO 8601 UTC text; the
        session's score and finish time are None while it is not finished, and its score
        is None for a session that is not an attempt (abandoned, flashcards); shown is
        the stored JSON text of the options in the order shown, or None; retracted is
        when the learner took the answer back (ISO 8601 UTC text), or None."""
        return self._export_stream(
            "a.uuid, l.name, s.bank_id, s.id, s.mode, a.question_id, a.response,"
            " a.correct, a.credit, a.seconds, a.answered, s.score, s.started, s.finished,"
            " s.outcome, a.shown, r.retracted",
            learner,
            bank_id,
        )

    def export_cells(
        self, learner: int | str | None = None, bank_id: str | None = None
    ) -> Iterator[tuple]:
        """export_records as the cells of `quizapp results`' CSV, made by SQLite so that
        csv.writer.writerows writes them without a Python step per row (1.8x a plain csv
        dump before): a text a spreadsheet would run as a formula gets a leading quote
        (core/csv_cells.py's rule), a typed answer stored as a JSON string is its text,
        correct is true/false, seconds are rounded to milliseconds (by Python's round()),
        a missing value is None (an empty cell)."""
        with self._db.lock:
            conn = self._db.live()
            conn.create_function("quizapp_round3", 1, _round3, deterministic=True)
            conn.create_function("quizapp_json_text", 1, _json_string_text, deterministic=True)
        safe = _spreadsheet_safe_sql
        # A typed answer is stored as a JSON string, mostly with nothing escaped in it:
        # then its text is the stored text without its two quotes (`middle`), and
        # json_quote(middle) gives the stored text back, byte for byte. That is the fast
        # path's test: whenever it holds, json.loads(stored) == middle, whatever is stored
        # (an escape, a control character, a NUL, a quote inside, a space after the string
        # or damaged text all make it fail). `middle` is cut from the bytes (a BLOB's
        # substr counts bytes, a text's counts characters from its start), and json_quote
        # and = go by bytes, NULs included. It takes the place of json_valid and
        # json_extract on those rows.
        middle = (
            "CAST(substr(CAST(a.response AS BLOB), 2, length(CAST(a.response AS BLOB)) - 2)"
            " AS TEXT)"
        )
        # On the fast path nothing is escaped, so the text's first character is the stored
        # text's second: a formula start (= + - @; a tab or CR would be escaped) is below
        # "A", and one comparison of texts rules out most rows.
        fast = (
            f"WHEN json_quote({middle}) = a.response THEN"
            " CASE WHEN a.response < '\"A'"
            " AND unicode(substr(a.response, 2, 1)) IN (61, 43, 45, 64)"
            f" THEN '''' || {middle} ELSE {middle} END"
        )
        # The other JSON strings (escapes): the text's first character, written plainly or
        # as a JSON escape, says whether it starts like a formula, so json_extract runs
        # once a row; the escapes are compared only after a backslash (92).
        formula_start = (
            "CASE unicode(substr(a.response, 2))"
            " WHEN 61 THEN 1 WHEN 43 THEN 1 WHEN 45 THEN 1 WHEN 64 THEN 1"
            " WHEN 92 THEN substr(a.response, 2, 2) IN ('\\t', '\\r')"
            " OR lower(substr(a.response, 2, 6))"
            " IN ('\\u0009', '\\u000d', '\\u003d', '\\u002b', '\\u002d', '\\u0040')"
            " ELSE 0 END"
        )
        # SQLite's JSON functions read a text up to its first NUL: a NUL, stored raw or as
        # \u0000, sends the row to Python. unicode() is NULL for an empty text and for one
        # starting with a NUL: those go on to the tests below, and to Python.
        response = (
            f"CASE WHEN unicode(a.response) <> 34 THEN {safe('a.response')} {fast}"
            " WHEN instr(a.response, char(0)) = 0 AND instr(a.response, '\\u0000') = 0"
            " AND json_valid(a.response) THEN"
            f" CASE WHEN {formula_start} THEN '''' || json_extract(a.response, '$')"
            " ELSE json_extract(a.response, '$') END"
            " ELSE quizapp_json_text(a.response) END"
        )
        return self._export_stream(
            ", ".join(
                (
                    # Only the texts people type can start like a formula: the store
                    # writes the others (ids, modes, times, numbers, JSON lists) itself.
                    "a.uuid", safe("l.name"), safe("s.bank_id"), "s.id", "s.mode",
                    safe("a.question_id"), response,
                    "CASE WHEN a.correct THEN 'true' ELSE 'false' END", "a.credit",
                    _ROUND3_SQL.format("a.seconds"), "a.answered", "s.score", "s.started",
                    "s.finished", "s.outcome", "a.shown", "r.retracted",
                )
            ),
            learner,
            bank_id,
        )

    def _export_stream(
        self, columns: str, learner: int | str | None, bank_id: str | None
    ) -> Iterator[tuple]:
        sql = (
            f"SELECT {columns} FROM answers a"
            " JOIN sessions s ON s.id = a.session_id JOIN learners l ON l.id = s.learner_id"
            " LEFT JOIN retractions r ON r.answer_uuid = a.uuid"
        )
        where: list[str] = []
        params: list[object] = []
        if isinstance(learner, int):
            where.append("s.learner_id = ?")
            params.append(learner)
        elif learner is not None:
            where.append("l.name = ?")
            params.append(" ".join(str(learner).split()))
        if bank_id is not None:
            where.append("s.bank_id = ?")
            params.append(bank_id)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.id"
        # Rows are handed on a batch at a time by chain (in C), not by a generator's
        # `yield from` (a Python step per row, 4% of `quizapp results`).
        return chain.from_iterable(self._batches(sql, params))

    def _batches(self, sql: str, params: list[object]) -> Iterator[list[tuple]]:
        """The rows of `sql` in batches of _BATCH_ROWS, each fetched under the lock; the query
        runs when the first batch is asked for (a failure is a StoreError there)."""
        with self._db.lock:
            conn = self._db.live()
            try:
                cursor = conn.execute(sql, params)
            except sqlite3.Error as exc:
                raise self._db.failure(exc) from exc
        while True:
            with self._db.lock:
                try:
                    rows = cursor.fetchmany(_BATCH_ROWS)
                except sqlite3.Error as exc:
                    raise self._db.failure(exc) from exc
            if not rows:
                return
            yield rows

    @staticmethod
    def _export_row(r: tuple, loads, export_row) -> ExportRow:
        try:
            response = loads(r[6])
        except ValueError:
            response = r[6]
        return export_row(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            response,
            bool(r[7]),
            r[8],
            r[9],
            datetime.fromisoformat(r[10]),
            r[11],
            _dt(r[12]),
            _dt(r[13]),
            r[14],
            None if r[15] is None else loads(r[15]),
            _dt(r[16]),
        )
