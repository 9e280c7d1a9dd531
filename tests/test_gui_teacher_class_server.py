"""The teacher overview with a class server, through the real window (an outside
tester's class on PostgreSQL 15): Refresh fetches the banks published since, Export CSV
writes what the server holds when exported, the status bar follows an overview that found
the server away, and the class server dialog keeps the address after a refused password."""

from __future__ import annotations

import csv
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

pytest.importorskip("psycopg")

from bank_samples import make_bank  # noqa: E402

from quizapp.server import banks, sync  # noqa: E402
from tests.server_helpers import T0, make_school, study, teacher_signed_in  # noqa: E402

ANSWERS = [("q0", True, 3), ("q1", False, 1)]


@pytest.fixture
def teacher_window(qtbot, tmp_path, pg_server, pg_database):
    school = make_school(pg_server, pg_database)
    school.add("Bo Chen")
    school.add("Tess Wong", "teacher")
    with teacher_signed_in(qtbot, tmp_path, school, "Bo Chen", ANSWERS) as (win, learner_id):
        yield win, learner_id, school


def _open_overview(qtbot, window):
    window.teacher_action.trigger()
    screen = window.screens["teacher"]
    qtbot.waitUntil(lambda: screen.overview_model.rowCount() == 1, timeout=20000)
    return screen


def test_refresh_fetches_a_bank_published_since(qtbot, teacher_window, tmp_path):
    window, _learner_id, school = teacher_window
    screen = _open_overview(qtbot, window)
    bank = tmp_path / "new.yaml"
    bank.write_text("title: Published since\nid: since\nquestions:\n"
                    "  - id: q0\n    type: true_false\n    prompt: Sure?\n    answer: true\n",
                    encoding="utf-8")
    with school.as_person("Tess Wong") as conn:
        banks.publish(conn, bank, ["7B"])
    library = window.context.library
    assert library.bank("since") is None
    qtbot.mouseClick(screen.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: library.bank("since") is not None, timeout=20000)
    data_dir = window.context.store.path.parent
    assert (data_dir / "class-banks" / "7B" / "since" / "since.yaml").read_bytes() \
        == bank.read_bytes()


def test_export_csv_writes_what_the_server_holds_now(qtbot, teacher_window, tmp_path,
                                                     monkeypatch):
    """Bo had 2 answers when the overview was read; 3 more reach the server meanwhile:
    the file has 5, not the 2 on screen."""
    window, _learner_id, school = teacher_window
    screen = _open_overview(qtbot, window)
    assert screen.status.text().startswith("From the class server, read at ")
    with school.computer(tmp_path / "lab", "Bo Chen") as lab:
        study(lab, "Bo Chen", make_bank(), [("q0", True, 3)] * 3, T0 + timedelta(days=1))
        assert sync.sync(lab).errors == []
    target = tmp_path / "class.csv"
    monkeypatch.setattr("quizapp.gui.teacher_screen.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(target), "CSV files (*.csv)"))
    with qtbot.waitSignal(screen.csv_exported, timeout=20000):
        qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    with open(target, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["Learner"], r["Answers"]) for r in rows] == [("Bo Chen", "5")]
    # written on the reader thread a moment after the dialog closed: the window says so
    assert window.statusBar().currentMessage() == f"Exported {target}"


def test_export_csv_writes_nothing_when_the_server_is_away_at_export_time(
        qtbot, teacher_window, tmp_path, monkeypatch, pg_server):
    window, learner_id, _school = teacher_window
    screen = _open_overview(qtbot, window)
    store = window.context.store
    key = f"server.url.{learner_id}"
    url = store.get_setting(key)
    store.set_setting(key, url.replace(str(pg_server.port), "1"))  # away since the read
    target = tmp_path / "class.csv"
    monkeypatch.setattr("quizapp.gui.teacher_screen.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(target), "CSV files (*.csv)"))
    warnings: list[str] = []
    monkeypatch.setattr("quizapp.gui.teacher_screen.QMessageBox.warning",
                        lambda _parent, _title, text: warnings.append(text))
    qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(warnings), timeout=20000)
    assert "could not be read just now, so nothing was written" in warnings[0]
    assert "cannot be reached" in warnings[0]
    assert not target.exists()
    store.set_setting(key, url)  # back: the next export writes the class's table
    warnings.clear()
    with qtbot.waitSignal(screen.csv_exported, timeout=20000):
        qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    assert not warnings and target.exists()
    qtbot.waitUntil(lambda: screen.status.text().startswith("From the class server"),
                    timeout=20000)


