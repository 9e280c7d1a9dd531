"""The bank editor: a window that edits a bank file in place (see quizapp.authoring)."""

from quizapp.gui.editor.window import EditorWindow

__all__ = ["EditorWindow"]
