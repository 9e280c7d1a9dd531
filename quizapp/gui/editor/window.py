"""The bank editor window: question list, form, YAML, preview and problems.

Every change goes through the document (quizapp.authoring.document) as an
Edit on a QUndoStack, so the file changes only where the teacher edited it
and undo restores it byte for byte. The form and the YAML tab show the
selected question (or the bank's own fields, the first row); each follows
the other after every edit.
"""

from __future__ import annotations

import os
import traceback
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from quizapp.authoring.document import (
    BankDocument,
    Edit,
    ReplaceBlocks,
    ReplaceHead,
    ReplaceText,
    too_long_to_edit,
)
from quizapp.authoring.templates import new_question
from quizapp.authoring.yaml_edit import EditError, path_at
from quizapp.core.model import Problem
from quizapp.gui.editor.article_links import naming_article, open_named_article
from quizapp.gui.editor.article_pane import ArticleDock
from quizapp.gui.editor.checker import Checker, OtherBanks
from quizapp.gui.editor.disk_guard import DiskGuard
from quizapp.gui.editor.form import FieldsForm, header_form, question_form, show_in
from quizapp.gui.editor.keys import add_action, add_help_menu, order_form_tabs
from quizapp.gui.editor.part_view import part_text, view_of
from quizapp.gui.editor.preview import PreviewPane
from quizapp.gui.editor.problems_panel import ProblemsPanel, marks_for_block
from quizapp.gui.editor.questions_panel import QuestionsPanel
from quizapp.gui.editor.save_report import SaveReport
from quizapp.gui.editor.saving import (
    ask_where_to_save,
    copy_note,
    copy_target,
    id_for_a_copy,
    read_only_bar,
)
from quizapp.gui.editor.undo import EditCommand, ReloadCommand, burst_start
from quizapp.gui.editor.yaml_tab import YamlTab
from quizapp.gui.focus_keys import enter_presses_focused_buttons
from quizapp.gui.menu_room import keep_room_for_shortcuts
from quizapp.gui.screen_fit import fit_on_screen

HEADER_ROW = 0
YAML_PAUSE_MS = 300


