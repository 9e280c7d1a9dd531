"""A card suspended with "@" in the real flashcard screen of one computer is left out of the
flashcards of the learner's other computer once both synced with the class server, and a
card brought back there (More > Suspended cards…, Bring back) comes back on the first."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from gui_helpers import context_for, open_flashcard_screen, open_suspended_cards, start_review
from PySide6.QtCore import Qt

pytest.importorskip("psycopg")

from quizapp.core.store import Store  # noqa: E402
from quizapp.server import sync  # noqa: E402
from tests.server_helpers import make_school  # noqa: E402


@contextmanager
def _computer(folder, school):
    """An app context over its own data folder, where Ana signed in to the class server."""
    context = context_for(Store.open(folder))
    ana = school.people["Ana"]
    context.learner_id = sync.sign_in(context.store, ana.url, "Ana", ana.password)
    try:
        yield context
    finally:
        context.close()


def test_at_on_one_computer_leaves_the_card_out_on_the_other(qtbot, capitals, pg_server,
                                                             pg_database, tmp_path):
    school = make_school(pg_server, pg_database)
    school.add("Ana")
    with _computer(tmp_path / "school", school) as at_school, \
            _computer(tmp_path / "home", school) as at_home:
        screen = open_flashcard_screen(qtbot, at_school)
        start_review(qtbot, screen, capitals)
        assert screen.session.current.id == "fr"
        with qtbot.waitSignal(screen.card_suspended, timeout=10000):
            qtbot.keyClick(screen, "@")
        assert sync.sync(at_school.store).errors == []
        screen.close()

        assert sync.sync(at_home.store).errors == []
        home = open_flashcard_screen(qtbot, at_home)
        start_review(qtbot, home, capitals)
        assert "2 new" in home.counts.text()
        assert home.session.current.id == "jp"
        assert "France" not in home.front_view.toPlainText()
        assert "fr" not in {q.id for q in home.session.new_cards}

        # Brought back at home with the real dialog: the school computer has it back.
        dialog = open_suspended_cards(qtbot, home, listed=1)
        item = dialog.cards.item(0)
        assert item.text().startswith("Capital of France?")
        qtbot.mouseClick(dialog.cards.viewport(), Qt.MouseButton.LeftButton,
                         pos=dialog.cards.visualItemRect(item).center())
        with qtbot.waitSignal(dialog.cards_unsuspended, timeout=10000):
            qtbot.mouseClick(dialog.bring_back_button, Qt.MouseButton.LeftButton)
        dialog.close()
        assert sync.sync(at_home.store).errors == []
        assert sync.sync(at_school.store).errors == []
        again = open_flashcard_screen(qtbot, at_school)
        start_review(qtbot, again, capitals)
        assert "3 new" in again.counts.text()
        assert again.session.current.id == "fr"


def test_a_suspension_pulled_by_the_background_sync_leaves_the_open_review(
        qtbot, capitals, pg_server, pg_database, tmp_path):
    # Home's review is open on France when the app's own sync pulls the school computer's
    # suspension of it: the card leaves the review there and then (it stayed on screen,
    # to be rated, until the review was started again).
    from quizapp.gui.class_sync import ClassSync

    school = make_school(pg_server, pg_database)
    school.add("Ana")
    with _computer(tmp_path / "school", school) as at_school, \
            _computer(tmp_path / "home", school) as at_home:
        home = open_flashcard_screen(qtbot, at_home)
        start_review(qtbot, home, capitals)
        assert home.session.current.id == "fr"
        assert "France" in home.front_view.toPlainText()
        at_school.store.set_suspended(at_school.learner_id, capitals.id, ["fr"], True)
        assert sync.sync(at_school.store).errors == []

        class_sync = ClassSync(at_home.store)
        class_sync.changes_announced.connect(at_home.events.announce)
        try:
            with qtbot.waitSignal(class_sync.sync_finished, timeout=20000):
                class_sync.sync_soon()
            # Redrawn: the next card's front.
            qtbot.waitUntil(lambda: "Japan" in home.front_view.toPlainText(), timeout=10000)
        finally:
            class_sync.stop()
        assert home.session.current.id == "jp"
        assert "fr" not in {q.id for q in home.session._queue}
        assert "2 new" in home.counts.text()
