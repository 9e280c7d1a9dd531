"""The library through the real window: bundled banks, broken banks with their errors, reloads,
scores, and the keys that start a quiz, flashcards or practice."""

import os
import threading
from pathlib import Path

import pytest
from gui_helpers import settled
from helpers import SMALL_BANK, counted, library_rows
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from quizapp.core.library import discover_bank_files
from quizapp.core.loader import load_bank
from quizapp.core.paths import bundled_banks_dir
from quizapp.gui.library_rows import BEST, DUE, LAST, LEARNING, QUESTIONS, STATUS

BROKEN = """\
title: Broken
questions:
  - id: q1
    type: multiple_choice
    prompt: Which?
    choices: [a, b]
    answer: c
"""


@pytest.fixture
def banks(tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "small.yaml").write_text(SMALL_BANK.format(title="Small bank"), encoding="utf-8")
    (folder / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    return folder


@pytest.fixture
def win(open_library_window, banks):
    return open_library_window(banks)


def test_lists_bundled_banks_and_the_broken_one_with_its_errors(win, banks):
    rows = library_rows(win)
    for path in discover_bank_files(bundled_banks_dir()):
        bank = load_bank(path).bank
        assert bank is not None
        assert bank.title in rows
        assert rows[bank.title].text(QUESTIONS) == str(len(bank.questions))
    assert "Small bank" in rows
    broken = rows["broken.yaml"]
    assert "error" in broken.text(STATUS)
    screen = win.library_screen
    screen.tree.setCurrentItem(broken)
    details = screen.details.toPlainText()
    assert f"{banks / 'broken.yaml'}:7:" in details  # file:line of the wrong answer
    assert "c" in details
    assert not screen.quiz_button.isEnabled()  # a broken bank cannot be studied...
    screen.tree.setCurrentItem(rows["Small bank"])
    assert screen.quiz_button.isEnabled()  # ...the others can


def test_a_changed_file_is_reloaded(qtbot, win, banks):
    library = win.context.library
    with qtbot.waitSignal(library.library_loaded, timeout=30000):
        changed = banks / "small.yaml"
        before = changed.stat().st_mtime_ns
        changed.write_text(SMALL_BANK.format(title="Renamed bank"), encoding="utf-8")
        # A different mtime for the cache, without waiting for the clock to move on.
        later = before + 2_000_000_000
        os.utime(changed, ns=(later, later))
    qtbot.waitUntil(lambda: "Renamed bank" in library_rows(win), timeout=10000)
    assert "Small bank" not in library_rows(win)


def test_a_file_that_turns_bad_stays_listed_with_its_error(qtbot, win, banks):
    library = win.context.library
    with qtbot.waitSignal(library.library_loaded, timeout=30000):
        (banks / "small.yaml").write_text("title: Small\nquestions: [\n", encoding="utf-8")
    qtbot.waitUntil(lambda: "small.yaml" in library_rows(win), timeout=10000)
    assert "error" in library_rows(win)["small.yaml"].text(STATUS)


def test_loading_runs_off_the_gui_thread(qtbot, win, monkeypatch):
    import quizapp.core.library as library_module

    threads = []
    real = library_module.load_library

    def spy(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(library_module, "load_library", spy)
    library = win.context.library
    with qtbot.waitSignal(library.library_loaded, timeout=30000):
        library.reload()
        assert library.loading
    assert threads and threads[0] is not threading.main_thread()


def test_scores_and_due_cards_are_shown(qtbot, win):
    from quizapp.core.session import QuizSession

    context = win.context
    bank = context.library.bank("small")
    session = QuizSession(context.store, context.learner_id, bank, mode="quiz", shuffle=False,
                          question_ids=["sky", "grass"])
    session.submit(True)
    session.advance()
    session.submit(True)  # wrong: grass is not red
    session.advance()
    assert session.state == "finished"
    win.show_library()
    counted(qtbot, win)
    row = library_rows(win)["Small bank"]
    assert row.text(BEST) == "50%" and row.text(LAST) == "50%"
    assert row.text(DUE).isdigit() and row.text(LEARNING).isdigit()


def test_keys_start_flashcards_quiz_and_practice(qtbot, win, monkeypatch):
    screen = win.library_screen
    screen.tree.setCurrentItem(library_rows(win)["Small bank"])
    screen.tree.setFocus()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    screen.tree.setFocus()

    flashcards = win.screen_named("flashcards")
    with qtbot.waitSignal(flashcards.review_started, timeout=10000):
        qtbot.keyClick(screen.tree, Qt.Key.Key_F)
    assert win.current_screen_name() == "flashcards"
    assert flashcards.session is not None and flashcards.session.bank.id == "small"
    # Ctrl+L asks to leave the session first (tests/test_gui_keyboard.py); no import mid-session
    assert win.library_action.isEnabled() and not win.import_action.isEnabled()
    flashcards.session.abandon()
    flashcards.leave()
    assert win.current_screen_name() == "library"

    from quizapp.gui import quiz_setup

    monkeypatch.setattr(quiz_setup.QuizSetupDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    screen.tree.setFocus()
    with qtbot.waitSignal(win.screen_changed, timeout=10000):  # built on the writer thread
        qtbot.keyClick(screen.tree, Qt.Key.Key_Q)
    assert win.current_screen_name() == "quiz"
    quiz = win.screen_named("quiz")
    assert quiz.session is not None and quiz.session.bank.id == "small"
    quiz.session.abandon()
    quiz.session_left.emit()
    assert win.current_screen_name() == "library"

    # The setup dialog, made and never shown, leaves no window active once events run
    # (they do now, while the session is built): activate the window again, as a click would.
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    screen.tree.setFocus()
    with qtbot.waitSignal(win.screen_changed, timeout=10000):  # built on the writer thread
        qtbot.keyClick(screen.tree, Qt.Key.Key_P)
    assert win.current_screen_name() == "quiz"
    assert quiz.session.mode == "practice"


def test_results_offer_review_of_mistakes_as_practice(qtbot, win):
    from quizapp.core.session import QuizSession

    context = win.context
    bank = context.library.bank("small")
    session = QuizSession(context.store, context.learner_id, bank, shuffle=False,
                          question_ids=["sky", "grass"])
    win._run_quiz(session)
    session.submit(False)  # wrong
    session.advance()
    session.submit(False)  # right
    session.advance()
    win._on_quiz_finished(session)
    assert win.current_screen_name() == "results"
    results = win.screen_named("results")
    with qtbot.waitSignal(win.screen_changed, timeout=10000):  # started on the writer thread
        results.mistakes_button.click()
    assert win.current_screen_name() == "quiz"
    review = win.screen_named("quiz").session
    assert review is not session
    assert review.total == 1
    assert review.current.id == "sky"


def test_buttons_have_accessible_names_and_shortcut_tooltips(win):
    screen = win.library_screen
    for button in (screen.quiz_button, screen.flash_button, screen.practice_button,
                   screen.progress_button, screen.add_button):
        assert button.accessibleName()
        assert button.toolTip().endswith(")")
    for action in (win.add_folder_action, win.import_action, win.export_action,
                   win.progress_action, win.teacher_action, win.switch_learner_action):
        assert "(" in action.toolTip()


def test_progress_and_teacher_open_and_escape_returns_to_the_library(qtbot, win):
    screen = win.library_screen
    screen.tree.setCurrentItem(library_rows(win)["Small bank"])
    screen.progress_button.click()
    assert win.current_screen_name() == "progress"
    progress = win.screen_named("progress")
    assert progress.bank_combo.currentData() == "small"
    qtbot.keyClick(progress, Qt.Key.Key_Escape)
    assert win.current_screen_name() == "library"
    win.teacher_action.trigger()
    assert win.current_screen_name() == "teacher"
    qtbot.keyClick(win.screen_named("teacher"), Qt.Key.Key_Escape)
    assert win.current_screen_name() == "library"


def test_a_practice_session_by_keys_repeats_the_mistake_until_right(qtbot, win):
    from quizapp.core.session import QuizSession

    context = win.context
    bank = context.library.bank("small")
    session = QuizSession(context.store, context.learner_id, bank, mode="practice", shuffle=False,
                          question_ids=["sky", "grass"])
    win._run_quiz(session)
    quiz = win.screen_named("quiz")
    # sky: "2" picks False (wrong); grass: "2" picks False (right); sky again: "1" True (right).
    for key in (Qt.Key.Key_2, Qt.Key.Key_2, Qt.Key.Key_1):
        qtbot.keyClick(quiz, key)
        with qtbot.waitSignal(quiz.answer_submitted):
            qtbot.keyClick(quiz, Qt.Key.Key_Return)  # submit: committed, then the feedback
        qtbot.keyClick(quiz, Qt.Key.Key_Return)  # continue
        qtbot.waitUntil(lambda: not quiz.busy, timeout=10000)  # the last one writes the score
    assert session.state == "finished"
    assert win.current_screen_name() == "results"
    rows = list(context.store.export_rows(context.learner_id, "small"))
    assert [(r.question_id, r.correct) for r in rows] == [
        ("sky", False), ("grass", True), ("sky", True)]
    assert {r.mode for r in rows} == {"practice"}
    settled(qtbot, win.screen_named("results"))
    qtbot.keyClick(win.screen_named("results"), Qt.Key.Key_Return)
    assert win.current_screen_name() == "library"


def test_an_added_folder_can_be_removed_after_asking(qtbot, win, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "own.yaml").write_text(SMALL_BANK.format(title="My own bank").replace("id: small", "id: own"),
                                     encoding="utf-8")
    library = win.context.library
    with qtbot.waitSignal(library.library_loaded, timeout=30000):
        library.add_folder(folder)
    qtbot.waitUntil(lambda: "My own bank" in library_rows(win))
    win.library_screen.tree.setCurrentItem(library_rows(win)["My own bank"])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    assert not win.remove_selected()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(library.library_loaded, timeout=30000):
        assert win.remove_selected()
    qtbot.waitUntil(lambda: "My own bank" not in library_rows(win))
    assert library.user_folders() == []
    assert (folder / "own.yaml").exists()
    # a bundled bank is not removable
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    win.library_screen.select_bank("tour")
    assert not win.remove_selected()


def test_file_import_and_export_go_through_interop(qtbot, win, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    gift = tmp_path / "capitals.gift"
    gift.write_text("::q1:: The capital of France is {=Paris ~London ~Rome}\n", encoding="utf-8")
    target = tmp_path / "out" / "capitals.yaml"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(gift), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"warning: {a[2]}"))
    library = win.context.library
    with qtbot.waitSignal(library.library_loaded, timeout=30000):
        win.import_action.trigger()
    assert target.exists()
    imported = [e for e in library.entries if e.path == str(target.resolve()) or e.path == str(target)]
    assert imported and imported[0].bank is not None, [p.format() for e in imported for p in e.problems]

    win.library_screen.select_path(imported[0].path)
    exported = tmp_path / "out" / "capitals.gift"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(exported), "GIFT (*.gift)"))
    win.export_action.trigger()
    # written by the export's own process: done when the status bar says so
    qtbot.waitUntil(lambda: win.statusBar().currentMessage().startswith("Exported "), timeout=30000)
    assert exported.exists() and "Paris" in exported.read_text(encoding="utf-8")


