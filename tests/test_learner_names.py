"""Learner names: invisible-only names are refused, look-alikes of existing ones too."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from quizapp.core.learner_names import clean_name, has_visible_character, name_key
from quizapp.core.store import Store

INVISIBLE = [
    "\u200b",  # zero-width space
    "\u200b\u200c\u200d\u2060",  # zero-width (non-)joiners, word joiner
    "\u3164\u3164",  # Hangul filler
    "\u2800",  # braille blank
    "\u00a0\u2003\u202e",  # no-break space, em space, right-to-left override
    "\u0301",  # an accent on nothing
    "\x00\x07",  # control characters
]


@pytest.mark.parametrize("name", INVISIBLE)
def test_names_of_invisible_characters_are_refused(name):
    assert not has_visible_character(name)
    with pytest.raises(ValueError, match="no visible letters|type a name"):
        clean_name(name, 60)


def test_visible_names_in_any_script_are_fine():
    for name in ("Ana", "José", "李小龙", "Ελένη", "😀", "O'Brien", "Anne-Marie", "A\u200bna"):
        assert clean_name(name, 60)


@pytest.mark.parametrize(
    "first, second",
    [
        ("Ana", "ana"),
        ("Ana", "ANA"),
        ("Ana", "A\u200bna"),  # a zero-width space inside
        ("Ana", "\uff21\uff4e\uff41"),  # full-width letters
        ("José", "Jose\u0301"),  # é as one character, and as e + accent
        ("Ana Lee", "Ana\u00a0Lee"),  # a no-break space
        ("Straße", "STRASSE"),  # case folding, not just lower()
    ],
)
def test_look_alikes_share_a_key(first, second):
    assert name_key(first) == name_key(second)


def test_names_that_differ_do_not_share_a_key():
    assert name_key("Ana") != name_key("Anna")
    assert name_key("José") != name_key("Jose")  # an accent is a real difference


def test_the_store_refuses_look_alikes_and_keeps_renames_to_oneself(tmp_path):
    store = Store.open(tmp_path)
    try:
        ana = store.create_learner("José")
        for look_alike in ("jose\u0301", "JOSÉ", "Jo\u200bsé"):
            with pytest.raises(ValueError, match='already a learner called "José"') as info:
                store.create_learner(look_alike)
            assert "looks the same" in str(info.value)
        bob = store.create_learner("Bob")
        with pytest.raises(ValueError, match="looks the same"):
            store.rename_learner(bob.id, "jos\u00e9")
        store.rename_learner(ana.id, "JOSÉ")  # a learner may change their own name's case
        assert store.learner(ana.id).name == "JOSÉ"
        with pytest.raises(ValueError, match="no visible letters"):
            store.create_learner("\u200b\u3164")
        decomposed = store.create_learner("Rene\u0301")
        assert decomposed.name == "René"  # stored as NFC
        assert store.learner_by_name("Rene\u0301").id == decomposed.id
        assert [x.name for x in store.learners()] == ["Bob", "JOSÉ", "René"]
    finally:
        store.close()


def paste(qtbot, edit, text: str) -> None:
    QApplication.clipboard().setText(text)
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert edit.text() == text


def test_the_learner_screen_shows_why_a_name_is_refused(qtbot, start):  # noqa: F811
    win = start()
    screen = win.learner_screen
    qtbot.keyClicks(screen.name_edit, "Ana")
    with qtbot.waitSignal(screen.learner_chosen, timeout=10000):  # written off the GUI thread
        qtbot.keyClick(screen.name_edit, Qt.Key.Key_Return)
    assert [x.name for x in win.context.store.learners()] == ["Ana"]
    win.show_learners()
    screen.name_edit.clear()
    paste(qtbot, screen.name_edit, "\u200b\u200b")
    qtbot.mouseClick(screen.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "no visible letters" in screen.error_label.text(), timeout=10000)
    screen.name_edit.clear()
    paste(qtbot, screen.name_edit, "ANA\u200b")
    qtbot.mouseClick(screen.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "already a learner" in screen.error_label.text(), timeout=10000)
    assert 'already a learner called "Ana"' in screen.error_label.text()
    assert "looks the same" in screen.error_label.text()
    assert [x.name for x in win.context.store.learners()] == ["Ana"]
