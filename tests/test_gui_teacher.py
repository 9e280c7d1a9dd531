"""The teacher overview over a real Store: learners x banks, item analysis, sorting, CSV."""

from __future__ import annotations

import csv

import pytest
from gui_helpers import LEARNERS, make_context
from gui_helpers import open_teacher_screen as open_screen
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from quizapp.core.percent import percent_text
from quizapp.core.store import Store
from quizapp.gui.rows_model import SORT_ROLE
from quizapp.gui.teacher_screen import (
    EMPTY_MESSAGE,
    ITEM_HEADERS,
    OVERVIEW_HEADERS,
    item_note,
    write_csv,
)


@pytest.fixture
def context(tmp_path, banks):
    store = Store.open(tmp_path / "data")
    yield make_context(store, banks)
    store.close()


def column(proxy, col: int) -> list[str]:
    return [proxy.index(r, col).data() for r in range(proxy.rowCount())]


def test_empty_store_says_so(qtbot, context):
    screen = open_screen(qtbot, context)
    assert screen.pages.currentWidget() is screen.empty_label
    assert screen.empty_label.text() == EMPTY_MESSAGE


def test_learners_by_banks_table_matches_the_store(qtbot, history, banks):
    context = history
    screen = open_screen(qtbot, context)
    proxy = screen.overview_model
    assert proxy.rowCount() == len(LEARNERS) * len(banks)
    expected = {(r.learner, r.bank_id): r for r in context.store.learner_bank_table()}
    assert len(expected) == proxy.rowCount()
    for r in range(proxy.rowCount()):
        learner = proxy.index(r, 0).data()
        bank_id = proxy.index(r, 1).data(Qt.ItemDataRole.UserRole)  # its key
        row = expected[(learner, bank_id)]
        assert proxy.index(r, 1).data() == banks[bank_id].title
        assert proxy.index(r, 2).data() == str(row.attempts)
        assert proxy.index(r, 3).data() == percent_text(row.best_score)
        assert proxy.index(r, 4).data() == percent_text(row.last_score)
        assert proxy.index(r, 5).data() == f"{row.answers:,}"
    # Dmitri left one session per bank unfinished: it is not an attempt.
    dmitri = [r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == "Dmitri"]
    assert {proxy.index(r, 2).data() for r in dmitri} == {"2"}


def test_columns_sort_by_number_not_text(qtbot, history, banks):
    context = history
    screen = open_screen(qtbot, context)
    proxy = screen.overview_model
    screen.overview_table.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # Best %
    best = [float(t.rstrip("%")) for t in column(proxy, 3)]
    assert best == sorted(best)
    assert len(set(best)) > 1
    screen.overview_table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    best = [float(t.rstrip("%")) for t in column(proxy, 3)]
    assert best == sorted(best, reverse=True)

    screen.tabs.setCurrentIndex(1)
    items = screen.item_model
    col = ITEM_HEADERS.index("Discrimination")
    screen.item_table.sortByColumn(col, Qt.SortOrder.AscendingOrder)
    values = [float(t) for t in column(items, col) if t != "–"]
    assert values == sorted(values)
    assert any(v < 0 for v in values) or any(v > 0 for v in values)
    # Not-yet-computable values sort together at the low end.
    dashes = [t == "–" for t in column(items, col)]
    assert dashes == sorted(dashes, reverse=True)


def test_item_analysis_for_the_chosen_bank(qtbot, history, banks):
    context = history
    screen = open_screen(qtbot, context)
    combo = screen.bank_combo
    assert {combo.itemData(i) for i in range(combo.count())} == set(banks)
    for bank in banks.values():
        index = combo.findData(bank.id)
        if combo.currentIndex() != index:
            with qtbot.waitSignal(screen.overview_loaded, timeout=10000):
                combo.setCurrentIndex(index)
                combo.activated.emit(index)
        expected = {s.question_id: s for s in context.store.item_analysis(bank)}
        model = screen.item_model
        assert model.rowCount() == len(expected)
        for r in range(model.rowCount()):
            qid = model.index(r, 0).data(Qt.ItemDataRole.UserRole)
            stat = expected[qid]
            assert model.index(r, 0).data().startswith(qid)
            assert model.index(r, 1).data() == bank.question(qid).type
            assert model.index(r, 2).data() == str(stat.learners)
            assert model.index(r, 3).data() == str(stat.answers)
            facility = "–" if stat.facility is None else f"{stat.facility:.2f}"
            assert model.index(r, 4).data() == facility


