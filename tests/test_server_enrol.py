"""A person already on the class server joins or leaves a class, keeping their password
(`quizapp server enrol`): a new school year moves every learner to a new class, a teacher
takes a second class. Before, the only way was `add-learner NAME --reset-password`,
which gave them a new password: every computer they had signed in on was refused until
they signed in again with it."""

from __future__ import annotations

import pytest

pytest.importorskip("psycopg")

from bank_samples import make_bank  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.server import sync  # noqa: E402
from tests.server_helpers import T0, make_school, study  # noqa: E402


@pytest.fixture
def school(pg_server, pg_database):
    school = make_school(pg_server, pg_database, classes=("7B", "8B"))
    school.add("Bo Chen", classes=("7B",))
    school.add("Tess Wong", "teacher", classes=("7B",))
    school.add("Raj Patel", "teacher", classes=("8B",))
    return school


def _owner(school) -> str:
    return school.server.admin_url(school.dbname)


def _learners_of(school, teacher: str) -> set[str]:
    with school.as_person(teacher) as conn:
        return {r[0] for r in conn.execute("SELECT DISTINCT learner FROM quizapp.answers")}


def test_a_learner_moves_to_next_years_class_keeping_their_password(
        school, tmp_path, capsys):
    bo = school.people["Bo Chen"]
    lab = school.computer(tmp_path / "lab", "Bo Chen")
    study(lab, "Bo Chen", make_bank(), [("q0", True, 3)], T0)
    assert sync.sync(lab).errors == []

    assert main(["server", "enrol", _owner(school), "Bo Chen", "--class", "8B",
                 "--leave", "7B"]) == 0
    out = capsys.readouterr().out
    assert "Bo Chen" in out and "8B" in out and "7B" in out and "password" in out

    # His computer goes on syncing with the password it has.
    study(lab, "Bo Chen", make_bank(), [("q1", True, 3)], T0.replace(day=3))
    result = sync.sync(lab)
    assert result.errors == [] and result.pushed == 1
    # 8B's teacher sees him now, 7B's no longer does.
    assert _learners_of(school, "Raj Patel") == {bo.role}
    assert _learners_of(school, "Tess Wong") == set()
    lab.close()


def test_a_teacher_takes_a_second_class(school, tmp_path):
    with school.computer(tmp_path / "lab", "Bo Chen") as lab:
        school.add("Cy Diaz", classes=("8B",))
        study(lab, "Bo Chen", make_bank(), [("q0", True, 3)], T0)
        assert sync.sync(lab).errors == []
    assert main(["server", "enrol", _owner(school), "Raj Patel", "--class", "7B"]) == 0
    assert _learners_of(school, "Raj Patel") == {school.people["Bo Chen"].role}
    assert _learners_of(school, "Tess Wong") == {school.people["Bo Chen"].role}
    # Raj signs in with the password he had.
    with school.as_person("Raj Patel") as conn:
        assert conn.execute("SELECT current_user").fetchone()[0] == school.people["Raj Patel"].role


@pytest.mark.parametrize("argv, said", [
    (["Dee Ray", "--class", "8B"], "Nobody called Dee Ray is on the server"),
    (["Bo Chen", "--class", "9Z"], "There is no class '9Z'"),
    (["Bo Chen", "--class", "8b"], "there is '8B'"),
    (["Bo Chen", "--leave", "8B"], "Bo Chen is not in 8B"),
    (["Bo Chen"], "--class CLASS to join one, --leave CLASS to leave one"),
])
def test_what_enrol_cannot_do_is_said_and_changes_nothing(school, capsys, argv, said):
    assert main(["server", "enrol", _owner(school), *argv]) == 1
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err
    with school.admin() as conn:
        assert conn.execute("SELECT class_id FROM quizapp.enrolments").fetchall() == [(1,)]


def test_only_the_owner_may_enrol(school, capsys, monkeypatch):
    tess = school.people["Tess Wong"]
    monkeypatch.setenv("PGPASSWORD", tess.password)
    assert main(["server", "enrol", tess.url, "Bo Chen", "--class", "8B"]) == 1
    err = capsys.readouterr().err
    assert "Only the school's server owner can" in err and tess.role in err
    with school.admin() as conn:
        assert conn.execute("SELECT class_id FROM quizapp.enrolments").fetchall() == [(1,)]


def test_the_banks_of_a_class_left_leave_the_learners_computer(school, tmp_path, capsys,
                                                                monkeypatch):
    """Bo moved from 7B to 8B: his computer listed 7B's bank for good (its folder was kept
    as if he had not been reached), though the server no longer gives it to him."""
    from quizapp.server import banks

    bank = tmp_path / "desk" / "trade.yaml"
    bank.parent.mkdir()
    bank.write_text("title: Trade\nid: trade\nquestions:\n  - id: q0\n"
                    "    type: multiple_choice\n    prompt: Which year?\n"
                    '    choices: ["1995", "1985"]\n    answer: "1995"\n', encoding="utf-8")
    monkeypatch.setenv("PGPASSWORD", school.people["Tess Wong"].password)
    assert main(["server", "publish", school.people["Tess Wong"].url, str(bank),
                 "--class", "7B"]) == 0
    monkeypatch.delenv("PGPASSWORD")  # libpq would take it over Bo's password file
    with school.computer(tmp_path / "lab", "Bo Chen") as lab:
        assert banks.pull_all(lab).changed == 1
        folder = tmp_path / "lab" / "class-banks" / "7B" / "trade"
        assert (folder / "trade.yaml").exists()
        assert main(["server", "enrol", _owner(school), "Bo Chen", "--class", "8B",
                     "--leave", "7B"]) == 0
        pulled = banks.pull_all(lab)
        assert pulled.removed == 1 and not folder.exists()
        assert any("7B" in note and "no longer" in note for note in pulled.notes)
        assert not any("withdrawn by the teacher" in note for note in pulled.notes)


def test_a_learner_taken_out_of_the_school_is_not_enrolled_again(school, capsys):
    """remove-learner turns Bo's login off; enrol then said he 'goes on syncing' and put
    him in 8B, where his teacher saw a learner who could never sign in."""
    assert main(["server", "remove-learner", _owner(school), "Bo Chen"]) == 0
    capsys.readouterr()
    assert main(["server", "enrol", _owner(school), "Bo Chen", "--class", "8B"]) == 1
    err = capsys.readouterr().err
    assert "taken out of the school" in err and "--reset-password" in err
    assert "Traceback" not in err
    with school.admin() as conn:
        assert conn.execute("SELECT count(*) FROM quizapp.enrolments").fetchone()[0] == 0
    # add-learner --reset-password lets him back in, into the class named
    assert main(["server", "add-learner", _owner(school), "Bo Chen", "--reset-password",
                 "--class", "8B"]) == 0
    with school.admin() as conn:
        assert conn.execute("SELECT class_id FROM quizapp.enrolments").fetchall() == [(2,)]
