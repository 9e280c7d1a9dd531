"""A multiple_select question reviewed as a flashcard (due after a quiz): its front said
"Which of these..." and showed none of them, and its back was the right choices run
together with semicolons ("access to Japan's car dealers; ..."), saying nothing of the
wrong ones. The front now lists the choices, and the back each choice, marked right or
not, with what the bank says about it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from gui_helpers import open_flashcard_screen
from PySide6.QtCore import Qt

from quizapp.core.loader import load_bank

BANK = """title: Auto talks
questions:
  - id: us-wants
    type: multiple_select
    prompt: Which of these does the United States want from Japan in the talks?
    choices:
      - Greater access to Japan's car dealers
      - text: A lower price for Japanese cars
        feedback: The article says nothing about prices.
      - Renewed voluntary plans to buy more U.S.-made parts
    answers:
      - Greater access to Japan's car dealers
      - Renewed voluntary plans to buy more U.S.-made parts
    explanation: The biggest sticking point is the renewal of the purchase plans.
"""


def test_a_multiple_select_card_lists_its_choices_and_marks_each_on_the_back(
        qtbot, context, tmp_path):
    path = tmp_path / "auto.yaml"
    path.write_text(BANK, encoding="utf-8")
    bank = load_bank(path, use_cache=False).bank
    assert bank is not None
    question = bank.questions[0]
    store = context.store
    yesterday = datetime.now(UTC) - timedelta(days=3)
    session_id = store.start_session(context.learner_id, bank, "quiz", now=yesterday)
    store.record_answer(session_id, question, response=[0, 2], correct=True, credit=1.0,
                        seconds=9.0, now=yesterday)
    store.finish_session(session_id, 1.0, now=yesterday)

    screen = open_flashcard_screen(qtbot, context)
    with qtbot.waitSignal(screen.review_started, timeout=10000):
        screen.start(bank)
    assert screen.session.current.id == "us-wants"
    front = screen.card.front_view.toPlainText()
    assert "Which of these does the United States want" in front
    for choice in question.choices:
        assert choice.text in front
    assert not screen.card.back_view.isVisible()

    qtbot.keyClick(screen, Qt.Key.Key_Space)
    back = screen.card.back_view.toPlainText()
    lines = [line.strip() for line in back.splitlines() if line.strip()]
    assert "✔ Greater access to Japan's car dealers" in lines
    assert "✔ Renewed voluntary plans to buy more U.S.-made parts" in lines
    assert ("✘ A lower price for Japanese cars: The article says nothing about prices."
            in lines)
    assert ";" not in back.split("The biggest")[0]  # not the answers run together
    assert "The biggest sticking point is the renewal of the purchase plans." in back
