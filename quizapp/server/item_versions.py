"""The class item analysis of a question changed after learners answered it: its numbers
over the answers to the question as the teacher's bank has it now, the others counted
apart (ItemStat.earlier_answers), as the local store does (core/store/item_versions.py).

The server counts each learner's tries per question and bank text (schema 11:
quizapp.learner_question_versions, by the sha256 of the text each answer's session was
in). A text's questions are versioned here (core.question_version) from the text the
server keeps (quizapp.banks: those published to the teacher's classes, or by them). A
text the server does not have (a bank never published: the bundled one, a learner's own),
or an answer whose session is not there, counts as the question as it is now: nothing
tells it apart, and the numbers stay those of every answer, as before schema 11.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from quizapp.core.model import Bank
from quizapp.core.stats import ItemStat, point_biserial

# Each bank text's question versions ({question id: version}; None: not readable here), by
# its sha256: a text never changes under its hash, so each is read and parsed once.
_TEXT_VERSIONS: dict[str, dict[str, str] | None] = {}
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
    if len(_TEXT_VERSIONS) >= _TEXT_CACHE_SIZE:
        _TEXT_VERSIONS.clear()
    _TEXT_VERSIONS[content_hash] = versions
    return versions


def split_versions(conn, bank: Bank, question_ids: Sequence[str],
                   found: list[ItemStat]) -> list[ItemStat]:
    """`found` (every answer's numbers, in question order) with each question answered in
    another version than `bank`'s now counted over its current version's answers."""
    from quizapp.core.question_version import question_version

    rows = conn.execute(
        "SELECT learner, question_id, content_hash, answers, correct, first_answered,"
        " first_correct FROM quizapp.learner_question_versions WHERE bank_id = %s",
        (bank.id,),
    ).fetchall()
    current = {q.id: question_version(q) for q in bank.questions}
    texts: dict[str, dict[str, str] | None] = {}

    def is_current(qid: str, content_hash: str) -> bool:
        if not content_hash or content_hash == bank.content_hash:
            return True
        if content_hash not in texts:
            texts[content_hash] = _text_versions(conn, content_hash)
        versions = texts[content_hash]
        return versions is None or versions.get(qid) == current.get(qid)

    changed = {qid for _l, qid, text, *_rest in rows
               if qid in current and not is_current(qid, text)}
    if not changed:
        return found
    # Per learner, over every question of the bank: the first try over every version
    # (their rest score, as the local store's), and per changed question the current
    # version's rows.
    wanted = set(question_ids)
    first_any: dict[tuple[str, str], tuple[str, bool]] = {}
    now: dict[str, dict[str, list]] = {qid: {} for qid in changed}
    for learner, qid, text, answers, right, first_at, first_right in rows:
        if qid not in wanted:
            continue
        key = (learner, qid)
        if key not in first_any or first_at < first_any[key][0]:
            first_any[key] = (first_at, first_right)
        if qid in changed and is_current(qid, text):
            mine = now[qid].setdefault(learner, [0, 0, first_at, first_right])
            if mine[0] and first_at < mine[2]:
                mine[2:] = [first_at, first_right]
            mine[0] += answers
            mine[1] += right
    totals: dict[str, list[int]] = {}
    for (learner, _qid), (_at, right) in first_any.items():
        t = totals.setdefault(learner, [0, 0])
        t[0] += int(right)
        t[1] += 1
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
        for learner, (_n, _right, _at, first) in learners.items():
            right_all, seen = totals[learner]
            if seen > 1:
                items.append(int(first))
                rests.append((right_all - int(first_any[(learner, qid)][1])) / (seen - 1))
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
