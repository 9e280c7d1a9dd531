"""Themes, zoom and the question card: View > Theme and Ctrl+= / Ctrl+- / Ctrl+0 through the
real menu and keys, remembered across a restart; WCAG 2.1 AA contrast computed from the
palette for both themes; the focus ring drawn; the card at reading width and centred."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import context_for
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from quizapp.core.loader import load_bank
from quizapp.core.session import QuizSession
from quizapp.gui.card import reading_width
from quizapp.gui.theme import (
    DARK,
    LIGHT,
    TEXT_PAIRS,
    THEMES,
    contrast_ratio,
    indicator_outline,
    palette_for,
    stylesheet_for,
)

TOUR = Path(__file__).resolve().parents[1] / "question_banks" / "tour.yaml"
AA_TEXT = 4.5


@pytest.fixture(autouse=True)
def restore_look(qapp):
    """These tests change the application's palette, font and stylesheet: put them back."""
    palette, font, sheet = QPalette(qapp.palette()), qapp.font(), qapp.styleSheet()
    yield
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)


# ------------------------------------------------------------------ contrast


@pytest.mark.parametrize("name", sorted(THEMES))
@pytest.mark.parametrize("pair", TEXT_PAIRS, ids=lambda p: f"{p[0]}-on-{p[1]}")
def test_text_meets_wcag_aa_contrast(name, pair):
    theme = THEMES[name]
    fore, back = (theme.color(p) for p in pair)
    assert contrast_ratio(fore, back) >= AA_TEXT, (name, pair, round(contrast_ratio(fore, back), 2))


@pytest.mark.parametrize("name", sorted(THEMES))
def test_the_palette_itself_meets_aa_for_every_text_role(name):
    """Computed from the QPalette Qt paints with, not only from the theme's table."""
    palette = palette_for(THEMES[name])
    role = QPalette.ColorRole
    for fore, back in ((role.WindowText, role.Window), (role.Text, role.Base),
                       (role.Text, role.AlternateBase), (role.ButtonText, role.Button),
                       (role.HighlightedText, role.Highlight), (role.ToolTipText, role.ToolTipBase),
                       (role.PlaceholderText, role.Base), (role.Link, role.Base)):
        ratio = contrast_ratio(palette.color(fore), palette.color(back))
        assert ratio >= AA_TEXT, (name, fore, back, round(ratio, 2))


def test_series_colours_stand_out_from_the_chart_background():
    # Chart lines and bars are graphics: WCAG 2.1 asks 3:1 against what is next to them.
    for theme in (LIGHT, DARK):
        for colour in theme.series:
            assert contrast_ratio(_q(colour), theme.color("window")) >= 3.0, (theme.name, colour)


def _q(value):
    from PySide6.QtGui import QColor

    return QColor(value)