def test_practice_over_questions_no_longer_in_the_bank_says_so(qtbot, win, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    win.start_practice("small", ["gone-1", "gone-2"])
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert win.current_screen_name() == "library"


def test_a_users_copy_of_a_bundled_bank_is_listed_with_a_note(qtbot, win, banks):
    from quizapp.gui.library_details import REPLACES_NOTE

    # The window at its first size when the teacher's copy comes in (a reload).
    win.resize(1000, 720)
    win.show()
    tree = win.library_screen.tree
    qtbot.waitUntil(lambda: tree.viewport().width() > 900)
    (tour,) = [p for p in discover_bank_files(bundled_banks_dir()) if p.name == "tour.yaml"]
    bundled_title = load_bank(tour).bank.title
    text = tour.read_text(encoding="utf-8")
    title_line = next(line for line in text.splitlines() if line.startswith("title:"))
    # its pictures left behind: a warning too, the longest status a copy gets
    copy = banks / "tour-copy.yaml"
    copy.write_text(text.replace(title_line, "title: Our own tour", 1), encoding="utf-8")
    library = win.context.library
    with qtbot.waitSignal(library.library_loaded, timeout=30000):
        library.reload()
    win.library_screen.refresh()
    rows = library_rows(win)
    assert bundled_title not in rows  # hidden, not listed as broken
    item = rows["Our own tour"]
    assert "your copy" in item.text(STATUS) and "error" not in item.text(STATUS)
    assert REPLACES_NOTE in item.toolTip(STATUS)  # the whole note, on the cell
    win.library_screen.tree.setCurrentItem(item)
    assert REPLACES_NOTE in win.library_screen.details.toPlainText()
    assert win.library_screen.quiz_button.isEnabled()
    # The status is read whole in its column, and the list does not scroll sideways.
    qtbot.waitUntil(lambda: tree.header().length() <= tree.viewport().width())
    status_width = tree.fontMetrics().horizontalAdvance(item.text(STATUS))
    assert status_width <= tree.columnWidth(STATUS)


def test_no_two_alt_keys_clash_on_the_library_page(qtbot, open_main_window):
    """Alt+letter must reach one place: a menu and a button sharing a letter (Alt+F was
    both File and Flashcards) leave the keyboard user guessing which one fires."""
    import re

    from PySide6.QtWidgets import QAbstractButton

    win = open_main_window()
    win.learner_screen.name_edit.setText("Ada")
    with qtbot.waitSignal(win.learner_screen.learner_chosen, timeout=10000):
        qtbot.keyClick(win.learner_screen.name_edit, Qt.Key.Key_Return)
    texts = [a.text() for a in win.menuBar().actions()]
    texts += [b.text() for b in win.findChildren(QAbstractButton) if b.isVisible()]
    letters = [m.group(1).lower() for t in texts if (m := re.search(r"&([^&])", t))]
    assert letters, texts
    assert len(letters) == len(set(letters)), sorted(texts)


def test_gui_import_of_moodle_xml_keeps_its_pictures(qtbot, win, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    source = Path(__file__).parent / "data" / "interop" / "moodle_all_types.xml"
    target = tmp_path / "out" / "trade.yaml"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"warning: {a[2]}"))
    shown = []
    monkeypatch.setattr(win, "_show_warnings", lambda title, warnings: shown.append(warnings))
    library = win.context.library
    with qtbot.waitSignal(library.library_loaded, timeout=30000):
        win.import_action.trigger()
    assert (tmp_path / "out" / "trade-files" / "kantor_photo.png").is_file()
    imported = [e for e in library.entries if Path(e.path).resolve() == target.resolve()]
    assert imported and imported[0].bank is not None
    assert imported[0].bank.question("who-negotiated").image == "trade-files/kantor_photo.png"
    assert shown and any("essay" in w for w in shown[0])


