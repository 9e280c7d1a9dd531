"""Pull a learner's own rows that other computers pushed from the class server, by commit
and in pieces that resume (see pull); Store.import_pulled replays the cards they touch."""

from __future__ import annotations

import json
import weakref

from quizapp.core.sync_batch import SyncBatch
from quizapp.server.logs import _BATCH_FIELD, _COLUMNS, _has_column, _logs, _origin
from quizapp.server.schema_steps_13 import taken_text
from quizapp.server.sync_result import SyncResult

# Connections to a server whose logs record each row's transaction (schema version 6).
_BY_COMMIT: weakref.WeakSet = weakref.WeakSet()


def _pulls_by_commit(conn) -> bool:
    """Whether this server's rows carry their push's transaction id (schema 6 on); an
    older one is pulled by seq, as before."""
    if conn in _BY_COMMIT:
        return True
    if conn.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'quizapp.answers'::regclass"
        " AND attname = 'txid' AND NOT attisdropped)"
    ).fetchone()[0]:
        _BY_COMMIT.add(conn)
        return True
    return False


# Connections to a server that keeps the time it took each row (schema version 15).
_TAKES_TIME: weakref.WeakSet = weakref.WeakSet()
# The columns of the logs that hold a time of the computer that recorded the row.
_TIME_COLUMNS = frozenset({"started", "finished", "answered", "shown", "reviewed",
                           "retracted", "changed"})
_TAKEN_TEXT = taken_text()


def _keeps_taken(conn) -> bool:
    """Whether this server keeps when it took each row (schema 15 on)."""
    if conn in _TAKES_TIME:
        return True
    if _has_column(conn, "answers", "taken"):
        _TAKES_TIME.add(conn)
        return True
    return False


def _pulled_value(column: str, taken: bool) -> str:
    """How a column is read for a pull: a uuid as text; a time as the computer gave it,
    but no later than the server took its row (`taken`), so that a computer whose clock
    was ahead does not date its attempts and reviews in the future on the learner's other
    computers (there its attempt stayed "Last", and its reviews were replayed after the
    ones given since, until that date came). A NULL time stays NULL. Compared by their
    characters (COLLATE "C", as count_answers' min and max): in a database of ICU's or a
    language's collation "10:00:00+00:00" sorted after "10:00:00.500000+00:00"."""
    if column in _UUID_COLUMNS:
        return f"{column}::text"
    if taken and column in _TIME_COLUMNS:
        return (f'CASE WHEN {column} COLLATE "C" > {_TAKEN_TEXT} THEN {_TAKEN_TEXT}'
                f" ELSE {column} END")
    return column


def _snapshot_parts(snapshot: str) -> tuple[int, list[int]]:
    """(xmin, in-progress xids) of a pg_snapshot's text 'xmin:xmax:xip,…'."""
    xmin, _xmax, xip = snapshot.split(":")
    return int(xmin), [int(x) for x in xip.split(",") if x]


# Rows read from the server and imported here per piece (one local transaction each).
PULL_PIECE_ROWS = 5000
_UUID_COLUMNS = {"uuid", "session_uuid", "answer_uuid"}