def test_contrast_ratio_matches_the_wcag_examples():
    assert contrast_ratio(_q("#000000"), _q("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(_q("#777777"), _q("#ffffff")) == pytest.approx(4.48, abs=0.01)


# ------------------------------------------------------------------ View > Theme, zoom


def test_view_theme_dark_applies_and_is_remembered(qtbot, open_main_window):
    win = open_main_window()
    app = QApplication.instance()
    assert win.appearance.choice == "system"
    win.view_actions["theme_dark"].trigger()
    assert app.palette().color(QPalette.ColorRole.Window).name() == DARK.window
    assert app.palette().color(QPalette.ColorRole.Text).name() == DARK.text
    # right/wrong colours follow: a wrong mark on the dark theme uses the dark "wrong"
    from quizapp.gui.question_widgets import grade_colours

    assert [c.name() for c in grade_colours(app.palette())] == [DARK.right, DARK.wrong]
    win.view_actions["theme_light"].trigger()
    assert app.palette().color(QPalette.ColorRole.Window).name() == LIGHT.window
    win.view_actions["theme_dark"].trigger()
    win.close()
    again = open_main_window()  # a restart reads the settings
    assert again.appearance.choice == "dark"
    assert again.view_actions["theme_dark"].isChecked()
    assert app.palette().color(QPalette.ColorRole.Window).name() == DARK.window


def test_zoom_keys_change_the_text_size_and_are_remembered(qtbot, open_main_window):
    win = open_main_window()
    win.activateWindow()  # shortcuts fire in the active window only
    qtbot.waitUntil(win.isActiveWindow)
    start = win.appearance.text_point_size()

    def text_size() -> float:  # what a label in the window is drawn with
        return win.library_screen.font().pointSizeF()

    assert text_size() == pytest.approx(start)
    qtbot.keyClick(win, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(win, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    bigger = text_size()
    assert bigger == pytest.approx(start * 1.25, abs=0.06)
    assert f"font-size: {round(start * 1.25 * 1.35, 1)}pt" in win.styleSheet()  # the prompt
    win.close()
    again = open_main_window()
    assert again.library_screen.font().pointSizeF() == pytest.approx(bigger)
    again.activateWindow()
    qtbot.waitUntil(again.isActiveWindow)
    qtbot.keyClick(again, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert again.library_screen.font().pointSizeF() == pytest.approx(start * 1.1, abs=0.06)
    qtbot.keyClick(again, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert again.library_screen.font().pointSizeF() == pytest.approx(start, abs=0.06)


# ------------------------------------------------------------------ focus ring, card


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=lambda t: t.name)
def test_a_focused_button_shows_the_focus_ring(qtbot, qapp, theme):
    qapp.setPalette(palette_for(theme))
    qapp.setStyleSheet(stylesheet_for(theme, qapp.font().pointSizeF()))
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    first, second = QPushButton("First"), QPushButton("Second")
    layout.addWidget(first)
    layout.addWidget(second)
    holder.show()
    qtbot.waitExposed(holder)
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)

    def focus_pixels(button) -> int:
        image = button.grab().toImage()
        ring = _q(theme.focus).rgb()
        return sum(1 for x in range(image.width()) for y in range(image.height())
                   if image.pixel(x, y) == ring)

    assert focus_pixels(first) > 2 * (first.width() + first.height())  # a whole ring
    assert focus_pixels(second) == 0


def test_the_question_is_a_centred_card_at_reading_width(qtbot, qapp):
    from quizapp.core.store import Store
    from quizapp.gui.quiz_screen import QuizScreen

    qapp.setStyleSheet(stylesheet_for(LIGHT, qapp.font().pointSizeF()))
    store = Store.open()
    learner = store.create_learner("Ada")
    bank = load_bank(TOUR, use_cache=False).bank
    session = QuizSession(store, learner.id, bank, mode="quiz")
    screen = QuizScreen(context_for(store))
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    screen.start(session)
    qtbot.waitExposed(screen)
    card = screen.card
    qtbot.waitUntil(lambda: card.width() > 0)
    assert card.width() <= reading_width(card)
    assert card.width() >= reading_width(card) - 4  # it takes the reading width when it can
    middle = card.mapTo(screen, card.rect().center()).x()
    assert abs(middle - screen.width() / 2) < 24  # centred
    prompt = screen.question_widget.prompt_label
    assert prompt.font().pointSizeF() >= 1.3 * screen.submit_button.font().pointSizeF()
    screen.abandon_session()
    screen.context.operations.shutdown()  # the session is closed before the store
    store.close()


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=lambda t: t.name)
def test_spin_boxes_keep_their_arrows_under_the_theme(qtbot, qapp, theme):
    """The quiz setup's question count and time limit: the theme must not wipe out the
    up and down arrows (a border rule makes Qt draw spin boxes itself, without arrows)."""
    from PySide6.QtWidgets import QStyle, QStyleOptionSpinBox

    from quizapp.gui.quiz_setup import QuizSetupDialog

    qapp.setPalette(palette_for(theme))
    dialog = QuizSetupDialog(load_bank(TOUR, use_cache=False).bank)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    spin = dialog.count_spin

    def up_button_pixels(sheet: str):
        qapp.setStyleSheet(sheet)
        spin.setFixedSize(160, 40)  # the same size under either sheet
        QApplication.processEvents()
        option = QStyleOptionSpinBox()
        option.initFrom(spin)
        option.subControls = QStyle.SubControl.SC_SpinBoxUp
        option.stepEnabled = spin.stepEnabled()
        area = spin.style().subControlRect(
            QStyle.ComplexControl.CC_SpinBox, option, QStyle.SubControl.SC_SpinBoxUp, spin)
        image = spin.grab().toImage()
        return area, [image.pixel(x, y) for x in range(area.left(), area.right() + 1)
                      for y in range(area.top(), area.bottom() + 1)]

    plain_area, plain = up_button_pixels("")
    themed_area, themed = up_button_pixels(stylesheet_for(theme, qapp.font().pointSizeF()))
    assert not plain_area.isEmpty() and themed_area == plain_area
    assert len(set(plain)) > 2  # the plain style draws an arrow there
    assert themed == plain  # and the theme leaves it as the style draws it


def test_zoom_grows_the_question_and_its_choices_too(qtbot, open_library_window, tmp_path):
    """Zoom reached the menus and buttons, but the prompt's and the choices' Markdown kept
    the size written into their HTML before the stylesheet applied: every text must grow."""
    import shutil

    banks = tmp_path / "banks"
    banks.mkdir()
    shutil.copy(TOUR, banks / "tour.yaml")
    win = open_library_window(banks)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    [entry] = [e for e in win.context.library.entries
               if e.bank is not None and Path(e.path).parent == banks]
    quiz = win.screen_named("quiz")

    def line_heights() -> list[int]:
        """The height of each text of the question, laid out on one line."""
        win.start_practice(entry.bank.id, ["validate-command"])
        qtbot.waitUntil(lambda: quiz.question_widget is not None
                        and quiz.question_widget.question.id == "validate-command")
        widget = quiz.question_widget
        labels = [label for label in widget.findChildren(QLabel) if label.text()]
        heights = [label.heightForWidth(4000) for label in labels]
        quiz.abandon_session()
        return heights

    at_100 = line_heights()
    for _ in range(4):
        win.view_actions["zoom_in"].trigger()  # View > Zoom > Zoom in (Ctrl+=)
    assert win.appearance.zoom == pytest.approx(1.75)
    at_175 = line_heights()
    assert len(at_175) == len(at_100) > 2
    for small, big in zip(at_100, at_175, strict=True):
        assert big >= 1.5 * small


def test_zoom_keeps_a_flashcard_larger_than_the_rest(qtbot, open_library_window, tmp_path):
    """Zoomed, the stylesheet's size for every widget also reached the text set larger
    than the rest (a card's sides, the screen's title), which stopped growing: at 110% it
    was smaller than at 100%."""
    from bank_samples import CAPITALS

    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "capitals.yaml").write_text(CAPITALS, encoding="utf-8")
    win = open_library_window(banks)
    for _ in range(4):
        win.view_actions["zoom_in"].trigger()  # View > Zoom > Zoom in (Ctrl+=)
    text_pt = win.appearance.text_point_size()
    screen = win.screen_named("flashcards")
    with qtbot.waitSignal(screen.review_started, timeout=10000):
        win.start_flashcards("capitals")
    assert screen.front_view.font().pointSizeF() == pytest.approx(text_pt * 1.25, abs=0.1)
    assert screen.title.font().pointSizeF() == pytest.approx(text_pt * 1.3, abs=0.1)
    assert screen.title.font().bold()
    assert screen.counts.font().pointSizeF() == pytest.approx(text_pt, abs=0.1)


def test_zoom_with_a_cards_back_showing_keeps_the_rating_labels_whole(
        qtbot, open_library_window, tmp_path):
    """Space, then Ctrl+= twice: the rating buttons kept the width their labels had at
    100% and cut them ("l Again · 1 m", "Good · 10 r")."""
    from bank_samples import CAPITALS

    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "capitals.yaml").write_text(CAPITALS, encoding="utf-8")
    win = open_library_window(banks)
    screen = win.screen_named("flashcards")
    with qtbot.waitSignal(screen.review_started, timeout=10000):
        win.start_flashcards("capitals")
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert "·" in screen.rating_buttons[3].text()  # the interval is on the button
    for _ in range(2):
        win.view_actions["zoom_in"].trigger()  # View > Zoom > Zoom in (Ctrl+=)
    buttons = list(screen.rating_buttons.values())

    def labels_whole() -> bool:
        return all(b.width() >= b.fontMetrics().horizontalAdvance(b.text()) + 8
                   and b.width() >= b.sizeHint().width() for b in buttons)

    win.resize(500, 600)  # a narrow window: the row is as tight as it may be
    qtbot.waitUntil(labels_whole, timeout=3000)
    assert buttons[0].font().pointSizeF() > 1.2 * win.appearance.base_font.pointSizeF()


def test_zoom_grows_the_library_and_progress_headings(qtbot, open_library_window, tmp_path):
    """Zoomed, the library's and the progress page's headings kept their 100% size: a
    heading's size set once was overruled by the stylesheet's (theme.scale_text keeps it)."""
    from bank_samples import CAPITALS

    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "capitals.yaml").write_text(CAPITALS, encoding="utf-8")
    win = open_library_window(banks)
    for _ in range(4):
        win.view_actions["zoom_in"].trigger()  # View > Zoom > Zoom in (Ctrl+=)
    text_pt = win.appearance.text_point_size()
    assert text_pt > 1.3 * win.appearance.base_font.pointSizeF()
    library = win.screen_named("library")
    assert library.title.font().pointSizeF() == pytest.approx(text_pt * 1.4, abs=0.1)
    assert library.title.font().bold()
    qtbot.keyClick(win, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # progress
    progress = win.screen_named("progress")
    qtbot.waitUntil(progress.isVisible, timeout=5000)
    assert progress.title.font().pointSizeF() == pytest.approx(text_pt * 1.4, abs=0.1)
    assert progress.title.font().bold()


# ------------------------------------------------------------------ check box / radio outlines

NON_TEXT = 3.0  # WCAG 2.1 1.4.11: a control's outline against what is next to it


def _indicator_colours(button, sub_element) -> set[str]:
    """The colours painted inside the button's indicator (its empty box or circle), as
    the window shows it (the button on its parent's background)."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QStyleOptionButton

    option = QStyleOptionButton()
    button.initStyleOption(option)
    rect = button.style().subElementRect(sub_element, option, button)
    image = button.window().grab().toImage()
    at = button.mapTo(button.window(), QPoint(0, 0))
    return {image.pixelColor(at.x() + x, at.y() + y).name()
            for x in range(rect.left(), rect.right() + 1)
            for y in range(rect.top(), rect.bottom() + 1)}


@pytest.mark.parametrize("name", sorted(THEMES))
def test_empty_check_boxes_and_radio_buttons_are_outlined_at_3_to_1(qtbot, open_main_window, name):
    """A tester measured the dark theme's empty indicators at 1.2:1 (#161719 on #25272b).
    Drawn on a card (the base colour) and on the window, as the app shows them."""
    from PySide6.QtWidgets import QCheckBox, QDialog, QRadioButton, QStyle, QVBoxLayout

    from quizapp.gui.card import make_card

    win = open_main_window()
    win.view_actions[f"theme_{name}"].trigger()
    theme = THEMES[name]
    # The theme's own colours: the outline is 3:1 against every field an indicator sits on.
    for back in ("base", "window", "alternate_base"):
        ratio = contrast_ratio(indicator_outline(theme), theme.color(back))
        assert ratio >= NON_TEXT, (name, back, round(ratio, 2))
    page = QDialog(win)  # a window of the app's: the main window's stylesheet, its palette
    layout = QVBoxLayout(page)
    card = make_card()
    in_card = QVBoxLayout(card)
    pairs = []
    for holder, into, back in ((card, in_card, "base"), (page, layout, "window")):
        box, radio = QCheckBox("A choice", holder), QRadioButton("A choice", holder)
        into.addWidget(box)
        into.addWidget(radio)
        pairs += [(box, QStyle.SubElement.SE_CheckBoxIndicator, back),
                  (radio, QStyle.SubElement.SE_RadioButtonIndicator, back)]
    layout.addWidget(card)
    page.show()
    qtbot.waitUntil(lambda: all(b.isVisible() and b.width() > 0 for b, _s, _b in pairs))
    for button, sub_element, back in pairs:
        colours = _indicator_colours(button, sub_element)
        best = max(contrast_ratio(_q(c), theme.color(back)) for c in colours)
        assert best >= NON_TEXT, (name, type(button).__name__, back, round(best, 2), colours)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_the_quiz_setups_tag_boxes_are_outlined_at_3_to_1(qtbot, open_main_window, name):
    """The tags to ask about are ticked in a list: its empty boxes, drawn by the list, were
    as faint as the check boxes (the tester's dark theme)."""
    from PySide6.QtCore import QPoint

    from quizapp.gui.quiz_setup import QuizSetupDialog

    win = open_main_window()
    win.view_actions[f"theme_{name}"].trigger()
    bank = load_bank(TOUR, use_cache=False).bank
    assert bank is not None and bank.all_tags
    dialog = QuizSetupDialog(bank, win)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    tags = dialog.tag_list
    row = tags.visualItemRect(tags.item(0))
    image = tags.viewport().grab().toImage()
    # the box is at the row's left, before the tag's text
    colours = {image.pixelColor(QPoint(x, y)).name()
               for x in range(row.left(), row.left() + row.height())
               for y in range(row.top(), row.bottom() + 1)}
    theme = THEMES[name]
    best = max(contrast_ratio(_q(c), theme.color("base")) for c in colours)
    assert best >= NON_TEXT, (name, round(best, 2), colours)
