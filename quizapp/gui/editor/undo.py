"""Qt's undo stack over the document's own Edit objects."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from quizapp.authoring.document import BankDocument, Edit, ReplaceBlocks

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


class ReloadCommand(EditCommand):
    """Reload from disk on the stack: undone, the teacher's version is back, and the file
    as it was before the reload is again what the editor last read (`known_disk`), so Save
    asks before it writes over the other program's change (it wrote over it silently)."""

    def __init__(self, doc: BankDocument, edit: Edit, after: Callable[[Edit, bool], None],
                 known_disk: Callable[[bytes | None], None], before: bytes | None,
                 reloaded: bytes | None):
        super().__init__(doc, edit, after)
        self.known_disk, self.before, self.reloaded = known_disk, before, reloaded

    def id(self) -> int:  # noqa: A003 (Qt's name)
        return -1  # never merged into the typing before or after it

    def redo(self) -> None:
        self.known_disk(self.reloaded)
        super().redo()

    def undo(self) -> None:
        self.known_disk(self.before)
        super().undo()


def burst_start(stack: QUndoStack, merge_key: tuple) -> str | None:
    """The block as it was before the typing that the next edit with ``merge_key`` merges
    into (None: that edit starts a new step). Each keystroke is then applied to the text
    the teacher started from, so a field's place, quoting and comment survive the half-typed
    states between (an emptied field, a trailing space that needed quotes)."""
    # QUndoStack merges into the command just done, never across the clean state.
    if stack.index() == 0 or stack.index() == stack.cleanIndex():
        return None
    top = stack.command(stack.index() - 1)
    if (isinstance(top, EditCommand) and isinstance(top.edit, ReplaceBlocks)
            and top.edit.merge_key == merge_key and len(top.edit.old) == 1):
        return top.edit.old[0]
    return None
