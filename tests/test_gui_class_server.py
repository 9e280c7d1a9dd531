"""File > Class server… through the real window: sign in, the status bar's sync status,
and the app going on offline when the server stops."""

from __future__ import annotations

from argparse import Namespace

import pytest
from PySide6.QtCore import Qt

pytest.importorskip("psycopg")

from bank_samples import make_bank  # noqa: E402

from quizapp.gui.app import create_context  # noqa: E402
from quizapp.gui.main_window import MainWindow  # noqa: E402
from tests.server_helpers import T0, make_school, study  # noqa: E402


@pytest.fixture
def window(qtbot, tmp_path):
    args = Namespace(data_dir=str(tmp_path / "data"), bank_dir=[], exit_when_ready=False)
    context = create_context(args)
    learner = context.store.create_learner("Ann")
    context.store.set_last_learner(learner.id)
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.open_initial_screen()
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.class_sync is not None:
        win.class_sync.stop()
    win.close()
    context.close()


def test_sign_in_then_sync_in_the_background_with_the_status_in_the_status_bar(
    qtbot, window, pg_server, pg_database
):
    school = make_school(pg_server, pg_database)
    ann = school.add("Ann")
    store = window.context.store
    study(store, "Ann", make_bank(), [("q0", True, 3), ("q1", False, 1)], T0)

    window.class_server_action.trigger()  # File > Class server…
    dialog = window.class_server_dialog
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert "Type the address" in dialog.message.text()
    qtbot.keyClicks(dialog.url_edit, ann.url)
    qtbot.keyClicks(dialog.password_edit, "wrong password")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "was refused: check the address" in dialog.message.text(),
                    timeout=15000)
    assert "FATAL" not in dialog.message.text()  # not libpq's words
    dialog.password_edit.clear()
    qtbot.keyClicks(dialog.password_edit, ann.password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sync_label.text() == "Class server: synced", timeout=15000)
    assert window.sync_label.isVisible()
    # Which account Ann's answers go to, to be seen at a glance.
    assert f"Ann is signed in as Ann ({ann.role} on 127.0.0.1): synced." in dialog.message.text()
    with school.admin() as conn:
        assert conn.execute("SELECT count(*) FROM quizapp.answers").fetchone()[0] == 2

    # The server goes away: answers are still recorded at once, and the status says so.
    pg_server.stop("immediate")
    try:
        study(store, "Ann", make_bank(), [("q2", True, 3)], T0.replace(day=3))
        qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "offline since" in window.sync_label.text(), timeout=20000)
        assert store.unpushed_count(store.learner_by_name("Ann").id) == 1
    finally:
        pg_server.start()
    qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sync_label.text() == "Class server: synced", timeout=15000)
    with school.admin() as conn:
        assert conn.execute("SELECT count(*) FROM quizapp.answers").fetchone()[0] == 3


def test_nobody_signed_in_shows_no_sync_status(qtbot, window):
    from quizapp.gui.class_sync import ClassSync

    window.attach_class_sync(ClassSync(window.context.store, window))
    assert not window.sync_label.isVisible()
    assert not window.class_sync.running


def test_the_status_counts_the_answers_waiting_until_the_sync_sends_them(
    qtbot, window, pg_server, pg_database
):
    from quizapp.gui.class_sync import ClassSync
    from quizapp.server import sync

    school = make_school(pg_server, pg_database)
    ann = school.add("Ann")
    store = window.context.store
    sync.sign_in(store, ann.url, "Ann", ann.password)
    study(store, "Ann", make_bank(), [("q0", True, 3), ("q1", False, 1)], T0)
    class_sync = ClassSync(store, window)
    window.class_sync = class_sync
    class_sync.status_changed.connect(window._show_sync_status)
    class_sync.refresh_status()  # counted on a thread of its own
    qtbot.waitUntil(lambda: window.sync_label.text() == "Class server: 2 answers waiting",
                    timeout=10000)
    with qtbot.waitSignal(class_sync.status_changed, timeout=15000):
        class_sync.sync_soon()  # on its own thread
    assert window.sync_label.text() == "Class server: synced"


