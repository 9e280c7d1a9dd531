"""The answer widgets, driven as a learner would: keys, clicks, typing, dragging by keyboard."""

from __future__ import annotations

import random
from dataclasses import replace
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel

from quizapp.core.arrangement import arrange
from quizapp.core.model import (
    Choice,
    Cloze,
    Flashcard,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    Ordering,
    ShortAnswer,
    TrueFalse,
)
from quizapp.gui import question_widgets as qw

MC = MultipleChoice(
    id="mc",
    prompt="Who is **Kantor**?",
    choices=(
        Choice(text="U.S. Trade Representative"),
        Choice(text="Secretary of Commerce", feedback="That is Brown."),
        Choice(text="<b>HTML</b> choice"),
    ),
    correct=0,
)
TF = TrueFalse(id="tf", prompt="The talks were in Tokyo.", answer=True)
MS = MultipleSelect(
    id="ms",
    prompt="Pick the Americans.",
    choices=(Choice(text="Kantor"), Choice(text="Hashimoto"), Choice(text="Brown")),
    correct=(0, 2),
)
SA = ShortAnswer(id="sa", prompt="Kantor's title?", answers=("USTR",))
NU = Numeric(id="nu", prompt="Trade deficit?", answer=60, unit="billion dollars")
MA = Matching(
    id="ma",
    prompt="Match person and role.",
    pairs=(("Kantor", "Trade Representative"), ("Brown", "Commerce"), ("Hashimoto", "MITI")),
)
OR = Ordering(
    id="or", prompt="Order the meetings.", items=("Monday", "Today", "Wednesday", "Friday")
)
CL = Cloze(id="cl", prompt="", text="Kantor met {{Hashimoto}} on {{Wednesday|Wed}}.")
FC = Flashcard(id="fc", prompt="USTR", back="U.S. Trade Representative")


def make(qtbot, question) -> qw.QuestionWidget:
    widget = qw.widget_for(question)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_every_type_has_its_widget(qtbot):
    kinds = {
        MC: qw.MultipleChoiceWidget,
        TF: qw.TrueFalseWidget,
        MS: qw.MultipleSelectWidget,
        SA: qw.ShortAnswerWidget,
        NU: qw.NumericWidget,
        MA: qw.MatchingWidget,
        OR: qw.OrderingWidget,
        CL: qw.ClozeWidget,
        FC: qw.FlashcardWidget,
    }
    for question, cls in kinds.items():
        widget = make(qtbot, question)
        assert type(widget) is cls
        # nothing answered yet (an ordering's order shown is the app's until an item moves)
        assert widget.is_answered() is False


def test_every_control_has_an_accessible_name_and_a_tooltip(qtbot):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QListWidget

    for question in (MC, TF, MS, SA, NU, MA, OR, CL, FC):
        widget = make(qtbot, question)
        controls = [
            w
            for kind in (QAbstractButton, QLineEdit, QComboBox, QListWidget)
            for w in widget.findChildren(kind)
        ]
        assert controls, question.type
        for control in controls:
            assert control.accessibleName(), (question.type, control)
            assert control.toolTip(), (question.type, control)


def test_multiple_choice_keys_pick_and_response_is_the_index(qtbot):
    widget = make(qtbot, MC)
    seen = []
    widget.response_changed.connect(lambda: seen.append(widget.response()))
    widget.focus_answer()
    qtbot.keyClick(widget.buttons[0], Qt.Key.Key_2)
    assert widget.response() == 1
    qtbot.keyClick(widget.buttons[1], Qt.Key.Key_1)
    assert widget.response() == 0
    assert seen and seen[-1] == 0
    # a key beyond the choices does nothing
    qtbot.keyClick(widget, Qt.Key.Key_9)
    assert widget.response() == 0
    # clicking the choice's text picks it too
    qtbot.mouseClick(widget.findChildren(qw._ClickableLabel)[2], Qt.MouseButton.LeftButton)
    assert widget.response() == 2


