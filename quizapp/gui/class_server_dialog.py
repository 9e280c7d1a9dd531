"""File > Class server…: sign the current learner in to the school's class server, see
the sync status, and sync now. The sign-in talks to the server on a thread of its own."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from quizapp.gui.button_icons import InkedIcons
from quizapp.gui.class_sync import waiting_text
from quizapp.server.waiting import Waiting

if TYPE_CHECKING:
    from quizapp.gui.context import AppContext


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


class ClassServerDialog(QDialog):
    signed_in = Signal()
    _sign_in_done = Signal(str)  # "" when it worked, else the message to show

    def __init__(self, context: AppContext, class_sync, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Class server")
        self.setMinimumWidth(520)  # a whole postgresql://… address shows at once
        self.context = context
        self.class_sync = class_sync
        learner = context.store.learner(context.learner_id) if context.learner_id else None
        self.learner_name = learner.name if learner else None
        layout = self._layout = QVBoxLayout(self)
        self.intro = QLabel(
            "Your teacher gives you an address and a password. Once you sign in, your "
            "answers reach the class server whenever it can be reached, and your history "
            "follows you to any computer of the school."
        )
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("postgresql://name@server/school")
        self.url_edit.setAccessibleName("Server address")
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName("Password")
        form.addRow("&Address:", self.url_edit)
        form.addRow("&Password:", self.password_edit)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.sign_in_button = QPushButton("&Sign in")
        self.sync_button = QPushButton("Sync &now")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.sync_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.close_icon = InkedIcons(buttons)  # Close's cross seen on the dark theme too
        layout.addWidget(buttons)
        self.sign_in_button.clicked.connect(self.sign_in)
        self.sync_button.clicked.connect(self._sync_now)
        self._sign_in_done.connect(self._after_sign_in)
        self.class_sync.status_changed.connect(self._show_status)
        # A method of the dialog, not a lambda: Qt drops the connection when the dialog
        # is deleted (a lambda outlived it and drew on its deleted labels after each sync).
        self.class_sync.sync_finished.connect(self._show_sync_finished)
        # A refused sign-in stays said until the next one: a background sync finishing
        # meanwhile (one began when the window opened) wrote its status over it.
        self._refusal_shown = False
        self._prepare()

    def _say(self, text: str) -> None:
        """Show the message, the dialog growing to its height: a refusal takes several
        lines, which a word-wrapped label in a dialog of its first size would cut."""
        self.message.setText(text)
        needed = self._layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _show_sync_finished(self) -> None:
        if not self._refusal_shown:
            self._show_status(self.class_sync.status)

    def _sync_now(self) -> None:
        """Sync now, asked for: its outcome shows, over a refused sign-in's message too (the
        account signed in before still works; after a mistyped password the learner
        pressed Sync now and saw the refusal stay, as if nothing had synced)."""
        self._refusal_shown = False
        self._say("Syncing…")
        self.class_sync.sync_soon()

    def _prepare(self) -> None:
        from quizapp.server.connection import INSTALL_HINT

        try:
            import psycopg  # noqa: F401
        except ImportError:
            self._say(INSTALL_HINT)
            self.sign_in_button.setEnabled(False)
            self.sync_button.setEnabled(False)
            return
        if self.learner_name is None:
            self._say("Choose who you are first (Learner > Switch learner).")
            self.sign_in_button.setEnabled(False)
        from quizapp.server.sync import URL_KEY, role_key

        role = (self.context.store.get_setting(role_key(self.context.learner_id))
                if self.context.learner_id else None)
        # The address this learner signed in with (kept in the store, without the
        # password): after a refused password only the new password needs typing.
        saved = (self.context.store.get_setting(f"{URL_KEY}.{self.context.learner_id}")
                 if self.context.learner_id else None)
        if saved:
            from quizapp.server.admin import with_user

            try:  # the form the teacher gave: postgresql://role@host:port/school
                saved = with_user(saved, role) if role else saved
            except Exception:  # noqa: BLE001 (only its look: the conninfo works as well)
                pass
            self.url_edit.setText(saved)
            self.url_edit.setCursorPosition(0)  # its start in view: postgresql://name@…
            self.password_edit.setFocus()
        self.sync_button.setEnabled(bool(role))
        if role:
            self._show_status(self.class_sync.status or "signed in")

    def _show_status(self, text: str) -> None:
        """The sync's news: the trouble of any learner signed in here first (the status
        bar has room for it only), then this learner's state, then notes on class banks."""
        if not text:
            return
        sync = self.class_sync
        name = self.learner_name
        if not sync.problems:
            own = f"{self._signed_in_line()}: {text}."
        else:
            # Another learner's trouble is not this one's: their own answers, counted alone
            # (by the sync, on its thread).
            learner_id = self.context.learner_id
            own_waiting = sync.waiting_of(learner_id) if learner_id else Waiting(0, 0)
            waiting = "not counted yet" if own_waiting is None else waiting_text(own_waiting)
            refused = name is not None and any(p.startswith(f"{name}'s ") or
                                               p.startswith(f"{name} ") for p in sync.problems)
            own = (f"{name}'s answers stay on this computer until then ({waiting})."
                   if refused else f"{self._signed_in_line()}: {waiting}.")
        lines = [*(_sentence(p) for p in sync.problems), own, *sync.notes]
        self._say("\n".join(lines))

    def _signed_in_line(self) -> str:
        """"Ann Lee is signed in as Ann Lee (school_ann_lee_3fa91c on quiz.school.lan)":
        which account this learner's answers go to, to be seen at a glance."""
        from quizapp.server.sync import signed_in_as

        learner_id = self.context.learner_id
        account = signed_in_as(self.context.store, learner_id) if learner_id else None
        return (f"{self.learner_name} is signed in as {account}" if account
                else f"{self.learner_name} is signed in")

    def sign_in(self) -> None:
        url = self.url_edit.text().strip()
        password = self.password_edit.text()
        if not url or not password:
            self._say("Type the address and the password your teacher gave you.")
            return
        self.sign_in_button.setEnabled(False)
        self._refusal_shown = False
        self._say("Signing in…")
        store, name = self.context.store, self.learner_name
        if name is None:  # no learner picked: the form says so and stays disabled
            return

        def work() -> None:
            from quizapp.server import sync
            from quizapp.server.connection import ServerError

            try:
                sync.sign_in(store, url, name, password)
            except ServerError as exc:
                self._sign_in_done.emit(str(exc))
            except Exception as exc:  # never a traceback for a typo in the address
                self._sign_in_done.emit(f"That address does not work: {exc}")
            else:
                self._sign_in_done.emit("")

        threading.Thread(target=work, name="class-sign-in", daemon=True).start()

    def _after_sign_in(self, problem: str) -> None:
        self.sign_in_button.setEnabled(True)
        if problem:
            self._refusal_shown = True
            self._say(problem)
            return
        self.password_edit.clear()
        self._say(f"{self._signed_in_line()}; syncing…")
        self.sync_button.setEnabled(True)
        self.signed_in.emit()
        self.class_sync.sync_soon()
