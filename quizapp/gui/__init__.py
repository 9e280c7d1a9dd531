"""The Qt user interface: thin screens over quizapp.core.

Startup rule, which several modules' comments point to: nothing on the way to the first
paint names an enum of Qt's namespace (`Qt.TimerType.PreciseTimer`, `Qt.AlignmentFlag...`,
`Qt.FocusPolicy...`). PySide builds the Python enum types of a class the first time Python
names it, and for `Qt` that is all ~95 of them at once: 115 M instructions, a tenth of a
start (docs/performance.md, "Qt's namespace and the dialogs after the first paint"). Set an
enum property by its key name instead (`timer.setProperty("timerType", "PreciseTimer")`,
`widget.setProperty("focusPolicy", "NoFocus")`), and import dialogs (`QMessageBox`,
`QFileDialog`) where they are opened. tests/test_startup_imports.py fails when a start
builds a `Qt.*` enum type or a dialog's.
"""