def test_choice_text_is_markdown_without_html(qtbot):
    widget = make(qtbot, MC)
    labels = widget.findChildren(qw._ClickableLabel)
    html = labels[2].text()
    assert "&lt;b&gt;" in html  # shown as text, never as a bold tag
    assert "<b>HTML</b>" not in html
    assert 'font-weight:700;">Kantor</span>' in widget.prompt_label.text()  # **bold** renders
    assert widget.buttons[2].accessibleName() == "<b>HTML</b> choice"


def test_true_false_response_is_a_bool(qtbot):
    widget = make(qtbot, TF)
    assert widget.response() is None
    qtbot.keyClick(widget, Qt.Key.Key_2)
    assert widget.response() is False
    qtbot.keyClick(widget, Qt.Key.Key_1)
    assert widget.response() is True


def test_multiple_select_keys_toggle(qtbot):
    widget = make(qtbot, MS)
    qtbot.keyClick(widget, Qt.Key.Key_1)
    qtbot.keyClick(widget, Qt.Key.Key_3)
    assert widget.response() == [0, 2]
    qtbot.keyClick(widget, Qt.Key.Key_1)
    assert widget.response() == [2]


def test_typed_answers(qtbot):
    widget = make(qtbot, SA)
    widget.focus_answer()
    qtbot.keyClicks(widget.edit, "  USTR ")
    assert widget.response() == "USTR"
    # digits are typed, not taken as choice keys
    qtbot.keyClick(widget.edit, Qt.Key.Key_1)
    assert widget.response() == "USTR 1"

    number = make(qtbot, NU)
    assert number.unit_label.text() == "billion dollars"
    assert "billion dollars" in number.edit.accessibleName()
    qtbot.keyClicks(number.edit, "60,5")
    assert number.response() == "60,5"


def test_matching_response_indexes_pairs(qtbot):
    widget = make(qtbot, MA)
    assert widget.response() == [None, None, None]
    widget.choose(0, 0)
    widget.choose(1, 2)
    assert widget.response() == [0, 2, None]
    assert widget.is_answered()
    # choosing by keyboard: the combo lists every right-hand side after the placeholder
    combo = widget.combos[2]
    combo.setFocus()
    labels = [combo.itemText(i) for i in range(combo.count())]
    # each shown with its number key: "1. MITI"
    assert [label.split(". ", 1)[0] for label in labels[1:]] == ["1", "2", "3"]
    texts = [label.split(". ", 1)[1] for label in labels[1:]]
    assert sorted(texts) == sorted(r for _, r in MA.pairs)
    combo.setCurrentIndex(texts.index("MITI") + 1)
    assert widget.response() == [0, 2, 2]


def test_digits_pick_in_matching_and_move_to_the_next_item(qtbot):
    widget = make(qtbot, MA)
    widget.show()
    qtbot.waitExposed(widget)
    first, second = widget.combos[0], widget.combos[1]
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    key = next(i for i in range(1, first.count()) if first.itemText(i).endswith(MA.pairs[0][1]))
    qtbot.keyClick(first, str(key))
    assert widget.response()[0] == 0  # the first item matched with its own right side
    assert second.hasFocus()  # on to the next item
    qtbot.keyClick(second, "9")  # no ninth answer: nothing picked
    assert widget.response()[1] is None


