"""Flashcards through the real screen: Space flips, keys 1-4 rate, the store records each rating."""

from datetime import UTC, datetime, timedelta

import pytest
from bank_samples import CAPITALS as BANK
from gui_helpers import open_flashcard_screen as _screen
from gui_helpers import settled, written
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from quizapp.core.interval_preview import describe_due
from quizapp.core.loader import load_bank


@pytest.fixture
def bank(tmp_path):
    path = tmp_path / "capitals.yaml"
    path.write_text(BANK, encoding="utf-8")
    result = load_bank(path, use_cache=False)
    assert result.bank is not None, [p.format() for p in result.problems]
    return result.bank


def _start(qtbot, screen, bank, **kwargs):
    """The review is built on the writer thread; its first card shows with review_started."""
    with qtbot.waitSignal(screen.review_started, timeout=10000):
        screen.start(bank, **kwargs)


def _rate(qtbot, screen, key):
    """The next card shows once the rating has committed (card_rated)."""
    with qtbot.waitSignal(screen.card_rated, timeout=10000):
        qtbot.keyClick(screen, key)


def test_space_flips_and_keys_rate_every_card(qtbot, context, bank):
    screen = _screen(qtbot, context)
    _start(qtbot, screen, bank)
    assert "3 new" in screen.counts.text()
    assert "France" in screen.front_view.toPlainText()
    assert "**" not in screen.front_view.toPlainText()
    assert not screen.back_view.isVisible()
    qtbot.keyClick(screen, Qt.Key.Key_3)  # rating before flipping does nothing
    assert list(context.store.export_rows(context.learner_id)) == []

    ratings = {"fr": 3, "jp": 1, "it": 4}
    seen = []
    while not screen.session.finished:
        qid = screen.session.current.id
        qtbot.keyClick(screen, Qt.Key.Key_Space)
        assert screen.back_view.isVisible()
        assert screen.back_view.toPlainText().strip()
        rating = ratings[qid] if qid not in seen else 3  # "Again" brings jp back once
        seen.append(qid)
        with qtbot.waitSignal(screen.card_rated):
            qtbot.keyClick(screen, getattr(Qt.Key, f"Key_{rating}"))
    assert seen == ["fr", "jp", "it", "jp"]

    rows = list(context.store.export_rows(context.learner_id, "capitals"))
    assert [(r.question_id, r.response) for r in rows] == [
        ("fr", "Good"), ("jp", "Again"), ("it", "Easy"), ("jp", "Good")]
    assert {r.mode for r in rows} == {"flashcards"}
    state = context.store.card_state(context.learner_id, "capitals", "jp")
    assert state is not None and state.reviews == 2
    assert screen.pages.currentIndex() == 1
    assert "4 cards" in screen.done_label.text()
    assert "next card is due" in screen.done_label.text()
    settled(qtbot, screen)
    with qtbot.waitSignal(screen.session_finished):
        qtbot.keyClick(screen, Qt.Key.Key_Return)


def test_due_cards_come_first_and_the_screen_says_when_the_next_is_due(qtbot, context, bank):
    screen = _screen(qtbot, context)
    _start(qtbot, screen, bank)
    for _ in range(3):
        qtbot.keyClick(screen, Qt.Key.Key_Space)
        _rate(qtbot, screen, Qt.Key.Key_3)
    assert screen.session.finished
    assert "due" in screen.next_label.text() and "no card" not in screen.next_label.text()
    # A week later all three are due again, and they are shown as due, not new.
    later = datetime.now(UTC) + timedelta(days=60)
    _start(qtbot, screen, bank, now=later)
    assert screen.counts.text().startswith("3 due")
    assert "new" not in screen.counts.text()