def pull(store, learner_id: int, conn,
         touched: dict[int, frozenset[str] | None] | None = None,
         piece_rows: int | None = None, result: SyncResult | None = None) -> int:
    """Import this learner's rows pushed by other computers; the answers new here. As
    each piece is imported, `touched` (when given) maps the learner to the banks its rows
    are of (SyncBatch.bank_ids), joined with any banks recorded there before; `result`
    (when given) counts the answers new here (pulled) and the undos applied here
    (retractions_pulled), those of the pieces imported before a failure too.

    Safe by commit, not by insert: `seq` is drawn at INSERT, so a push that commits after
    a later one would land below the mark (two of the learner's computers pushing at
    once). On a server of schema 6 on, a pull takes the rows its last pull's snapshot
    (`seen`) did not see (their push's transaction was running, or came later), as of a
    snapshot of its own taken first, which it keeps for the next once it has them all.

    Resumable: the rows come in pieces of `piece_rows`, each log in seq order (sessions,
    their ends, answers, reviews, retractions: each piece's sessions or answers are here
    before what names them), each piece imported in one local transaction with the marks
    it justifies, so a pull cut off keeps what it imported and the next goes on. The
    marks (setting `sync.<learner>.pulled`) keep, per log, `seq`, and `snapshot`: every
    row of a log with seq <= its mark that `snapshot` sees is here (a row without txid,
    from before schema 6, or one restored with a txid beyond this server's, counts by seq
    alone). A pull under way keeps `pulling`: its snapshot P and, per log, the seq up to
    which the rows it takes (those past the marks, or unseen, that P sees) are here. A
    pull resumed takes the rest of what P sees (visibility in P is read from each row's
    txid: pg_visible_in_snapshot), then the marks move (to the highest seq it took, and
    P), and a pull of what came since follows. A new computer (no snapshot yet) takes
    every row the marks do not cover the same way. A row seen twice is skipped by its
    uuid here."""
    key = f"sync.{int(learner_id)}.pulled"
    importer = store.pulling(learner_id)
    limit = int(piece_rows or PULL_PIECE_ROWS)
    try:
        if not _pulls_by_commit(conn):
            return _pull_pass(store, importer, conn, key, None, limit, learner_id, touched)
        new = 0
        if "pulling" in json.loads(store.get_setting(key) or "{}"):  # finish what it began
            new += _pull_pass(store, importer, conn, key, None, limit, learner_id, touched)
        snapshot = conn.execute("SELECT pg_current_snapshot()::text").fetchone()[0]
        return new + _pull_pass(store, importer, conn, key, snapshot, limit, learner_id,
                                touched)
    finally:
        # The pieces imported count even when a later one fails.
        if result is not None:
            result.pulled += importer.added
            result.retractions_pulled += importer.taken_back
            result.cards_suspended_or_back += importer.cards_suspended_or_back


def _pull_pass(store, importer, conn, key: str, snapshot: str | None, limit: int,
               learner_id: int, touched: dict[int, frozenset[str] | None] | None) -> int:
    """Pull, piece by piece, the rows the marks do not cover that `snapshot` sees (None:
    the snapshot of the pull under way, or by seq alone on a server before schema 6)."""
    marks = json.loads(store.get_setting(key) or "{}")
    origin = _origin(store)
    by_commit = _pulls_by_commit(conn)
    pulling = dict(marks.pop("pulling", {}))
    if by_commit:
        snapshot = snapshot or str(pulling["snapshot"])
        if pulling.get("snapshot") != snapshot:
            pulling = {"snapshot": snapshot}  # a new pass: nothing of it here yet
    seen = marks.get("snapshot") if by_commit else None
    new = 0
    pulled_any = False
    for table, columns, _types in _logs(conn):
        mark = marks.get(table, 0)
        # The rows to take, as conditions that exclude each other (each read through an
        # index of its own: one OR would make the server read every row of the learner).
        parts: list[tuple[str, tuple]]
        if not by_commit:
            parts = [("seq > %s", (mark,))]
        elif seen is None:
            # First pull by commit (a new computer, or one that pulled by seq before
            # its server took schema 6): the old rows past the mark, and every row
            # pushed since schema 6 (those already here are skipped).
            parts = [("(seq > %s OR txid IS NOT NULL)", (mark,))]
        else:
            # A txid beyond the snapshot's xmax is no transaction of this server: a
            # row restored from a dump of a cluster whose counter was ahead (a new
            # cluster, a major upgrade by dump). Such rows count by seq alone, or every
            # pull would read them again until the counter caught up.
            parts = [("seq > %s", (mark,)),
                     ("seq <= %s AND txid >= %s::xid8"
                      " AND txid < pg_snapshot_xmax(%s::pg_snapshot)"
                      " AND NOT pg_visible_in_snapshot(txid, %s::pg_snapshot)",
                      (mark, str(_snapshot_parts(seen)[0]), snapshot, seen))]
        if by_commit:
            # What the pass's snapshot sees (each piece is read in a transaction of its
            # own, later); rows without txid, or beyond the server's counter, by seq.
            parts = [(where + " AND (txid IS NULL"
                      " OR pg_visible_in_snapshot(txid, %s::pg_snapshot)"
                      " OR txid >= pg_snapshot_xmax(pg_current_snapshot()))",
                      (*params, snapshot)) for where, params in parts]
        after = pulling.get(table, 0) if by_commit else marks.get(table, 0)
        while True:
            # Past the mark, only the first part can hold rows (the others are at or
            # below it): a long pull reads no more than its pieces.
            rows = _fetch_piece(conn, table, columns, parts if after < mark else parts[:1],
                                after, origin, limit)
            if not rows:
                break
            pulled_any = True
            after = rows[-1][0]
            if by_commit:
                pulling[table] = after
                state = {**marks, "pulling": pulling}
            else:
                marks[table] = after
                state = marks
            batch = SyncBatch()
            missing = (None,) * (len(_COLUMNS[table]) - len(columns))
            setattr(batch, _BATCH_FIELD[table], [r[1:] + missing for r in rows])
            new += importer.piece(batch, {key: json.dumps(state)})
            if touched is not None:
                banks, before = batch.bank_ids(), touched.get(learner_id, frozenset())
                touched[learner_id] = (None if banks is None or before is None
                                       else banks | before)
            if len(rows) < limit:
                break
    if snapshot is not None:
        for table, top in pulling.items():
            if table != "snapshot":
                marks[table] = max(marks.get(table, 0), top)
        if (pulled_any or seen is None or "pulling" in json.loads(store.get_setting(key) or "{}")
                or _snapshot_parts(snapshot) != _snapshot_parts(seen)):
            # Kept when nothing came and no transaction ended below its horizon: an idle
            # sync writes nothing here (an older snapshot sees less, so it stays safe).
            marks["snapshot"] = snapshot
            store.set_setting(key, json.dumps(marks))
    return new


