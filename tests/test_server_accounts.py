"""Whose account a computer signs in with: never another person's (their history would
be pulled into the learner's and the learner's answers sent as theirs), a change of
account starts the marks afresh, a teacher's own study is no refusal, and a teacher
overview read while the server is away says so."""

from __future__ import annotations

import io
import unicodedata

import pytest
from PySide6.QtCore import Qt

pytest.importorskip("psycopg")

from bank_samples import make_bank  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.store import Store  # noqa: E402
from quizapp.server import admin, sync  # noqa: E402
from quizapp.server.connection import NotThisLearner  # noqa: E402
from tests.server_helpers import T0, make_school, study, teacher_signed_in  # noqa: E402

ANSWERS = [("q0", True, 3), ("q1", False, 1), ("q2", True, 3)]


@pytest.fixture
def school(pg_server, pg_database):
    school = make_school(pg_server, pg_database)
    school.add("Ann Lee")
    school.add("Bo Chen")
    return school


def _server_answers(school, role: str) -> int:
    with school.admin() as conn:
        return conn.execute("SELECT count(*) FROM quizapp.answers WHERE learner = %s",
                            (role,)).fetchone()[0]


def test_signing_in_with_another_persons_account_is_refused_naming_both(school, tmp_path):
    bo = school.people["Bo Chen"]
    with school.computer(tmp_path / "bo", "Bo Chen") as bos:  # Bo's history on the server
        study(bos, "Bo Chen", make_bank(), ANSWERS, T0)
        assert sync.sync(bos).pushed == 3
    with Store.open(tmp_path / "fresh") as store:
        with pytest.raises(NotThisLearner) as refused:
            sync.sign_in(store, bo.url, "Ann Lee", bo.password)
        message = str(refused.value)
        assert message.startswith(
            f"This address and password are Bo Chen's account on the class server ({bo.role}),"
            " not Ann Lee's: nothing was changed.")
        # A learner renamed here is told what to do.
        assert 'rename the learner to "Bo Chen" (Learner > Switch learner…, Rename…)' in message
        # Nothing kept: no learner, no address, no password; nothing pulled.
        assert sync.signed_in(store) == []
        assert store.learner_by_name("Ann Lee") is None
        assert not (tmp_path / "fresh" / "class-server.pgpass").exists()

        # An existing Ann Lee, studying here: still refused, her answers stay hers.
        ann_id = store.create_learner("Ann Lee").id
        study(store, "Ann Lee", make_bank(), ANSWERS[:2], T0.replace(day=3))
        with pytest.raises(NotThisLearner):
            sync.sign_in(store, bo.url, "Ann Lee", bo.password)
        assert sync.signed_in(store) == []
        assert store.get_setting(f"server.url.{ann_id}") is None
    assert _server_answers(school, bo.role) == 3


def test_the_name_is_compared_as_the_app_compares_learner_names(pg_server, pg_database,
                                                                 tmp_path):
    school = make_school(pg_server, pg_database)
    jose = school.add("José Ruiz")
    with Store.open(tmp_path / "lab") as store:
        # Another case, the accent typed as a letter and a combining mark, spaces doubled.
        typed = unicodedata.normalize("NFD", "josé   RUIZ")
        learner_id = sync.sign_in(store, jose.url, typed, jose.password)
        assert sync.signed_in(store) == [(learner_id, jose.role)]
        assert sync.signed_in_as(store, learner_id) == f"José Ruiz ({jose.role} on 127.0.0.1)"
    with Store.open(tmp_path / "desk") as store:  # a José Ruiz here already: it is him
        known = store.create_learner("José Ruiz").id
        assert sync.sign_in(store, jose.url, "JOSÉ ruiz", jose.password) == known
        assert [learner.name for learner in store.learners()] == ["José Ruiz"]