class EditorWindow(QMainWindow):
    saved = Signal(str)  # the path written

    def __init__(self, doc: BankDocument, *, read_only: bool = False,
                 my_banks_dir: str | os.PathLike | None = None,
                 drafts_dir: str | os.PathLike | None = None, parent: QWidget | None = None,
                 other_banks: OtherBanks | None = None):
        super().__init__(parent)
        self.doc = doc
        self.drafts_dir = Path(drafts_dir) if drafts_dir else None
        self.read_only = read_only
        self.my_banks_dir = Path(my_banks_dir) if my_banks_dir else None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._update_title)
        self.problems: list[Problem] = []
        self._refreshing = False
        self._typing_in: str | None = None  # "form" or "yaml" while an edit comes from there
        self.form: FieldsForm | None = None
        self._yaml_row: int | None = None
        self.setAccessibleName("Bank editor")
        self._build()
        self.checker = Checker(lambda: self.doc.text, self._check_path, self, others=other_banks)
        self.checker.checked.connect(self._show_problems)
        self.questions_panel.fill(self.doc)
        self.select_row(1 if len(self.doc) else HEADER_ROW)
        if not doc.splittable:  # the form shows nothing of it: the YAML tab has the file
            self.tabs.setCurrentWidget(self.yaml_tab)
        self._update_title()
        self.checker.schedule()
        self._build_safety()
        self._open_named_article()

    @classmethod
    def open_file(cls, path: str | os.PathLike, **kwargs) -> EditorWindow:
        return cls(BankDocument.open(path), **kwargs)

    @classmethod
    def from_draft(cls, draft, **kwargs) -> EditorWindow:
        """Unsaved work recovered from a draft: shown as changed, not yet saved."""
        window = cls(BankDocument.from_text(draft.text, draft.bank_path), **kwargs)
        window.undo_stack.resetClean()
        window._update_title()
        window.statusBar().showMessage("Recovered unsaved changes; save to keep them.", 10000)
        return window

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        self._page_layout = outer
        self.read_only_bar, self.copy_button = read_only_bar()
        self.copy_button.clicked.connect(self.save_copy_to_my_banks)
        outer.addWidget(self.read_only_bar)
        self.read_only_bar.setVisible(self.read_only)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = self.questions_panel = QuestionsPanel()
        # The tests and the rest of the window reach the panel's parts by these names.
        self.question_list = left.question_list
        self.type_choice = left.type_choice
        self.add_button = left.add_button
        self.duplicate_button = left.duplicate_button
        self.delete_button = left.delete_button
        self.question_list.currentRowChanged.connect(self._on_row_changed)
        self.question_list.model().rowsMoved.connect(self._on_rows_dragged)
        self.add_button.clicked.connect(self.add_question)
        self.duplicate_button.clicked.connect(self.duplicate_question)
        self.delete_button.clicked.connect(self.delete_question)
        splitter.addWidget(left)

        self.tabs = QTabWidget()
        self.form_area = QScrollArea()
        self.form_area.setWidgetResizable(True)
        self.form_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its fields are the Tab stops
        self.tabs.addTab(self.form_area, "F&orm")  # Alt+F is the File menu
        self.yaml_tab = YamlTab()
        self.yaml_edit = self.yaml_tab.edit
        self.yaml_edit.textChanged.connect(self._on_yaml_typed)
        # Typed YAML goes into the file after a short pause (or when the teacher
        # leaves the tab): half-typed text is often no YAML at all, and the
        # whole burst of typing is one undo step.
        self.yaml_timer = QTimer(self)
        self.yaml_timer.setSingleShot(True)
        self.yaml_timer.setInterval(YAML_PAUSE_MS)
        self.yaml_timer.timeout.connect(self.apply_yaml)
        self.tabs.addTab(self.yaml_tab, "&YAML")
        self._build_preview()
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 3)

        right_and_problems = QSplitter(Qt.Orientation.Vertical)
        right_and_problems.addWidget(splitter)
        self.problem_list = ProblemsPanel()
        self.problem_list.line_chosen.connect(self._go_to_line)
        right_and_problems.addWidget(self.problem_list)
        right_and_problems.setStretchFactor(0, 4)
        fit_on_screen(self, 1100, 760)  # no larger than the screen at large fonts
        # Shared out of the size the window got: the problems a sixth, the list a third.
        right_and_problems.setSizes([self.height() * 5 // 6, self.height() // 6])
        splitter.setSizes([self.width() * 31 // 100, self.width() * 69 // 100])
        outer.addWidget(right_and_problems, 1)
        self.setCentralWidget(central)
        self._build_article_dock()
        self._build_menus()
        enter_presses_focused_buttons(self)

    def _build_article_dock(self) -> None:
        self.article_dock = ArticleDock(self)
        self.article = self.article_dock.pane
        self.article.question_requested.connect(self.add_question_from_article)
        self.article_dock.article_opened.connect(self._on_article_opened)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.article_dock)

    def _build_preview(self) -> None:
        self.preview = PreviewPane()
        self.tabs.addTab(self.preview, "&Preview")
        # Built only while the tab is shown, after a pause: a keystroke never waits for it.
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(YAML_PAUSE_MS)
        self.preview_timer.timeout.connect(self.refresh_preview)
        self.tabs.currentChanged.connect(lambda _i: self._show_preview())

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.save_action = add_action(self, file_menu, "&Save", "Ctrl+S", self.save)
        self.copy_action = add_action(self, file_menu, "Save a copy to &my banks…", "",
                                        self.save_copy_to_my_banks)
        add_action(self, file_menu, "Open &article…", "Ctrl+Shift+O", self.choose_article)
        file_menu.addSeparator()
        add_action(self, file_menu, "&Close", "Ctrl+W", self.close)
        edit_menu = bar.addMenu("&Edit")
        self.undo_action = add_action(self, edit_menu, "&Undo", "Ctrl+Z", self.undo)
        self.redo_action = add_action(self, edit_menu, "&Redo", ["Ctrl+Shift+Z", "Ctrl+Y"], self.redo)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        question_menu = bar.addMenu("&Question")
        self.add_action = add_action(self, question_menu, "&Add question", "Ctrl+N", self.add_question)
        self.duplicate_action = add_action(self, question_menu, "&Duplicate", "Ctrl+D",
                                             self.duplicate_question)
        self.delete_action = add_action(self, question_menu, "De&lete", "Ctrl+Delete",
                                          self.delete_question)
        self.move_up_action = add_action(self, question_menu, "Move &up", "Alt+Up",
                                           lambda: self.move_question(-1))
        self.move_down_action = add_action(self, question_menu, "Move do&wn", "Alt+Down",
                                             lambda: self.move_question(+1))
        self.from_selection_action = add_action(self,
            question_menu, "New question from &selection", "Ctrl+Shift+A",
            self.article.request_question)
        add_help_menu(self)
        keep_room_for_shortcuts(self.menuBar())  # the shortcuts apart from the commands, zoomed
        self.editing_actions = [self.save_action, self.add_action, self.duplicate_action,
                                self.delete_action, self.move_up_action, self.move_down_action]
        if self.read_only:
            self._allow_editing(False)

    def _allow_editing(self, allowed: bool) -> None:
        for widget in (self.add_button, self.duplicate_button, self.delete_button):
            widget.setEnabled(allowed)
        for action in self.editing_actions:
            action.setEnabled(allowed)

    # ------------------------------------------------------------ the list

    def _on_rows_dragged(self, _parent, start: int, _end: int, _destination, row: int) -> None:
        """A question dragged in the list: the same edit as moving it with Alt+Up/Down."""
        moved_to = row if row < start else row - 1
        index, target = start - 1, max(0, moved_to - 1)
        if self.read_only or index < 0 or not self.doc.splittable:
            self.questions_panel.fill(self.doc)
            return
        edit = self.doc.move_question_to(index, min(target, len(self.doc) - 1))
        # The list moved its item already; rebuild it from the file either way.
        QTimer.singleShot(0, lambda: self._finish_drag(edit))

    def _finish_drag(self, edit) -> None:
        if edit is None:
            self.questions_panel.fill(self.doc)
            self.select_row(self.question_list.currentRow())
            return
        self.push(edit)
        self.questions_panel.fill(self.doc)
        self.select_question(edit.selected)

    def current_index(self) -> int | None:
        """The selected question's index in the document (None: the bank's fields)."""
        row = self.question_list.currentRow()
        return None if row <= HEADER_ROW else row - 1

    def select_row(self, row: int) -> None:
        row = max(0, min(row, self.question_list.count() - 1))
        if self.question_list.currentRow() == row:
            self._show_current()
        else:
            self.question_list.setCurrentRow(row)

    def select_question(self, index: int) -> None:
        self.select_row(index + 1)

    def _on_row_changed(self, row: int) -> None:
        if self._yaml_row is not None and self._yaml_row != row:
            # Typed YAML belongs to the question it was typed for.
            wanted, self._yaml_row = self._yaml_row, None
            self.yaml_timer.stop()
            self.question_list.blockSignals(True)
            self.question_list.setCurrentRow(wanted)
            self.question_list.blockSignals(False)
            self._yaml_row = wanted
            self.apply_yaml()
            self.question_list.blockSignals(True)
            self.question_list.setCurrentRow(row)
            self.question_list.blockSignals(False)
        self._show_current()

    # ------------------------------------------------------------ showing

    def _current_text(self) -> str:
        return part_text(self.doc, self.current_index())

    def _show_current(self, *, rebuild: bool = True) -> None:
        self._refreshing = True
        try:
            index = self.current_index()
            view = view_of(self.doc, index)
            kind = None if view.data is None else view.data.get("type")
            form = self.form
            if rebuild or form is None or (index is not None and form.kind != kind):
                form = header_form() if index is None else question_form(kind)
                self._replace_form(form)
            if view.data is not None:
                form.show_data(view.data)
            form.setEnabled(not self.read_only and view.data is not None)
            if view.message:
                self.statusBar().showMessage(view.message, 30000)
            if self._typing_in != "yaml":
                self.yaml_tab.show_question_text(
                    "" if view.too_long else view.text, note=view.note,
                    read_only=self.read_only or bool(view.too_long))
            self._mark_fields()
            self._show_preview()
        finally:
            self._refreshing = False

    def _replace_form(self, form: FieldsForm) -> None:
        if self.form is not None:
            self.form.field_edited.disconnect(self._on_field_edited)
        self.form = form
        form.field_edited.connect(self._on_field_edited)
        form.setEnabled(not self.read_only and self.doc.splittable)
        show_in(self.form_area, form)
        order_form_tabs(self.tabs.tabBar(), form, self.problem_list)

    def _show_preview(self) -> None:
        if self.tabs.currentWidget() is self.preview:
            self.preview_timer.start()

    def refresh_preview(self) -> None:
        self.preview_timer.stop()
        index = self.current_index()
        if index is None or not self.doc.splittable:
            self.preview.show_block("", None)
            self.preview.message.setText("Select a question to preview it.")
            return
        too_long = too_long_to_edit(self.doc.blocks[index])
        self.preview.show_block("" if too_long else self.doc.blocks[index], self.doc.path)
        if too_long:
            self.preview.message.setText(f"Not shown: {too_long}")

    # ------------------------------------------------------------ editing

    def push(self, edit: Edit | None) -> None:
        if edit is None or self.read_only:
            return
        self.undo_stack.push(EditCommand(self.doc, edit, self._after_edit))

    def _after_edit(self, edit: Edit, undone: bool) -> None:
        if isinstance(edit, ReplaceBlocks):
            before, after = (edit.new, edit.old) if undone else (edit.old, edit.new)
            if len(before) != len(after):
                self.questions_panel.fill(self.doc)
            else:
                self.questions_panel.show_rows(self.doc, edit.start, len(after))
            target = edit.start if undone else edit.selected
            target = max(0, min(target, len(self.doc) - 1))
            if len(before) != len(after) or self.current_index() != target:
                self.select_row(target + 1 if len(self.doc) else HEADER_ROW)
            else:
                self._show_current(rebuild=False)
        elif isinstance(edit, ReplaceText):
            row = self.question_list.currentRow()
            self.questions_panel.fill(self.doc)
            self.question_list.blockSignals(True)
            self.question_list.setCurrentRow(max(0, min(row, self.question_list.count() - 1)))
            self.question_list.blockSignals(False)
            self._show_current()
        elif isinstance(edit, ReplaceHead):
            if self.current_index() is not None and self._typing_in is None:
                self.select_row(HEADER_ROW)
            else:
                self._show_current(rebuild=False)
        self._update_title()
        self.checker.schedule()
        self.changed()

    def changed(self) -> None:
        """Called after every change: the draft is written after a pause."""
        self.disk_guard.schedule_draft()

    # ------------------------------------------------------------ drafts and the disk

    def _build_safety(self) -> None:
        self.disk_guard = DiskGuard(self.doc, self.undo_stack, self.drafts_dir,
                                    lambda: self.read_only, self)
        self.disk_guard.draft_failed.connect(
            lambda why: self.statusBar().showMessage(f"Could not keep a draft: {why}", 8000))
        self.disk_guard.reload_chosen.connect(self._reload)
        # The tests and the keyboard reach the bar's parts through the window.
        self.disk_bar = self.disk_guard.bar
        self.reload_button = self.disk_guard.reload_button
        self.keep_button = self.disk_guard.keep_button
        self._page_layout.insertWidget(0, self.disk_bar)
        self.save_report = SaveReport(self.statusBar(), self.checker)
        self.save_report.line_chosen.connect(self._go_to_line)
        self._page_layout.insertWidget(1, self.save_report)

    def _reload(self, text: str, before: bytes | None, reloaded: bytes | None) -> None:
        """The teacher took the file as it is on disk: one undoable step back to their version."""
        if self.read_only:
            self.doc.replace_text(text).redo(self.doc)
            self.questions_panel.fill(self.doc)
            self._show_current()
        else:
            self.undo_stack.push(ReloadCommand(self.doc, self.doc.replace_text(text), self._after_edit,
                                               self.disk_guard.take_as_read, before, reloaded))
        self.undo_stack.setClean()

    def _on_field_edited(self, path: tuple, value: object) -> None:
        if self._refreshing or self.read_only:
            return
        try:
            self._set_field(path, value)
        except Exception as exc:  # noqa: BLE001 - a bug in one edit must not close the
            traceback.print_exc()  # window and lose the unsaved work; this is for a bug report
            self.statusBar().showMessage(
                f"This change could not be made ({exc}); your other work is kept. "
                "Edit this field in the YAML tab, and save.", 30000)

    def _set_field(self, path: tuple, value: object) -> None:
        index = self.current_index()
        edit: ReplaceHead | ReplaceBlocks
        try:
            if index is None:
                edit = self.doc.set_header(path, value)
            else:
                base = burst_start(self.undo_stack, ("field", index, path))
                if path == ("type",) and isinstance(value, str):
                    edit, removed = self.doc.set_type(index, value, typed_from=base)
                    self.statusBar().showMessage(removed or "", 15000)
                else:
                    edit = self.doc.set_field(index, path, value, typed_from=base)
        except EditError as exc:
            self.statusBar().showMessage(f"Cannot change this field: {exc}", 8000)
            return
        if (edit.new if isinstance(edit, ReplaceHead) else edit.new[0]) == (
            edit.old if isinstance(edit, ReplaceHead) else edit.old[0]
        ):
            return
        self._typing_in = "form"
        try:
            self.push(edit)
        finally:
            self._typing_in = None
        if path == ("type",):
            self._show_current()

    def _on_yaml_typed(self) -> None:
        if self._refreshing or self.read_only:
            return
        self._yaml_row = self.question_list.currentRow()
        self.yaml_timer.start()

    def apply_yaml(self) -> None:
        """Put the YAML tab's text into the file now (it waits for a pause in typing)."""
        if not self.yaml_timer.isActive() and self._yaml_row is None:
            return
        self.yaml_timer.stop()
        row, self._yaml_row = self._yaml_row, None
        if row != self.question_list.currentRow():
            return
        text = self.yaml_edit.toPlainText()
        if text == self._current_text():
            return
        index = self.current_index()
        if not self.doc.splittable:
            edit: Edit = self.doc.replace_text(text)
        elif index is None:
            edit = ReplaceHead(self.doc.head, text, "edit the YAML", merge_key=("yaml-head",))
        else:
            try:
                edit = self.doc.replace_question_text(index, text)
            except EditError as exc:
                # The text stays in the tab, not applied, with what is wrong beside it.
                self.yaml_tab.show_refusal(f"Not applied: {exc}.")
                return
        self.yaml_tab.show_refusal(None)
        self._typing_in = "yaml"
        try:
            self.push(edit)
        finally:
            self._typing_in = None

    def undo(self) -> None:
        self.apply_yaml()
        self.undo_stack.undo()

    def redo(self) -> None:
        self.apply_yaml()
        self.undo_stack.redo()

    def add_question(self) -> None:
        if not self.doc.splittable:
            return
        index = self.current_index()
        at = len(self.doc) if index is None else index + 1
        kind = self.type_choice.currentText()
        self.push(self.doc.add_question(at, new_question(kind)))

    def duplicate_question(self) -> None:
        index = self.current_index()
        if index is not None:
            self.push(self.doc.duplicate_question(index))

    def delete_question(self) -> None:
        index = self.current_index()
        if index is not None:
            self.push(self.doc.delete_question(index))

    def move_question(self, delta: int) -> None:
        index = self.current_index()
        if index is not None:
            self.push(self.doc.move_question(index, delta))

    # ------------------------------------------------------------ the article

    def _open_named_article(self) -> None:
        note = open_named_article(self.doc, self.article_dock)
        if note:
            self.statusBar().showMessage(note, 15000)

    def choose_article(self) -> None:
        self.article_dock.choose(
            str(Path(self.doc.path).parent) if self.doc.path else str(Path.home()))

    def _on_article_opened(self, path: str) -> None:
        self._count_paragraphs()
        self._record_article(path)

    def _record_article(self, path: str) -> None:
        naming = naming_article(self.doc, path, read_only=self.read_only)
        if isinstance(naming, str):
            self.statusBar().showMessage(naming, 10000)
        elif naming is not None:
            self.push(naming)

    def _count_paragraphs(self) -> None:
        if self.article_dock.path is not None and self.doc.splittable:
            from quizapp.authoring.article import questions_per_paragraph

            self.article.show_counts(questions_per_paragraph(self.doc.blocks))

    def add_question_from_article(self, paragraph: int, quote: str) -> None:
        if self.read_only or not self.doc.splittable:
            return
        question = new_question(self.type_choice.currentText())
        question["source"] = {"paragraph": paragraph, "quote": quote}
        index = self.current_index()
        at = len(self.doc) if index is None else index + 1
        self.push(self.doc.add_question(at, question))
        self._count_paragraphs()

    # ------------------------------------------------------------ problems

    def _check_path(self) -> str:
        return self.doc.path or "new-bank.yaml"

    def _show_problems(self, problems: list[Problem]) -> None:
        self.problems = problems
        self._count_paragraphs()
        self.problem_list.show_problems(problems)
        self._mark_fields()

    def problems_at_current(self) -> dict[tuple, str]:
        """Problems of the selected question (or the head), by field path."""
        if not self.doc.splittable or not self.problems or too_long_to_edit(self._current_text()):
            return {}
        index = self.current_index()
        first = 1 if index is None else self.doc.block_line(index)
        return marks_for_block(self.problems, self._current_text(), first)

    def _mark_fields(self) -> None:
        if self.form is not None:
            self.form.mark_problems(self.problems_at_current())

    def _go_to_line(self, line: int) -> None:
        if not self.doc.splittable:  # the whole file is the YAML tab's text
            self.tabs.setCurrentWidget(self.yaml_tab)
            self.yaml_tab.select_line(line - 1)
            return
        if line < self.doc.block_line(0) if len(self.doc) else True:
            self.select_row(HEADER_ROW)
        else:
            index = self.doc.block_at_line(line)
            if index is not None:
                self.select_question(index)
        # The field the problem is about; when no row of the form shows it ('choices' of
        # a numeric question), its line in the YAML tab.
        index = self.current_index()
        first = 1 if index is None else self.doc.block_line(index)
        if self.form is None or not self.form.focus_field(path_at(self._current_text(), line - first)):
            self.tabs.setCurrentWidget(self.yaml_tab)
            self.yaml_tab.select_line(line - first)

    # ------------------------------------------------------------ saving

    def _update_title(self, *_args) -> None:
        if not self.isVisible() and self.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose):
            return
        name = os.path.basename(self.doc.path) if self.doc.path else "New bank"
        star = "" if self.undo_stack.isClean() else " *"
        suffix = " (read-only)" if self.read_only else ""
        self.setWindowTitle(f"{name}{star}{suffix} — quizapp editor")

    def save(self) -> bool:
        if self.read_only:
            return False
        self.apply_yaml()
        if self.doc.path is None:
            path = ask_where_to_save(self, self.my_banks_dir or Path.home())
            if path is None:
                return False
            self.doc.path = path
        return self._write(self.doc.path)

    def _write(self, path: str) -> bool:
        if not self.disk_guard.may_write(path):
            return False
        try:
            self.doc.save(path)
        except OSError as exc:
            from quizapp.gui.write_failure import not_written

            QMessageBox.warning(self, "Not saved",
                                f"The bank was not saved: {not_written(path, exc, 'save again')}\n"
                                "Your changes are still here; try again, or File > Save a copy to my banks.")
            return False
        self.disk_guard.written()
        self.undo_stack.setClean()
        self._update_title()
        self.save_report.bank_saved(path)
        self.saved.emit(path)
        return True

    def save_copy_to_my_banks(self) -> bool:
        """Write the bank into the learner's own bank folder and edit that copy."""
        from quizapp.gui.write_failure import not_written

        original = self.doc.path
        target = id_edit = None
        try:
            target = copy_target(self.doc, self.my_banks_dir)
            id_edit = None if self.read_only else id_for_a_copy(self.doc, target)
            # The copy's own id goes on the undo stack only once the copy is written: a
            # copy the disk refused left it there, and Redo then gave the original the
            # copy's id (and a second try made it 'ID-copy-copy').
            if id_edit is not None:
                id_edit.redo(self.doc)
            try:
                self.doc.save(target)
            finally:
                if id_edit is not None:
                    id_edit.undo(self.doc)
        except OSError as exc:
            where = target or self.my_banks_dir or "your banks' folder"
            QMessageBox.warning(self, "Not saved",
                                f"The copy was not saved: {not_written(where, exc, 'try again')}")
            return False
        self.push(id_edit)  # (applied again: a step the teacher can undo, as before)
        if original:  # the pictures its questions show go with it
            self.checker.copy_pictures(original, str(target))
        self.disk_guard.written(moved=True, draft_of=original)
        self.read_only = False
        self.read_only_bar.setVisible(False)
        self._allow_editing(True)
        self.undo_stack.setClean()
        self._show_current()
        self._update_title()
        self.statusBar().showMessage(copy_note(target, id_edit), 15000)
        self.saved.emit(str(target))
        return True

    def ask_to_save(self) -> QMessageBox.StandardButton:
        return QMessageBox.question(
            self, "Unsaved changes", "Save your changes to this bank?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if not self.undo_stack.isClean() and not self.read_only:
            answer = self.ask_to_save()
            if answer == QMessageBox.StandardButton.Cancel or (
                answer == QMessageBox.StandardButton.Save and not self.save()
            ):
                event.ignore()
                return
            if answer == QMessageBox.StandardButton.Discard:
                self.disk_guard.forget_draft()
        self.checker.shutdown()
        super().closeEvent(event)

