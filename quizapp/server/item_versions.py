"""The class item analysis of a question changed after learners answered it: its numbers
over the answers to the question as the teacher's bank has it now, the others counted
apart (ItemStat.earlier_answers), as the local store does (core/store/item_versions.py).

The server counts each learner's tries per question, bank text (schema 11:
quizapp.learner_question_versions, by the sha256 of the text each answer's session was
in) and, from schema 13, the question's version each answer was given to (the store's
answers.version, pushed with the answer). An answer's own version tells; without one (sent
by an earlier quizapp, or recorded before the store's schema 12) its text's questions are
versioned here (core.question_version) from the text the server keeps (quizapp.banks:
those ever given to the teacher's classes, or theirs). An answer neither tells (no version,
a text the server does not have: a bank never published) counts as the question as it is
now while no answer is known to another version of it, and apart once one is, as the local
store counts its answers without a version.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from quizapp.core.model import Bank
from quizapp.core.stats import ItemStat, first_try_totals, point_biserial
from quizapp.server.logs import _answer_versions

# Each bank text's question versions ({question id: version}), by its sha256: a text never
# changes under its hash, so each is read and parsed once.
_TEXT_VERSIONS: dict[str, dict[str, str]] = {}
_TEXT_CACHE_SIZE = 64


def has_versions(conn) -> bool:
    """Whether the server counts tries per bank text (schema 11)."""
    return bool(conn.execute(
        "SELECT to_regclass('quizapp.learner_question_versions') IS NOT NULL").fetchone()[0])


def _text_versions(conn, content_hash: str) -> dict[str, str] | None:
    """The question versions of a bank text on the server, by question id; None when the
    server has no such text for this person, or it no longer reads as a bank."""
    if content_hash in _TEXT_VERSIONS:
        return _TEXT_VERSIONS[content_hash]
    from quizapp.core.loader import load_bank_text
    from quizapp.core.question_version import question_version

    row = conn.execute("SELECT yaml FROM quizapp.banks WHERE content_hash = %s",
                       (content_hash,)).fetchone()
    versions = None
    if row is not None:
        bank = load_bank_text(row[0]).bank
        if bank is not None:
            versions = {q.id: question_version(q) for q in bank.questions}
    if versions is not None:  # one not readable now may be once published
        if len(_TEXT_VERSIONS) >= _TEXT_CACHE_SIZE:
            _TEXT_VERSIONS.clear()
        _TEXT_VERSIONS[content_hash] = versions
    return versions


def split_versions(conn, bank: Bank, question_ids: Sequence[str], found: list[ItemStat],
                   first: dict[str, dict[str, int]]) -> list[ItemStat]:
    """`found` (every answer's numbers, in question order) with each question answered in
    another version than `bank`'s now counted over its current version's answers. first:
    each question's learners' first try over every version (1 right, 0 wrong), which
    gives their rest scores, as the local store's. Usually no question changed: one read
    of the bank's (question, text) pairs, a few rows."""
    from quizapp.core.question_version import question_version

    current = {q.id: question_version(q) for q in bank.questions}
    texts: dict[str, dict[str, str] | None] = {}

    def known_current(qid: str, content_hash: str, version: str) -> bool | None:
        """Whether answers to `qid` of this version, or in this bank text, are to its
        version now; None when nothing says (no version, a text the server lacks)."""
        if version:  # the answer's own (server schema 13)
            return version == current.get(qid)
        if content_hash == bank.content_hash:
            return True
        if content_hash and content_hash not in texts:
            texts[content_hash] = _text_versions(conn, content_hash)
        versions = texts.get(content_hash) if content_hash else None
        return None if versions is None else versions.get(qid) == current.get(qid)

    # The answer's own version, on a server that keeps it (schema 13).
    version = "version" if _answer_versions(conn) else "''"
    pairs = conn.execute(
        f"SELECT DISTINCT question_id, content_hash, {version}"
        " FROM quizapp.learner_question_versions WHERE bank_id = %s", (bank.id,)).fetchall()
    changed = {qid for qid, text, v in pairs
               if qid in current and qid in first and known_current(qid, text, v) is False}
    if not changed:
        return found
    # Per changed question and learner, the current version's answers, right ones and
    # first try (the earliest over the texts holding that version). An answer nothing
    # tells the version of (from an earlier quizapp, in a bank the server does not have)
    # is counted apart, as the local store counts its own without a version once the
    # question has answers to another version (core/store/item_versions.py).
    now: dict[str, dict[str, list]] = {qid: {} for qid in changed}
    for learner, qid, text, v, answers, right, first_at, first_right in conn.execute(
        f"SELECT learner, question_id, content_hash, {version}, answers, correct,"
        " first_answered, first_correct FROM quizapp.learner_question_versions"
        " WHERE bank_id = %s AND question_id = ANY(%s)", (bank.id, sorted(changed)),
    ):
        if not known_current(qid, text, v):
            continue
        mine = now[qid].setdefault(learner, [0, 0, first_at, first_right])
        if mine[0] and first_at < mine[2]:
            mine[2:] = [first_at, first_right]
        mine[0] += answers
        mine[1] += right
    totals = first_try_totals(first, question_ids)  # as stats.item_analysis sets them
    out = []
    for item in found:
        qid = item.question_id
        if qid not in changed:
            out.append(item)
            continue
        learners = now[qid]
        answers_now = sum(m[0] for m in learners.values())
        right_now = sum(m[1] for m in learners.values())
        firsts = sum(int(m[3]) for m in learners.values())
        items: list[int] = []
        rests: list[float] = []
        for learner, (_n, _right, _at, first_now) in learners.items():
            # A push between the two reads (each its own transaction) may bring a learner
            # not in `first` yet: counted, but with no rest score this time.
            right_all, seen = totals.get(learner, (0, 0))
            if seen > 1 and learner in first[qid]:
                items.append(int(first_now))
                # The rest of the bank without this question's first try (any version).
                rests.append((right_all - first[qid][learner]) / (seen - 1))
        n = len(learners)
        out.append(replace(
            item,
            learners=n,
            answers=answers_now,
            facility=firsts / n if n else None,
            facility_overall=right_now / answers_now if answers_now else None,
            discrimination=point_biserial(items, rests),
            earlier_answers=item.answers - answers_now,
        ))
    return out