def test_the_command_line_refuses_another_persons_account(school, tmp_path, capsys,
                                                          monkeypatch):
    bo = school.people["Bo Chen"]
    lab = tmp_path / "lab"
    monkeypatch.setattr("sys.stdin", io.StringIO(bo.password + "\n"))
    code = main(["server", "sign-in", bo.url, "--learner", "Ann Lee", "--password-stdin",
                 "--data-dir", str(lab)])
    captured = capsys.readouterr()
    assert code == 1
    assert "Bo Chen's account" in captured.err and "not Ann Lee's" in captured.err
    assert "signed in" not in captured.out
    with Store.open(lab) as store:
        assert sync.signed_in(store) == []
    # Bo's own sign-in says which account it is.
    monkeypatch.setattr("sys.stdin", io.StringIO(bo.password + "\n"))
    assert main(["server", "sign-in", bo.url, "--learner", "Bo Chen", "--password-stdin",
                 "--data-dir", str(lab)]) == 0
    assert f"Bo Chen is signed in on this computer as Bo Chen ({bo.role} on 127.0.0.1)" in (
        capsys.readouterr().out)


def test_a_learner_renamed_here_signs_in_again_with_their_own_account(school, tmp_path):
    ann = school.people["Ann Lee"]
    with school.computer(tmp_path / "lab", "Ann Lee") as store:
        learner_id = store.learner_by_name("Ann Lee").id
        store.rename_learner(learner_id, "Annie")
        # A new password from the teacher: the same account, so it is hers.
        with school.admin() as conn:
            new = admin.add_person(conn, "Ann Lee", "learner", ["7B"],
                                   school.server.url(school.dbname), reset_password=True)
        assert sync.sign_in(store, ann.url, "Annie", new.password) == learner_id
        assert sync.sync(store).errors == []
        # But Bo's account is still not Annie's.
        bo = school.people["Bo Chen"]
        with pytest.raises(NotThisLearner, match="Bo Chen's account"):
            sync.sign_in(store, bo.url, "Annie", bo.password)
        assert sync.signed_in(store) == [(learner_id, ann.role)]


def test_signing_in_with_another_account_pulls_all_of_it(school, tmp_path):
    """Two accounts of one name (`add-learner --another`): a computer that synced with the
    first and then signs in with the second must pull every row of the second, even rows
    pushed before those it pulled of the first (the marks were the first account's)."""
    first = school.people["Ann Lee"]
    with school.admin() as conn:
        second = admin.add_person(conn, "Ann Lee", "learner", ["7B"],
                                  school.server.url(school.dbname), another=True)
    bank = make_bank()
    # The second account's rows reach the server first.
    with Store.open(tmp_path / "z") as z:
        sync.sign_in(z, second.url, "Ann Lee", second.password)
        study(z, "Ann Lee", bank, ANSWERS, T0)
        study(z, "Ann Lee", bank, ANSWERS[:2], T0.replace(day=4))
        assert sync.sync(z).pushed == 5
    with school.computer(tmp_path / "x", "Ann Lee") as x:  # then the first's
        study(x, "Ann Lee", bank, ANSWERS[:1], T0.replace(day=5))
        assert sync.sync(x).pushed == 1
    with school.computer(tmp_path / "y", "Ann Lee") as y:
        assert [role for _id, role in sync.signed_in(y)] == [first.role]
        assert sync.sync(y).pulled == 1
        learner_id = sync.sign_in(y, second.url, "Ann Lee", second.password)
        assert sync.signed_in(y) == [(learner_id, second.role)]
        assert sync.sync(y).pulled == 5


def test_a_teachers_own_study_stays_here_and_is_no_refusal(pg_server, pg_database,
                                                           tmp_path, capsys):
    school = make_school(pg_server, pg_database)
    tess = school.add("Tess Wong", "teacher")
    lab = tmp_path / "desk"
    with school.computer(lab, "Tess Wong") as store:
        study(store, "Tess Wong", make_bank(), ANSWERS, T0)
        result = sync.sync(store)
        assert result.errors == []
        assert result.notes == [sync.TEACHER_STUDY]
        assert sync.waiting(store) == 0  # nothing waits for the server
    code = main(["sync", "--data-dir", str(lab)])
    captured = capsys.readouterr()
    assert code == 0
    assert captured.out.count("a teacher's own answers stay on this computer") == 1
    assert "removed" not in captured.out + captured.err and captured.err == ""
    assert _server_answers(school, tess.role) == 0


