"""Counts in words, one rule everywhere (quizapp/core/plural.py): "1 learner", never
"1 learners". A tester's backup said "Backed up: 2 answers of 1 learners."; the restore
messages and `quizapp backup`, `backups`, `restore` said the same."""

from __future__ import annotations

from helpers import record_right_answers

from quizapp.cli import main
from quizapp.core.backup import backup_files, backups_dir
from quizapp.core.plural import counted, noun
from quizapp.core.store import Store


def test_one_is_singular_and_every_other_number_plural():
    assert counted(1, "learner") == "1 learner"
    assert counted(2, "learner") == "2 learners"
    assert counted(0, "answer") == "0 answers"
    assert counted(1, "person", "people") == "1 person"
    assert counted(3, "person", "people") == "3 people"
    assert noun(1, "answer") == "answer" and noun(7, "answer") == "answers"


def test_the_backup_commands_say_one_answer_of_one_learner(tmp_path, capsys):
    data = str(tmp_path / "data")
    with Store.open(data) as store:
        record_right_answers(store, store.create_learner("Ann").id, 1)
    assert main(["backup", "--data-dir", data]) == 0
    out = capsys.readouterr().out
    assert "1 answer, 1 learner," in out, out
    assert main(["backups", "--data-dir", data]) == 0
    listing = capsys.readouterr().out
    assert " 1 answer " in listing and " 1 learner " in listing, listing
    assert "answers" not in listing and "learners" not in listing, listing
    (made,) = backup_files(backups_dir(data))
    assert main(["restore", made.name, "--data-dir", data]) == 0
    out = capsys.readouterr().out
    assert "(1 answer, 1 learner)" in out, out
