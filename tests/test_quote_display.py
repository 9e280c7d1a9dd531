"""The evidence under the source: a question's quotes in the quiz feedback, the
results review, the PDF answer key and the back of the Anki card."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import package_collection
from PySide6.QtCore import Qt

from quizapp.core.loader import load_bank, load_bank_text
from quizapp.core.session import QuizSession
from quizapp.core.store import Store
from quizapp.interop import export_bank

ARTICLE_BANK = Path(__file__).resolve().parents[1] / "question_banks" / "us-japan-auto-talks-1995.yaml"

QUOTED = """
title: Quoted
id: quoted
questions:
  - id: kantor
    type: multiple_choice
    prompt: What position does Mickey Kantor hold?
    choices: [U.S. Trade Representative, Secretary of Commerce]
    answer: U.S. Trade Representative
    explanation: He is named so.
    source:
      paragraph: 6
      quote:
        - "U.S. Trade Representative Mickey Kantor said"
        - "<b>not bold</b> & kept"
  - id: plain
    type: true_false
    prompt: No quote here.
    answer: true
    source: "paragraph 1"
"""


@pytest.fixture
def bank():
    return load_bank_text(QUOTED).raise_for_errors()


def test_quiz_feedback_shows_the_quote_under_the_source(qtbot, bank):
    from gui_helpers import context_for

    from quizapp.gui.feedback_panel import FEEDBACK_ROWS
    from quizapp.gui.quiz_screen import QuizScreen
    from quizapp.gui.results_screen import ResultsScreen

    store = Store.open()  # QUIZAPP_DATA_DIR: the test's temp folder
    try:
        learner = store.create_learner("Ada")
        session = QuizSession(store, learner.id, bank, shuffle=False)
        screen = QuizScreen(context_for(store))
        qtbot.addWidget(screen)
        screen.resize(900, 700)
        screen.show()
        screen.start(session)

        widget = screen.question_widget
        button = next(b for b in widget.buttons if b.accessibleName() == "U.S. Trade Representative")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(screen.answer_submitted):
            qtbot.keyClick(screen.focusWidget() or screen, Qt.Key.Key_Return)
        rows = screen.feedback.rows
        assert rows.text("source") == "paragraph 6"
        assert rows.text("quote") == (
            "\u201cU.S. Trade Representative Mickey Kantor said\u201d\n"
            "\u201c<b>not bold</b> & kept\u201d"
        )
        label = rows.labels["quote"]
        assert label.textFormat() == Qt.TextFormat.PlainText  # the words, never markup
        assert rows.captions["quote"].isVisible()
        keys = [key for key, _ in FEEDBACK_ROWS]
        assert keys.index("quote") == keys.index("source") + 1  # right under the source

        qtbot.keyClick(screen.focusWidget() or screen, Qt.Key.Key_Return)  # next question
        qtbot.keyClick(screen.focusWidget() or screen, "1")
        with qtbot.waitSignal(screen.answer_submitted):
            qtbot.keyClick(screen.focusWidget() or screen, Qt.Key.Key_Return)
        assert rows.text("source") == "paragraph 1"
        assert rows.text("quote") == "" and not rows.captions["quote"].isVisible()
        qtbot.keyClick(screen.focusWidget() or screen, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not screen.busy, timeout=10000)  # the score is written

        results = ResultsScreen()
        qtbot.addWidget(results)
        results.show_results(session)
        text = results.review.toPlainText()
        assert "\u201cU.S. Trade Representative Mickey Kantor said\u201d" in text
        assert "\u201c<b>not bold</b> & kept\u201d" in text  # shown as typed
        assert "<b>not bold" not in results.review.toHtml()
    finally:
        store.close()


def _pdf_text(path: Path) -> str:
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    return " ".join(" ".join(doc.getAllText(i).text() for i in range(doc.pageCount())).split())


def test_pdf_answer_key_shows_source_and_quote(qapp, tmp_path):
    article = load_bank(ARTICLE_BANK, use_cache=False).raise_for_errors()
    out = tmp_path / "quiz.pdf"
    export_bank(article, out)
    text = _pdf_text(out)
    quiz, key = text.split("Answer key", 1)
    tokyo = article.question("tokyo")
    (quote,) = tokyo.quotes
    assert f"Source: {tokyo.source}" in key
    assert f"\u201c{quote}\u201d" in key
    assert quote not in quiz  # the evidence would give the answer away


def test_anki_card_back_shows_source_and_quote(tmp_path, bank):
    out = tmp_path / "deck.apkg"
    export_bank(bank, out)
    db = package_collection(out, tmp_path)
    try:
        fields = [row[0].split("\x1f") for row in db.execute("select flds from notes order by id")]
    finally:
        db.close()
    backs = {front: back for front, back in fields}
    back = next(b for f, b in backs.items() if "Kantor" in f)
    assert "Source: paragraph 6" in back
    assert "\u201cU.S. Trade Representative Mickey Kantor said\u201d" in back
    assert "&lt;b&gt;not bold&lt;/b&gt; &amp; kept" in back  # escaped, never markup
    front = next(f for f in backs if "Kantor" in f)
    assert "Mickey Kantor said" not in front
    plain = next(b for f, b in backs.items() if "No quote" in f)
    assert "Source: paragraph 1" in plain and "\u201c" not in plain