def test_the_status_bar_says_offline_when_the_overview_finds_the_server_away(
        qtbot, teacher_window, pg_server):
    from quizapp.gui.class_sync import ClassSync

    window, learner_id, _school = teacher_window
    store = window.context.store
    class_sync = ClassSync(store, window)
    # The first sync ended (the status says "synced" from the answers counted before it
    # ends: a sync ending after the address is spoilt below would say "synced" again).
    with qtbot.waitSignal(class_sync.sync_finished, timeout=20000):
        window.attach_class_sync(class_sync)
    qtbot.waitUntil(lambda: not class_sync.running, timeout=20000)
    qtbot.waitUntil(lambda: window.sync_label.text() == "Class server: synced", timeout=20000)
    key = f"server.url.{learner_id}"
    url = store.get_setting(key)
    store.set_setting(key, url.replace(str(pg_server.port), "1"))  # the server is away
    window.teacher_action.trigger()
    screen = window.screens["teacher"]
    qtbot.waitUntil(lambda: screen.status.text()
                    == "Class server offline: this computer's answers only", timeout=20000)
    qtbot.waitUntil(lambda: "offline since" in window.sync_label.text(), timeout=5000)
    store.set_setting(key, url)  # back: a good read clears it
    qtbot.mouseClick(screen.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sync_label.text() == "Class server: synced", timeout=20000)
    qtbot.waitUntil(lambda: screen.status.text().startswith("From the class server"),
                    timeout=20000)


def test_the_dialog_keeps_the_address_after_a_refused_password(qtbot, teacher_window):
    window, learner_id, school = teacher_window
    tess = school.people["Tess Wong"]
    with school.admin() as conn:  # the school gives Tess a new password
        conn.execute(f'ALTER ROLE "{tess.role}" PASSWORD \'a-new-one\'')
    window.class_server_action.trigger()
    dialog = window.class_server_dialog
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "password was refused" in window.sync_label.text(), timeout=20000)
    dialog.close()

    window.class_server_action.trigger()
    dialog = window.class_server_dialog
    qtbot.waitExposed(dialog)
    assert dialog.url_edit.text() == tess.url and dialog.password_edit.text() == ""
    assert tess.password not in dialog.url_edit.text()
    qtbot.keyClicks(dialog.password_edit, "a-new-one")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sync_label.text() == "Class server: synced", timeout=20000)