def test_practice_asks_how_many_questions_like_a_quiz(qtbot, win, monkeypatch):
    from quizapp.gui import quiz_setup

    asked = []

    def choose_one(dialog):
        asked.append((dialog.windowTitle(), dialog.mode_combo.currentData()))
        dialog.count_spin.setValue(1)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(quiz_setup.QuizSetupDialog, "exec", choose_one)
    screen = win.library_screen
    screen.tree.setCurrentItem(library_rows(win)["Small bank"])
    # The session is started on the writer thread; the quiz screen shows once it is.
    with qtbot.waitSignal(win.screen_changed, timeout=10000):
        qtbot.mouseClick(screen.practice_button, Qt.MouseButton.LeftButton)
    assert asked == [("Start practice — Small bank", "practice")]
    quiz = win.screen_named("quiz")
    assert win.current_screen_name() == "quiz"
    assert quiz.session.mode == "practice" and quiz.session.total == 1
    quiz.session.abandon()


def test_rows_show_new_learning_due_and_the_details_are_formatted(qtbot, win):
    from quizapp.core.session import FlashcardSession
    from quizapp.gui.library_rows import ABOUT, NEW

    context = win.context
    rows = library_rows(win)
    row = rows["Small bank"]
    # One flashcard never studied; nothing learning or due yet.
    assert (row.text(NEW), row.text(LEARNING), row.text(DUE)) == ("1", "0", "0")
    review = FlashcardSession(context.store, context.learner_id, context.library.bank("small"))
    review.flip()
    review.rate(1)  # Again: the card is learning now, due in a minute
    review.abandon()
    win.show_library()
    counted(qtbot, win)
    row = library_rows(win)["Small bank"]
    assert (row.text(NEW), row.text(LEARNING)) == ("0", "0")
    # A bundled bank: its description in a line, details as formatted text without the
    # package's install path.
    (tour,) = [p for p in discover_bank_files(bundled_banks_dir()) if p.name == "tour.yaml"]
    bank = load_bank(tour).bank
    bundled = library_rows(win)[bank.title]
    assert bundled.text(ABOUT) and "**" not in bundled.text(ABOUT)
    screen = win.library_screen
    screen.tree.setCurrentItem(bundled)
    shown = screen.details.toPlainText()
    assert str(bundled_banks_dir()) not in shown and "bundled with quizapp" in shown
    assert f"Questions: {len(bank.questions)}" in shown
    assert "To study now: 0 due · " in shown and " new" in shown
    if bank.tags or bank.all_tags:
        assert "Tags: " + ", ".join(bank.tags or bank.all_tags) in shown
    # Labels are bold, the title larger than the text.
    document = screen.details.document()
    title_block, first = document.firstBlock(), None
    for fragment_block in (document.findBlockByNumber(n) for n in range(document.blockCount())):
        if fragment_block.text().startswith("Questions: "):
            first = fragment_block
    assert first is not None
    label_format = first.begin().fragment().charFormat()
    title_format = title_block.begin().fragment().charFormat()
    assert label_format.font().bold()
    assert title_format.font().pointSizeF() > label_format.font().pointSizeF()