def test_filter_narrows_both_tables(qtbot, history, banks):
    context = history
    screen = open_screen(qtbot, context)
    qtbot.keyClicks(screen.filter_edit, "chlo")
    assert set(column(screen.overview_model, 0)) == {"Chloé"}
    screen.filter_edit.clear()
    assert screen.overview_model.rowCount() == len(LEARNERS) * len(banks)


def test_a_filter_that_matches_nothing_says_so(qtbot, history):
    """A tester's filter with no match showed a blank table, like a class with no results."""
    screen = open_screen(qtbot, history)
    qtbot.keyClicks(screen.filter_edit, "zzq")
    assert screen.overview_model.rowCount() == 0
    assert screen.no_match.isVisible()
    assert screen.no_match.text().startswith("No learner or bank matches “zzq”.")
    screen.tabs.setCurrentIndex(1)  # Item analysis: the same filter, said for questions
    assert screen.no_match.text().startswith("No question matches “zzq”.")
    screen.filter_edit.clear()
    assert not screen.no_match.isVisible()
    screen.tabs.setCurrentIndex(0)
    qtbot.keyClicks(screen.filter_edit, "chlo")  # a learner's rows: nothing to say
    assert not screen.no_match.isVisible()


def test_export_writes_the_table_as_shown(qtbot, history, banks, tmp_path):
    context = history
    screen = open_screen(qtbot, context)
    screen.overview_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    path = tmp_path / "overview.csv"
    with qtbot.waitSignal(screen.csv_exported) as signal:
        screen.export_csv(path)
    assert signal.args == [str(path)]
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == OVERVIEW_HEADERS
    body = rows[1:]
    assert [r[0] for r in body] == column(screen.overview_model, 0)
    assert [r[0] for r in body] == sorted((r[0] for r in body), reverse=True)
    table = {(r.learner, r.bank_id): r for r in context.store.learner_bank_table()}
    for r in body:
        row = table[(r[0], r[1])]  # the export names banks by id
        assert int(r[2]) == row.attempts
        assert float(r[3]) == pytest.approx(100 * row.best_score, abs=0.05)
        assert int(r[5]) == row.answers

    screen.tabs.setCurrentIndex(1)
    path = tmp_path / "items.csv"
    with qtbot.waitSignal(screen.csv_exported):
        screen.export_csv(path)
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ITEM_HEADERS
    assert len(rows) - 1 == screen.item_model.rowCount()
    ids = {
        s.question_id for s in context.store.item_analysis(banks[screen.bank_combo.currentData()])
    }
    assert {r[0] for r in rows[1:]} == ids


def test_write_csv_quotes_and_keeps_accents(tmp_path):
    path = tmp_path / "t.csv"
    write_csv(path, ["a", "b"], [['Chloé, "the" best', None], [1.5, "x\ny"]])
    with open(path, encoding="utf-8-sig", newline="") as f:
        assert list(csv.reader(f)) == [["a", "b"], ['Chloé, "the" best', ""], ["1.5", "x\ny"]]


def test_export_to_an_unwritable_place_is_a_message_not_a_crash(
    qtbot, history, tmp_path, monkeypatch
):
    context = history
    screen = open_screen(qtbot, context)
    shown = []
    monkeypatch.setattr(
        "quizapp.gui.teacher_screen.QMessageBox.warning", lambda *a, **k: shown.append(a[2])
    )
    screen.export_csv(tmp_path / "missing" / "x.csv")
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown == [f"{tmp_path / 'missing' / 'x.csv'} could not be written because its folder "
                     "is gone (a disk taken out?). Choose another folder."]


