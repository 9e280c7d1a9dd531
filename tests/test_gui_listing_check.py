"""A new bank is listed from its header while its questions are checked (issue 17), through
the real window: shown as being checked and not studyable, then studyable, or its problems;
a reload and a change of the file during the check."""

import os
import subprocess
import sys
import threading

import pytest
from helpers import SMALL_BANK, library_rows
from PySide6.QtCore import Qt

import quizapp.core.loader as loader_module
from quizapp.gui.library_rows import (
    ACCESSIBLE_DESCRIPTION_ROLE,
    CHECKING_NOTE,
    CHECKING_STATUS,
    QUESTIONS,
    STATUS,
)


@pytest.fixture
def banks(tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "small.yaml").write_text(SMALL_BANK.format(title="Small bank"), encoding="utf-8")
    return folder


@pytest.fixture
def win(open_library_window, banks):
    return open_library_window(banks)  # the bundled banks and small.yaml are cached now


@pytest.fixture
def held_check(monkeypatch):
    """Every bank check waits until the test lets it go (`release.set()`); `started` is set
    when one begins waiting, and `checked` lists the paths checked."""
    release, started = threading.Event(), threading.Event()
    checked: list[str] = []
    real = loader_module.check_bytes

    def held(data, path, content_hash, cancel=None):
        started.set()
        assert release.wait(timeout=30), "the test never let the check go on"
        checked.append(path)
        return real(data, path, content_hash, cancel=cancel)

    monkeypatch.setattr(loader_module, "check_bytes", held)
    held.release, held.started, held.checked = release, started, checked
    yield held
    release.set()  # never leave the loader thread waiting


def _new_bank(title: str, bank_id: str, questions: int = 3) -> str:
    text = SMALL_BANK.format(title=title).replace("id: small", f"id: {bank_id}", 1)
    extra = "".join(f"  - id: q{i}\n    type: true_false\n    prompt: Statement {i}.\n"
                    f"    answer: true\n" for i in range(questions - 3))
    return text + extra


def _click_row(qtbot, win, title: str) -> None:
    tree = win.library_screen.tree
    item = library_rows(win)[title]
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=tree.visualItemRect(item).center())
    assert tree.currentItem() is item


def test_a_new_bank_shows_as_being_checked_then_can_be_studied(qtbot, win, banks, held_check):
    library, screen = win.context.library, win.library_screen
    (banks / "big.yaml").write_text(_new_bank("Big new bank", "big", questions=400),
                                    encoding="utf-8")
    with qtbot.waitSignal(library.banks_listed, timeout=30000):
        win.reload_action.trigger()  # File > Reload banks
    assert held_check.started.wait(timeout=10)  # its check has begun and is held
    rows = library_rows(win)
    row = rows["Big new bank"]
    assert row.text(STATUS) == CHECKING_STATUS
    assert row.text(QUESTIONS) == ""  # not known before the check
    assert row.data(0, ACCESSIBLE_DESCRIPTION_ROLE) == CHECKING_NOTE  # what a screen reader says
    assert rows["Small bank"].text(STATUS) == "ready"  # the cached banks are listed as ever
    assert screen.progress.isVisible()
    message = "“Big new bank” is new or changed: its questions are being checked."
    assert message in screen.empty_label.text()
    assert screen.empty_label.isVisible()
    assert message in screen.progress.accessibleDescription()
    _click_row(qtbot, win, "Big new bank")
    assert not screen.quiz_button.isEnabled()
    assert not screen.flash_button.isEnabled()
    assert not screen.practice_button.isEnabled()
    assert "being checked" in screen.details.toPlainText().lower()
    with qtbot.assertNotEmitted(screen.quiz_requested):
        qtbot.keyClick(screen.tree, Qt.Key.Key_Q)
        qtbot.keyClick(screen.tree, Qt.Key.Key_Return)
    assert win.current_screen_name() == "library"

    held_check.release.set()
    # (The folder's watcher may add a pass of its own for the new file: all cached by then.)
    qtbot.waitUntil(lambda: not library.loading
                    and library_rows(win)["Big new bank"].text(STATUS) != CHECKING_STATUS,
                    timeout=30000)
    row = library_rows(win)["Big new bank"]
    assert row.text(STATUS) == "ready"
    assert row.text(QUESTIONS) == "400"
    assert row.data(0, ACCESSIBLE_DESCRIPTION_ROLE) is None
    assert screen.tree.currentItem() is row  # still selected, now as the checked bank
    assert screen.quiz_button.isEnabled()
    assert not screen.progress.isVisible()
    assert not screen.empty_label.isVisible()
    assert library.checking() == []
    assert held_check.checked == [str(banks / "big.yaml")]