def test_a_new_bank_is_listed_before_its_cache_entry_is_written(qtbot, win, banks, monkeypatch):
    import quizapp.core.cache as cache_module

    cached = lambda: len(list(cache_module.cache_folder().glob("*.cache")))  # noqa: E731
    listed_before = len(win.context.library.entries)  # the bundled and the fixture's banks
    qtbot.waitUntil(lambda: cached() == listed_before, timeout=15000)
    listed = threading.Event()
    waited = []
    real_write = cache_module.write

    def write_once_listed(*args):
        waited.append(listed.wait(timeout=10))  # True: the listing came first
        real_write(*args)

    monkeypatch.setattr(cache_module, "write", write_once_listed)
    library = win.context.library
    library.library_loaded.connect(listed.set)
    new_bank = SMALL_BANK.format(title="New bank").replace("id: small", "id: new")
    (banks / "new.yaml").write_text(new_bank, encoding="utf-8")
    with qtbot.waitSignal(library.library_loaded, timeout=30000):
        win.reload_action.trigger()  # File > Reload banks
    assert "New bank" in library_rows(win)
    qtbot.waitUntil(lambda: cached() == listed_before + 1, timeout=15000)
    assert waited == [True]



def test_a_new_banks_cache_entry_waits_for_the_library_to_be_redrawn(qtbot, win, banks,
                                                                       monkeypatch):
    """Encoding a checked bank's cache entry holds the GIL for a long while: written while
    the library screen redrew, it made each of the screen's queries wait (docs/
    performance.md). It starts once the screens have redrawn the loaded library."""
    import quizapp.core.cache as cache_module

    library = win.context.library
    redrawn = threading.Event()  # connected after the screens: set once they have redrawn
    library.library_loaded.connect(redrawn.set)
    at_write: list[bool] = []
    real_write = cache_module.write

    def noting_write(*args):
        at_write.append(redrawn.is_set())
        real_write(*args)

    monkeypatch.setattr(cache_module, "write", noting_write)
    new_bank = SMALL_BANK.format(title="Redrawn bank").replace("id: small", "id: redrawn")
    (banks / "redrawn.yaml").write_text(new_bank, encoding="utf-8")
    with qtbot.waitSignal(library.library_loaded, timeout=30000):
        win.reload_action.trigger()  # File > Reload banks
    qtbot.waitUntil(lambda: bool(at_write), timeout=15000)
    assert at_write == [True]
    assert "Redrawn bank" in library_rows(win)