def test_the_answers_waiting_are_counted_with_a_thousands_separator(
    qtbot, window, pg_server, pg_database
):
    from quizapp.gui.class_sync import ClassSync
    from quizapp.server import sync

    school = make_school(pg_server, pg_database)
    ann = school.add("Ann")
    store = window.context.store
    sync.sign_in(store, ann.url, "Ann", ann.password)
    study(store, "Ann", make_bank(), [(f"q{i % 6}", True, 3) for i in range(1234)], T0)
    class_sync = ClassSync(store, window)
    window.class_sync = class_sync
    class_sync.status_changed.connect(window._show_sync_status)
    class_sync.refresh_status()  # counted on a thread of its own
    qtbot.waitUntil(lambda: window.sync_label.text() == "Class server: 1,234 answers waiting",
                    timeout=10000)


def test_a_bank_the_teacher_publishes_appears_in_the_library_after_a_sync(
    qtbot, window, pg_server, pg_database, tmp_path
):
    from pathlib import Path

    from quizapp.gui.class_sync import ClassSync
    from quizapp.server import banks, sync

    school = make_school(pg_server, pg_database)
    ann = school.add("Ann")
    school.add("Tess", "teacher")
    tour = Path(__file__).resolve().parent.parent / "question_banks" / "tour.yaml"
    published = tmp_path / "class-tour.yaml"
    published.write_text(tour.read_text(encoding="utf-8").replace("\nid: tour\n",
                                                                  "\nid: class-tour\n"))
    with school.as_person("Tess") as conn:
        banks.publish(conn, published, ["7B"])
    store = window.context.store
    sync.sign_in(store, ann.url, "Ann", ann.password)
    window.attach_class_sync(ClassSync(store, window))  # syncs at once, on its thread
    qtbot.waitUntil(lambda: window.context.library.bank("class-tour") is not None,
                    timeout=20000)
    assert window.context.library.bank("class-tour").title == "Tour: how quizapp banks work"

    # Tess withdraws it: after the next sync the library no longer lists it.
    with school.as_person("Tess") as conn:
        banks.unpublish(conn, "class-tour", ["7B"])
    window.class_sync.sync_soon()
    qtbot.waitUntil(lambda: window.context.library.bank("class-tour") is None, timeout=20000)


def test_a_learner_whose_password_was_refused_is_named_though_the_other_synced(
    qtbot, window, pg_server, pg_database
):
    from psycopg import sql

    from quizapp.server import sync

    school = make_school(pg_server, pg_database)
    ann, bob = school.add("Ann"), school.add("Bob")
    store = window.context.store
    store.create_learner("Bob")
    sync.sign_in(store, ann.url, "Ann", ann.password)
    sync.sign_in(store, bob.url, "Bob", bob.password)
    study(store, "Bob", make_bank(), [("q0", True, 3)], T0)
    with school.admin() as conn:  # Bob's password changed on the server
        conn.execute(sql.SQL("ALTER ROLE {} PASSWORD 'changed'").format(
            sql.Identifier(bob.role)))

    window.class_server_action.trigger()  # File > Class server…, as Ann
    dialog = window.class_server_dialog
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    refused = ("Bob's password was refused: sign in again with the password from the"
               " teacher (if the teacher removed Bob from the class server, they must add"
               " them again)")
    # The status bar: who and what in a few words (the whole of it fits), the rest in
    # the dialog.
    qtbot.waitUntil(lambda: window.sync_label.text() == "Class server: Bob's password was"
                    " refused (see File > Class server…)", timeout=15000)
    qtbot.waitUntil(lambda: refused[1:] in dialog.message.text(), timeout=5000)
    # Bob's answer waits, not Ann's: her own line counts hers alone.
    assert dialog.message.text() == (
        f"{refused}.\nAnn is signed in as Ann ({ann.role} on 127.0.0.1): synced.")
    # As Bob, the window does not say he is synced while his password is refused.
    dialog.close()
    window.context.learner_id = store.learner_by_name("Bob").id
    window.class_server_action.trigger()
    dialog = window.class_server_dialog
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: refused[1:] in dialog.message.text(), timeout=15000)
    assert dialog.message.text() == (
        f"{refused}.\nBob's answers stay on this computer until then (1 answer waiting).")


def test_an_address_that_is_not_valid_says_so_in_the_dialog(qtbot, window, pg_server,
                                                            pg_database):
    school = make_school(pg_server, pg_database)
    ann = school.add("Ann")
    window.class_server_action.trigger()
    dialog = window.class_server_dialog
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.url_edit, ann.url + "?sslmode=bogus")
    qtbot.keyClicks(dialog.password_edit, ann.password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "This address is not valid" in dialog.message.text(),
                    timeout=15000)
    assert 'invalid sslmode value: "bogus"' in dialog.message.text()
    assert "cannot be reached" not in dialog.message.text()


