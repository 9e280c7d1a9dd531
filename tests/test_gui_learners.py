"""Learners through the real window: the first run asks a name, later runs reopen that learner."""


from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox


def create(qtbot, win, name: str) -> int:
    """Add a learner on the learner screen; their id once it is written and chosen."""
    screen = win.learner_screen
    with qtbot.waitSignal(screen.learner_chosen, timeout=10000) as chosen:
        screen.create_learner(name)
    settle(qtbot, win)
    return chosen.args[0]


def settle(qtbot, win) -> None:
    """Wait for the writes under way (the last learner is remembered off the GUI thread)."""
    qtbot.waitUntil(lambda: not win.context.operations.busy, timeout=10000)


def test_first_run_asks_the_name_and_creates_the_learner(qtbot, start):
    win = start()
    screen = win.learner_screen
    assert win.current_screen_name() == "learners"
    assert screen.name_edit.isVisible() and not screen.list.isVisible()
    assert "Welcome" in screen.heading.text()
    qtbot.keyClicks(screen.name_edit, "Ana")
    with qtbot.waitSignal(screen.learner_chosen, timeout=10000):
        qtbot.keyClick(screen.name_edit, Qt.Key.Key_Return)
    settle(qtbot, win)
    learners = win.context.store.learners()
    assert [learner.name for learner in learners] == ["Ana"]
    assert win.context.learner_id == learners[0].id
    assert win.current_screen_name() == "library"
    assert "Ana" in win.learner_button.text()
    assert win.context.store.last_learner().name == "Ana"


def test_an_empty_name_is_refused_with_a_message(qtbot, start):
    win = start()
    qtbot.keyClick(win.learner_screen.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(win.learner_screen.error_label.text()), timeout=10000)
    assert win.context.store.learners() == []
    assert win.current_screen_name() == "learners"


def test_later_runs_open_on_the_last_learner(qtbot, start):
    first = start()
    create(qtbot, first, "Ana")
    first.close()
    first.context.close()
    second = start()
    assert second.current_screen_name() == "library"
    assert second.context.learner().name == "Ana"


def test_switching_learner_from_the_window(qtbot, start):
    win = start()
    ana = create(qtbot, win, "Ana")
    assert win.current_screen_name() == "library"
    win.switch_learner_action.trigger()  # Ctrl+Shift+L
    assert win.current_screen_name() == "learners"
    screen = win.learner_screen
    assert screen.list.isVisible() and screen.list.count() == 1
    qtbot.keyClicks(screen.name_edit, "Ben")
    with qtbot.waitSignal(screen.learner_chosen, timeout=10000):
        qtbot.keyClick(screen.name_edit, Qt.Key.Key_Return)
    settle(qtbot, win)
    assert win.context.learner().name == "Ben"
    assert win.current_screen_name() == "library"
    win.switch_learner_action.trigger()
    names = [screen.list.item(i).text() for i in range(screen.list.count())]
    assert names == ["Ana", "Ben"]
    screen.list.setCurrentRow(0)
    qtbot.keyClick(screen.list, Qt.Key.Key_Return)
    settle(qtbot, win)
    assert win.context.learner_id == ana
    assert win.context.store.last_learner().id == ana
    assert "Ana" in win.windowTitle()


def test_duplicate_names_are_refused(qtbot, start):
    win = start()
    create(qtbot, win, "Ana")
    win.show_learners()
    win.learner_screen.create_learner("Ana")
    qtbot.waitUntil(lambda: bool(win.learner_screen.error_label.text()), timeout=10000)
    assert "Ana" in win.learner_screen.error_label.text()
    assert len(win.context.store.learners()) == 1