def test_escape_asks_then_leaves_and_keeps_ratings(qtbot, context, bank):
    screen = _screen(qtbot, context)
    _start(qtbot, screen, bank)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    _rate(qtbot, screen, Qt.Key.Key_2)
    seen = []

    def answer_dialog(key_or_button):
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append((box.text(), box.informativeText(), box.icon()))
        assert sorted(b.text() for b in box.buttons()) == ["Leave", "Stay"]
        assert all(b.icon().isNull() for b in box.buttons())  # no Yes/No icons on them
        if key_or_button == "esc":
            qtbot.keyClick(box, Qt.Key.Key_Escape)
        else:
            qtbot.mouseClick(box.findChild(QPushButton, key_or_button), Qt.MouseButton.LeftButton)

    def press_escape(then):
        # The Esc shortcut needs the screen's window active again after a dialog.
        screen.activateWindow()
        qtbot.waitUntil(screen.isActiveWindow)
        QTimer.singleShot(50, lambda: answer_dialog(then))
        qtbot.keyClick(screen, Qt.Key.Key_Escape)

    press_escape("esc")  # Esc in the dialog: stay
    assert screen.session is not None and not screen.session.finished
    press_escape("stay")
    assert screen.session is not None and not screen.session.finished
    session = screen.session
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    QTimer.singleShot(50, lambda: answer_dialog("leave"))
    with qtbot.waitSignal(screen.session_left):
        qtbot.keyClick(screen, Qt.Key.Key_Escape)
    assert seen == [
        (
            "Leave these flashcards?",
            "The card you rated keeps its new review date; the rest stay due. Left "
            "unfinished, these flashcards record no recall.",
            QMessageBox.Icon.Question,
        )
    ] * 3
    written(qtbot, context)  # leaving closes the review on the writer thread
    rows = list(context.store.export_rows(context.learner_id, "capitals"))
    assert [(r.response, r.session_outcome, r.session_score) for r in rows] == [
        ("Hard", "abandoned", None)
    ]
    info = context.store.session(session.session_id)
    assert (info.outcome, info.recall) == ("abandoned", None)


def test_a_finished_review_shows_recall_not_a_score(qtbot, context, bank):
    screen = _screen(qtbot, context)
    _start(qtbot, screen, bank)
    session = screen.session
    ratings = []
    while not session.finished:
        rating = Qt.Key.Key_3 if len(ratings) % 2 == 0 else Qt.Key.Key_2  # Good, Hard, ...
        qtbot.keyClick(screen, Qt.Key.Key_Space)
        _rate(qtbot, screen, rating)
        ratings.append(rating)
    good = sum(1 for r in ratings if r == Qt.Key.Key_3)
    assert 0 < good < len(ratings)
    percent = round(100 * good / len(ratings))
    assert (
        f"Recall: {percent}% ({good} of {len(ratings)} cards rated Good or Easy the first time)"
        in screen.done_label.text()
    )
    summary = context.store.bank_summary(context.learner_id, bank)
    assert summary.recall == pytest.approx(good / len(ratings))
    assert (summary.attempts, summary.best_score, summary.last_score) == (0, None, None)
    assert context.store.score_over_time(context.learner_id, bank) == []


def test_every_control_has_an_accessible_name_and_shortcut_tooltip(qtbot, context):
    screen = _screen(qtbot, context)
    for button in [screen.flip_button, screen.leave_button, *screen.rating_buttons.values()]:
        assert button.accessibleName()
        assert button.toolTip().endswith(")")


def test_describe_due():
    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    assert describe_due(None, now) == "no card is scheduled yet"
    assert describe_due(now - timedelta(minutes=5), now) == "now"
    assert describe_due(now + timedelta(minutes=10), now) == "in 10 minutes"
    assert describe_due(now + timedelta(hours=3), now).startswith("in 3 hours")
    assert describe_due(now + timedelta(days=30), now).startswith("on ")


def test_bank_titles_with_markup_show_as_text(qtbot, context, tmp_path):
    path = tmp_path / "markup.yaml"
    path.write_text(BANK.replace("title: Capitals", 'title: "Caps <b>bold</b> <script>x</script>"'),
                    encoding="utf-8")
    bank = load_bank(path, use_cache=False).bank
    screen = _screen(qtbot, context)
    _start(qtbot, screen, bank)
    assert screen.title.textFormat() == Qt.TextFormat.PlainText
    assert "<script>x</script>" in screen.title.text()


