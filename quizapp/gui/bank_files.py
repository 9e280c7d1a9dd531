"""The main window's actions on bank files: add or remove folders and files, drag and drop,
import, and opening the bank editor (with its crash drafts); export is its base class's
(gui/bank_export.py).

A base class of MainWindow (gui/main_window.py), kept apart so that neither module grows
past a screenful of concerns; it reads the window's `context`, `library_screen` and
`editors`, and shows its messages in the window's status bar.
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets

from quizapp.gui.bank_export import LAST_DIR_KEY, BankExportActions
from quizapp.gui.overwrite import ask_save_name, may_write

if TYPE_CHECKING:
    from quizapp.gui.appearance import Appearance
    from quizapp.gui.context import AppContext
    from quizapp.gui.import_work import FileWork, ImportProgress, StopRequest
    from quizapp.gui.library_screen import LibraryScreen
    from quizapp.interop import Imported, WrittenBank

BANK_SUFFIXES = (".yaml", ".yml")
IMPORT_FILTER = ("Quiz files (*.gift *.txt *.xml *.csv *.tsv *.apkg *.colpkg);;GIFT (*.gift *.txt);;Moodle XML (*.xml);;"
                 "Anki deck (*.apkg *.colpkg);;Aiken (*.txt);;CSV or TSV (*.csv *.tsv);;All files (*)")


class BankFileActions(BankExportActions):
    """The bank-file half of the main window (see the module doc)."""

    context: AppContext
    appearance: Appearance
    library_screen: LibraryScreen
    editors: list
    # File > Import's worker and its status bar sign, made on the first import
    _file_work: FileWork | None = None
    _import_progress: ImportProgress | None = None
    _import_under_way = False
    _import_stop: StopRequest | None = None  # the Cancel of the import under way

    def wait_for_file_work(self, msecs: int) -> bool:
        """Wait (at quit) for an import or export under way to end (a long export is
        stopped: wait_for_export), so that no thread of theirs runs Python while the
        interpreter shuts down; True when none is left."""
        exported = self.wait_for_export(msecs)
        return (self._file_work is None or self._file_work.wait(msecs)) and exported

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


    # -- import / export ---------------------------------------------------------------

    def import_bank(self) -> None:
        """File > Import (Ctrl+I): the same conversion as `quizapp import FILE -o BANK.yaml`,
        so the app and the command import the same questions with the same warnings.

        The file is read once, on a worker thread (gui/import_work.py), before its bank is
        named, so a file that cannot be imported says so first; the bank is written on the
        worker too. The status bar says "Importing…" meanwhile, with a Cancel button (and Esc,
        see keyPressEvent) that stops the worker at its next step, writing nothing; the window
        stays usable."""
        from quizapp import interop
        from quizapp.gui.import_work import (
            IMPORT_CANCELLED,
            FileWork,
            ImportProgress,
            StopRequest,
        )

        read = interop.import_with_media
        folder_for = interop.media_folder_for
        if self._import_under_way:
            self.statusBar().showMessage("An import is under way; it must end before the next one", 5000)
            return
        start = str(self.context.settings.value(LAST_DIR_KEY, "") or Path.home())
        source, _ = QtWidgets.QFileDialog.getOpenFileName(self, "Import questions", start, IMPORT_FILTER)
        if not source:
            self.statusBar().showMessage(IMPORT_CANCELLED, 5000)
            return
        if self._file_work is None:
            self._file_work = FileWork(self)
            self._import_progress = ImportProgress(self)
            self._import_progress.cancel_button.clicked.connect(self.cancel_import)
            self.statusBar().addPermanentWidget(self._import_progress)
        # The pictures' folder is named after the bank; the name offered is the usual one.
        default = str(Path(source).with_suffix(".yaml"))
        media_folder = folder_for(default)
        self._import_under_way = True
        stop = self._import_stop = StopRequest()
        self._show_import_state(f"Importing {Path(source).name}…")

        def failed(exc: Exception) -> None:
            if isinstance(exc, interop.ImportStopped):
                self._import_cancelled(Path(source).name)
            else:
                self._import_failed(f"{Path(source).name} could not be imported:\n{exc}",
                                    exc.warnings if isinstance(exc, interop.InteropError) else [])

        self._file_work.run(partial(read, source, None, media_folder, should_stop=stop.requested),
                            lambda imported: self._save_imported(source, default, imported, media_folder),
                            failed)

    def cancel_import(self) -> bool:
        """Cancel (the status bar's button, or Esc): the import under way stops at its next
        step and writes nothing. True if there was one to cancel."""
        if not self._import_under_way or self._import_stop is None:
            return False
        self._import_stop.request()
        if self._import_progress is not None and self._import_progress.isVisible():
            self._import_progress.show_doing("Cancelling the import…", can_cancel=False)
        return True

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        # Esc that no screen took (a quiz takes it to leave) cancels an import or an export
        # under way.
        if event.key() == QtCore.Qt.Key.Key_Escape and (self.cancel_import() or self.cancel_export()):
            event.accept()
            return
        super().keyPressEvent(event)

    def _save_imported(self, source: str, default: str, imported: Imported, media_folder: str) -> None:
        from quizapp import interop
        from quizapp.gui.import_work import (
            IMPORT_CANCELLED,
            SourceNotReadAgain,
            write_imported_bank,
        )

        assert self._file_work is not None and self._import_stop is not None
        stop = self._import_stop
        self._show_import_state(None)
        if not self.isVisible():  # the window was closed while the file was read
            self._import_under_way = False
            return
        if stop.requested():  # cancelled as the reading ended: no bank to name
            self._import_cancelled(Path(source).name)
            return
        target, _ = ask_save_name(self, "Save the new bank as", default, "Bank (*.yaml)")
        if not target:
            self._import_under_way = False
            self.statusBar().showMessage(IMPORT_CANCELLED, 5000)
            return
        chosen = target
        if not target.lower().endswith(BANK_SUFFIXES):
            target += ".yaml"
        if not may_write(self, target, chosen, source, dialog_asked=False):
            self._import_under_way = False
            self.statusBar().showMessage(IMPORT_CANCELLED, 5000)
            return
        replace_pictures = self._may_replace_pictures(target, imported, media_folder)
        if replace_pictures is None:
            self._import_under_way = False
            self.statusBar().showMessage(IMPORT_CANCELLED, 5000)
            return
        self._show_import_state(f"Saving {Path(target).name}…")

        def failed(exc: Exception) -> None:
            if isinstance(exc, interop.ImportStopped):
                self._import_cancelled(Path(source).name)
            elif isinstance(exc, SourceNotReadAgain):
                from quizapp.gui.write_failure import not_read_again

                self._import_failed(f"Not imported: {not_read_again(source, exc.error)}", [])
            elif isinstance(exc, OSError):
                from quizapp.gui.write_failure import not_written

                self._import_failed(f"Not imported: {not_written(target, exc, 'import again')}", [])
            else:  # InteropError: the bank's check refused it
                self._import_failed(f"{Path(source).name} could not be imported:\n{exc}",
                                    exc.warnings if isinstance(exc, interop.InteropError) else [])

        from quizapp.gui.editor.checker import library_others

        entries = list(self.context.library.entries)  # (as the library lists them now)

        def write() -> WrittenBank:
            # Another bank of the id its name gives would leave both banks refused (the one
            # learners study too): the new bank takes a free id, said in its warnings. The
            # ids taken are found here, on the worker: with 10,000 banks, each path made
            # real and the clashing ones' headers read took 0.2 s on the GUI thread.
            taken = dict(library_others(entries, target))
            # pictures go in a folder named after the bank, beside it
            return write_imported_bank(source, target, imported, media_folder, stop,
                                       replace_pictures=replace_pictures, taken_ids=taken)

        self._file_work.run(write, lambda written: self._imported(source, target, written),
                            failed)

    def _may_replace_pictures(self, target: str, imported: Imported, media_folder: str) -> bool | None:
        """Another bank may share the pictures' folder of `target` (my-bank.yaml and
        "My Bank.yaml" both use my-bank-files/): asks before replacing a picture there that
        holds other bytes (No, the default, cancels). True to replace, False when nothing
        would be replaced, None to cancel."""
        from quizapp import interop

        media = interop.media_moved_to(imported.media, media_folder, interop.media_folder_for(target))
        folder = Path(target).parent
        clashes = interop.pictures_in_the_way(folder, media)
        if not clashes:
            return False
        answer = QtWidgets.QMessageBox.question(
            self, "Replace the pictures?",
            f"{interop.pictures_refusal(folder, clashes)}.\nReplace them?",
            QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No,
            QtWidgets.QMessageBox.StandardButton.No)
        return True if answer == QtWidgets.QMessageBox.StandardButton.Yes else None

    def _imported(self, source: str, target: str, written: WrittenBank) -> None:
        from quizapp.core.plural import counted  # here: every start imports this module

        self._import_under_way = False
        self._show_import_state(None)
        warnings = written.warnings
        self.context.settings.setValue(LAST_DIR_KEY, str(Path(target).parent))
        self.library_screen.select_when_listed(target)
        self.context.library.add_file(target)
        count = len(written.bank.questions)
        imported = f"Imported {counted(count, 'question')} from {Path(source).name}"
        self.statusBar().showMessage(f"{imported} as {target}", 8000)
        # The status bar's line soon gives way to the library's; a warning, and pictures
        # deleted (as `quizapp import` says it), are shown in a window that stays.
        notes = list(warnings)
        title = imported
        if written.removed:
            title += (f", {counted(len(written.removed), 'picture')} of the bank imported"
                      " before removed")
            notes += [f"removed {path}: the earlier import into {Path(target).name} wrote it, "
                      "and neither the new bank nor another bank beside it shows it"
                      for path in written.removed]
        if notes and self.isVisible():
            if warnings:
                title += f", with {counted(len(warnings), 'warning')}"
            self._show_warnings(title, notes)

    def _import_cancelled(self, name: str) -> None:
        self._import_under_way = False
        self._show_import_state(None)
        self.statusBar().showMessage(f"Import of {name} cancelled; no bank was written", 8000)

    def _import_failed(self, message: str, warnings: list[str]) -> None:
        """The failure, and under it the warnings that say why when there are some (a
        GIFT file of questions that all had to be skipped), in the warnings' window."""
        self._import_under_way = False
        self._show_import_state(None)
        if not self.isVisible():  # no dialog for a window already closed
            return
        if warnings:
            self._show_warnings(message.replace("\n", " ", 1), warnings)
        else:
            QtWidgets.QMessageBox.warning(self, "Import failed", message)

    def _show_import_state(self, doing: str | None) -> None:
        """The status bar's "Importing…" sign, or none (doing=None)."""
        if self._import_progress is None:
            return
        if doing is None:
            self._import_progress.hide()
        else:
            self._import_progress.show_doing(doing)

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
        from quizapp.gui.editor.checker import library_others

        for open_one in self.editors:
            if open_one.doc.path and os.path.realpath(open_one.doc.path) == os.path.realpath(path):
                # Two editors on one file would each save over the other's work.
                open_one.showNormal()
                open_one.raise_()
                open_one.activateWindow()
                return open_one
        entry = self.context.library.entry(path)
        try:
            editor = EditorWindow.open_file(
                path, read_only=bool(entry and entry.bundled), my_banks_dir=self.my_banks_dir(),
                drafts_dir=self.drafts_dir(),
                other_banks=lambda own: library_others(self.context.library.entries, own))
        except (OSError, ValueError) as exc:  # ValueError: UnreadableBank, the loader's message
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            QtWidgets.QMessageBox.warning(self, "Cannot open the bank", f"{path}: {why}")
            return None
        return self._show_editor(editor)

    def _show_editor(self, editor):
        editor.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self._on_bank_saved)
        editor.destroyed.connect(lambda _=None, e=editor: self.editors.remove(e) if e in self.editors else None)
        self.editors.append(editor)
        self.appearance.follow(editor)  # the window's theme, zoom and focus ring
        editor.show()
        # In front, with the keyboard: without this it opened behind the main window.
        editor.raise_()
        editor.activateWindow()
        return editor

    def new_bank(self):
        from quizapp.authoring.templates import new_bank_text
        from quizapp.core.atomic import atomic_write

        folder = self.my_banks_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # the dialog opens elsewhere; the write below says why the folder failed
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, "New bank", str(folder / "new-bank.yaml"), "Banks (*.yaml *.yml)")
        if not path:
            return None
        chosen = path
        if not path.endswith((".yaml", ".yml")):
            path += ".yaml"
        # The dialog asked about replacing 'quiz', not 'quiz.yaml': the new bank's template
        # was written over a teacher's bank of that name without a word.
        if not may_write(self, path, chosen):
            return None
        try:
            atomic_write(path, new_bank_text().encode("utf-8"))
        except OSError as exc:
            from quizapp.gui.write_failure import not_written

            QtWidgets.QMessageBox.warning(self, "Cannot write the bank",
                                          not_written(path, exc, "try again"))
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