def test_item_notes_read_like_a_teacher_would():
    assert "answer key" in item_note(0.5, -0.3)
    assert "poorly" in item_note(0.5, 0.1)
    assert item_note(0.6, 0.5) == ""
    assert "very easy" in item_note(0.95, 0.4)
    assert "very hard" in item_note(0.2, None)


def test_rows_model_sorts_numbers_by_value_and_filters_any_column(qtbot):
    from quizapp.gui.rows_model import EXPORT_ROLE, Cell, RowsModel

    model = RowsModel(["Name", "Score"])
    model.set_rows(
        [
            (Cell("Ana"), Cell.number(1.0, "100%")),
            (Cell("ben"), Cell.number(0.88, "88%")),
            (Cell("Chloé"), Cell.number(None, "–")),
            (Cell("Dmitri"), Cell.number(0.9, "90%")),
        ]
    )
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert column(model, 1) == ["–", "88%", "90%", "100%"]  # missing first, then by value
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert column(model, 0) == ["Dmitri", "Chloé", "ben", "Ana"]  # case-insensitive
    model.set_filter("CHLO")
    assert column(model, 0) == ["Chloé"]
    assert model.index(0, 1).data(EXPORT_ROLE) == ""
    model.set_filter("9")
    assert column(model, 0) == ["Dmitri"]
    model.set_filter("")
    assert model.rowCount() == 4


def test_plain_text_drops_markdown_marks_but_keeps_text():
    from quizapp.gui.charts import plain_text

    assert plain_text("What does **Mickey Kantor** hold?") == "What does Mickey Kantor hold?"
    assert (
        plain_text("Type `yaml` *here*, see [the docs](http://x)") == "Type yaml here, see the docs"
    )
    assert plain_text("snake_case and 2*3*4") == "snake_case and 2*3*4"
    assert plain_text(r"an escaped \*star\*") == "an escaped *star*"
    assert plain_text("<script>alert(1)</script>") == "<script>alert(1)</script>"  # shown as typed
    assert plain_text("# Title\n- one\n- two") == "Title one two"
    table = "Marks:\n\n| you write | you see |\n| --- | :---: |\n| **bold** | bold |\n\nOK?"
    assert plain_text(table) == "Marks: you write · you see; bold · bold; OK?"
    assert plain_text("a | b, not a table") == "a | b, not a table"
    # an entity is its character, as Markdown shows it; an escaped '&' is an '&'
    assert plain_text("Use &lt;b>dots&lt;/b> &amp; more") == "Use <b>dots</b> & more"
    assert plain_text(r"AT\&T and \&lt; R&D &copy2") == "AT&T and &lt; R&D &copy2"


def test_ctrl_f_goes_to_the_filter(qtbot, history):
    screen = open_screen(qtbot, history)
    screen.activateWindow()
    screen.overview_table.setFocus()
    qtbot.keyClick(screen.overview_table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert screen.filter_edit.hasFocus()


def test_item_analysis_is_sorted_as_its_header_says_and_fits_800_px(qtbot, history):
    screen = open_screen(qtbot, history)
    screen.resize(800, 600)
    qtbot.mouseClick(
        screen.tabs.tabBar(),
        Qt.MouseButton.LeftButton,
        pos=screen.tabs.tabBar().tabRect(1).center(),
    )
    table, model = screen.item_table, screen.item_model
    header = table.horizontalHeader()

    def shown_order(column: int) -> list:
        return [model.index(r, column).data(SORT_ROLE) for r in range(model.rowCount())]

    # As it opens: the arrow is on Question, A to Z, and so are the rows.
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        0,
        Qt.SortOrder.AscendingOrder,
    )
    assert shown_order(0) == sorted(shown_order(0))
    # A click on Facility sorts by facility, as its arrow then says; a second click reverses.
    facility = ITEM_HEADERS.index("Facility")
    x = header.sectionViewportPosition(facility) + header.sectionSize(facility) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert header.sortIndicatorSection() == facility
    ascending = header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    values = [v for v in shown_order(facility) if v is not None]
    assert values == sorted(values, reverse=not ascending) and len(set(values)) > 1
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    values = [v for v in shown_order(facility) if v is not None]
    assert values == sorted(values, reverse=ascending)
    # Every column is in view at 800 px: none runs past the right edge or is squeezed away.
    last = model.columnCount() - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= (
        table.viewport().width() + 1
    )
    assert min(header.sectionSize(c) for c in range(model.columnCount())) >= 60
    # A squeezed note still says all of itself in its tooltip.
    notes = [model.index(r, last) for r in range(model.rowCount())]
    assert all(n.data(Qt.ItemDataRole.ToolTipRole) == n.data() for n in notes if n.data())


