"""Item analysis of a question changed after learners answered it: the numbers are those of
the question as it is now, and the answers to its earlier version are counted apart."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from gui_helpers import make_context
from gui_helpers import open_teacher_screen as open_screen

from quizapp.core.loader import load_bank
from quizapp.core.stats import point_biserial
from quizapp.core.store import DB_NAME, Store
from quizapp.gui.teacher_screen import ITEM_HEADERS

BANK = """\
title: Versions
id: versions
questions:
  - id: q1
    type: multiple_choice
    prompt: Which is the capital of Australia?
    choices: [Sydney, Canberra, Melbourne]
    answer: {answer}
    explanation: {explanation}
  - id: q2
    type: true_false
    prompt: Water boils at 100 degrees Celsius at sea level.
    answer: true
  - id: q3
    type: short_answer
    prompt: Name the largest planet.
    answers: [Jupiter]
"""
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def write_bank(path, answer="Sydney", explanation="First draft."):
    path.write_text(BANK.format(answer=answer, explanation=explanation), encoding="utf-8")
    result = load_bank(path)
    assert result.bank is not None, result.problems
    return result.bank


def answer(store, learner, bank, marks, minute):
    """One finished quiz: marks is {question id: right?}, answered in that order."""
    session = store.start_session(learner, bank, "quiz", now=T0 + timedelta(minutes=minute))
    for n, (qid, right) in enumerate(marks.items()):
        store.record_answer(
            session, bank.question(qid), response="x", correct=right, credit=float(right),
            seconds=3, now=T0 + timedelta(minutes=minute, seconds=10 * (n + 1)),
        )
    store.finish_session(session, sum(marks.values()) / len(marks),
                         now=T0 + timedelta(minutes=minute + 1))
    return session


@pytest.fixture
def edited(tmp_path):
    """Four learners answer the first draft, whose key (Sydney) is wrong; the teacher
    corrects it (Canberra); three learners answer again, one of them new."""
    path = tmp_path / "versions.yaml"
    draft = write_bank(path)
    store = Store.open(tmp_path / "data")
    ids = {name: store.create_learner(name).id for name in ("Ann", "Bob", "Cy", "Dee", "Eve")}
    # The draft graded Sydney right: the strong learners (who picked Canberra) were "wrong".
    answer(store, ids["Ann"], draft, {"q1": False, "q2": True, "q3": True}, 0)
    answer(store, ids["Bob"], draft, {"q1": False, "q2": True, "q3": True}, 5)
    answer(store, ids["Cy"], draft, {"q1": True, "q2": False, "q3": False}, 10)
    answer(store, ids["Dee"], draft, {"q1": True, "q2": False, "q3": True}, 15)
    corrected = write_bank(path, answer="Canberra")
    answer(store, ids["Ann"], corrected, {"q1": True}, 60)
    answer(store, ids["Cy"], corrected, {"q1": False}, 65)
    answer(store, ids["Eve"], corrected, {"q1": True, "q2": True, "q3": True}, 70)
    answer(store, ids["Eve"], corrected, {"q1": True}, 75)
    yield store, corrected, ids, path
    store.close()


def expected_q1(store, ids):
    """q1's corrected version by hand: Ann right, Cy wrong, Eve right twice; the rest
    scores are each learner's first answers to q2 and q3 (the rest of the bank)."""
    rest = {"Ann": 1.0, "Cy": 0.0, "Eve": 1.0}
    firsts = {"Ann": 1, "Cy": 0, "Eve": 1}
    names = list(firsts)
    return point_biserial([firsts[n] for n in names], [rest[n] for n in names])


def test_the_corrected_question_counts_only_its_own_answers(edited):
    store, corrected, ids, _path = edited
    items = {i.question_id: i for i in store.item_analysis(corrected)}
    q1 = items["q1"]
    assert (q1.learners, q1.answers, q1.earlier_answers) == (3, 4, 4)
    assert q1.facility == pytest.approx(2 / 3)  # Ann and Eve right at their first try
    assert q1.facility_overall == pytest.approx(3 / 4)
    assert q1.discrimination == pytest.approx(expected_q1(store, ids))
    assert q1.discrimination == pytest.approx(1.0)  # the key now agrees with the rest
    # The draft's numbers would have mixed both keys: 7 learners' worth of answers.
    everything = {i.question_id: i for i in store.item_analysis("versions")}["q1"]
    assert (everything.learners, everything.answers) == (5, 8)
    # The questions not changed keep every answer.
    assert (items["q2"].learners, items["q2"].answers, items["q2"].earlier_answers) == (5, 5, 0)
    assert items["q2"].facility == pytest.approx(3 / 5)


def test_an_explanation_changed_is_the_same_question(edited):
    store, corrected, _ids, path = edited
    reworded = write_bank(path, answer="Canberra", explanation="Canberra since 1913.")
    assert store.item_analysis(reworded) == store.item_analysis(corrected)