def test_leaving_works_when_the_disk_is_full(qtbot, context, bank, monkeypatch):
    from quizapp.core.store import DISK_FULL_MESSAGE, DiskFullError

    screen = _screen(qtbot, context)
    _start(qtbot, screen, bank)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    _rate(qtbot, screen, Qt.Key.Key_3)

    def disk_full(*args, **kwargs):
        raise DiskFullError(DISK_FULL_MESSAGE)

    monkeypatch.setattr(context.store, "finish_session", disk_full)
    monkeypatch.setattr(context.store, "abandon_session", disk_full)

    def click_leave():
        box = QApplication.activeModalWidget()
        qtbot.mouseClick(box.findChild(QPushButton, "leave"), Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, click_leave)
    with qtbot.waitSignal(screen.session_left):
        qtbot.keyClick(screen, Qt.Key.Key_Escape)
    assert screen.session is None
    rows = list(context.store.export_rows(context.learner_id, "capitals"))
    assert [r.response for r in rows] == ["Good"]


def test_rating_buttons_show_the_interval_they_set_and_a_progress_line(qtbot, context, bank):
    from quizapp.core.interval_preview import format_interval

    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    screen = _screen(qtbot, context)
    _start(qtbot, screen, bank, now=now)
    assert screen.rating_buttons[3].text() == "3 Good"  # nothing promised before the back shows
    assert screen.progress.text() == "0 rated · 3 to go"
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    shown = {r: b.text() for r, b in screen.rating_buttons.items()}
    names = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
    for rating, text in shown.items():
        assert text.startswith(f"{rating} {names[rating]} · ")
    # The Good button tells the interval the store then really sets for the card.
    qid = screen.session.current.id
    with qtbot.waitSignal(screen.card_rated):
        qtbot.mouseClick(screen.rating_buttons[3], Qt.MouseButton.LeftButton)
    card = context.store.card_state(context.learner_id, "capitals", qid)
    assert shown[3] == f"3 Good · {format_interval(card.due - now)}"
    # A new card: Again comes back within minutes, Easy after days.
    assert shown[1].endswith(" m") and shown[4].endswith(" d")
    assert screen.progress.text() == "1 rated · 2 to go"
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    with qtbot.waitSignal(screen.card_rated):
        qtbot.keyClick(screen, Qt.Key.Key_1)  # Again: the card comes back in this session
    assert screen.progress.text() == "2 rated · 2 to go (incl. 1 to see again)"
    assert screen.progress.value() == 2 and screen.progress.maximum() == 4


@pytest.mark.parametrize(
    ("interval", "text"),
    [
        (timedelta(seconds=20), "<1 m"),
        (timedelta(minutes=10), "10 m"),
        (timedelta(hours=5), "5 h"),
        (timedelta(days=3, hours=2), "3 d"),
        (timedelta(days=75), "2.5 mo"),
        (timedelta(days=60), "2 mo"),
        (timedelta(days=438), "1.2 y"),
    ],
)
def test_intervals_are_written_as_anki_writes_them(interval, text):
    from quizapp.core.interval_preview import format_interval

    assert format_interval(interval) == text