def test_a_class_bank_with_a_bundled_banks_id_is_the_classs_copy_not_yours(qtbot, win, banks):
    """A teacher published the bundled trade bank to 7B: each learner's library said
    "ready · your copy" and "your copy replaces the bundled bank", of a file the learner
    never made (the class server's sync wrote it in class-banks/7B/<bank id>/)."""
    from quizapp.gui.library_details import REPLACES_NOTE

    win.resize(1000, 720)
    win.show()
    (tour,) = [p for p in discover_bank_files(bundled_banks_dir()) if p.name == "tour.yaml"]
    text = tour.read_text(encoding="utf-8")
    title_line = next(line for line in text.splitlines() if line.startswith("title:"))
    folder = banks / "class-banks" / "7B" / "tour"
    folder.mkdir(parents=True)
    (folder / "tour.yaml").write_text(text.replace(title_line, "title: 7B's tour", 1),
                                      encoding="utf-8")
    library = win.context.library
    with qtbot.waitSignal(library.library_loaded, timeout=30000):
        library.reload()
    win.library_screen.refresh()
    item = library_rows(win)["7B's tour"]
    assert "7B's copy" in item.text(STATUS) and "your copy" not in item.text(STATUS)
    assert "7B's copy replaces the bundled bank" in item.toolTip(STATUS)
    assert REPLACES_NOTE not in item.toolTip(STATUS)
    win.library_screen.tree.setCurrentItem(item)
    details = win.library_screen.details.toPlainText()
    assert "7B's copy replaces the bundled bank" in details and "your copy" not in details