def test_rename_and_delete_ask_first(qtbot, start, monkeypatch):
    win = start()
    create(qtbot, win, "Ana")
    create(qtbot, win, "Ben")
    win.show_learners()
    screen = win.learner_screen
    screen.list.setCurrentRow(0)
    monkeypatch.setattr(QInputDialog, "exec", lambda self: (
        self.setTextValue("Anna"), QInputDialog.DialogCode.Accepted)[1])
    with qtbot.waitSignal(screen.learners_changed, timeout=10000):
        screen.rename_selected()
    assert sorted(learner.name for learner in win.context.store.learners()) == ["Anna", "Ben"]

    screen.list.setCurrentRow([screen.list.item(i).text() for i in range(2)].index("Ben"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    screen.delete_selected()
    assert len(win.context.store.learners()) == 2
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(screen.learners_changed, timeout=10000):
        screen.delete_selected()
    assert [learner.name for learner in win.context.store.learners()] == ["Anna"]
    assert win.context.learner_id is None  # Ben was the current learner
    assert win.learner_button.text() == "No learner"


def test_controls_have_accessible_names_and_tooltips(qtbot, start):
    win = start()
    screen = win.learner_screen
    for widget in (screen.list, screen.continue_button, screen.rename_button,
                   screen.delete_button, screen.name_edit, screen.create_button):
        assert widget.accessibleName()
        assert widget.toolTip()


def test_a_look_alike_name_is_refused_without_a_traceback(qtbot, start, capfd, caplog):
    """A name taken (or looking the same) is the learner's mistake: a clear message on
    screen, and nothing in the terminal or the log (it printed a Python traceback)."""
    win = start()
    create(qtbot, win, "Mara")
    win.show_learners()
    capfd.readouterr()
    screen = win.learner_screen
    qtbot.keyClicks(screen.name_edit, "mara")
    qtbot.keyClick(screen.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(screen.error_label.text()), timeout=10000)
    settle(qtbot, win)
    assert 'already a learner called "Mara"' in screen.error_label.text()
    assert len(win.context.store.learners()) == 1
    out, err = capfd.readouterr()
    assert "Traceback" not in err and "ValueError" not in err, err
    assert [r for r in caplog.records if "Mara" in r.getMessage()] == []


def test_menu_items_greyed_without_a_learner_say_why(qtbot, start):
    """A tester found Teacher overview, Progress, Import and Add bank folder greyed on the
    first run with nothing saying why: each says "(pick a learner first)" until there is
    one, then has its own text back."""
    win = start()
    assert win.current_screen_name() == "learners"
    greyed = (win.teacher_action, win.progress_action, win.import_action,
              win.add_folder_action)
    own = {"&Teacher overview", "&Progress", "&Import…", "&Add bank folder…"}
    for action in greyed:
        assert not action.isEnabled()
        assert action.text().endswith(" (pick a learner first)"), action.text()
    assert win.switch_learner_action.text() == "&Switch learner…"  # it is the way out
    qtbot.keyClicks(win.learner_screen.name_edit, "Ana")
    with qtbot.waitSignal(win.learner_screen.learner_chosen, timeout=10000):
        qtbot.keyClick(win.learner_screen.name_edit, Qt.Key.Key_Return)
    settle(qtbot, win)
    assert all(action.isEnabled() for action in greyed)
    assert {action.text() for action in greyed} == own


def test_f2_asks_the_new_name_in_a_box_whose_title_shows_whole(qtbot, start):
    """Openbox cut the rename box's title to "Renam…arner": the box was as narrow as its
    "New name:" field. Real keys: F2 on the list, the name typed, Enter."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLineEdit

    from quizapp.gui.leave_dialog import title_bar_width

    win = start()
    create(qtbot, win, "Ana")
    win.show_learners()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    screen = win.learner_screen
    screen.list.setCurrentRow(0)
    screen.list.setFocus()
    seen: list[tuple[str, int, int]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(50, answer)
            return
        seen.append((box.windowTitle(), box.width(), title_bar_width(box)))
        field = box.findChild(QLineEdit)
        qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(field, "Anna")
        qtbot.keyClick(field, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)
    with qtbot.waitSignal(screen.learners_changed, timeout=10000):
        qtbot.keyClick(screen.list, Qt.Key.Key_F2)
    [(title, width, needed)] = seen
    assert title == "Rename learner" and width >= needed
    assert [learner.name for learner in win.context.store.learners()] == ["Anna"]
