"""Start the Qt application."""

from __future__ import annotations

import sys


def run_app(args) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("quizapp")
    window.setCentralWidget(QLabel("quizapp"))
    window.show()
    if args.exit_when_ready:
        QTimer.singleShot(0, app.quit)
    return app.exec()
