"""Qt's undo stack over the document's own Edit objects."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from quizapp.authoring.document import BankDocument, Edit

_MERGE_ID = 1401


class EditCommand(QUndoCommand):
    """One Edit on the stack. Typing in one field merges into one step."""

    def __init__(self, doc: BankDocument, edit: Edit, after: Callable[[Edit, bool], None]):
        super().__init__(edit.label)
        self.doc, self.edit, self.after = doc, edit, after

    def id(self) -> int:  # noqa: A003 (Qt's name)
        return _MERGE_ID if self.edit.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt override)
        return isinstance(other, EditCommand) and self.edit.merge(other.edit)

    def redo(self) -> None:
        self.edit.redo(self.doc)
        self.after(self.edit, False)

    def undo(self) -> None:
        self.edit.undo(self.doc)
        self.after(self.edit, True)
