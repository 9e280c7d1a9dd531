"""Item analysis of a question changed after learners answered it: its numbers over the
answers to the question as it is now, the others counted apart (ItemStat.earlier_answers).

Each answer since schema version 12 has its question's version (answers.version,
quizapp.core.question_version), summed per learner, question and version in
version_stats. An answer recorded before has none; the version of its question is taken
to be the one this quizapp found when it first loaded the question's bank after the
upgrade (legacy_versions, written by the catalog: quizapp.core.store.catalog), and
otherwise (a bank not loaded since, an answer pulled from the class server) the question
as it is, unless answers to another version came: then an earlier one. Answers without a
version come first in the log: a learner's first answer to the question is one of them.
"""

from __future__ import annotations

from collections.abc import Callable

from quizapp.core.store.connection import Database

TYPE_CHECKING = False  # typing itself costs 3 ms to import
if TYPE_CHECKING:
    from quizapp.core.model import Bank
    from quizapp.core.stats import ItemStat


def split_versions(
    db: Database,
    bank_id: str,
    bank: Bank,
    found: dict[str, ItemStat],
    rest_constants: Callable[[], list[tuple]],
) -> None:
    """Replace, in `found` (question id -> its numbers over every answer), the numbers of
    each question answered in another version than the bank's now by those of its current
    version's answers. rest_constants: (learner, a, b) with the learner's first-attempt
    score on the rest of the bank y = a - b * x (ItemAnalysis._rest_score_constants; []
    below 3 learners). Usually no question is: one pass over the bank's version rows."""
    from quizapp.core.question_version import question_version

    versions: dict[str, dict[str, int]] = {}
    for qid, version, answers in db.read(
        "SELECT question_id, version, sum(answers) FROM version_stats"
        " INDEXED BY version_stats_by_question WHERE bank_id = ?"
        " GROUP BY question_id, version",
        (bank_id,),
    ):
        versions.setdefault(qid, {})[version] = answers
    legacy = dict(
        db.read("SELECT question_id, version FROM legacy_versions WHERE bank_id = ?", (bank_id,))
    )
    if not versions and not legacy:
        return  # no answer has a version: nothing to tell apart
    changed: dict[str, tuple[str, bool]] = {}  # question -> (its version, legacy is it)
    for question in bank.questions:
        every = found.get(question.id)
        if every is None or not every.answers:
            continue
        answered = versions.get(question.id, {})
        without = every.answers - sum(answered.values())  # recorded before versions
        current = question_version(question)
        others = any(v != current for v in answered)
        if without and question.id in legacy:
            legacy_current = legacy[question.id] == current
        else:
            legacy_current = not others
        if others or (without and not legacy_current):
            changed[question.id] = (current, legacy_current)
    if not changed:
        return
    rest = {learner: (a, b) for learner, a, b in rest_constants()}
    for qid, (current, legacy_current) in changed.items():
        found[qid] = _current_numbers(db, bank_id, qid, current, legacy_current,
                                      found[qid].answers, rest)


def _current_numbers(
    db: Database,
    bank_id: str,
    qid: str,
    current: str,
    legacy_current: bool,
    total: int,
    rest: dict[int, tuple[float, float]],
) -> ItemStat:
    """One changed question's numbers over the answers to its current version."""
    from quizapp.core.stats import ItemStat, point_biserial

    # Per learner: every answer (question_stats), and those of each version.
    learners: dict[int, list] = {}
    for lid, answers, right, first, version, v_answers, v_right, v_first in db.read(
        "SELECT q.learner_id, q.answers, q.correct, q.first_correct, v.version, v.answers,"
        " v.correct, v.first_correct FROM question_stats q"
        " LEFT JOIN version_stats v ON v.learner_id = q.learner_id"
        " AND v.bank_id = q.bank_id AND v.question_id = q.question_id"
        " WHERE q.bank_id = ? AND q.question_id = ?",
        (bank_id, qid),
    ):
        mine = learners.setdefault(lid, [answers, right, first, {}])
        if version is not None:
            mine[3][version] = (v_answers, v_right, v_first)
    n = answers_now = right_now = firsts = 0
    items: list[int] = []
    rests: list[float] = []
    for lid, (answers, right, first_any, by_version) in learners.items():
        without = answers - sum(v[0] for v in by_version.values())
        mine_answers = mine_right = 0
        first = None
        if legacy_current and without:
            mine_answers = without
            mine_right = right - sum(v[1] for v in by_version.values())
            first = first_any  # the answers without a version came first
        if current in by_version:
            v_answers, v_right, v_first = by_version[current]
            mine_answers += v_answers
            mine_right += v_right
            first = v_first if first is None else first
        if first is None:
            continue  # this learner answered earlier versions only
        n += 1
        answers_now += mine_answers
        right_now += mine_right
        firsts += first
        if lid in rest:
            a, b = rest[lid]
            items.append(first)
            rests.append(a - b * first_any)  # the rest of the bank, without this question
    return ItemStat(
        question_id=qid,
        learners=n,
        answers=answers_now,
        facility=firsts / n if n else None,
        facility_overall=right_now / answers_now if answers_now else None,
        discrimination=point_biserial(items, rests),
        earlier_answers=total - answers_now,
    )