def test_a_bad_bank_listed_from_its_header_then_shows_its_problems(qtbot, win, banks,
                                                                   held_check):
    library, screen = win.context.library, win.library_screen
    bad = _new_bank("Looks fine", "bad") + "  - id: sky\n    type: true_false\n    prompt: Again\n"
    (banks / "bad.yaml").write_text(bad, encoding="utf-8")
    with qtbot.waitSignal(library.banks_listed, timeout=30000):
        win.reload_action.trigger()
    assert library_rows(win)["Looks fine"].text(STATUS) == CHECKING_STATUS
    _click_row(qtbot, win, "Looks fine")
    with qtbot.waitSignal(library.library_loaded, timeout=30000):
        held_check.release.set()
    rows = library_rows(win)
    assert "Looks fine" not in rows  # as any broken bank: named by its file
    assert "error" in rows["bad.yaml"].text(STATUS)
    assert screen.tree.currentItem() is rows["bad.yaml"]
    details = screen.details.toPlainText()
    assert "cannot be studied until these problems are fixed" in details
    repeated = bad.splitlines().index("  - id: sky", 5) + 1
    assert f"{banks / 'bad.yaml'}:{repeated}:" in details  # file:line of the repeated id
    assert not screen.quiz_button.isEnabled()


def test_a_reload_and_a_change_during_the_check_end_with_the_file_as_it_is(qtbot, win, banks,
                                                                           held_check):
    library = win.context.library
    path = banks / "new.yaml"
    path.write_text(_new_bank("First title", "new"), encoding="utf-8")
    with qtbot.waitSignal(library.banks_listed, timeout=30000):
        win.reload_action.trigger()
    assert held_check.started.wait(timeout=10)
    assert library_rows(win)["First title"].text(STATUS) == CHECKING_STATUS
    # While the first version is being checked: it changes on disk, and the learner reloads.
    path.write_text(_new_bank("Second title", "new"), encoding="utf-8")
    win.reload_action.trigger()
    assert library.loading
    listings = []
    library.banks_listed.connect(lambda: listings.append(
        {e.checking.title for e in library.checking()}))
    loads = []
    library.library_loaded.connect(lambda: loads.append(sorted(library_rows(win))))
    held_check.release.set()
    # The pass under way ends with the version it read; one more pass lists the new one
    # from its header and checks it.
    qtbot.waitUntil(lambda: len(loads) >= 2 and not library.loading, timeout=30000)
    assert "First title" in loads[0]
    assert listings == [{"Second title"}]
    rows = library_rows(win)
    assert "First title" not in rows
    assert rows["Second title"].text(STATUS) == "ready"
    assert library.bank("new").title == "Second title"


def test_a_bank_already_checked_is_never_shown_as_being_checked(qtbot, win, banks):
    library = win.context.library
    listings = []
    library.banks_listed.connect(lambda: listings.append(list(library.entries)))
    broken = "title: Broken\nquestions:\n  - id: q\n    type: nope\n"
    (banks / "broken.yaml").write_text(broken, encoding="utf-8")
    with qtbot.waitSignal(library.library_loaded, timeout=30000):
        win.reload_action.trigger()
    assert len(listings) == 1  # the new broken bank, listed then checked
    with qtbot.waitSignal(library.library_loaded, timeout=30000):
        win.reload_action.trigger()
    assert len(listings) == 1  # cached now, broken as it is: listed at once, as every bank
    assert "error" in library_rows(win)["broken.yaml"].text(STATUS)


def test_a_real_process_says_when_a_new_bank_is_listed_then_checked(tmp_path):
    """The lines bench_startup.py --new-bank times (QUIZAPP_ANNOUNCE_LIBRARY=1)."""
    from quizapp.core.store import Store

    data, banks = tmp_path / "data", tmp_path / "banks"
    banks.mkdir()
    (banks / "new.yaml").write_text(_new_bank("New bank", "new", questions=50),
                                    encoding="utf-8")
    with Store.open(data) as store:  # a returning learner: the window opens on the library
        store.set_last_learner(store.create_learner("Ana").id)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QUIZAPP_ANNOUNCE_LIBRARY="1",
               QUIZAPP_EXIT_AFTER_LOAD="1")
    result = subprocess.run([sys.executable, "-m", "quizapp", "--exit-when-ready",
                             "--data-dir", str(data), "--bank-dir", str(banks)],
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith("quizapp: banks listed, checking: ")
    assert "New bank" in lines[0].split(": ", 2)[2].split("; ")  # its row, by its title
    assert lines[1] == "quizapp: banks loaded"
