"""The main window: one QStackedWidget of screens, the menus, and the wiring between screens.

Screens are passive views; this window owns navigation. It listens to the
screens' past-tense signals and decides what comes next. The quiz, results,
flashcard, progress and teacher screens are built the first time they are
needed, so startup pays only for the learner and library screens.
"""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from quizapp.gui.library_screen import LibraryScreen

GEOMETRY_KEY = "window/geometry"
STATE_KEY = "window/state"
LAST_DIR_KEY = "dialogs/last_dir"
BANK_SUFFIXES = (".yaml", ".yml")
IMPORT_FILTER = ("Quiz files (*.gift *.txt *.xml *.csv *.tsv *.apkg *.colpkg);;GIFT (*.gift *.txt);;Moodle XML (*.xml);;"
                 "Anki deck (*.apkg *.colpkg);;Aiken (*.txt);;CSV or TSV (*.csv *.tsv);;All files (*)")
# Formats whose pictures travel inside the file: imported again once the bank's name is known.
IMPORT_WITH_PICTURES = (".xml", ".apkg", ".colpkg")
EXPORT_FILTERS = {
    "GIFT (*.gift)": ".gift",
    "Moodle XML (*.xml)": ".xml",
    "Anki deck (*.apkg)": ".apkg",
    "PDF quiz (*.pdf)": ".pdf",
    "YAML bank (*.yaml)": ".yaml",
}