def test_the_teacher_overview_says_when_the_server_is_away(pg_server, pg_database, tmp_path):
    from quizapp.gui.teacher_screen import load_teacher

    school = make_school(pg_server, pg_database)
    school.add("Ann Lee")
    school.add("Tess Wong", "teacher")
    with school.computer(tmp_path / "lab", "Ann Lee") as lab:
        study(lab, "Ann Lee", make_bank(), ANSWERS, T0)
        sync.sync(lab)
    with school.computer(tmp_path / "desk", "Tess Wong") as desk:
        assert load_teacher(desk, None).source == "server"
        key = "server.url." + str(desk.learner_by_name("Tess Wong").id)
        url = desk.get_setting(key)
        desk.set_setting(key, url.replace(str(pg_server.port), "1"))
        data = load_teacher(desk, None)
        assert data.source == "offline" and data.rows == []
        assert data.offline_reason.startswith("The class server cannot be reached")


@pytest.fixture
def teacher_window(qtbot, tmp_path, pg_server, pg_database):
    school = make_school(pg_server, pg_database)
    school.add("Ann Lee")
    school.add("Tess Wong", "teacher")
    school.add("Bo Chen")
    with teacher_signed_in(qtbot, tmp_path, school, "Ann Lee", ANSWERS) as (win, learner_id):
        yield win, learner_id, school


def test_the_teacher_screen_labels_offline_and_a_good_read_clears_offline(
        qtbot, teacher_window, pg_server):
    from quizapp.gui.class_sync import ClassSync

    window, learner_id, _school = teacher_window
    store = window.context.store
    key = f"server.url.{learner_id}"
    url = store.get_setting(key)
    store.set_setting(key, url.replace(str(pg_server.port), "1"))  # the server is away
    window.attach_class_sync(ClassSync(store, window))
    qtbot.waitUntil(lambda: "offline since" in window.sync_label.text(), timeout=20000)

    window.teacher_action.trigger()
    screen = window.screens["teacher"]
    qtbot.waitUntil(lambda: screen.status.text()
                    == "Class server offline: this computer's answers only", timeout=20000)
    assert screen.empty_label.text().startswith("The class server cannot be reached")

    store.set_setting(key, url)  # back
    qtbot.mouseClick(screen.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.overview_model.rowCount() == 1, timeout=20000)
    assert screen.status.text().startswith("From the class server, read at ")
    qtbot.waitUntil(lambda: "offline" not in window.sync_label.text(), timeout=20000)
    qtbot.waitUntil(lambda: window.sync_label.text() == "Class server: synced", timeout=20000)


def test_the_dialog_shows_the_whole_refusal(qtbot, teacher_window):
    window, _learner_id, school = teacher_window
    bo = school.people["Bo Chen"]
    window.class_server_action.trigger()  # File > Class server…, as Tess Wong
    dialog = window.class_server_dialog
    qtbot.waitExposed(dialog)
    # The address Tess signed in with is filled in; she types Bo's over it.
    assert dialog.url_edit.text() == school.people["Tess Wong"].url
    qtbot.keyClick(dialog.url_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.url_edit, bo.url)
    qtbot.keyClicks(dialog.password_edit, bo.password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "not Tess Wong's" in dialog.message.text(), timeout=15000)
    # Several lines, every one in view: the dialog grew to them.
    label = dialog.message
    assert label.height() >= label.heightForWidth(label.width()) > 3 * label.fontMetrics().height()
    assert sync.signed_in_as(window.context.store, _learner_id_of(window, "Tess Wong")) == (
        f"Tess Wong ({school.people['Tess Wong'].role} on 127.0.0.1)")


def _learner_id_of(window, name: str) -> int:
    return window.context.store.learner_by_name(name).id
