"""The main window: one QStackedWidget of screens, the menus, and the wiring between screens.

Screens are passive views; this window owns navigation. It listens to the
screens' past-tense signals and decides what comes next. The quiz, results,
flashcard, progress and teacher screens are built the first time they are
needed, so startup pays only for the learner and library screens; the flashcard
and quiz screens are made ahead, a step per turn, once the learner is at the library
(gui/screen_preparation.py: their first opening was one turn of 50-150 ms). What the window
does with bank files (adding folders, drag and drop, import, export, the bank editor)
is in its base class, gui/bank_files.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from quizapp.gui.changes import Changes
from quizapp.gui.focus_keys import is_enter, press_focused_button
from quizapp.gui.library_screen import LibraryScreen
from quizapp.gui.menu_room import keep_room_for_shortcuts
from quizapp.gui.quiz_start import QuizStartActions

if TYPE_CHECKING:
    from typing import Protocol

    from quizapp.core.store import StoreNotice
    from quizapp.gui.class_sync import ClassSync
    from quizapp.gui.context import AppContext
    from quizapp.gui.flashcard_screen import FlashcardScreen
    from quizapp.gui.progress_screen import ProgressScreen
    from quizapp.gui.quiz_screen import QuizScreen
    from quizapp.gui.results_screen import ResultsScreen
    from quizapp.gui.stats_screen import StatsScreen
    from quizapp.gui.teacher_screen import TeacherScreen

    class _ReadsTheStoreWhenShown(Protocol):  # a type for cast(), never made at startup
        def refresh(self) -> None: ...


# The screens that read the store again each time they are shown; the study screens and
# the results show the session they were given.
_REFRESHED_WHEN_SHOWN = frozenset({"library", "learners", "progress", "teacher"})

GEOMETRY_KEY = "window/geometry"
STATE_KEY = "window/state"

class MainWindow(QuizStartActions):
    screen_changed = Signal(str)  # the name of the screen now shown

    def __init__(self, context: AppContext, parent: QWidget | None = None):
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
        # The library's scroll viewports are named for screen readers once the window is
        # painted (name_library_viewports): not before the first paint, where it cost ~18 ms.

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

    def screen_named(self, name: str) -> QWidget:
        """The named screen, built on first use."""
        if name not in self.screens:
            self._take_screen(name, self._build_screen(name))
        return self.screens[name]

    def has_screen(self, name: str) -> bool:
        return name in self.screens

    def add_made_screen(self, name: str, made: QWidget) -> bool:
        """Take the quiz or flashcard screen made ahead of its first use
        (gui/screen_preparation.py), unless it was opened meanwhile and has its own: False
        then."""
        if self.has_screen(name):
            return False
        self._take_screen(name, self._build_screen(name, made))
        return True

    def _take_screen(self, name: str, built: QWidget) -> None:
        from quizapp.gui.accessibility import name_scroll_viewports

        name_scroll_viewports(built)  # AT-SPI reports a focused viewport by its own name
        self._add_screen(name, built)

    def name_library_viewports(self) -> None:
        """Give the library screen's scroll viewports a name a screen reader says.

        run_app calls this once the window is painted. Asking Qt for a viewport is the
        first time Python meets a widget that Qt made, and PySide then builds the
        Python types (and their enums) of every QWidget subclass to find its type: ~18 ms.
        """
        from quizapp.gui.accessibility import name_scroll_viewports

        name_scroll_viewports(self.library_screen)
        # The About column follows the viewport's width from now on, for the same reason.
        self.library_screen.about_column.watch_viewport()

    @property
    def learner_screen(self):
        return self.screen_named("learners")

    def _build_screen(self, name: str, made: QWidget | None = None) -> QWidget:
        """The named screen, wired to this window: `made` (ahead of its use), or a new one."""
        # Imported here: a returning learner's startup never needs these modules.
        context = self.context
        if name == "learners":
            from quizapp.gui.learner_screen import LearnerScreen

            learners = LearnerScreen(context)
            learners.learner_chosen.connect(self.set_learner)
            learners.learners_changed.connect(self._update_learner_label)
            return learners
        if name == "quiz":
            from quizapp.gui.quiz_screen import QuizScreen

            quiz = made if isinstance(made, QuizScreen) else QuizScreen(context)
            quiz.session_finished.connect(self._on_quiz_finished)
            quiz.session_left.connect(self.show_library)
            return quiz
        if name == "results":
            from quizapp.gui.results_screen import ResultsScreen

            results = ResultsScreen()
            results.mistakes_review_requested.connect(self._review_mistakes)
            results.results_closed.connect(self.show_library)
            return results
        if name == "flashcards":
            from quizapp.gui.flashcard_screen import FlashcardScreen

            flashcards = made if isinstance(made, FlashcardScreen) else FlashcardScreen(context)
            flashcards.session_left.connect(self.show_library)
            flashcards.session_finished.connect(self.show_library)
            return flashcards
        if name == "progress":
            from quizapp.gui.progress_screen import ProgressScreen

            progress = ProgressScreen(context)
            progress.bank_practice_requested.connect(
                lambda bank_id, ids: self.start_practice(bank_id, list(ids)))
            return progress
        if name == "teacher":
            from quizapp.gui.teacher_screen import TeacherScreen

            teacher = TeacherScreen(context)
            teacher.class_server_read.connect(self._class_server_read)
            teacher.refresh_requested.connect(self._sync_for_teacher)
            # (the file is written on the reader thread, a moment after the dialog closes)
            teacher.csv_exported.connect(
                lambda path: self.statusBar().showMessage(f"Exported {path}", 8000))
            return teacher
        raise KeyError(name)

    # F5 and Ctrl+E are File menu keys, and the statistics screens' Refresh and the class
    # results' Export CSV: a button's own shortcut beside the action's made Qt call the key
    # ambiguous and run neither, so the action does what the screen shown means by it.
    def _reload_or_refresh(self) -> None:
        """F5: the results queried again on Progress or Class results, else Reload banks."""
        if self.current_screen_name() == "teacher":
            cast("TeacherScreen", self.stack.currentWidget()).refresh_by_hand()
            return
        if self.current_screen_name() == "progress":
            cast("StatsScreen", self.stack.currentWidget()).refresh()
            return
        self.context.library.reload()

    def _export_here(self) -> None:
        """Ctrl+E: the class results' table as CSV there, else File > Export of the bank."""
        if self.current_screen_name() == "teacher":
            cast("TeacherScreen", self.stack.currentWidget()).choose_and_export_csv()
            return
        self.export_bank()

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
        widget = self.screen_named(name)
        in_session = name in ("quiz", "flashcards")
        no_learner = self.context.learner_id is None
        for action in self._navigation_actions:
            going = action in self._leave_first_actions
            wanting = no_learner and action is not self.switch_learner_action
            action.setEnabled((going or not in_session) and not wanting)
            _say_why_greyed(action, NO_LEARNER_NOTE if wanting else None)
        self.stack.setCurrentWidget(widget)
        widget.setFocus()  # the screen's refresh() may move focus to its first field
        if name in _REFRESHED_WHEN_SHOWN:
            cast("_ReadsTheStoreWhenShown", widget).refresh()
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
        combo = cast("ProgressScreen", self.screen_named("progress")).bank_combo
        if bank_id:
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
        learner = self.context.store.last_learner()
        if learner is not None:
            self.set_learner(learner.id, remember=False)  # already the last one: no write
        else:
            self.show_learners()
        if any(self.drafts_dir().glob("*.json")):
            QtCore.QTimer.singleShot(0, self.offer_drafts)

    def set_learner(self, learner_id: int, *, remember: bool = True) -> None:
        self.context.learner_id = learner_id
        if remember:
            # On the writer thread; remembering is a convenience: a failure is only logged.
            self.context.operations.write(
                lambda store: store.set_last_learner(learner_id), lambda _none: None,
                changes=Changes())  # the last learner is a setting no screen shows
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

    def _on_quiz_finished(self, session) -> None:
        widget = cast("ResultsScreen", self.screen_named("results"))
        self.show_screen("results")
        widget.show_results(session)
        if self.class_sync is not None:
            # Its answers go now (on the sync's thread), and the status bar says so, or
            # that the server is away, on the results page: not only back at the library.
            self.class_sync.sync_soon()

    def start_flashcards(self, bank_id: str) -> None:
        if self.session_starting:
            return
        bank = self._bank_or_warn(bank_id)
        if bank is None or self.context.learner_id is None:
            return
        widget = cast("FlashcardScreen", self.screen_named("flashcards"))
        self.show_screen("flashcards")
        widget.start(bank)

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
            if self.current_screen_name() == "teacher":
                # The banks changed under the overview (Refresh's sync brought down a bank
                # published since): read again with them, or its item analysis stays on
                # the edition this computer had before, or on none.
                cast("TeacherScreen", self.stack.currentWidget()).refresh()

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
                                          self._reload_or_refresh, "Load every bank again")
        file_menu.addSeparator()
        self.import_action = self._action(file_menu, "&Import…", "Ctrl+I", self.import_bank,
                                          "Turn a GIFT, Aiken or CSV file into a bank")
        self.export_action = self._action(file_menu, "&Export…", "Ctrl+E", self._export_here,
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
        keep_room_for_shortcuts(bar)  # "Switch learner…Ctrl+Shift+L" zoomed
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
        self.class_sync: ClassSync | None = None  # once the app is ready
        self.context.events.write_waiting.connect(self._show_write_waiting)

    def _show_write_waiting(self, writer: str) -> None:
        """A write (an answer) waits for another program's long write: say why."""
        if writer:
            self.statusBar().showMessage(f"Saving… waiting for {writer} to finish writing.")
        elif self.statusBar().currentMessage().startswith("Saving… waiting for "):
            self.statusBar().clearMessage()

    def attach_class_sync(self, class_sync: ClassSync) -> None:
        """Show the class server's status in the status bar and sync after each session."""
        self.class_sync = class_sync
        class_sync.status_changed.connect(self._show_sync_status)
        class_sync.class_banks_changed.connect(self._list_class_banks)
        class_sync.changes_announced.connect(self.context.events.announce)
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

    def _class_server_read(self, reached: bool) -> None:
        """The teacher overview read the class server: no longer "offline since …"; or
        could not: "offline since …", as the overview says."""
        if self.class_sync is None:
            return
        if reached:
            self.class_sync.server_reached()
        else:
            self.class_sync.server_unreached()

    def _sync_for_teacher(self) -> None:
        """The teacher overview's Refresh (or F5): push and pull now, class banks too (a
        bank published since shows without `quizapp sync`)."""
        if self.class_sync is not None:
            self.class_sync.sync_soon()
            return
        from quizapp.server.roles import signed_in

        if signed_in(self.context.store):
            from quizapp.gui.class_sync import ClassSync

            self.attach_class_sync(ClassSync(self.context.store, self))  # which syncs at once

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

    def show_store_message(self, notice: StoreNotice) -> QtWidgets.QMessageBox:
        """Tell the learner what opening the store did (a file set aside), without blocking
        the event loop."""
        from quizapp.gui.notices import open_store_notice

        self.store_message_box = open_store_notice(self, notice)
        return self.store_message_box

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
        settings = self.context.settings
        for key, value in ((GEOMETRY_KEY, self.saveGeometry()), (STATE_KEY, self.saveState())):
            # Unchanged (the window was not moved): no write. Setting a value marks the file
            # changed even when it is equal, and sync() then rewrites it under a lock file.
            if settings.value(key) != value:
                settings.setValue(key, value)
        settings.sync()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        # Enter that no screen took, on a focused button (library, progress, teacher,
        # learners): it presses the button, as Space does (gui/focus_keys.py).
        if is_enter(event) and press_focused_button(self):
            event.accept()
            return
        # Esc that no screen took: from progress, teacher or learners, back to the library.
        if (event.key() == QtCore.Qt.Key.Key_Escape
                and self.current_screen_name() in ("progress", "teacher", "learners")
                and self.context.learner_id is not None):
            self.show_library()
            event.accept()
            return
        super().keyPressEvent(event)

    def _study_screen_in_progress(self) -> QuizScreen | FlashcardScreen | None:
        """The quiz or flashcard screen on show while it holds an unfinished session."""
        name = self.current_screen_name()
        if name not in ("quiz", "flashcards"):
            return None
        screen = cast("QuizScreen | FlashcardScreen", self.screens[name])
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


NO_LEARNER_NOTE = "pick a learner first"


def _say_why_greyed(action: QAction, why: str | None) -> None:
    """A menu item greyed for a reason says it in its text, which a greyed item still
    shows (its tooltip and status tip do not, on hover): "Progress (pick a learner
    first)". `why` None gives the item its own text back."""
    own = action.property("ownText")
    if own is None:
        own = action.text()
        action.setProperty("ownText", own)
    action.setText(f"{own} ({why})" if why else str(own))