class MainWindow(QMainWindow):
    screen_changed = Signal(str)  # the name of the screen now shown

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("quizapp")
        self.setAcceptDrops(True)
        self.setAccessibleName("quizapp")
        from quizapp.gui.appearance import Appearance

        # Theme and zoom first: widgets built afterwards are polished once, not twice.
        self.appearance = Appearance(context.settings, self)
        self.appearance.apply()
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.screens: dict[str, QWidget] = {}

        self.library_screen = LibraryScreen(context)
        self.library_screen.quiz_requested.connect(self.start_quiz)
        self.library_screen.flashcards_requested.connect(self.start_flashcards)
        self.library_screen.practice_requested.connect(self.start_practice)
        self.library_screen.progress_requested.connect(self.show_progress)
        self.library_screen.add_folder_requested.connect(self.add_folder)
        self.library_screen.edit_requested.connect(self.open_editor)
        self.editors: list = []
        self._add_screen("library", self.library_screen)
        from quizapp.gui.accessibility import name_scroll_viewports

        name_scroll_viewports(self.library_screen)

        self._build_menus()
        self._build_status_bar()
        context.library.load_started.connect(self._on_load_started)
        context.library.load_progressed.connect(self._on_load_progressed)
        context.library.library_loaded.connect(self._on_library_loaded)
        self._restore_geometry()

    # -- screens -----------------------------------------------------------------------

    def _add_screen(self, name: str, widget: QWidget) -> None:
        widget.setObjectName(f"{name}_screen")
        self.screens[name] = widget
        self.stack.addWidget(widget)

    def screen(self, name: str) -> QWidget:
        """The named screen, built on first use."""
        if name not in self.screens:
            from quizapp.gui.accessibility import name_scroll_viewports

            built = self._build_screen(name)
            name_scroll_viewports(built)  # AT-SPI reports a focused viewport by its own name
            self._add_screen(name, built)
        return self.screens[name]

    @property
    def learner_screen(self):
        return self.screen("learners")

    def _build_screen(self, name: str) -> QWidget:
        # Imported here: a returning learner's startup never needs these modules.
        context = self.context
        if name == "learners":
            from quizapp.gui.learner_screen import LearnerScreen

            widget = LearnerScreen(context)
            widget.learner_chosen.connect(self.set_learner)
            widget.learners_changed.connect(self._update_learner_label)
            return widget
        if name == "quiz":
            from quizapp.gui.quiz_screen import QuizScreen

            widget = QuizScreen(context)
            widget.session_finished.connect(self._on_quiz_finished)
            widget.session_left.connect(self.show_library)
            return widget
        if name == "results":
            from quizapp.gui.results_screen import ResultsScreen

            widget = ResultsScreen(context)
            widget.mistakes_review_requested.connect(self._review_mistakes)
            widget.results_closed.connect(self.show_library)
            return widget
        if name == "flashcards":
            from quizapp.gui.flashcard_screen import FlashcardScreen

            widget = FlashcardScreen(context)
            widget.session_left.connect(self.show_library)
            widget.session_finished.connect(self.show_library)
            return widget
        if name == "progress":
            from quizapp.gui.progress_screen import ProgressScreen

            widget = ProgressScreen(context)
            signal = getattr(widget, "bank_practice_requested", None)
            if signal is not None:
                signal.connect(lambda bank_id, ids: self.start_practice(bank_id, list(ids)))
            else:
                widget.practice_requested.connect(
                    lambda ids: self.start_practice(self.context.bank_id, list(ids)))
            return widget
        if name == "teacher":
            from quizapp.gui.teacher_screen import TeacherScreen

            return TeacherScreen(context)
        raise KeyError(name)

    def current_screen_name(self) -> str:
        current = self.stack.currentWidget()
        for name, widget in self.screens.items():
            if widget is current:
                return name
        return ""

    def show_screen(self, name: str) -> QWidget:
        running = self._study_screen_in_progress()
        if running is not None and name not in ("quiz", "flashcards", "results"):
            # Ctrl+L, Ctrl+P, Ctrl+T, Ctrl+Shift+L during a session: ask to leave it first.
            if not running.confirm_leave():
                return running
            running.abandon_session()
        widget = self.screen(name)
        in_session = name in ("quiz", "flashcards")
        for action in self._navigation_actions:
            going = action in self._leave_first_actions
            action.setEnabled((going or not in_session)
                              and (self.context.learner_id is not None
                                   or action is self.switch_learner_action))
        self.stack.setCurrentWidget(widget)
        widget.setFocus()  # the screen's refresh() may move focus to its first field
        refresh = getattr(widget, "refresh", None)
        if refresh is not None and name not in ("quiz", "results", "flashcards"):
            refresh()
        self.screen_changed.emit(name)
        return widget

    def show_library(self) -> None:
        if self.context.learner_id is None:
            self.show_learners()
            return
        if self.show_screen("library") is not self.library_screen:  # stayed in the session
            return
        self.library_screen.tree.setFocus()
        if self.class_sync is not None:  # a session just ended, most likely: send it
            self.class_sync.sync_soon()

    def show_learners(self) -> None:
        self.show_screen("learners")

    def show_progress(self, bank_id: str | None = None) -> None:
        if self.context.learner_id is None:
            return
        widget = self.screen("progress")
        combo = getattr(widget, "bank_combo", None)
        if bank_id and combo is not None:
            index = combo.findData(bank_id)
            if index < 0:
                combo.addItem(self._bank_title(bank_id), bank_id)
                index = combo.findData(bank_id)
            combo.setCurrentIndex(index)
        self.show_screen("progress")

    def show_teacher(self) -> None:
        self.show_screen("teacher")

    def _bank_title(self, bank_id: str) -> str:
        bank = self.context.library.bank(bank_id)
        return bank.title if bank is not None else bank_id

    # -- learners ----------------------------------------------------------------------

    def open_initial_screen(self) -> None:
        """The last learner's library, or the learner screen on a first run."""
        store = self.context.store
        learner = store.last_learner() if hasattr(store, "last_learner") else None
        if learner is not None:
            self.set_learner(learner.id, remember=False)  # already the last one: no write
        else:
            self.show_learners()
        if any(self.drafts_dir().glob("*.json")):
            QtCore.QTimer.singleShot(0, self.offer_drafts)

    def set_learner(self, learner_id: int, *, remember: bool = True) -> None:
        self.context.learner_id = learner_id
        if remember:
            try:
                self.context.store.set_last_learner(learner_id)
            except Exception:  # remembering is a convenience; studying must go on
                pass
        self._update_learner_label()
        self.show_library()

    def _update_learner_label(self) -> None:
        learner = self.context.learner()
        if learner is None:
            self.context.learner_id = None
            self.learner_button.setText("No learner")
            self.setWindowTitle("quizapp")
        else:
            self.learner_button.setText(f"Learner: {learner.name}")
            self.setWindowTitle(f"quizapp — {learner.name}")

    # -- sessions ----------------------------------------------------------------------

    def _bank_or_warn(self, bank_id: str | None):
        bank = self.context.library.bank(bank_id) if bank_id else None
        if bank is None:
            QtWidgets.QMessageBox.information(self, "Bank not available",
                                    "That bank is not loaded (it may have been changed or removed).")
        return bank

    def _missing_feature(self, what: str, exc: Exception) -> None:
        QtWidgets.QMessageBox.warning(self, "Not available", f"{what} is not available in this build: {exc}")

    def start_quiz(self, bank_id: str) -> None:
        bank = self._bank_or_warn(bank_id)
        if bank is None or self.context.learner_id is None:
            return
        try:
            from quizapp.gui import quiz_setup
        except ImportError as exc:
            self._missing_feature("The quiz", exc)
            return
        dialog = quiz_setup.QuizSetupDialog(bank, self)
        if not dialog.exec():
            return
        try:
            session = self._build_quiz_session(quiz_setup, dialog, bank)
        except ValueError as exc:  # e.g. no question has the chosen tags
            self._cannot_start(exc)
            return
        if session is not None:
            self._run_quiz(session)

    def _cannot_start(self, exc: Exception) -> None:
        QtWidgets.QMessageBox.information(self, "Cannot start", str(exc))

    def _build_quiz_session(self, quiz_setup, dialog, bank):
        return quiz_setup.build_session(
            self.context.store, self.context.learner_id, bank, dialog.options()
        )

    def start_practice(self, bank_id: str | None, question_ids: list[str] | None = None) -> None:
        bank = self._bank_or_warn(bank_id)
        if bank is None or self.context.learner_id is None:
            return
        from quizapp.core.session import QuizSession

        ids = list(question_ids) if question_ids else None
        try:
            session = QuizSession(self.context.store, self.context.learner_id, bank,
                                  mode="practice", question_ids=ids)
        except ValueError as exc:  # e.g. none of these questions is in the bank any more
            self._cannot_start(exc)
            return
        self._run_quiz(session)

    def _run_quiz(self, session) -> None:
        try:
            widget = self.screen("quiz")
        except ImportError as exc:
            session.abandon()
            self._missing_feature("The quiz screen", exc)
            return
        self.show_screen("quiz")
        widget.start(session)

    def _on_quiz_finished(self, session) -> None:
        try:
            widget = self.screen("results")
        except ImportError as exc:
            self._missing_feature("The results page", exc)
            self.show_library()
            return
        self.show_screen("results")
        widget.show_results(session)

    def _review_mistakes(self, session) -> None:
        """"Review my mistakes": practice the finished session's wrong answers until right."""
        if not session.mistakes:
            self.show_library()
            return
        try:
            self._run_quiz(session.review_session())
        except ValueError as exc:
            self._cannot_start(exc)
        else:
            self.start_practice(session.bank.id, list(session.mistakes))

    def start_flashcards(self, bank_id: str) -> None:
        bank = self._bank_or_warn(bank_id)
        if bank is None or self.context.learner_id is None:
            return
        widget = self.screen("flashcards")
        self.show_screen("flashcards")
        widget.start(bank)

    # -- library -----------------------------------------------------------------------

    def add_folder(self) -> None:
        start = str(self.context.settings.value(LAST_DIR_KEY, "") or Path.home())
        folder = QtWidgets.QFileDialog.getExistingDirectory(self, "Add a folder of question banks", start)
        if folder:
            self.context.settings.setValue(LAST_DIR_KEY, folder)
            self.context.library.add_folder(folder)
            self.statusBar().showMessage(f"Added {folder}", 5000)

    def remove_selected(self) -> bool:
        """Stop listing the selected bank's file, or the added folder it is in; True if removed."""
        entry = self.library_screen.selected_entry()
        if entry is None:
            return False
        library = self.context.library
        path = Path(entry.path).resolve()
        files = [f for f in library.user_files() if f.resolve() == path]
        folders = [f for f in library.user_folders()
                   if path == f.resolve() or path.is_relative_to(f.resolve())]
        if not files and not folders:
            QtWidgets.QMessageBox.information(
                self, "Remove from library",
                "This bank comes with quizapp or from --bank-dir, so it stays in the library.")
            return False
        what = str(folders[0]) if folders and not files else str(files[0])
        answer = QtWidgets.QMessageBox.question(
            self, "Remove from library",
            f"Stop listing {what}?\nNothing is deleted from disk, and scores are kept.",
            QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No,
            QtWidgets.QMessageBox.StandardButton.No)
        if answer != QtWidgets.QMessageBox.StandardButton.Yes:
            return False
        for file in files:
            library.remove_file(file)
        if not files:
            for folder in folders:
                library.remove_folder(folder)
        self.statusBar().showMessage(f"Removed {what} from the library", 5000)
        return True

    def add_paths(self, paths: list[str]) -> int:
        """Add dropped bank files and folders to the library; returns how many were added."""
        added = 0
        for raw in paths:
            path = Path(raw)
            if path.is_dir():
                self.context.library.add_folder(path)
                added += 1
            elif path.suffix.lower() in BANK_SUFFIXES and path.is_file():
                self.context.library.add_file(path)
                added += 1
        if added:
            self.statusBar().showMessage(f"Added {added} to the library; loading…", 5000)
        return added

    @staticmethod
    def _droppable(mime) -> list[str]:
        if not mime.hasUrls():
            return []
        out = []
        for url in mime.urls():
            if not url.isLocalFile():
                continue
            path = Path(url.toLocalFile())
            if path.is_dir() or path.suffix.lower() in BANK_SUFFIXES:
                out.append(str(path))
        return out

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if self._droppable(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt override)
        paths = self._droppable(event.mimeData())
        if paths and self.add_paths(paths):
            event.acceptProposedAction()
        else:
            event.ignore()

    def _on_load_started(self) -> None:
        self.load_bar.setRange(0, 0)
        # The library screen has its own indicator; this one is for the other screens.
        self.load_bar.setVisible(self.current_screen_name() != "library")

    def _on_load_progressed(self, done: int, total: int) -> None:
        self.load_bar.setRange(0, max(total, 1))
        self.load_bar.setValue(done)

    def _on_library_loaded(self) -> None:
        library = self.context.library
        self.load_bar.setVisible(library.loading)
        if not library.loading:
            broken = sum(1 for e in library.entries if e.bank is None)
            banks = len(library.entries) - broken
            text = f"{banks} bank{'' if banks == 1 else 's'} loaded"
            if broken:
                text += f", {broken} with errors"
            self.statusBar().showMessage(text, 8000)

    # -- import / export ---------------------------------------------------------------

    def import_bank(self) -> None:
        try:
            from quizapp import interop
            import_file = interop.import_file
        except (ImportError, AttributeError) as exc:
            self._missing_feature("Import", exc)
            return
        start = str(self.context.settings.value(LAST_DIR_KEY, "") or Path.home())
        source, _ = QtWidgets.QFileDialog.getOpenFileName(self, "Import questions", start, IMPORT_FILTER)
        if not source:
            return
        try:
            result = import_file(source)
        except Exception as exc:  # a foreign file must never crash the app
            QtWidgets.QMessageBox.warning(self, "Import failed", f"{Path(source).name} could not be imported:\n{exc}")
            return
        text, warnings = result if isinstance(result, tuple) else (result, [])
        if not isinstance(text, str) or not text.strip():
            QtWidgets.QMessageBox.warning(self, "Import failed", "Nothing could be imported from that file.")
            return
        default = str(Path(source).with_suffix(".yaml"))
        target, _ = QtWidgets.QFileDialog.getSaveFileName(self, "Save the new bank as", default, "Bank (*.yaml)")
        if not target:
            return
        if not target.lower().endswith(BANK_SUFFIXES):
            target += ".yaml"
        try:
            if Path(source).suffix.lower() in IMPORT_WITH_PICTURES:
                # pictures go in a folder named after the bank, beside it
                _bank, warnings, _pictures = interop.import_to_file(source, target)
            else:
                Path(target).write_text(text, encoding="utf-8")
        except OSError as exc:
            QtWidgets.QMessageBox.warning(self, "Import failed", f"Could not write {target}: {exc}")
            return
        except ValueError as exc:  # InteropError
            QtWidgets.QMessageBox.warning(self, "Import failed", f"{Path(source).name} could not be imported:\n{exc}")
            return
        self.context.settings.setValue(LAST_DIR_KEY, str(Path(target).parent))
        self.context.library.add_file(target)
        self.statusBar().showMessage(f"Imported {Path(source).name} as {target}", 8000)
        if warnings:
            self._show_warnings(f"Imported {Path(source).name}, with warnings", warnings)

    def _show_warnings(self, title: str, warnings: list[str]) -> None:
        shown = "\n".join(str(w) for w in warnings[:20])
        if len(warnings) > 20:
            shown += f"\n… and {len(warnings) - 20} more"
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Information, title, shown, QtWidgets.QMessageBox.StandardButton.Ok, self)
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def export_bank(self) -> None:
        bank = self.library_screen.selected_bank() or self.context.library.bank(self.context.bank_id or "")
        if bank is None:
            QtWidgets.QMessageBox.information(self, "Export", "Select a bank in the library first.")
            return
        try:
            from quizapp import interop
            export = interop.export_with_warnings
        except (ImportError, AttributeError) as exc:
            self._missing_feature("Export", exc)
            return
        start = str(Path(str(self.context.settings.value(LAST_DIR_KEY, "") or Path.home())) / bank.id)
        target, chosen = QtWidgets.QFileDialog.getSaveFileName(self, f"Export {bank.title}", start,
                                                     ";;".join(EXPORT_FILTERS))
        if not target:
            return
        suffix = EXPORT_FILTERS.get(chosen, "")
        if suffix and not target.lower().endswith(suffix):
            target += suffix
        try:
            warnings = export(bank, target) or []
        except Exception as exc:  # report, never crash
            QtWidgets.QMessageBox.warning(self, "Export failed", f"Could not export {bank.title}:\n{exc}")
            return
        self.context.settings.setValue(LAST_DIR_KEY, str(Path(target).parent))
        self.statusBar().showMessage(f"Exported {bank.title} to {target}", 8000)
        if warnings:
            self._show_warnings(f"Exported {bank.title}, with warnings", list(warnings))

    # -- the bank editor (quizapp/gui/editor) -------------------------------------------

    def my_banks_dir(self):
        from quizapp.core.paths import data_dir

        return data_dir(self.context.data_dir) / "banks"

    def drafts_dir(self):
        from quizapp.core.paths import data_dir

        return data_dir(self.context.data_dir) / "drafts"

    def offer_drafts(self) -> list:
        """Unsaved editor work left by a crash is offered back, one bank at a time."""
        from quizapp.authoring.drafts import list_drafts
        from quizapp.gui.editor import EditorWindow

        opened = []
        for draft in list_drafts(self.drafts_dir()):
            name = draft.bank_path or "a new bank"
            answer = self.ask_about_draft(name)
            if answer == QtWidgets.QMessageBox.StandardButton.Open:
                opened.append(self._show_editor(EditorWindow.from_draft(
                    draft, my_banks_dir=self.my_banks_dir(), drafts_dir=self.drafts_dir())))
            elif answer == QtWidgets.QMessageBox.StandardButton.Discard:
                draft.file.unlink(missing_ok=True)
        return opened

    def ask_about_draft(self, name: str):
        buttons = QtWidgets.QMessageBox.StandardButton
        return QtWidgets.QMessageBox.question(
            self, "Unsaved changes found",
            f"The bank editor kept unsaved changes to {name} when quizapp last stopped.\n"
            "Open them to review and save, or discard them?",
            buttons.Open | buttons.Discard | buttons.Ignore, buttons.Open)

    def open_editor(self, path: str):
        """Open a bank file in the editor; bundled banks open read-only."""
        from quizapp.gui.editor import EditorWindow

        entry = self.context.library.entry(path)
        try:
            editor = EditorWindow.open_file(path, read_only=bool(entry and entry.bundled),
                                           my_banks_dir=self.my_banks_dir(),
                                           drafts_dir=self.drafts_dir())
        except (OSError, UnicodeDecodeError) as exc:
            QtWidgets.QMessageBox.warning(self, "Cannot open the bank", f"{path}: {exc}")
            return None
        return self._show_editor(editor)

    def _show_editor(self, editor):
        editor.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self._on_bank_saved)
        editor.destroyed.connect(lambda _=None, e=editor: self.editors.remove(e) if e in self.editors else None)
        self.editors.append(editor)
        editor.show()
        return editor

    def new_bank(self):
        from quizapp.authoring.templates import new_bank_text
        from quizapp.core.atomic import atomic_write

        folder = self.my_banks_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, "New bank", str(folder / "new-bank.yaml"), "Banks (*.yaml *.yml)")
        if not path:
            return None
        if not path.endswith((".yaml", ".yml")):
            path += ".yaml"
        try:
            atomic_write(path, new_bank_text().encode("utf-8"))
        except OSError as exc:
            QtWidgets.QMessageBox.warning(self, "Cannot write the bank", f"{path}: {exc}")
            return None
        self._on_bank_saved(path)
        return self.open_editor(path)

    def _on_bank_saved(self, path: str) -> None:
        """A saved bank shows in the library (its folder or file is added if need be)."""
        library = self.context.library
        if Path(path).parent == self.my_banks_dir():
            library.add_folder(str(Path(path).parent))  # reloads; adds the folder once
        elif library.entry(path) is None:
            library.add_file(path)
        else:
            library.reload()

    # -- menus and status bar -------------------------------------------------------------

    def _action(self, menu, text: str, keys, slot, tip: str) -> QAction:
        action = QAction(text, self)
        sequence = QKeySequence(keys)
        # setShortcuts(): setShortcut()'s overloads would build every Qt.* enum at startup.
        action.setShortcuts([sequence] if not sequence.isEmpty() else [])
        shown = sequence.toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({shown})" if shown else tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.new_bank_action = self._action(file_menu, "&New bank…", "Ctrl+Shift+N",
                                            self.new_bank, "Write a new bank in the bank editor")
        self.add_folder_action = self._action(file_menu, "&Add bank folder…", "Ctrl+O",
                                              self.add_folder, "Add a folder of question banks")
        self.remove_action = self._action(
            file_menu, "Re&move from library…", "Ctrl+Shift+Delete", self.remove_selected,
            "Stop listing the selected bank's file or folder (nothing is deleted from disk)")
        self.reload_action = self._action(file_menu, "&Reload banks", "F5",
                                          self.context.library.reload, "Load every bank again")
        file_menu.addSeparator()
        self.import_action = self._action(file_menu, "&Import…", "Ctrl+I", self.import_bank,
                                          "Turn a GIFT, Aiken or CSV file into a bank")
        self.export_action = self._action(file_menu, "&Export…", "Ctrl+E", self.export_bank,
                                          "Write the selected bank as GIFT, an Anki deck or a PDF")
        self.backups_action = self._action(file_menu, "&Backups…", "", self.show_backups,
                                           "See the backups of your answers, or restore one")
        self.class_server_action = self._action(
            file_menu, "&Class server…", "", self.show_class_server,
            "Sign in to your school's class server: your answers follow you to any computer")
        file_menu.addSeparator()
        self.quit_action = self._action(file_menu, "&Quit", "Ctrl+Q", self.close, "Quit quizapp")

        view_menu = bar.addMenu("&View")
        self.library_action = self._action(view_menu, "&Library", "Ctrl+L", self.show_library,
                                           "Show the bank library")
        self.progress_action = self._action(view_menu, "&Progress", "Ctrl+P",
                                            lambda: self.show_progress(self.context.bank_id),
                                            "Show your progress")
        self.teacher_action = self._action(view_menu, "&Teacher overview", "Ctrl+T",
                                           self.show_teacher, "Every learner's results, per bank")
        from quizapp.gui.appearance import install_view_actions

        self.view_actions = install_view_actions(self, view_menu, self.appearance)

        learner_menu = bar.addMenu("L&earner")
        self.switch_learner_action = self._action(learner_menu, "&Switch learner…", "Ctrl+Shift+L",
                                                  self.show_learners, "Study as someone else")

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Keyboard shortcuts", "F1", self.show_shortcuts,
                     "Every keyboard shortcut")
        self._action(help_menu, "&About quizapp", "", self.show_about, "About quizapp")
        # Global shortcuts that work during a session too, after asking to leave it.
        self._leave_first_actions = [self.library_action, self.progress_action,
                                     self.teacher_action, self.switch_learner_action]
        self._navigation_actions = [
            self.library_action, self.progress_action, self.teacher_action,
            self.switch_learner_action, self.import_action, self.export_action,
            self.add_folder_action, self.remove_action,
        ]

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.load_bar = QProgressBar()
        self.load_bar.setAccessibleName("Loading banks")
        self.load_bar.setMaximumWidth(180)
        self.load_bar.setVisible(False)
        status.addPermanentWidget(self.load_bar)
        self.learner_button = QPushButton("No learner")
        self.learner_button.setFlat(True)
        self.learner_button.setAccessibleName("Switch learner")
        self.learner_button.setToolTip("Switch learner (Ctrl+Shift+L)")
        self.learner_button.setProperty("focusPolicy", "NoFocus")  # not Qt.*: see gui/__init__.py
        self.learner_button.clicked.connect(lambda: self.switch_learner_action.trigger())
        status.addPermanentWidget(self.learner_button)
        self.sync_label = QtWidgets.QLabel("")
        self.sync_label.setAccessibleName("Class server")
        self.sync_label.setVisible(False)
        status.addPermanentWidget(self.sync_label)
        self.class_sync = None  # a gui.class_sync.ClassSync once the app is ready

    def attach_class_sync(self, class_sync) -> None:
        """Show the class server's status in the status bar and sync after each session."""
        self.class_sync = class_sync
        class_sync.status_changed.connect(self._show_sync_status)
        class_sync.class_banks_changed.connect(self._list_class_banks)
        class_sync.refresh_status()
        class_sync.sync_soon()

    def _list_class_banks(self) -> None:
        """A sync brought banks a teacher published: list their class folders (a new
        class's folder too) and load them."""
        library = self.context.library
        root = Path(self.context.store.path).parent / "class-banks"
        if root.is_dir():
            for folder in sorted(p for p in root.iterdir() if p.is_dir()):
                if folder not in library.extra_dirs:
                    library.extra_dirs.append(folder)
        library.reload()

    def _show_sync_status(self, text: str) -> None:
        self.sync_label.setText(f"Class server: {text}" if text else "")
        self.sync_label.setVisible(bool(text))

    def show_class_server(self) -> QtWidgets.QDialog:
        """File > Class server…: sign in, see the status, sync now."""
        from quizapp.gui.class_server_dialog import ClassServerDialog
        from quizapp.gui.class_sync import ClassSync

        if self.class_sync is None:
            self.attach_class_sync(ClassSync(self.context.store, self))
        dialog = ClassServerDialog(self.context, self.class_sync, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.class_server_dialog = dialog
        return dialog

    def show_shortcuts(self) -> QtWidgets.QDialog:
        """F1: the shortcut sheet (gui/shortcut_sheet.py), not modal: keep it beside you."""
        from quizapp.gui.shortcut_sheet import ShortcutSheet

        sheet = ShortcutSheet(self)
        sheet.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        sheet.show()
        self.shortcut_sheet = sheet
        return sheet

    def show_about(self) -> None:
        from quizapp import __version__

        QtWidgets.QMessageBox.about(self, "About quizapp",
                          f"quizapp {__version__}\nQuizzes, flashcards and practice from YAML question banks.")

    def show_backups(self) -> QtWidgets.QDialog:
        """File > Backups…: list, back up now, restore (not during a quiz or review)."""
        from quizapp.gui.backups_dialog import BackupsDialog

        running = self._study_screen_in_progress() is not None
        dialog = BackupsDialog(self.context, self, session_running=running)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restored.connect(self._after_restore)
        dialog.open()
        self.backups_dialog = dialog
        return dialog

    def _after_restore(self, _message: str) -> None:
        """The store now holds a backup: the learner may not exist in it any more."""
        self._update_learner_label()  # forgets a learner the backup does not have
        if self.context.learner_id is None:
            self.show_learners()
        else:
            self.show_library()

    def show_store_message(self, message: str) -> QtWidgets.QMessageBox:
        """Tell the learner about a store repair, without blocking the event loop."""
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Warning, "Your data was repaired", message,
                          QtWidgets.QMessageBox.StandardButton.Ok, self)
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.store_message_box = box
        return box

    # -- geometry ----------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.context.settings.value(GEOMETRY_KEY)
        restored = False
        if geometry is not None:
            try:
                restored = self.restoreGeometry(geometry)
            except TypeError:
                restored = False
        if not restored:
            screen = QApplication.primaryScreen()
            if screen is not None:
                available = screen.availableGeometry()
                width = min(1000, int(available.width() * 0.9))
                height = min(700, int(available.height() * 0.9))
                self.resize(width, height)
        state = self.context.settings.value(STATE_KEY)
        if state is not None:
            try:
                self.restoreState(state)
            except TypeError:
                pass

    def save_geometry(self) -> None:
        self.context.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.context.settings.setValue(STATE_KEY, self.saveState())
        self.context.settings.sync()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        # Esc that no screen took: from progress, teacher or learners, back to the library.
        if (event.key() == QtCore.Qt.Key.Key_Escape
                and self.current_screen_name() in ("progress", "teacher", "learners")
                and self.context.learner_id is not None):
            self.show_library()
            event.accept()
            return
        super().keyPressEvent(event)

    def _study_screen_in_progress(self):
        """The quiz or flashcard screen on show while it holds an unfinished session."""
        name = self.current_screen_name()
        if name not in ("quiz", "flashcards"):
            return None
        screen = self.screens[name]
        session = screen.session
        return screen if session is not None and not session.finished else None

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        screen = self._study_screen_in_progress()
        if screen is not None:
            if not screen.confirm_leave():
                event.ignore()
                return
            screen.abandon_session()
        self.save_geometry()
        super().closeEvent(event)