def test_the_button_row_is_never_squeezed_below_its_labels(qtbot, context, bank):
    """With the intervals on them the buttons need more than the card's reading width:
    the row grows past it instead of laying one button over the next."""
    from quizapp.gui.card import reading_width
    from quizapp.gui.theme import resolve, stylesheet_for

    screen = _screen(qtbot, context)
    screen.setStyleSheet(stylesheet_for(resolve("light"), screen.font().pointSizeF()))
    screen.resize(1100, 600)
    _start(qtbot, screen, bank, now=datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    row = [screen.flip_button, *screen.rating_buttons.values(), screen.leave_button]

    def laid_out_side_by_side() -> bool:
        neighbours = zip(row, row[1:], strict=False)
        return all(b.width() >= b.sizeHint().width() for b in row) and all(
            left.geometry().right() < right.geometry().left() for left, right in neighbours)

    qtbot.waitUntil(laid_out_side_by_side, timeout=3000)
    assert screen.pages.width() > reading_width(screen.pages)  # the row widened the column


def test_the_card_keeps_its_width_as_it_turns(qtbot, context, bank):
    """The turned card's row of buttons (with intervals) needs more than the front's: the
    column is as wide from the front on (a row held at its widest, "Undo rating" too), and
    keeps that width when the card is turned back and for the next card, instead of
    shifting sideways at every turn."""
    from quizapp.gui.card import reading_width
    from quizapp.gui.theme import resolve, stylesheet_for

    screen = _screen(qtbot, context)
    screen.setStyleSheet(stylesheet_for(resolve("light"), screen.font().pointSizeF()))
    screen.resize(1100, 600)
    _start(qtbot, screen, bank, now=datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    front = screen.pages.width()
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: screen.rating_buttons[3].text().startswith("3 Good · "))
    QApplication.processEvents()
    turned = screen.pages.width()
    assert turned == front > reading_width(screen.pages)
    qtbot.keyClick(screen, Qt.Key.Key_Space)  # turned back
    qtbot.waitUntil(lambda: not screen.session.flipped, timeout=3000)
    QApplication.processEvents()
    assert screen.pages.width() == turned
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    _rate(qtbot, screen, Qt.Key.Key_3)  # the next card's front, with "Undo rating"
    QApplication.processEvents()
    assert screen.pages.width() == turned


@pytest.mark.parametrize("steady", [False, True])
def test_only_a_steady_column_keeps_the_width_a_wider_state_needed(qtbot, steady):
    """The quiz screen's card follows each question (one wide question does not widen the
    next); the flashcard's is steady, as wide on both sides."""
    from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

    from quizapp.gui.card import keep_reading_width, reading_width

    window = QWidget()
    qtbot.addWidget(window)
    outer = QVBoxLayout(window)
    content = QWidget()
    row = QHBoxLayout(content)
    button = QPushButton("Next")
    row.addWidget(button)
    outer.addWidget(content)
    column = keep_reading_width(content, outer, steady=steady)
    assert column is not None
    window.resize(3000, 300)
    window.show()
    qtbot.waitExposed(window)
    narrow = column.maximumWidth()
    assert narrow == reading_width(column)
    button.setText("a label far wider than any reading width " * 4)
    qtbot.waitUntil(lambda: column.maximumWidth() > narrow, timeout=3000)
    wide = column.maximumWidth()
    button.setText("Next")
    if steady:
        QApplication.processEvents()  # the content's layout request reaches the column
        assert column.maximumWidth() == wide
    else:
        qtbot.waitUntil(lambda: column.maximumWidth() == narrow, timeout=3000)


def test_a_review_cards_buttons_tell_the_days_its_fuzz_may_choose(qtbot, context, bank):
    """A card in review: its Good interval is days, which FSRS's fuzz spreads by a draw
    taken at the answer's own time. The button says "~N d" and its spoken name the whole
    range; the card, rated by its key a moment after it was turned, falls in that range."""
    from datetime import timedelta as td

    store = context.store
    question = bank.questions[0]
    start = datetime.now(UTC) - td(days=60)
    session_id = store.start_session(context.learner_id, bank, "flashcards", now=start)
    when = start
    for gap in (0, 1, 3):  # Good each time: a review card with an interval of days
        when = when + td(days=gap)
        store.record_answer(session_id, question, response="Good", correct=True, credit=1.0,
                            seconds=3.0, rating=3, now=when)
    store.finish_session(session_id, 1.0, now=when)
    assert store.card_state(context.learner_id, bank.id, question.id).due < datetime.now(UTC)

    screen = _screen(qtbot, context)
    _start(qtbot, screen, bank)  # the real clock: the rating below comes later than the plan
    assert screen.session.current.id == question.id
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    good = screen.rating_buttons[3]
    assert good.text().startswith("3 Good · ~")
    spoken = good.accessibleName()
    assert "next review in about" in spoken
    low, high = (int(n) for n in spoken.rsplit("(", 1)[1].split(" days")[0].split(" to "))
    assert low < high
    _rate(qtbot, screen, Qt.Key.Key_3)
    card = store.card_state(context.learner_id, bank.id, question.id)
    assert card.last_review is not None  # the rating's time
    assert low <= (card.due - card.last_review).days <= high


def test_a_card_rated_in_another_window_meanwhile_is_not_shown_again(qtbot, context, bank):
    """Two windows, one learner: the card the other window rated while this one showed
    another is dropped from this review, not reviewed twice."""
    from quizapp.core.flashcard_session import FlashcardSession
    from quizapp.core.store import Store

    screen = _screen(qtbot, context)
    _start(qtbot, screen, bank)
    first, upcoming = screen.session.current.id, [q.id for q in screen.session._queue[1:]]
    other_window = Store.open(context.store._db.path.parent)
    try:
        other = FlashcardSession(other_window, context.learner_id, bank)
        while other.current.id != upcoming[0]:  # the other window reaches the next card
            other._index += 1
        other.flip()
        other.rate(3)
        qtbot.keyClick(screen, Qt.Key.Key_Space)  # the other window wrote: checked first,
        qtbot.waitUntil(lambda: screen.session.flipped, timeout=10000)  # on the writer thread
        _rate(qtbot, screen, Qt.Key.Key_3)
        assert screen.session.current.id == upcoming[1]
        assert "1 new" in screen.counts.text()
        qtbot.keyClick(screen, Qt.Key.Key_Space)
        _rate(qtbot, screen, Qt.Key.Key_3)
        assert screen.session.finished
        rated_here = [r.question.id for r in screen.session.answers]
        assert rated_here == [first, upcoming[1]]
        reviews = context.store._db.read(
            "SELECT question_id, count(*) FROM reviews GROUP BY question_id ORDER BY 1")
        assert dict(reviews) == {first: 1, upcoming[0]: 1, upcoming[1]: 1}
    finally:
        other_window.close()

def test_space_puts_the_outlined_focus_on_good_and_enter_rates_it(qtbot, context, bank):
    """After Space no control had the focus (nothing outlined), and Enter did nothing."""
    screen = _screen(qtbot, context)
    _start(qtbot, screen, bank)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    good, hard = screen.rating_buttons[3], screen.rating_buttons[2]
    assert screen.focusWidget() is good and good.hasFocus()  # drawn with the focus ring
    qtbot.keyClick(good, Qt.Key.Key_Backtab)  # Shift+Tab: "2 Hard"
    assert hard.hasFocus()
    with qtbot.waitSignal(screen.card_rated, timeout=10000) as rated:
        qtbot.keyClick(hard, Qt.Key.Key_Return)
    assert rated.args == [2]
    assert screen.flip_button.hasFocus()  # the next card's front: Show answer
    rows = list(context.store.export_rows(context.learner_id, "capitals"))
    assert [r.response for r in rows] == ["Hard"]


def test_a_card_due_now_at_the_summary_can_be_reviewed_at_once(qtbot, context, tmp_path):
    """The summary said "The next card is due now" and offered only the way back to the
    library: a card that came due during the review (a quiz in another window answered a
    question of the bank) is offered at once."""
    from quizapp.core.session import QuizSession

    path = tmp_path / "mixed.yaml"
    path.write_text(BANK + """\
  - id: eu
    type: true_false
    prompt: Paris is in Europe.
    answer: true
""", encoding="utf-8")
    mixed = load_bank(path, use_cache=False).bank
    later = datetime.now(UTC) + timedelta(days=1)  # the review's "now"
    screen = _screen(qtbot, context)
    _start(qtbot, screen, mixed, now=later)
    assert screen.session.total == 3  # the flashcards, new; the true/false is no card yet
    quiz = QuizSession(context.store, context.learner_id, mixed, question_ids=["eu"])
    quiz.submit(False)  # another window, wrong: due again in a minute, before `later`
    quiz.advance()
    for _ in range(3):
        qtbot.keyClick(screen, Qt.Key.Key_Space)
        _rate(qtbot, screen, Qt.Key.Key_3)
    assert screen.pages.currentIndex() == 1
    assert "A card is due again now." in screen.done_label.text()
    assert screen.again_button.isVisible()
    with qtbot.waitSignal(screen.review_started, timeout=10000):
        qtbot.mouseClick(screen.again_button, Qt.MouseButton.LeftButton)
    assert screen.pages.currentIndex() == 0
    assert screen.session.current.id == "eu"


def test_a_small_window_stays_as_small_as_it_was_made(qtbot, context, bank):
    """A 300x200 window grew by itself to the card's and its buttons' size (652x380 in
    the main window); what does not fit now scrolls."""
    screen = _screen(qtbot, context)
    screen.resize(300, 200)
    _start(qtbot, screen, bank)
    qtbot.keyClick(screen, Qt.Key.Key_Space)  # the back, with the ratings' intervals
    QApplication.sendPostedEvents()  # the layout requests, where a window grows
    QApplication.processEvents()
    assert (screen.width(), screen.height()) == (300, 200)
    assert screen.rating_buttons[3].hasFocus()  # and it still works by keys
    _rate(qtbot, screen, Qt.Key.Key_Return)
    assert (screen.width(), screen.height()) == (300, 200)


def test_the_summary_is_redrawn_when_the_next_card_falls_due(qtbot, context, bank):
    """The summary said "The next card is due in 3 minutes" and the header "0 due" long
    after the card came due, and offered "Review it now" only if a card was due as it was
    drawn: it is redrawn at that moment, its sentence agreeing with the header."""
    from quizapp.core.session import FlashcardSession

    real_now = datetime.now(UTC)
    # Another window rated every card Good (due again 10 minutes later) almost 10 minutes
    # ago: they fall due 3 seconds from now.
    earlier = FlashcardSession(context.store, context.learner_id, bank,
                               now=real_now - timedelta(minutes=10) + timedelta(seconds=3))
    while not earlier.finished:
        earlier.flip()
        earlier.rate(3)
    due_at = earlier.next_due.replace(tzinfo=earlier.next_due.tzinfo or UTC)
    assert real_now < due_at < real_now + timedelta(seconds=10)
    screen = _screen(qtbot, context)
    _start(qtbot, screen, bank)  # the real clock
    assert screen.pages.currentIndex() == 1  # nothing due yet: the summary
    assert "The next card is due in less than a minute." in screen.done_label.text()
    assert screen.counts.text().startswith("0 due")
    assert not screen.again_button.isVisible()
    qtbot.waitUntil(screen.again_button.isVisible, timeout=20000)
    assert datetime.now(UTC) >= due_at
    assert "3 cards are due now." in screen.done_label.text()
    assert screen.counts.text().startswith("3 due")
    with qtbot.waitSignal(screen.review_started, timeout=10000):
        qtbot.mouseClick(screen.again_button, Qt.MouseButton.LeftButton)
    assert screen.pages.currentIndex() == 0 and screen.session.total == 3
    assert screen.focusWidget() is screen.flip_button  # nothing had the focus


def test_a_review_starts_with_the_focus_on_show_answer(qtbot, context, bank):
    """Nothing had the focus when a review began (the screen itself took it, unoutlined):
    "Show answer" has it, and Enter on it turns the card."""
    screen = _screen(qtbot, context)
    _start(qtbot, screen, bank)
    assert screen.focusWidget() is screen.flip_button and screen.flip_button.hasFocus()
    qtbot.keyClick(screen.flip_button, Qt.Key.Key_Space)  # the key lands on the button
    assert screen.session.flipped and screen.session.rated == 0  # turned, not rated
    assert screen.focusWidget() is screen.rating_buttons[3]


def test_a_failed_look_for_cards_rated_elsewhere_does_not_undo_the_rating(
        qtbot, context, bank, monkeypatch):
    """The rating is committed before the look for cards another window rated; if that look
    fails, the rating still counts and the next card shows (no "Rating not saved")."""
    from quizapp.core.flashcard_session import FlashcardSession
    from quizapp.core.store import StoreError

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a))

    def fails(self):
        raise StoreError("the disk went away")

    monkeypatch.setattr(FlashcardSession, "skip_cards_rated_elsewhere", fails)
    screen = _screen(qtbot, context)
    _start(qtbot, screen, bank)
    first = screen.session.current.id
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    _rate(qtbot, screen, Qt.Key.Key_3)
    assert warnings == []
    assert screen.session.current.id != first and not screen.session.flipped
    assert [r.question_id for r in context.store.export_rows(context.learner_id)] == [first]
