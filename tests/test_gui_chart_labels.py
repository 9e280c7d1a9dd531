"""The progress charts' axis labels as drawn: every tag named (not "…"), and counts on
whole-number ticks, each label once (a tester saw 0, 0, 1, 1, 1)."""

from __future__ import annotations

from collections import Counter

from gui_helpers import drawn_labels, make_context

from quizapp.core.model import Bank, Choice, MultipleChoice
from quizapp.core.store import Store
from quizapp.gui.charts import integer_step
from quizapp.gui.progress_screen import ProgressScreen


def _tagged_bank(tags: int) -> Bank:
    return Bank(
        id="tags",
        title="Tags",
        questions=tuple(
            MultipleChoice(
                id=f"q{i}", prompt="?", choices=(Choice(text="a"), Choice(text="b")), correct=0,
                tags=(f"topic-{i:02d}",),
            )
            for i in range(tags)
        ),
    )


def _progress(qtbot, tmp_path, bank: Bank, answered: int) -> ProgressScreen:
    store = Store.open(tmp_path / "data")
    context = make_context(store, {bank.id: bank})
    context.learner_id = store.create_learner("Ann").id
    sid = store.start_session(context.learner_id, bank, "quiz")
    for i, q in enumerate(bank.questions[:answered]):
        store.record_answer(sid, q, response=0, correct=i % 3 != 0, credit=1, seconds=2)
    store.finish_session(sid, 0.6)
    screen = ProgressScreen(context)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    with qtbot.waitSignal(screen.progress_loaded, timeout=10000):
        screen.show()
        screen.refresh()
    qtbot.waitExposed(screen)
    screen.destroyed.connect(store.close)
    return screen


def test_twenty_tags_are_each_named_on_the_accuracy_chart(qtbot, tmp_path):
    screen = _progress(qtbot, tmp_path, _tagged_bank(20), 20)
    qtbot.waitUntil(lambda: screen.tag_chart.height() >= screen.tag_chart.minimumHeight())
    labels = drawn_labels(screen.tag_chart)
    assert sorted(t for t in labels if t.startswith("topic-")) == [
        f"topic-{i:02d}" for i in range(20)
    ], labels
    assert "…" not in "".join(labels)


def test_small_counts_have_whole_number_ticks_each_once(qtbot, tmp_path):
    screen = _progress(qtbot, tmp_path, _tagged_bank(3), 3)
    for view in (screen.activity_chart, screen.due_chart):
        numbers = [t for t in drawn_labels(view) if t.isdigit()]
        assert numbers, view.accessibleName()
        repeated = [t for t, n in Counter(numbers).items() if n > 1]
        assert not repeated, (view.accessibleName(), numbers)


def test_integer_steps_are_1_2_5_times_a_power_of_ten():
    assert [integer_step(top) for top in (0, 1, 3, 6, 7, 12, 13, 30, 31, 1000)] == [
        1, 1, 1, 1, 2, 2, 5, 5, 10, 200
    ]


def test_no_tags_keeps_a_percent_axis(qtbot, tmp_path):
    # A bank without tags: "(no tags)" on an axis of 0 to 100, not of 0 to 1.
    plain = Bank(id="plain", title="Plain", questions=(MultipleChoice(
        id="q", prompt="?", choices=(Choice(text="a"), Choice(text="b")), correct=0),))
    screen = _progress(qtbot, tmp_path, plain, 1)
    labels = drawn_labels(screen.tag_chart)
    assert "(no tags)" in labels
    numbers = sorted(int(t) for t in labels if t.isdigit())
    assert numbers[0] == 0 and numbers[-1] == 100, labels