def test_ordering_starts_shuffled_and_moves_with_alt_arrows(qtbot):
    widget = qw.widget_for(OR, arrangement=arrange(OR, random.Random(1)))
    qtbot.addWidget(widget)
    widget.show()
    start = widget.shown_order()
    assert sorted(start) == [0, 1, 2, 3]
    assert start != [0, 1, 2, 3]
    assert widget.response() is None and not widget.is_answered()  # nothing moved yet
    widget.focus_answer()
    widget.list.setCurrentRow(0)
    qtbot.keyClick(widget.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert widget.response() == [start[1], start[0], *start[2:]]
    assert widget.list.currentRow() == 1
    qtbot.keyClick(widget.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert widget.response() == start  # moved and back: the order shown is the answer
    assert widget.is_answered()
    # at the top, Alt+Up does nothing
    qtbot.keyClick(widget.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert widget.response() == start
    # sort into the right order by keyboard alone
    for target in range(4):
        row = widget.response().index(target)
        widget.list.setCurrentRow(row)
        for _ in range(row - target):
            qtbot.keyClick(widget.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert widget.response() == [0, 1, 2, 3]
    # drag and drop is on while answering, off once locked
    assert widget.list.dragDropMode() == widget.list.DragDropMode.InternalMove
    widget.set_enabled(False)
    assert widget.list.dragDropMode() == widget.list.DragDropMode.NoDragDrop
    qtbot.keyClick(widget.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert widget.response() == [0, 1, 2, 3]


def test_cloze_has_a_line_edit_per_blank_between_the_words(qtbot):
    widget = make(qtbot, CL)
    assert len(widget.edits) == 2
    assert widget.edits[0].accessibleName() == "Blank 1 of 2"
    widget.focus_answer()
    qtbot.keyClicks(widget.edits[0], "Hashimoto")
    qtbot.keyClick(widget.edits[0], Qt.Key.Key_Tab)
    qtbot.keyClicks(widget.edits[1], "Wed")
    assert widget.response() == ["Hashimoto", "Wed"]
    words = [
        lbl.text()
        for lbl in widget.findChildren(QLabel)
        if lbl.text() in ("Kantor", "met", "on", ".")
    ]
    assert words == ["Kantor", "met", "on", "."]
    # the words lie left of their blank on one line when there is room
    widget.resize(800, 300)
    met = next(lbl for lbl in widget.findChildren(QLabel) if lbl.text() == "met")
    qtbot.waitUntil(lambda: met.geometry().right() < widget.edits[0].geometry().left(),
                    timeout=2000)


def test_flashcard_flips_with_space_and_rates_with_keys(qtbot):
    widget = make(qtbot, FC)
    assert not widget.back_label.isVisible()
    qtbot.keyClick(widget, Qt.Key.Key_3)  # rating before flipping does nothing
    assert widget.response() is None
    qtbot.keyClick(widget, Qt.Key.Key_Space)
    assert widget.back_label.isVisible()
    qtbot.keyClick(widget, Qt.Key.Key_4)
    assert widget.response() == 4
    qtbot.keyClick(widget, Qt.Key.Key_1)
    assert widget.response() == 1


def test_show_grade_locks_and_marks(qtbot):
    widget = make(qtbot, MC)
    qtbot.keyClick(widget, Qt.Key.Key_2)
    widget.show_grade(
        SimpleNamespace(
            correct=False,
            credit=0.0,
            expected="U.S. Trade Representative",
            feedback="That is Brown.",
        )
    )
    assert not widget.buttons[1].isEnabled()
    assert widget.marks[0].isVisible() and "Right" not in widget.marks[0].text()
    assert widget.marks[0].text().startswith(qw.RIGHT_MARK)
    assert widget.marks[1].text().startswith(qw.WRONG_MARK)
    assert not widget.marks[2].isVisible()
    qtbot.keyClick(widget, Qt.Key.Key_1)  # locked: keys change nothing
    assert widget.response() == 1

    cloze = make(qtbot, CL)
    qtbot.keyClicks(cloze.edits[0], "Hashimotto")  # one typo is forgiven
    qtbot.keyClicks(cloze.edits[1], "Friday")
    cloze.show_grade(
        SimpleNamespace(correct=False, credit=0.5, expected="Hashimoto; Wednesday", feedback=None)
    )
    assert cloze.marks[0].text() == qw.RIGHT_MARK
    assert cloze.marks[1].text() == f"{qw.WRONG_MARK} Wednesday"
    assert cloze.edits[0].isReadOnly()

    text = make(qtbot, SA)
    qtbot.keyClicks(text.edit, "USTR")
    text.show_grade(SimpleNamespace(correct=True, credit=1.0, expected="USTR", feedback=None))
    assert text.edit.isReadOnly()
    assert "Right" in text.mark.text()


@pytest.mark.parametrize("window", ["#ffffff", "#202124"])
def test_grade_colours_contrast_with_the_window(window):
    from PySide6.QtGui import QColor

    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(window))
    background = QColor(window)

    def luminance(c):
        def chan(v):
            v /= 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * chan(c.red()) + 0.7152 * chan(c.green()) + 0.0722 * chan(c.blue())

    for colour in qw.grade_colours(palette):
        a, b = sorted((luminance(colour), luminance(background)), reverse=True)
        assert (a + 0.05) / (b + 0.05) >= 4.5  # WCAG AA for normal text


def test_images_only_from_inside_the_bank_folder(qtbot, tmp_path):
    from PySide6.QtGui import QImage

    bank = tmp_path / "bank"
    bank.mkdir()
    image = QImage(20, 10, QImage.Format.Format_RGB32)
    image.fill(0)
    image.save(str(bank / "pic.png"))
    image.save(str(tmp_path / "outside.png"))
    inside = qw.widget_for(SimpleNamespace_question("pic.png"), bank_dir=bank)
    outside = qw.widget_for(SimpleNamespace_question("../outside.png"), bank_dir=bank)
    qtbot.addWidget(inside)
    qtbot.addWidget(outside)
    assert inside.findChild(QLabel, "") is not None
    assert any(
        lbl.pixmap() is not None and not lbl.pixmap().isNull()
        for lbl in inside.findChildren(QLabel)
    )
    assert not any(
        lbl.pixmap() is not None and not lbl.pixmap().isNull()
        for lbl in outside.findChildren(QLabel)
    )


def test_a_picture_is_described_in_the_banks_words(qtbot, tmp_path):
    from PySide6.QtGui import QImage

    image = QImage(20, 10, QImage.Format.Format_RGB32)
    image.fill(0)
    image.save(str(tmp_path / "study-loop.png"))
    described = TrueFalse(id="img", prompt="Look.", answer=True, image="study-loop.png",
                          image_description="Three boxes: Question, Answer, Feedback.")
    widget = qw.widget_for(described, bank_dir=tmp_path)
    plain = qw.widget_for(SimpleNamespace_question("study-loop.png"), bank_dir=tmp_path)
    missing = qw.widget_for(replace(described, image="gone.png"), bank_dir=tmp_path)
    for w in (widget, plain, missing):
        qtbot.addWidget(w)

    def picture(w):
        (label,) = [lbl for lbl in w.findChildren(QLabel)
                    if lbl.accessibleName() == "Question image"]
        return label

    assert picture(widget).accessibleDescription() == (
        "Picture: Three boxes: Question, Answer, Feedback.")
    assert picture(widget).toolTip() == picture(widget).accessibleDescription()
    assert picture(plain).accessibleDescription() == "Picture: study loop"  # the file's name
    assert missing.missing_image_label.text() == (
        "[image missing: gone.png. It shows: Three boxes: Question, Answer, Feedback.]")


def SimpleNamespace_question(image):  # noqa: N802
    return TrueFalse(id="img", prompt="Look.", answer=True, image=image)


def test_ordering_reads_the_order_after_a_drag(qtbot):
    from PySide6.QtCore import QModelIndex

    widget = make(qtbot, OR)
    start = widget.shown_order()
    assert widget.response() is None
    changed = []
    widget.response_changed.connect(lambda: changed.append(True))
    # what an internal-move drop does to the list: the model moves the row
    assert widget.list.model().moveRow(QModelIndex(), 0, QModelIndex(), 4)
    assert widget.response() == [*start[1:], start[0]]
    assert changed


def test_a_cloze_shows_escaped_characters_as_they_are_written(qtbot):
    """An imported cloze text holds Markdown escapes and character references for a literal
    '<b>' or '*' ("\\<b>", "&lt;i>"): its words show the characters, not the escapes (a
    Moodle round trip showed "\\<b>"; found by a helper)."""
    from PySide6.QtWidgets import QLabel

    question = Cloze(id="esc", prompt="",
                     text=r"Use \<b>dots\</b>, 5\*3 and &lt;i> in {{HTML}}.")
    widget = qw.widget_for(question)
    qtbot.addWidget(widget)
    words = [label.text() for label in widget.findChildren(QLabel)
             if label.textFormat() == Qt.TextFormat.PlainText]
    shown = " ".join(words)
    assert "Use <b>dots</b>, 5*3 and <i> in" in shown
    assert "\\" not in shown and "&lt;" not in shown