def test_a_closed_dialog_is_not_drawn_on_by_later_syncs(qtbot, window, pg_server, pg_database):
    """File > Class server… closed with Esc, then the background sync runs again: nothing
    draws on the deleted dialog (a tester met "Internal C++ object (QLabel) already
    deleted" in an error box after every sync)."""
    school = make_school(pg_server, pg_database)
    ann = school.add("Ann")
    window.class_server_action.trigger()
    dialog = window.class_server_dialog
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.url_edit, ann.url)
    qtbot.keyClicks(dialog.password_edit, ann.password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sync_label.text() == "Class server: synced", timeout=15000)
    with qtbot.waitSignal(dialog.destroyed, timeout=5000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    study(window.context.store, "Ann", make_bank(), [("q0", True, 3)], T0)
    with qtbot.waitSignal(window.class_sync.sync_finished, timeout=15000):
        window.class_sync.sync_soon()  # what the app's timer and a finished quiz do
    assert window.sync_label.text() == "Class server: synced"


def test_a_sync_announces_the_learner_and_banks_it_pulled_and_counts_off_the_gui_thread(
    qtbot, window, pg_server, pg_database, tmp_path, monkeypatch
):
    import threading

    from quizapp.core.store import StoreQueries
    from quizapp.gui.class_sync import ClassSync
    from quizapp.server import sync

    school = make_school(pg_server, pg_database)
    school.add("Ann")
    bank = make_bank()
    # Ann studied on another computer, which sent it to the class server.
    lab = school.computer(tmp_path / "lab", "Ann")
    study(lab, "Ann", bank, [("q0", True, 3), ("q1", False, 1)], T0)
    assert sync.sync(lab).pushed == 2
    lab.close()
    store = window.context.store
    ann = school.people["Ann"]
    sync.sign_in(store, ann.url, "Ann", ann.password)
    ann_id = store.learner_by_name("Ann").id
    announced = []
    window.context.events.store_changed.connect(announced.append)
    counted_on = []
    real_count = StoreQueries.unpushed_count

    def unpushed_count(self, learner_id):
        counted_on.append(threading.current_thread() is threading.main_thread())
        return real_count(self, learner_id)

    monkeypatch.setattr(StoreQueries, "unpushed_count", unpushed_count)
    class_sync = ClassSync(store, window)
    with qtbot.waitSignal(class_sync.sync_finished, timeout=20000):
        window.attach_class_sync(class_sync)  # counts, then syncs, each on a thread
    qtbot.waitUntil(lambda: window.sync_label.text() == "Class server: synced", timeout=10000)
    assert class_sync.last_result.pulled == 2
    # What the sync wrote is announced as Ann's answers in that bank, not as everything.
    from quizapp.gui.changes import Changes

    assert announced == [Changes.synced(ann_id, frozenset({bank.id}))]
    # The answers waiting were counted, never on the GUI thread.
    assert counted_on and not any(counted_on)


def test_sync_now_after_a_mistyped_password_shows_the_account_signed_in_still_syncs(
        qtbot, window, pg_server, pg_database):
    """A tester signed in, then typed a wrong password and pressed Sign in (refused), then
    Sync now: the refusal stayed, though the sync with the account signed in before ran."""
    school = make_school(pg_server, pg_database)
    ann = school.add("Ann")
    store = window.context.store
    window.class_server_action.trigger()
    dialog = window.class_server_dialog
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.url_edit, ann.url)
    qtbot.keyClicks(dialog.password_edit, ann.password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sync_label.text() == "Class server: synced", timeout=15000)
    dialog.password_edit.clear()
    qtbot.keyClicks(dialog.password_edit, "mistyped")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "was refused: check the address" in dialog.message.text(),
                    timeout=15000)
    study(store, "Ann", make_bank(), [("q0", True, 3)], T0)
    with qtbot.waitSignal(window.class_sync.sync_finished, timeout=15000):
        qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.text()
                    == f"Ann is signed in as Ann ({ann.role} on 127.0.0.1): synced.",
                    timeout=5000)
    with school.admin() as conn:
        assert conn.execute("SELECT count(*) FROM quizapp.answers").fetchone()[0] == 1


