"""File > Export (Ctrl+E): the bank written as GIFT, Moodle XML, an Anki deck, a PDF quiz or
YAML, on a worker thread.

A base class of the main window (through gui/bank_files.py). The save dialog, the name's
ending and the question before a file is replaced are asked on the GUI thread; then the
conversion and the write (interop.export_counting, the same as `quizapp export`) run on a
FileWork of their own (gui/import_work.py). On the GUI thread a 10,000-question bank's PDF
held the window for minutes, its Moodle XML for seconds. Meanwhile the status bar shows
"Exporting…" with a busy bar and a Cancel button (Esc too); when it ends, the status bar
says what was written, or a message says in words why nothing was.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtWidgets
from PySide6.QtWidgets import QMainWindow

from quizapp.gui.overwrite import may_write

if TYPE_CHECKING:
    from quizapp.core.model import Bank
    from quizapp.gui.context import AppContext
    from quizapp.gui.import_work import ExportProgress, FileWork, StopRequest
    from quizapp.gui.library_screen import LibraryScreen

LAST_DIR_KEY = "dialogs/last_dir"
EXPORT_FILTERS = {
    "GIFT (*.gift)": ".gift",
    "Moodle XML (*.xml)": ".xml",
    "Anki deck (*.apkg)": ".apkg",
    "PDF quiz (*.pdf)": ".pdf",
    "YAML bank (*.yaml)": ".yaml",
}
# What the sign calls each format: "Exporting Talks as a PDF quiz…"
FORMAT_NAMES = {"gift": "GIFT", "moodle": "Moodle XML", "apkg": "an Anki deck",
                "pdf": "a PDF quiz", "yaml": "a YAML bank"}

_FULL = "the disk is full. Free some space, or choose another disk, and export again."
_READ_ONLY = "the folder cannot be written to. Choose another folder."
_BAD_CHARACTER = ("the disk does not allow a character of its name (such as : ? * or \"). "
                  "Choose another name.")
# Why a file could not be written, by the system's error number, in a teacher's words.
_WHY_NOT_WRITTEN = {
    errno.ENOSPC: _FULL,
    errno.EDQUOT: _FULL,
    errno.EFBIG: "the file would be larger than the disk allows. Choose another disk.",
    errno.EROFS: _READ_ONLY,
    errno.EACCES: _READ_ONLY,
    errno.EPERM: _READ_ONLY,
    errno.ENAMETOOLONG: "the name is too long. Choose a shorter name.",
    errno.EINVAL: _BAD_CHARACTER,
    errno.EILSEQ: _BAD_CHARACTER,
    errno.ENOTDIR: "a part of its folder's path is a file, not a folder. Choose another folder.",
    errno.ENOENT: "its folder is gone (a disk taken out?). Choose another folder.",
}


def export_failure(title: str, target: str, error: Exception) -> str:
    """What the teacher is told when the export of bank `title` to `target` failed."""
    from quizapp.interop import InteropError

    if isinstance(error, OSError):
        # The error names the temporary file the export wrote first: the teacher's name is
        # the one to show.
        why = _WHY_NOT_WRITTEN.get(error.errno or 0)
        if why is None:
            why = f"of an error on the disk ({error.strerror or error})."
        return f"{title} was not exported: {target} could not be written because {why}"
    if isinstance(error, ValueError) and not isinstance(error, InteropError) \
            and "null byte" in str(error):
        return f"{title} was not exported: {target} could not be written because {_BAD_CHARACTER}"
    return f"{title} was not exported: {error}"


def export_name(typed: str, chosen_filter: str) -> str | None:
    """The file an export writes for the name typed in the save dialog: a name ending in
    an ending quizapp writes ('quiz.apkg', 'quiz.txt') is that format, whatever filter is
    selected; any other name gets the selected filter's ending ('quiz' or 'quiz.v2' with
    GIFT selected: 'quiz.gift', 'quiz.v2.gift'). None when the dialog returned a folder
    (one that exists, or a path ending in a slash) or the name with its ending is one: a
    folder is no file name, and '/root' must not become a stray '/root.gift'."""
    import os

    from quizapp.interop import EXPORT_FORMATS

    if not typed or typed.endswith(("/", os.sep)) or os.path.isdir(typed):
        return None
    endings = tuple(e for formats in EXPORT_FORMATS.values() for e in formats)
    named = typed if typed.lower().endswith(endings) else typed + EXPORT_FILTERS.get(chosen_filter, "")
    return None if os.path.isdir(named) else named


class BankExportActions(QMainWindow):
    """File > Export's half of the main window's bank-file actions (see the module doc)."""

    context: AppContext
    library_screen: LibraryScreen
    _export_work: FileWork | None = None
    _export_progress: ExportProgress | None = None
    _export_stop: StopRequest | None = None  # the Cancel of the export under way, if one is

    def export_bank(self) -> None:
        if self._export_stop is not None:
            self.statusBar().showMessage("An export is under way; it must end before the next one",
                                         5000)
            return
        bank = self.library_screen.selected_bank() or self.context.library.bank(self.context.bank_id or "")
        if bank is None:
            QtWidgets.QMessageBox.information(self, "Export", "Select a bank in the library first.")
            return
        start = str(Path(str(self.context.settings.value(LAST_DIR_KEY, "") or Path.home())) / bank.id)
        target, chosen = QtWidgets.QFileDialog.getSaveFileName(self, f"Export {bank.title}", start,
                                                               ";;".join(EXPORT_FILTERS))
        if not target:
            return
        named = target
        exported = export_name(target, chosen)
        if exported is None:
            QtWidgets.QMessageBox.warning(
                self, "Not exported", f"{named} is a folder, not a file name: choose Export "
                "again and type a name for the file (nothing was written).")
            return
        if may_write(self, exported, named, bank.path):
            self._start_export(bank, exported)

    def _start_export(self, bank: Bank, target: str) -> None:
        from functools import partial

        from quizapp import interop
        from quizapp.gui.import_work import ExportProgress, FileWork, StopRequest

        if self._export_work is None:
            self._export_work = FileWork(self)
            self._export_progress = ExportProgress(self)
            self._export_progress.cancel_button.clicked.connect(self.cancel_export)
            self.statusBar().addPermanentWidget(self._export_progress)
        assert self._export_progress is not None
        stop = self._export_stop = StopRequest()
        fmt = interop.export_format_for(target)
        self._export_progress.show_doing(f"Exporting {bank.title} as {FORMAT_NAMES[fmt]}…")
        self._export_work.run(
            partial(interop.export_counting, bank, target, should_stop=stop.requested),
            lambda done: self._exported(bank.title, target, *done),
            lambda error: self._export_failed(bank.title, target, error))

    def cancel_export(self) -> bool:
        """Cancel (the status bar's button, or Esc): the export under way stops at its next
        step and writes nothing. True if there was one to cancel."""
        if self._export_stop is None:
            return False
        self._export_stop.request()
        if self._export_progress is not None:
            self._export_progress.show_doing("Cancelling the export…", can_cancel=False)
        return True

    def wait_for_export(self, msecs: int) -> bool:
        """At quit: let an export under way end (a small one takes a moment), then stop a
        long one (a PDF of thousands of questions), so that its thread never runs Python
        while the interpreter shuts down; True when none is left."""
        if self._export_work is None or self._export_work.wait(msecs):
            return True
        if self._export_stop is not None:
            self._export_stop.request()
        return self._export_work.wait(msecs)

    def _export_ended(self) -> None:
        self._export_stop = None
        if self._export_progress is not None:
            self._export_progress.hide()

    def _exported(self, title: str, target: str, warnings: list[str], count: int) -> None:
        from quizapp.core.plural import counted

        self._export_ended()
        self.context.settings.setValue(LAST_DIR_KEY, str(Path(target).parent))
        self.statusBar().showMessage(f"Exported {counted(count, 'question')} of {title} to {target}",
                                     8000)
        if warnings and self.isVisible():
            self._show_warnings(f"Exported {title}, with warnings", list(warnings))

    def _export_failed(self, title: str, target: str, error: Exception) -> None:
        from quizapp.interop import ExportStopped

        self._export_ended()
        if isinstance(error, ExportStopped):
            self.statusBar().showMessage(f"Export of {title} cancelled; no file was written", 8000)
        elif self.isVisible():  # no dialog for a window already closed
            QtWidgets.QMessageBox.warning(self, "Export failed", export_failure(title, target, error))

    def _show_warnings(self, title: str, warnings: list[str]) -> None:
        """Every warning, in a scrolling list that fits the screen (gui/warnings_dialog.py)."""
        from quizapp.gui.warnings_dialog import open_warnings

        open_warnings(self, title, warnings)