def test_bank_text_in_a_table_tooltip_stays_text(qtbot):
    """An imported question's prompt can hold '<b>' or '<img src=...>' as text (Moodle's
    literal tags): a tooltip that looks like HTML is drawn as HTML, so it is escaped
    (found in review); a plain tooltip is left as it is."""
    from quizapp.gui.rows_model import Cell, RowsModel

    model = RowsModel(["Question", "Bank"])
    model.set_rows([[Cell("q1", tooltip='q1: Use <b>dots</b> <img src="/etc/x.png">'),
                     Cell("Tour", tooltip="tour")]])
    shown = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert shown.startswith("<qt>") and "<b>" not in shown and "<img" not in shown
    assert "&lt;b&gt;dots&lt;/b&gt;" in shown
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == "tour"



def test_item_analysis_opened_by_its_key_gives_the_questions_the_room_there_is(
        qtbot, open_library_window, tmp_path):
    """Ctrl+T then Alt+I in the window, as a teacher does: every question was cut to
    100 px ("brown-role…") beside a Note column as wide as the rest of the table."""
    talks = "title: Talks\nid: talks\nquestions:\n" + "".join(
        f"  - id: meeting-day-{i}\n    type: multiple_choice\n"
        f"    prompt: On which day of the talks did meeting {i} take place?\n"
        "    choices: [Monday, Wednesday]\n    answer: Wednesday\n"
        for i in range(6))
    win, screen = _teacher_by_ctrl_t(qtbot, open_library_window, tmp_path, talks, "talks", 3,
                                     size=(1280, 800))
    # The first tab laid out at the window's width, as a teacher sees it before Alt+I.
    shown = screen.overview_table
    qtbot.waitUntil(lambda: shown.isVisible() and shown.viewport().width() > 1000)
    qtbot.keyClick(QApplication.focusWidget() or screen, Qt.Key.Key_I,
                   Qt.KeyboardModifier.AltModifier)
    table = screen.item_table
    assert table.isVisible()
    header, model = table.horizontalHeader(), table.model()
    last = model.columnCount() - 1

    def widest(column: int) -> int:  # as content_widths measures a cell: its text + 12 px
        return max(table.fontMetrics().horizontalAdvance(model.index(r, column).data() or "")
                   for r in range(model.rowCount())) + 12

    question = min(widest(0), 420)  # a question is given up to 420 px, then ends in "…"
    numbers = sum(header.sectionSize(c) for c in range(1, last))
    assert question + numbers + widest(last) < table.viewport().width()  # room for all…
    # …so shown as the tab appears (not after some later resize of the window)
    assert header.sectionSize(0) >= question


def test_a_squeezed_table_gives_a_short_note_all_of_itself_and_stays_in_view(qtbot):
    """Shared in proportion to their widths, "not answered yet" lost its last word
    ("not answered…") beside a question given 300 px."""
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QTableView

    from quizapp.gui.teacher_screen import MIN_FLEXIBLE_WIDTH, spread_columns

    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(QStandardItemModel(1, 3))
    table.resize(600, 200)
    table.show()
    qtbot.waitUntil(lambda: table.viewport().width() > 500)
    view = table.viewport().width()
    question, number, note = 420, 100, 116
    spread_columns(table, [question, number, note], (0, 2))
    widths = [table.columnWidth(c) for c in range(3)]
    assert widths[2] == note and widths[1] == number
    assert widths[0] == view - number - note  # the question has the rest
    spread_columns(table, [question, number, 400], (0, 2))  # two long texts: halves
    widths = [table.columnWidth(c) for c in range(3)]
    assert sum(widths) <= view and min(widths) >= MIN_FLEXIBLE_WIDTH
    assert abs(widths[0] - widths[2]) <= 1


