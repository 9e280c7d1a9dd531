"""The numbers on the progress and teacher screens equal what `quizapp results` exports.

One database (several learners, banks, sessions, answers) is exported with
`quizapp results --format json`; every number below is recomputed from those rows alone,
independently of the Store's derived tables, and compared with what the screens show.
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from datetime import date, datetime, timedelta

import pytest
from gui_helpers import LEARNERS, bundled_banks, make_context, store_with_history
from PySide6.QtCharts import QAbstractBarSeries
from PySide6.QtCore import Qt

from quizapp.cli import main
from quizapp.core.percent import percent_text
from quizapp.gui.progress_charts import format_duration
from quizapp.gui.progress_data import ACTIVITY_DAYS
from quizapp.gui.progress_screen import ProgressScreen
from quizapp.gui.teacher_screen import ITEM_HEADERS, OVERVIEW_HEADERS, TeacherScreen


@pytest.fixture(scope="module")
def banks():
    return bundled_banks()


@pytest.fixture
def exported(tmp_path, banks, capsys):
    """(context, rows, every row): the screens' context, the results command's JSON rows
    that count (not retracted) and all of them (sessions are counted from those).

    Every seventh answer is taken back first (Ctrl+Z), so the screens must leave it out."""
    folder = tmp_path / "data"
    store = store_with_history(folder, banks)
    for n, row in enumerate(list(store.export_rows())):
        if n % 7 == 3:
            store.retract_answer(row.uuid)
    capsys.readouterr()
    assert main(["results", "--format", "json", "--data-dir", str(folder)]) == 0
    every_row = json.loads(capsys.readouterr().out)
    rows = [r for r in every_row if r["retracted"] is None]
    assert len(rows) > 100 and len(every_row) - len(rows) > 10
    context = make_context(store, banks)
    yield context, rows, every_row
    store.close()


def local_day(iso: str) -> date:
    return datetime.fromisoformat(iso).astimezone().date()


def bar_values(view) -> list[float]:
    (series,) = [s for s in view.chart().series() if isinstance(s, QAbstractBarSeries)]
    (bar_set,) = series.barSets()
    return [bar_set.at(i) for i in range(bar_set.count())]


@pytest.mark.parametrize("learner", sorted(LEARNERS))
def test_progress_screen_matches_export(qtbot, exported, banks, learner):
    context, rows, every_row = exported
    mine = [r for r in rows if r["learner"] == learner]
    assert mine
    context.learner_id = context.store.learner_by_name(learner).id
    screen = ProgressScreen(context)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.progress_loaded, timeout=10000):
        screen.show()
        screen.refresh()

    # Tiles: answers, share right, time spent.
    right = sum(r["correct"] for r in mine)
    assert screen.tile_answers.value.text() == f"{len(mine):,}"
    assert screen.tile_accuracy.value.text() == percent_text(right / len(mine))
    assert screen.tile_time.value.text() == format_duration(sum(r["seconds"] for r in mine))
    # Attempts: the sessions exported with a score (not left, not flashcards).
    attempts = {
        r["session_id"]
        for r in every_row
        if r["learner"] == learner and r["session_score"] is not None
    }
    assert screen.tile_sessions.value.text() == f"{len(attempts):,}"

    # Answers per day over the last 30 local days, oldest first.
    today = date.today()
    per_day = defaultdict(int)
    for r in mine:
        per_day[local_day(r["answered"])] += 1
    days = [today - timedelta(days=ACTIVITY_DAYS - 1 - i) for i in range(ACTIVITY_DAYS)]
    assert bar_values(screen.activity_chart) == [per_day.get(d, 0) for d in days]

    # Accuracy per tag: each answer counts for every tag of its question.
    tags = defaultdict(lambda: [0, 0])
    for r in mine:
        question = banks[r["bank_id"]].question(r["question_id"])
        for tag in dict.fromkeys(question.tags):
            tags[tag][0] += 1
            tags[tag][1] += r["correct"]
    categories = [
        c.strip() for c in screen.tag_chart.chart().axes(Qt.Orientation.Vertical)[0].categories()
    ]
    shown = dict(zip(categories, bar_values(screen.tag_chart), strict=True))
    assert set(shown) == set(tags)
    for tag, (n, ok) in tags.items():
        assert shown[tag] == pytest.approx(100 * ok / n)

    # Weakest questions: answers and share right per question, lowest smoothed accuracy.
    per_question = defaultdict(lambda: [0, 0])
    for r in mine:
        per_question[(r["bank_id"], r["question_id"])][0] += 1
        per_question[(r["bank_id"], r["question_id"])][1] += r["correct"]
    candidates = sorted((ok + 1) / (n + 2) for n, ok in per_question.values() if ok < n)
    model = screen.weak_model
    assert model.rowCount() == min(10, len(candidates))
    smoothed = []
    for row in range(model.rowCount()):
        qid = model.index(row, 0).data(Qt.ItemDataRole.UserRole)
        bank_id = model.index(row, 1).data(Qt.ItemDataRole.UserRole)
        n, ok = per_question[(bank_id, qid)]
        assert model.index(row, 3).data() == str(n)
        assert model.index(row, 2).data() == percent_text(ok / n)
        smoothed.append((ok + 1) / (n + 2))
    assert smoothed == pytest.approx(candidates[: len(smoothed)])


def first_answers(rows, bank_id: str) -> dict[str, dict[str, int]]:
    """question id -> learner -> 1 if their first answer (in export order) was right."""
    first: dict[str, dict[str, int]] = defaultdict(dict)
    for r in rows:
        if r["bank_id"] == bank_id:
            first[r["question_id"]].setdefault(r["learner"], int(r["correct"]))
    return first


def discrimination(first: dict[str, dict[str, int]], qid: str) -> float | None:
    """Corrected item-rest correlation, straight from the definition in quizapp.core.stats."""
    items, rests = [], []
    for learner, value in first[qid].items():
        others = [f[learner] for q, f in first.items() if q != qid and learner in f]
        if others:
            items.append(value)
            rests.append(sum(others) / len(others))
    if len(items) < 3 or len(set(items)) < 2 or max(rests) - min(rests) < 1e-9:
        return None
    return statistics.correlation(items, rests)


def test_teacher_screen_matches_export(qtbot, exported, banks):
    context, rows, every_row = exported
    screen = TeacherScreen(context)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.overview_loaded, timeout=10000):
        screen.show()
        screen.refresh()

    # Learners x banks: answers per learner and bank.
    counts = defaultdict(int)
    for r in rows:
        counts[(r["learner"], r["bank_id"])] += 1
    proxy = screen.overview_model
    shown = {
        (
            proxy.index(i, 0).data(),
            proxy.index(i, 1).data(Qt.ItemDataRole.UserRole),
        ): proxy.index(i, OVERVIEW_HEADERS.index("Answers")).data()
        for i in range(proxy.rowCount())
    }
    assert shown == {key: f"{n:,}" for key, n in counts.items()}

    # Attempts, best and last score: the sessions exported with a score, the last finished.
    scored = defaultdict(dict)
    for r in every_row:
        if r["session_score"] is not None:
            scored[(r["learner"], r["bank_id"])][r["session_id"]] = (
                r["session_finished"],
                r["session_score"],
            )
    assert any(r["session_outcome"] == "abandoned" for r in rows)
    assert any(r["mode"] == "flashcards" and r["session_score"] is None for r in rows)
    for i in range(proxy.rowCount()):
        key = (proxy.index(i, 0).data(), proxy.index(i, 1).data(Qt.ItemDataRole.UserRole))
        sessions = sorted(scored[key].values())
        cells = [proxy.index(i, OVERVIEW_HEADERS.index(h)).data() for h in
                 ("Attempts", "Best %", "Last %")]
        if not sessions:
            assert cells[0] == "0"
            continue
        assert cells == [
            str(len(sessions)),
            percent_text(max(score for _, score in sessions)),
            percent_text(sessions[-1][1]),
        ]

    # Item analysis, bank by bank.
    col = {name: ITEM_HEADERS.index(name) for name in ITEM_HEADERS}
    compared = 0
    for bank in banks.values():
        index = screen.bank_combo.findData(bank.id)
        if screen.bank_combo.currentIndex() != index:
            with qtbot.waitSignal(screen.overview_loaded, timeout=10000):
                screen.bank_combo.setCurrentIndex(index)
                screen.bank_combo.activated.emit(index)
        first = first_answers(rows, bank.id)
        answers = defaultdict(lambda: [0, 0])
        for r in rows:
            if r["bank_id"] == bank.id:
                answers[r["question_id"]][0] += 1
                answers[r["question_id"]][1] += r["correct"]
        model = screen.item_model
        # Every current question has a row; one nobody answered shows no numbers.
        assert sorted(
            model.index(i, 0).data(Qt.ItemDataRole.UserRole) for i in range(model.rowCount())
        ) == sorted(q.id for q in bank.questions)
        for i in range(model.rowCount()):
            qid = model.index(i, 0).data(Qt.ItemDataRole.UserRole)
            if qid not in first:
                assert model.index(i, col["Learners"]).data() == "0"
                assert model.index(i, col["Facility"]).data() == "–"
                assert model.index(i, col["Note"]).data() == "not answered yet"
                continue
            learners = first[qid]
            n, ok = answers[qid]
            assert model.index(i, col["Learners"]).data() == str(len(learners))
            assert model.index(i, col["Answers"]).data() == str(n)
            facility = sum(learners.values()) / len(learners)
            assert model.index(i, col["Facility"]).data() == f"{facility:.2f}"
            assert model.index(i, col["Right overall"]).data() == f"{ok / n:.2f}"
            d = discrimination(first, qid)
            text = model.index(i, col["Discrimination"]).data()
            if d is None:
                assert text == "–"
            else:
                assert float(text) == pytest.approx(d, abs=0.006), qid
                compared += 1
    assert compared >= 10  # the history gives most questions a discrimination