def _fetch_piece(conn, table: str, columns: tuple, parts: list[tuple[str, tuple]],
                 after: int, origin: str | None, limit: int) -> list[tuple]:
    """The learner's rows of `table` matching one of `parts` (conditions with their
    parameters) with seq > `after`, not pushed from `origin` (this computer), the first
    `limit` of them by seq: (seq, *columns), uuids as text.

    Read as one JSON array (json.loads reads it in C): psycopg without its C extension
    (pip's plain `psycopg`) converts each value of a fetchall() in Python through ctypes,
    most of a long pull's time (100,000 answers and reviews: 7.2 s of 13.4 s); COPY
    hands over one message per row, nearly as slow."""
    taken = _keeps_taken(conn)
    chosen = ", ".join(_pulled_value(c, taken) for c in columns)
    each = (f"(SELECT * FROM quizapp.{table} WHERE learner = current_user AND {{}}"
            " AND seq > %s AND origin IS DISTINCT FROM %s{})")
    # The first part in seq order, the first `limit` of it (an index range on
    # (learner, seq) from `after`, stopping there); the others (the rows an earlier
    # snapshot did not see: few) unordered, so that the server finds them by txid
    # rather than read the learner's rows in seq order for them (an idle sync at 20,000
    # answers: 4 ms a log that way).
    text = conn.execute(
        f"SELECT json_agg(json_build_array(seq, {chosen}) ORDER BY seq)::text FROM"
        " (SELECT * FROM ("
        + " UNION ALL ".join(each.format(where, f" ORDER BY seq LIMIT {int(limit)}" if k == 0
                                         else "") for k, (where, _) in enumerate(parts))
        + f") AS parts ORDER BY seq LIMIT {int(limit)}) AS piece",
        tuple(p for _where, params in parts for p in (*params, after, origin)),
        # Planned for its values each time: a prepared statement's generic plan, blind to
        # the txid range, reads the learner's rows in seq order for the unseen ones.
        prepare=False,
    ).fetchone()[0]
    return [tuple(row) for row in json.loads(text)] if text else []