def test_changed_back_the_draft_counts_its_own_answers_again(edited):
    store, _corrected, _ids, path = edited
    draft = write_bank(path, answer="Sydney")
    q1 = {i.question_id: i for i in store.item_analysis(draft)}["q1"]
    assert (q1.learners, q1.answers, q1.earlier_answers) == (4, 4, 4)
    assert q1.facility == pytest.approx(2 / 4)


def test_a_retraction_and_a_rebuild_keep_the_versions_apart(edited):
    store, corrected, ids, _path = edited
    before = store.item_analysis(corrected)
    session = store.start_session(ids["Bob"], corrected, "quiz")
    record = store.record_answer(session, corrected.question("q1"), response="x",
                                 correct=False, credit=0.0, seconds=2)
    q1 = {i.question_id: i for i in store.item_analysis(corrected)}["q1"]
    assert (q1.learners, q1.answers, q1.earlier_answers) == (4, 5, 4)
    store.retract_answer(record.uuid)
    assert store.item_analysis(corrected) == before
    store.rebuild_derived()
    assert store.item_analysis(corrected) == before


def test_answers_from_before_versions_count_with_the_question_until_it_changes(tmp_path):
    # A store of schema 11 has answers without a version: the item analysis counts them
    # as before; once answers to another version come, they are the earlier ones.
    path = tmp_path / "versions.yaml"
    draft = write_bank(path)
    store = Store.open(tmp_path / "data")
    ids = [store.create_learner(name).id for name in ("Ann", "Bob", "Cy")]
    for n, learner in enumerate(ids):
        answer(store, learner, draft, {"q1": n != 1, "q2": True}, 5 * n)
    store.close()
    conn = sqlite3.connect(tmp_path / "data" / DB_NAME)
    conn.execute("UPDATE answers SET version = NULL")  # as recorded before schema 12
    conn.execute("DELETE FROM version_stats")
    conn.commit()
    conn.close()
    with Store.open(tmp_path / "data") as store:
        store.rebuild_derived()
        q1 = {i.question_id: i for i in store.item_analysis(draft)}["q1"]
        assert (q1.learners, q1.answers, q1.earlier_answers) == (3, 3, 0)
        answer(store, ids[0], draft, {"q1": True}, 30)  # the same version: still together
        q1 = {i.question_id: i for i in store.item_analysis(draft)}["q1"]
        assert (q1.learners, q1.answers, q1.earlier_answers) == (3, 4, 0)
        corrected = write_bank(path, answer="Canberra")
        answer(store, ids[1], corrected, {"q1": True}, 40)
        q1 = {i.question_id: i for i in store.item_analysis(corrected)}["q1"]
        assert (q1.learners, q1.answers, q1.earlier_answers) == (1, 1, 4)


def test_the_teacher_reads_how_many_answers_were_to_the_earlier_version(qtbot, edited):
    store, corrected, _ids, _path = edited
    screen = open_screen(qtbot, make_context(store, {"versions": corrected}))
    screen.tabs.setCurrentIndex(1)
    model = screen.item_model
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    q1 = next(r for label, r in rows.items() if label.startswith("q1:"))
    cell = {h: model.index(q1, c).data() for c, h in enumerate(ITEM_HEADERS)}
    assert (cell["Learners"], cell["Answers"], cell["Facility"]) == ("3", "4", "0.67")
    assert cell["Note"] == "4 answers to an earlier version not counted"


def test_a_question_not_answered_since_it_changed_says_so(qtbot, tmp_path):
    path = tmp_path / "versions.yaml"
    draft = write_bank(path)
    with Store.open(tmp_path / "data") as store:
        learner = store.create_learner("Ann").id
        answer(store, learner, draft, {"q1": False, "q2": True}, 0)
        corrected = write_bank(path, answer="Canberra")
        screen = open_screen(qtbot, make_context(store, {"versions": corrected}))
        model = screen.item_model
        note = ITEM_HEADERS.index("Note")
        notes = {model.index(r, 0).data()[:2]: model.index(r, note).data()
                 for r in range(model.rowCount())}
        assert notes["q1"] == "changed since its answers: 1 answer to an earlier version not counted"
        assert [model.index(r, 2).data() for r in range(model.rowCount())
                if model.index(r, 0).data().startswith("q1")] == ["0"]


def test_a_deleted_learner_takes_their_answers_to_every_version_along(edited):
    store, corrected, ids, _path = edited
    store.delete_learner(ids["Eve"])  # answered the corrected version only
    assert store._read("SELECT count(*) FROM version_stats WHERE learner_id = ?",
                       (ids["Eve"],)) == [(0,)]
    q1 = {i.question_id: i for i in store.item_analysis(corrected)}["q1"]
    assert (q1.learners, q1.answers, q1.earlier_answers) == (2, 2, 4)
    assert q1.facility == pytest.approx(1 / 2)  # Ann right, Cy wrong