def test_a_learner_deleted_here_leaves_no_password_behind(qtbot, window, pg_server,
                                                          pg_database, monkeypatch):
    """A tester deleted a signed-in learner: their password stayed in class-server.pgpass."""
    from PySide6.QtWidgets import QMessageBox

    from quizapp.server import sync

    school = make_school(pg_server, pg_database)
    ann, bob = school.add("Ann"), school.add("Bob")
    store = window.context.store
    store.create_learner("Bob")
    for person in (ann, bob):
        sync.sign_in(store, person.url, person.name, person.password)
    passfile = sync.passfile(store)
    assert [line.split(":")[3] for line in passfile.read_text().splitlines()] == [
        ann.role, bob.role]
    window.show_learners()
    screen = window.learner_screen
    screen.list.setCurrentRow([screen.list.item(i).text()
                               for i in range(screen.list.count())].index("Ann"))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(screen.learners_changed, timeout=10000):
        qtbot.mouseClick(screen.delete_button, Qt.MouseButton.LeftButton)
    assert [learner.name for learner in store.learners()] == ["Bob"]
    assert [line.split(":")[3] for line in passfile.read_text().splitlines()] == [bob.role]
    assert passfile.stat().st_mode & 0o777 == 0o600
    assert sync.sync(store).errors == []  # Bob still signs in with his


def _status_of(window, store):
    """The window's status bar, its class sync counting what waits (on its own thread).
    Wired as attach_class_sync wires it, but without its sync at once: what the status
    says before the sync is what these tests look at."""
    from quizapp.gui.class_sync import ClassSync

    class_sync = ClassSync(store, window)
    window.class_sync = class_sync
    class_sync.status_changed.connect(window._show_sync_status)
    class_sync.refresh_status()
    return class_sync


def _ann_answered_and_suspended(window, school, suspended: list[str]):
    """Ann signed in to `school` on the window's store, one answer given and the cards
    `suspended` suspended; the store and the bank."""
    from quizapp.server import sync

    ann = school.add("Ann")
    store = window.context.store
    sync.sign_in(store, ann.url, "Ann", ann.password)
    bank = make_bank()
    study(store, "Ann", bank, [("q0", True, 3)], T0)
    store.set_suspended(store.learner_by_name("Ann").id, bank.id, suspended, True)
    return store, bank


def test_the_status_counts_the_cards_suspended_until_the_sync_sends_them(
    qtbot, window, pg_server, pg_database
):
    """A card suspended (or brought back) here waits for the sync as an answer does: the
    status said "synced" while it waited."""
    store, bank = _ann_answered_and_suspended(window, make_school(pg_server, pg_database),
                                              ["q1", "q2"])
    learner = store.learner_by_name("Ann").id
    store.set_suspended(learner, bank.id, ["q1"], False)  # (one card: counted once)
    class_sync = _status_of(window, store)
    qtbot.waitUntil(lambda: window.sync_label.text()
                    == "Class server: 1 answer and 2 card changes waiting", timeout=10000)
    window.class_server_action.trigger()  # File > Class server… says the same
    dialog = window.class_server_dialog
    qtbot.waitExposed(dialog)
    assert "1 answer and 2 card changes waiting" in dialog.message.text()
    dialog.close()
    with qtbot.waitSignal(class_sync.status_changed, timeout=15000):
        class_sync.sync_soon()
    assert window.sync_label.text() == "Class server: synced"
    store.set_suspended(learner, bank.id, ["q2"], False)
    class_sync.refresh_status()
    qtbot.waitUntil(lambda: window.sync_label.text()
                    == "Class server: 1 card change waiting", timeout=10000)


def test_a_server_before_step_16_leaves_the_suspensions_said_waiting(
    qtbot, window, pg_server, pg_database, monkeypatch
):
    from quizapp.server import schema

    with monkeypatch.context() as older:
        older.setattr(schema, "SCHEMA_VERSION", 15)
        school = make_school(pg_server, pg_database)
    store, _ = _ann_answered_and_suspended(window, school, ["q1"])
    class_sync = _status_of(window, store)
    with qtbot.waitSignal(class_sync.sync_finished, timeout=15000):
        class_sync.sync_soon()
    # the answer went; the suspension waits for `quizapp server init` (step 16)
    assert window.sync_label.text() == "Class server: 1 card change waiting"