def test_ctrl_t_puts_the_outlined_focus_on_the_table_and_arrows_go_through_it(
        qtbot, open_library_window, tmp_path):
    """Ctrl+T left the focus on the screen itself: nothing was outlined and Down did
    nothing until a Tab, which went to the filter first."""
    one = ("title: One\nid: one\nquestions:\n  - id: q\n    type: true_false\n"
           "    prompt: Yes.\n    answer: true\n")
    win, screen = _teacher_by_ctrl_t(qtbot, open_library_window, tmp_path, one, "one", 1)
    table = screen.overview_table
    assert QApplication.focusWidget() is table
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 0
    # Back on Item analysis (Alt+I), Esc to the library and Ctrl+T again: its table.
    qtbot.keyClick(table, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: win.current_screen_name() == "library")
    qtbot.keyClick(QApplication.focusWidget() or win, Qt.Key.Key_T,
                   Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.item_table, timeout=5000)


def test_esc_in_the_filter_clears_it_first_and_only_then_leaves(
        qtbot, open_library_window, tmp_path):
    """Seen driving the real window (window20): Esc in the filter, typed to narrow the
    table, left the whole overview for the library (and the filter, kept, hid rows the
    next time). Esc in a filter with text clears it; in an empty one it leaves."""
    one = ("title: One\nid: one\nquestions:\n  - id: q\n    type: true_false\n"
           "    prompt: Yes.\n    answer: true\n")
    win, screen = _teacher_by_ctrl_t(qtbot, open_library_window, tmp_path, one, "one", 1)
    qtbot.keyClick(screen.overview_table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is screen.filter_edit
    qtbot.keyClicks(screen.filter_edit, "nobody")
    assert screen.overview_table.model().rowCount() == 0
    qtbot.keyClick(screen.filter_edit, Qt.Key.Key_Escape)
    assert win.current_screen_name() == "teacher"
    assert screen.filter_edit.text() == "" and QApplication.focusWidget() is screen.filter_edit
    assert screen.overview_table.model().rowCount() == 1  # every row back
    qtbot.keyClick(screen.filter_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: win.current_screen_name() == "library")


def _teacher_by_ctrl_t(qtbot, open_library_window, tmp_path, text: str, bank_id: str,
                       answered: int, size: tuple[int, int] | None = None):
    """The window on a folder of one bank (`text`), its first `answered` questions answered
    right by the learner, shown (at `size`) and active; Ctrl+T pressed and the overview
    loaded. (window, teacher screen)"""
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / f"{bank_id}.yaml").write_text(text, encoding="utf-8")
    win = open_library_window(folder)
    store, learner = win.context.store, win.context.learner_id
    bank = win.context.library.bank(bank_id)
    session = store.start_session(learner, bank, "quiz")
    for question in bank.questions[:answered]:
        store.record_answer(session, question, response=True, correct=True, credit=1,
                            seconds=2)
    if size is not None:
        win.resize(*size)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    screen = win.screen_named("teacher")
    with qtbot.waitSignal(screen.overview_loaded, timeout=10000):
        qtbot.keyClick(QApplication.focusWidget() or win, Qt.Key.Key_T,
                       Qt.KeyboardModifier.ControlModifier)
    return win, screen


def test_the_item_analysis_writes_its_answers_as_the_overview_does():
    # The overview wrote 5,750 answers; the item analysis beside it wrote 3751.
    from quizapp.core.stats import ItemStat
    from quizapp.gui.teacher_screen import item_cells

    (row,) = item_cells([ItemStat("q1", 30, 3751, 0.6, 0.68, 0.1)], {})
    assert (row[2].text, row[3].text) == ("30", "3,751")
    assert row[3].sort == 3751
