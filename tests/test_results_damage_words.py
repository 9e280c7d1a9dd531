"""What `quizapp results` says of a results file it cannot export says what the app will
do with it: a journal of another database beside a sound file is moved aside by the app
and every answer kept; a damaged file gets one wording wherever the export meets the
damage (at open, or mid-file in a query), naming the folder it is kept in."""

from __future__ import annotations

import re
import sqlite3

import pytest
from store_samples import plant_journal as _plant_journal
from store_samples import quizzes_of as _store

from quizapp.cli import main
from quizapp.core.store import DB_NAME, Store


def _results(capsys, folder):
    code = main(["results", "--data-dir", str(folder)])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("other", ["quizapp", "recipes"])
def test_a_journal_of_another_database_is_named_with_what_the_app_does(tmp_path, capsys,
                                                                       other):
    data = tmp_path / "data"
    _store(data, "Ann")
    if other == "quizapp":
        bob = _store(tmp_path / "other", "Bob", 3, keep_journal=True)
        _plant_journal(tmp_path / "other" / DB_NAME, data)
        bob.close()
    else:
        conn = sqlite3.connect(tmp_path / "recipes.sqlite3")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("INSERT INTO recipes VALUES ('bread')")
        conn.commit()
        _plant_journal(tmp_path / "recipes.sqlite3", data)
        conn.close()
    code, out, err = _results(capsys, data)
    assert code == 1 and out == "" and "Bob" not in out
    assert "belong to another database" in err and "moves those journal files aside" in err
    assert "answers are all there" in err and "damaged" not in err
    # ... which is what the app does.
    with Store.open(data) as store:
        assert "belonged to another database" in store.recovery_message
        assert "your answers are all there" in store.recovery_message
    code, out, err = _results(capsys, data)
    assert code == 0 and err == "" and out.count("Ann") == 4


def _damage_mid_file(folder) -> None:
    """Bytes flipped in the answers' table, in the middle of the file."""
    conn = sqlite3.connect(folder / DB_NAME)
    root = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'answers'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(folder / DB_NAME, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xff" * 64)


def _cut_short(folder) -> None:
    with open(folder / DB_NAME, "r+b") as f:
        f.truncate(5000)


def test_a_damaged_file_gets_one_wording_wherever_the_export_meets_it(tmp_path, capsys):
    words = []
    for name, damage in (("flipped", _damage_mid_file), ("cut", _cut_short)):
        folder = tmp_path / name
        _store(folder, "Ann", 20)
        damage(folder)
        code, out, err = _results(capsys, folder)
        assert code == 1 and "Traceback" not in err
        assert f"The results file {folder / DB_NAME} is damaged (" in err
        assert f"kept in {folder})" in err and "Restart" not in err
        words.append(re.sub(r"is damaged \([^)]*\)", "is damaged (...)",
                            err.replace(str(folder), "FOLDER")))
    # the same sentences, but for SQLite's words in the parentheses
    assert words[0] == words[1]
    assert "It was only read, and left as it is. Start quizapp: when its check finds the " \
           "damage, it moves the file aside untouched" in err