def test_a_refused_password_is_not_offline_in_the_overview_or_the_status_bar(
        qtbot, teacher_window):
    """A tester's school gave Tess a new password: her overview said "Class server
    offline" and the status bar "offline since …", though the server answered."""
    from quizapp.gui.class_sync import ClassSync

    window, _learner_id, school = teacher_window
    tess = school.people["Tess Wong"]
    with school.admin() as conn:
        conn.execute(f'ALTER ROLE "{tess.role}" PASSWORD \'a-new-one\'')
    class_sync = ClassSync(window.context.store, window)
    with qtbot.waitSignal(class_sync.sync_finished, timeout=20000):
        window.attach_class_sync(class_sync)
    window.teacher_action.trigger()
    screen = window.screens["teacher"]
    qtbot.waitUntil(lambda: screen.status.text()
                    == "Class server refused: this computer's answers only", timeout=20000)
    refused = f"The class server refused the password for {tess.role}"
    assert screen.status.toolTip().startswith(refused)
    assert screen.empty_label.text().startswith(refused)  # why, not the status again
    assert window.sync_label.text() == ("Class server: Tess Wong's password was refused"
                                        " (see File > Class server…)")
    qtbot.mouseClick(screen.refresh_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(class_sync.sync_finished, timeout=20000):
        pass
    assert "offline" not in window.sync_label.text() + screen.status.text()


def test_a_learner_on_the_teachers_computer_does_not_read_the_class(qtbot, teacher_window):
    """Tess signed in on a computer another learner also uses: that learner's Ctrl+T read
    the whole class from the server with Tess's password (a tester, as Ann)."""
    from quizapp.gui.teacher_screen import EMPTY_MESSAGE

    window, tess_id, _school = teacher_window
    screen = _open_overview(qtbot, window)  # Tess: Bo Chen's row, from the server
    assert screen.status.text().startswith("From the class server")
    ann = window.context.store.create_learner("Ann")
    window.set_learner(ann.id)
    window.teacher_action.trigger()
    assert "Bo Chen" not in screen.empty_label.text()
    qtbot.waitUntil(lambda: screen.status.text() == "", timeout=20000)  # this computer's
    # No answers on this computer: none shown, and none to export.
    assert screen.pages.currentIndex() == 0 and screen.empty_label.text() == EMPTY_MESSAGE
    assert screen.data.source == "local" and screen.data.rows == []
    window.set_learner(tess_id)
    window.teacher_action.trigger()
    qtbot.waitUntil(lambda: screen.status.text().startswith("From the class server"),
                    timeout=20000)
    assert screen.overview_model.index(0, 0).data() == "Bo Chen"


def test_an_offline_overview_says_offline_once(qtbot, teacher_window, pg_server):
    """Tess's computer holds no answers: offline, the overview said "Class server offline:
    this computer's answers only" twice, above and again in the empty page under it."""
    from PySide6.QtWidgets import QLabel

    window, learner_id, _school = teacher_window
    store = window.context.store
    key = f"server.url.{learner_id}"
    store.set_setting(key, store.get_setting(key).replace(str(pg_server.port), "1"))
    window.teacher_action.trigger()
    screen = window.screens["teacher"]
    qtbot.waitUntil(lambda: screen.status.text()
                    == "Class server offline: this computer's answers only", timeout=20000)
    assert screen.empty_label.isVisible()
    shown = [label.text() for label in screen.findChildren(QLabel) if label.isVisible()]
    assert sum(text.count("answers only") for text in shown) == 1, shown
    assert sum(text.lower().count("offline") for text in shown) == 1, shown
    # The page under it says why, and what the table would hold.
    assert screen.empty_label.text().startswith("The class server cannot be reached")
    assert "No answers recorded on this computer yet" in screen.empty_label.text()


def test_an_overview_that_met_a_held_table_says_busy_then_reads_the_class(
        qtbot, teacher_window, monkeypatch):
    """The school's owner held the class's summaries (maintenance in psql): the overview
    waited as long, then said "Class server refused", though nothing was refused."""
    from quizapp.server.connection import SERVER_LOCKED, connect

    monkeypatch.setattr(sync, "LOCK_TIMEOUT_MS", 300)
    window, _learner_id, school = teacher_window
    screen = _open_overview(qtbot, window)
    held = connect(school.server.admin_url(school.dbname))
    try:
        held.execute("LOCK TABLE quizapp.learner_banks IN ACCESS EXCLUSIVE MODE")
        qtbot.mouseClick(screen.refresh_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: screen.status.text()
                        == "Class server busy: this computer's answers only", timeout=20000)
        assert screen.status.toolTip() == SERVER_LOCKED
    finally:
        held.close()
    qtbot.keyClick(screen, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: screen.status.text().startswith("From the class server"),
                    timeout=20000)
    assert screen.overview_model.rowCount() == 1


def test_refresh_reads_the_class_again_with_a_bank_it_brought_down(
        qtbot, teacher_window, tmp_path):
    """Tess published a corrected edition and pressed Refresh: the overview was read before
    the sync brought the bank down, so its item analysis stayed on the bank this computer
    had before (or none), until she pressed Refresh again."""
    window, _learner_id, school = teacher_window
    screen = _open_overview(qtbot, window)
    bank = tmp_path / "trade.yaml"
    questions = "".join(
        f"  - id: q{i}\n    type: multiple_choice\n"
        f"    prompt: Question {i}{', again' if i == 1 else ''}?\n"
        f'    choices: ["yes", "no"]\n    answer: "yes"\n' for i in range(6))
    bank.write_text(f"title: Trade talks\nid: trade\nquestions:\n{questions}", encoding="utf-8")
    with school.as_person("Tess Wong") as conn:
        banks.publish(conn, bank, ["7B"])
    qtbot.mouseClick(screen.refresh_button, Qt.MouseButton.LeftButton)

    def labels() -> list[str]:
        return [row[0].text for row in (screen.data.item_rows.rows if screen.data else [])]

    # The questions as the published bank has them (before: ids alone, no bank here).
    qtbot.waitUntil(lambda: "q1: Question 1, again?" in labels(), timeout=20000)
