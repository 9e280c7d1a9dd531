"""Shared setup of the class server tests: a school database with a class, its
learners and a teacher, and computers (data folders) signed in to it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from quizapp.core.model import Bank
from quizapp.core.store import Store
from quizapp.server import admin, sync
from quizapp.server.connection import connect


@dataclass
class School:
    server: object  # tests.pg_fixture.PgServer
    dbname: str
    people: dict[str, admin.NewPerson] = field(default_factory=dict)

    def admin(self):
        return connect(self.server.admin_url(self.dbname), autocommit=True)

    def add(self, name: str, kind: str = "learner", classes=("7B",)):
        with self.admin() as conn:
            self.people[name] = admin.add_person(
                conn, name, kind, list(classes), self.server.url(self.dbname)
            )
        return self.people[name]

    def computer(self, folder: Path, *names: str) -> Store:
        """A computer (data folder) where these learners signed in."""
        store = Store.open(folder)
        for name in names:
            person = self.people[name]
            sync.sign_in(store, person.url, name, person.password)
        return store

    def as_person(self, name: str):
        person = self.people[name]
        return connect(person.url, password=person.password, autocommit=True)


def make_school(pg_server, dbname: str, classes=("7B",)) -> School:
    school = School(pg_server, dbname)
    with school.admin() as conn:
        admin.init(conn)
        for c in classes:
            admin.add_class(conn, c)
    return school


T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def study(store: Store, learner: str, bank: Bank, answers, start: datetime, mode="quiz",
          score: float | None = 0.5) -> int:
    """A finished session: answers [(question id, correct, rating)] one minute apart."""
    lid = store.learner_by_name(learner).id
    sid = store.start_session(lid, bank, mode, now=start)
    for i, (qid, correct, rating) in enumerate(answers):
        store.record_answer(
            sid, qid, response="x", correct=correct, credit=1.0 if correct else 0.0,
            seconds=5.0 + i, rating=rating, now=start + timedelta(minutes=i + 1),
        )
    store.finish_session(sid, score, now=start + timedelta(minutes=len(answers) + 1))
    return sid


@contextmanager
def teacher_signed_in(qtbot, folder: Path, school: School, learner: str,
                      answers) -> Iterator[tuple[object, int]]:
    """The app's main window (data in folder/"data") where the school's teacher Tess Wong
    signed in, after `learner` studied `answers` on a computer of their own (folder/"lab")
    and synced: (the window, Tess's learner id)."""
    from argparse import Namespace

    from bank_samples import make_bank

    from quizapp.gui.app import create_context
    from quizapp.gui.main_window import MainWindow

    with school.computer(folder / "lab", learner) as lab:
        study(lab, learner, make_bank(), answers, T0)
        assert sync.sync(lab).errors == []
    args = Namespace(data_dir=str(folder / "data"), bank_dir=[], exit_when_ready=False)
    context = create_context(args)
    tess = school.people["Tess Wong"]
    learner_id = sync.sign_in(context.store, tess.url, "Tess Wong", tess.password)
    context.store.set_last_learner(learner_id)
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.open_initial_screen()
    win.show()
    qtbot.waitExposed(win)
    try:
        yield win, learner_id
    finally:
        if win.class_sync is not None:
            win.class_sync.stop()
        win.close()
        context.close()
