"""Before a file chosen in a save dialog is written: the dialog asked about replacing the
name it returned, not about that name with the suffix the app adds; and the file being read
(the bank exported, the file imported) is never written over."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.core.paths import same_file

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

# QMessageBox and QFileDialog are imported when first asked for: this module comes in with
# the main window (gui/bank_files.py), and naming them builds their Python types and 10
# enum types, 9.4 M instructions (1%) before the first paint, which shows neither.


def may_write(parent: QWidget, target: str, chosen: str, source: str | None = None, *,
              dialog_asked: bool = True) -> bool:
    """May `target` (`chosen`, the dialog's answer, perhaps with a suffix added) be written?
    Asks before replacing a file the dialog did not ask about (`dialog_asked` False: a
    dialog opened with ask_save_name, which asks about none); refuses `source`."""
    from PySide6.QtWidgets import QMessageBox

    if source and same_file(target, source):
        QMessageBox.warning(parent, "Not written",
                            f"{target} is the file being read; choose another name.")
        return False
    if (dialog_asked and target == chosen) or not os.path.lexists(target):
        return True
    answer = QMessageBox.question(
        parent, "Replace the file?",
        f"{Path(target).name} already exists in {Path(target).parent}.\nReplace it?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def ask_save_name(parent: QWidget, caption: str, start: str, filters: str) -> tuple[str, str]:
    """A save dialog's (name, filter) that does not ask itself about replacing the name typed:
    the app adds a suffix to it ('teacher.apkg' becomes 'teacher.apkg.yaml'), so may_write,
    with dialog_asked=False, asks about the file that will be written instead."""
    from PySide6.QtWidgets import QFileDialog

    return QFileDialog.getSaveFileName(parent, caption, start, filters,
                                       options=QFileDialog.Option.DontConfirmOverwrite)
