"""File > Export (Ctrl+E): the bank written as GIFT, Moodle XML, an Anki deck, a PDF quiz or
YAML, in a process of its own.

A base class of the main window (through gui/bank_files.py). The save dialog, the name's
ending and the question before a file is replaced are asked on the GUI thread; then the
conversion and the write (interop.export_counting, as `quizapp export` does them) run in
a child process, interop/export_process.py: on the GUI thread a 10,000-question bank's
PDF held the window for minutes, its Moodle XML for seconds, and a worker thread would
not do (Qt holds Python's lock through each call: QTextDocument.setHtml of a big paper
held it for seconds; see that module). Meanwhile the status bar shows "Exporting…" with a
busy bar and a Cancel button (Esc too) that stops the process; when it ends, the status
bar says what was written, or a message says in words why nothing was.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtWidgets
from PySide6.QtWidgets import QMainWindow

from quizapp.gui.overwrite import may_write

if TYPE_CHECKING:
    # Imported where an export starts: naming QProcess builds its types and its 10 enum
    # types in every start (gui/__init__.py's startup rule).
    from PySide6.QtCore import QProcess

    from quizapp.gui.context import AppContext
    from quizapp.gui.import_work import ExportProgress
    from quizapp.gui.library_screen import LibraryScreen

LAST_DIR_KEY = "dialogs/last_dir"
VERSIONS_KEY = "export/paper_versions"  # how many versions the last PDF printed
EXPORT_FILTERS = {
    "GIFT (*.gift)": ".gift",
    "Moodle XML (*.xml)": ".xml",
    "Anki deck (*.apkg)": ".apkg",
    "Anki deck for Anki before 2.1.50 (*.apkg)": ".apkg",
    "PDF quiz (*.pdf)": ".pdf",
    "YAML bank (*.yaml)": ".yaml",
}
# What the sign calls each format: "Exporting Talks as a PDF quiz…"
FORMAT_NAMES = {"gift": "GIFT", "moodle": "Moodle XML", "apkg": "an Anki deck",
                "apkg-legacy": "an Anki deck for older Ankis", "pdf": "a PDF quiz",
                "yaml": "a YAML bank"}
# The one type the file's ending cannot tell: an .apkg is Anki's current format unless
# this type was chosen in the save dialog.
_FORMAT_OF_FILTER = {"Anki deck for Anki before 2.1.50 (*.apkg)": "apkg-legacy"}

def export_failure(title: str, target: str, error: str, code: int | None) -> str:
    """What the teacher is told when the export of bank `title` to `target` failed with
    `error` (the system's error number `code` when the file could not be written)."""
    if code is None:
        return f"{title} was not exported: {error}"
    # The system names the temporary file the export wrote first: the teacher's name is
    # the one to show, and why in words.
    from quizapp.gui.write_failure import because

    return (f"{title} was not exported: {target} could not be written because "
            f"{because(code, error, 'export again')}")


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
    _export_progress: ExportProgress | None = None
    _export_process: QProcess | None = None  # the export under way, if one is
    _export_cancelled = False

    def export_bank(self) -> None:
        if self._export_process is not None:
            self.statusBar().showMessage("An export is under way; it must end before the next one",
                                         5000)
            return
        bank = self.library_screen.selected_bank() or self.context.library.bank(self.context.bank_id or "")
        if bank is None or bank.path is None:
            QtWidgets.QMessageBox.information(self, "Export", "Select a bank in the library first.")
            return
        start = str(Path(str(self.context.settings.value(LAST_DIR_KEY, "") or Path.home())) / bank.id)
        target, chosen = QtWidgets.QFileDialog.getSaveFileName(self, f"Export {bank.title}", start,
                                                               ";;".join(EXPORT_FILTERS))
        if not target:
            return
        exported = export_name(target, chosen)
        if exported is None:
            QtWidgets.QMessageBox.warning(
                self, "Not exported", f"{target} is a folder, not a file name: choose Export "
                "again and type a name for the file (nothing was written).")
            return
        if not may_write(self, exported, target, bank.path):
            return
        from quizapp.interop import export_format_for

        fmt = export_format_for(exported)
        if fmt == "apkg":
            fmt = _FORMAT_OF_FILTER.get(chosen, fmt)
        versions = 1
        if fmt == "pdf":
            asked = self._ask_versions(bank.title)
            if asked is None:
                return
            versions = asked
        self._start_export(bank.title, str(bank.path), exported, versions, fmt)

    def _ask_versions(self, title: str) -> int | None:
        """How many versions of the PDF paper to print (A, B, ...: `quizapp export
        --versions`), the last number chosen offered first; None when cancelled."""
        from PySide6.QtWidgets import QInputDialog

        from quizapp.interop.paper_versions import MAX_VERSIONS

        box = QInputDialog(self)
        box.setWindowTitle(f"Print {title}")
        box.setInputMode(QInputDialog.InputMode.IntInput)
        box.setIntRange(1, MAX_VERSIONS)
        box.setIntValue(_stored_versions(self.context.settings.value(VERSIONS_KEY, 1)))
        box.setLabelText(
            "How many versions of the paper? Each version after A prints the questions\n"
            "and their choices in another order, with its own answer key (choices the\n"
            "bank pins, such as \"All of the above\", stay in place). 1: one paper.")
        if box.exec() != QInputDialog.DialogCode.Accepted:
            return None
        self.context.settings.setValue(VERSIONS_KEY, box.intValue())
        return box.intValue()

    def _start_export(self, title: str, bank_path: str, target: str, versions: int = 1,
                      fmt: str | None = None) -> None:
        from PySide6.QtCore import QProcess, QProcessEnvironment

        from quizapp.gui.import_work import ExportProgress
        from quizapp.interop import export_format_for

        if self._export_progress is None:
            self._export_progress = ExportProgress(self)
            self._export_progress.cancel_button.clicked.connect(self.cancel_export)
            self.statusBar().addPermanentWidget(self._export_progress)
        process = self._export_process = QProcess(self)
        # The PDF's fonts and pages are laid out as `quizapp export` lays them out, with
        # no display (and none to wait for).
        environment = QProcessEnvironment.systemEnvironment()
        environment.insert("QT_QPA_PLATFORM", "offscreen")
        process.setProcessEnvironment(environment)
        self._export_cancelled = False
        process.finished.connect(lambda *_: self._export_ended(process, title, target))
        process.errorOccurred.connect(lambda error: self._export_not_started(process, title, target, error))
        fmt = fmt or export_format_for(target)
        how = f" in {versions} versions" if versions > 1 else ""
        self._export_progress.show_doing(f"Exporting {title} as {FORMAT_NAMES[fmt]}{how}…")
        process.start(sys.executable, ["-m", "quizapp.interop.export_process", bank_path, target,
                                       str(versions), fmt])

    def cancel_export(self) -> bool:
        """Cancel (the status bar's button, or Esc): the export under way stops at once and
        writes nothing. True if there was one to cancel."""
        if self._export_process is None:
            return False
        self._export_cancelled = True
        self._export_process.terminate()
        if self._export_progress is not None:
            self._export_progress.show_doing("Cancelling the export…", can_cancel=False)
        return True

    def wait_for_export(self, msecs: int) -> bool:
        """At quit: let an export under way end (a small one takes a moment), then stop a
        long one (a PDF of thousands of questions); True when none is left."""
        process = self._export_process
        if process is None or process.waitForFinished(msecs):
            return True
        self._export_cancelled = True  # stopped, not failed: no message about it
        process.terminate()
        if process.waitForFinished(msecs):  # (asked again once finished, it says False)
            return True
        process.kill()
        return process.waitForFinished(msecs)

    def _export_not_started(self, process: QProcess, title: str, target: str,
                            error: QProcess.ProcessError) -> None:
        from PySide6.QtCore import QProcess

        if error == QProcess.ProcessError.FailedToStart:  # no `finished` follows
            self._export_ended(process, title, target)

    def _export_ended(self, process: QProcess, title: str, target: str) -> None:
        from quizapp.core.plural import counted

        if process is not self._export_process:
            return  # said already (it failed to start)
        self._export_process = None
        process.deleteLater()
        if self._export_progress is not None:
            self._export_progress.hide()
        if self._export_cancelled:
            self.statusBar().showMessage(f"Export of {title} cancelled; no file was written", 8000)
            return
        outcome = _outcome(process)
        if "written" not in outcome:
            if self.isVisible():  # no dialog for a window already closed
                QtWidgets.QMessageBox.warning(self, "Export failed", export_failure(
                    title, target, str(outcome.get("error")), outcome.get("errno")))
            return
        self.context.settings.setValue(LAST_DIR_KEY, str(Path(target).parent))
        self.statusBar().showMessage(
            f"Exported {counted(outcome['written'], 'question')} of {title} to {target}", 8000)
        if outcome["warnings"] and self.isVisible():
            self._show_warnings(f"Exported {title}, with warnings", list(outcome["warnings"]))

    def _show_warnings(self, title: str, warnings: list[str]) -> None:
        """Every warning, in a scrolling list that fits the screen (gui/warnings_dialog.py)."""
        from quizapp.gui.warnings_dialog import open_warnings

        open_warnings(self, title, warnings)


def _stored_versions(value: object) -> int:
    """The number of versions kept in the settings, or 1 if it is not one that can be
    printed (the settings file is the user's to edit)."""
    from quizapp.interop.paper_versions import MAX_VERSIONS

    try:
        number = int(str(value))
    except ValueError:
        return 1
    return number if 1 <= number <= MAX_VERSIONS else 1


def _outcome(process: QProcess) -> dict:
    """What the export process said on its last line (interop/export_process.py), or why
    it said nothing."""
    lines = bytes(process.readAllStandardOutput().data()).decode("utf-8", "replace").splitlines()
    try:
        said = json.loads(lines[-1]) if lines else None
    except ValueError:
        said = None
    if isinstance(said, dict) and ("written" in said or "error" in said):
        return said
    from PySide6.QtCore import QProcess

    if process.error() == QProcess.ProcessError.FailedToStart:
        return {"error": f"quizapp could not start its export ({process.errorString()})",
                "errno": None}
    problem = bytes(process.readAllStandardError().data()).decode("utf-8", "replace").strip()
    last = problem.splitlines()[-1] if problem else f"it ended with code {process.exitCode()}"
    return {"error": f"the export stopped unexpectedly: {last}", "errno": None}
