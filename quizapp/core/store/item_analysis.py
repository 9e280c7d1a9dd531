"""Item analysis: facility and discrimination of each question over all learners (see
quizapp.core.stats, whose plain-Python item_analysis is the reference the tests compare
against). Sums are taken in SQL; the result is cached until the bank's answers change."""

from __future__ import annotations

import sqlite3

from quizapp.core.store.caches import StoreCaches
from quizapp.core.store.catalog import Catalog
from quizapp.core.store.catch_up import StatsCatchUp
from quizapp.core.store.connection import Database

TYPE_CHECKING = False  # typing itself costs 3 ms to import
if TYPE_CHECKING:
    from quizapp.core.model import Bank
    from quizapp.core.stats import ItemStat


class ItemAnalysis:
    def __init__(
        self, db: Database, catalog: Catalog, caches: StoreCaches, stats: StatsCatchUp
    ) -> None:
        self._db = db
        self._catalog = catalog
        self._caches = caches
        self._stats = stats

    def _rest_score_constants(self, bank_id: str, ids: frozenset[str] | None) -> list[tuple]:
        """(learner_id, a, b) with rest score y = a - b * x for each learner with 2+ questions.

        a = total / (seen - 1), b = 1 / (seen - 1), where total and seen count the
        learner's first attempts over the bank's current questions.
        """
        totals = {
            lid: [total, seen]
            for lid, total, seen in self._db.read(
                "SELECT q.learner_id, sum(q.first_correct), count(*)"
                " FROM bank_stats b CROSS JOIN question_stats q"
                " ON q.learner_id = b.learner_id AND q.bank_id = b.bank_id"
                " WHERE b.bank_id = ? GROUP BY q.learner_id",
                (bank_id,),
            )
        }
        if ids is not None:
            # Take back the questions no longer in the bank (usually none).
            answered = self._db.read(
                "SELECT question_id FROM question_stats INDEXED BY question_stats_by_question"
                " WHERE bank_id = ? GROUP BY question_id",
                (bank_id,),
            )
            removed = [r[0] for r in answered if r[0] not in ids]
            for start in range(0, len(removed), 500):
                chunk = removed[start : start + 500]
                for lid, total, seen in self._db.read(
                    "SELECT learner_id, sum(first_correct), count(*) FROM question_stats"
                    " INDEXED BY question_stats_by_question WHERE bank_id = ?"
                    f" AND question_id IN ({','.join('?' * len(chunk))}) GROUP BY learner_id",
                    (bank_id, *chunk),
                ):
                    totals[lid][0] -= total
                    totals[lid][1] -= seen
        return [
            (lid, total / (seen - 1), 1.0 / (seen - 1))
            for lid, (total, seen) in totals.items()
            if seen > 1
        ]

    def item_analysis(self, bank: Bank | str) -> list[ItemStat]:
        """Facility and discrimination per question over all learners (see stats.py).

        For a Bank: its current questions in bank order, unanswered ones included
        (with None values). The result is cached until an answer in this bank is
        recorded or a learner of it is deleted (the teacher screen re-shows at once).
        """
        bank_id, current = self._catalog.current(bank)
        self._stats.fresh()  # the state below and every query of _item_analysis
        state = (
            self._caches.synced[bank_id][1] if current else None,
            tuple(
                self._db.read(
                    "SELECT b.learner_id, l.created, b.answers FROM bank_stats b"
                    " JOIN learners l ON l.id = b.learner_id WHERE b.bank_id = ?"
                    " ORDER BY b.learner_id",
                    (bank_id,),
                )
            ),
        )
        # The Bank object too: an edited question (a new Bank, the same ids and tags) may
        # split its answers by version.
        analysed = bank if current and not isinstance(bank, str) else None
        cached = self._caches.item_cache.get(bank_id)
        if cached is not None and cached[0] is analysed and cached[1] == state:
            return list(cached[2])
        items = self._item_analysis(bank)
        self._caches.item_cache[bank_id] = (analysed, state, tuple(items))
        return items

    def _item_analysis(self, bank: Bank | str) -> list[ItemStat]:
        """Facility and discrimination per question over all learners (see stats.py).

        For a Bank: its current questions in bank order, unanswered ones included
        (with None values). Sums are taken in SQL; stats.item_analysis is the
        plain-Python reference the tests compare against.
        """
        from itertools import starmap
        from operator import itemgetter

        from quizapp.core.stats import ItemStat, correlation

        bank_id, current = self._catalog.current(bank)
        ids = self._caches.current_ids(bank) if current and not isinstance(bank, str) else None
        # Rows grouped by question straight from the covering index (no sort, no lookups).
        index = " FROM question_stats q INDEXED BY question_stats_by_question WHERE q.bank_id = ?"
        learners = self._db.value("SELECT count(*) FROM bank_stats WHERE bank_id = ?", (bank_id,))
        found: dict[str, ItemStat] = {}
        if learners < 3:
            # Too few learners to correlate anything: facility only. SQLite divides (as
            # Python would, in doubles) and the rows become ItemStats by map(), with no
            # Python loop per question.
            if learners == 1:
                # One learner (a self-tester's computer): their rows are the totals, read
                # by primary key in question order; grouping 10,000 one-row groups cost
                # as much again.
                rows = self._db.read(
                    "SELECT q.question_id, 1, q.answers, q.first_correct * 1.0,"
                    " CASE WHEN q.answers THEN q.correct * 1.0 / q.answers END, NULL"
                    " FROM bank_stats b JOIN question_stats q"
                    " ON q.learner_id = b.learner_id AND q.bank_id = b.bank_id"
                    " WHERE b.bank_id = ?",
                    (bank_id,),
                )
            else:
                rows = self._db.read(
                    "SELECT q.question_id, count(*), sum(q.answers),"
                    " sum(q.first_correct) * 1.0 / count(*),"
                    " CASE WHEN sum(q.answers) THEN sum(q.correct) * 1.0 / sum(q.answers) END,"
                    " NULL" + index + " GROUP BY q.question_id",
                    (bank_id,),
                )
            found = dict(zip(map(itemgetter(0), rows), starmap(ItemStat, rows), strict=True))
            if ids is not None and not ids.issuperset(found):
                found = {qid: item for qid, item in found.items() if qid in ids}
        else:
            usable = self._rest_score_constants(bank_id, ids)
            # y = a - b * x is the learner's first-attempt score on the rest of the bank.
            # The constants go to a connection-private temp table: a primary-key probe
            # per row (a VALUES list would be scanned for every row).
            with self._db.lock:
                conn = self._db.live()
                try:
                    conn.execute(
                        "CREATE TEMP TABLE IF NOT EXISTS item_learners"
                        " (learner_id INTEGER PRIMARY KEY, a REAL NOT NULL, b REAL NOT NULL)"
                    )
                    conn.execute("DELETE FROM temp.item_learners")
                    conn.executemany("INSERT INTO temp.item_learners VALUES (?, ?, ?)", usable)
                    rows = conn.execute(
                        "SELECT q.question_id, count(*), sum(q.answers), sum(q.correct),"
                        " sum(q.first_correct), count(k.learner_id),"
                        " sum(CASE WHEN k.learner_id IS NOT NULL THEN q.first_correct END),"
                        " sum(k.a - k.b * q.first_correct), sum(q.first_correct * (k.a - k.b)),"
                        " sum((k.a - k.b * q.first_correct) * (k.a - k.b * q.first_correct))"
                        " FROM question_stats q INDEXED BY question_stats_by_question"
                        " LEFT JOIN temp.item_learners k ON k.learner_id = q.learner_id"
                        " WHERE q.bank_id = ? GROUP BY q.question_id",
                        (bank_id,),
                    ).fetchall()
                except sqlite3.Error as exc:
                    raise self._db.failure(exc) from exc
            for qid, n, answers, right, firsts, m, sx, sy, sxy, syy in rows:
                if ids is not None and qid not in ids:
                    continue
                found[qid] = ItemStat(
                    question_id=qid,
                    learners=n,
                    answers=answers,
                    facility=firsts / n,
                    facility_overall=right / answers if answers else None,
                    discrimination=correlation(
                        m, sx or 0, sx or 0, sy or 0.0, sxy or 0.0, syy or 0.0
                    ),
                )
        if ids is None or isinstance(bank, str):  # not current: the whole history
            return [found[q] for q in sorted(found)]
        from quizapp.core.store.item_versions import split_versions

        split_versions(
            self._db, bank_id, bank, found,
            lambda: self._rest_score_constants(bank_id, ids) if learners >= 3 else [],
        )
        order = [q.id for q in bank.questions]
        if len(found) == len(ids):  # every current question answered: no gaps to fill
            return list(map(found.__getitem__, order))
        return [found.get(q) or ItemStat(q, 0, 0, None, None, None) for q in order]

