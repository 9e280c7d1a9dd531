"""Banks a teacher publishes, as they arrive on a learner's computer: each in a folder of
its own (pictures of the same name never overwrite each other, a picture entry never
writes a bank file), and one bank published to two of the learner's classes is one bank
in the library."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("psycopg")

from quizapp.core.library import load_library  # noqa: E402
from quizapp.server import banks  # noqa: E402
from quizapp.server.connection import ServerError  # noqa: E402
from tests.server_helpers import make_school  # noqa: E402

PNG = (Path(__file__).resolve().parent.parent / "question_banks" / "images"
       / "study-loop.png").read_bytes()


def _bank(folder: Path, bank_id: str, image: str, title: str = "A bank") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "bank.yaml"
    path.write_text(
        f"title: {title}\nid: {bank_id}\nquestions:\n"
        "  - id: q1\n    type: multiple_choice\n    prompt: What is shown?\n"
        f"    image: {image}\n    image_description: a picture\n"
        '    choices: ["yes", "no"]\n    answer: "yes"\n',
        encoding="utf-8",
    )
    return path


def _library(data_dir: Path):
    root = data_dir / "class-banks"
    folders = sorted(p for p in root.iterdir() if p.is_dir())
    return load_library(folders, use_cache=False)


@pytest.fixture
def school(pg_server, pg_database):
    school = make_school(pg_server, pg_database, classes=("7B", "8C"))
    school.add("Ann", classes=("7B", "8C"))
    school.add("Tess", "teacher", classes=("7B", "8C"))
    return school


def test_two_banks_pictures_of_the_same_name_each_stay_their_banks(school, tmp_path):
    for name, mark in (("first", b"1"), ("second", b"2")):
        path = _bank(tmp_path / name, name, "images/a.png")
        (path.parent / "images").mkdir()
        (path.parent / "images" / "a.png").write_bytes(PNG + mark)
        with school.as_person("Tess") as conn:
            banks.publish(conn, path, ["7B"])
    lab = tmp_path / "lab"
    with school.computer(lab, "Ann") as store:
        assert banks.pull_all(store).changed == 2
    for name, mark in (("first", b"1"), ("second", b"2")):
        folder = lab / "class-banks" / "7B" / name
        assert (folder / f"{name}.yaml").read_bytes() == (tmp_path / name / "bank.yaml").read_bytes()
        assert (folder / "images" / "a.png").read_bytes() == PNG + mark
    entries = _library(lab)
    assert sorted(e.bank.id for e in entries if e.ok) == ["first", "second"]
    assert not [p for e in entries for p in e.problems]


def test_a_picture_entry_never_writes_a_bank_file(school, tmp_path, pg_server):
    import psycopg

    path = _bank(tmp_path / "teacher", "class-bank", "class-bank.yaml", title="Real bank")
    (path.parent / "class-bank.yaml").write_text("HIJACKED\n", encoding="utf-8")
    with school.as_person("Tess") as conn:
        # A bank file is not a picture: validate refuses the bank, so it is not published.
        with pytest.raises(ServerError, match="not a picture"):
            banks.publish(conn, path, ["7B"])
        path = _bank(tmp_path / "teacher", "class-bank", "none.png", title="Real bank")
        digest = banks.publish(conn, path, ["7B"])
        assert conn.execute("SELECT path FROM quizapp.bank_files").fetchall() == []
    # Even when the server holds such entries (an earlier quizapp stored them), the
    # computer never writes them.
    with psycopg.connect(pg_server.admin_url(school.dbname), autocommit=True) as conn:
        for name in ("class-bank.yaml", "other.yaml", "images/x.YML"):
            conn.execute("INSERT INTO quizapp.bank_files VALUES (%s, %s, 'HIJACKED')",
                         (digest, name))
    lab = tmp_path / "lab"
    with school.computer(lab, "Ann") as store:
        assert banks.pull_all(store).changed == 1
    written = [p for p in (lab / "class-banks").rglob("*") if p.is_file()]
    assert written == [lab / "class-banks" / "7B" / "class-bank" / "class-bank.yaml"]
    assert written[0].read_bytes() == path.read_bytes()
    entries = _library(lab)
    assert [(e.bank.title if e.ok else None) for e in entries] == ["Real bank"]


def test_one_bank_published_to_two_classes_is_one_bank_on_the_computer(school, tmp_path):
    path = _bank(tmp_path / "teacher", "class-bank", "none.png", title="First edition")
    lab = tmp_path / "lab"
    # What an earlier quizapp wrote: the bank straight in each class's folder.
    for klass in ("7B", "8C"):
        (lab / "class-banks" / klass).mkdir(parents=True)
        (lab / "class-banks" / klass / "class-bank.yaml").write_bytes(path.read_bytes())
    with school.as_person("Tess") as conn:
        banks.publish(conn, path, ["7B", "8C"])
    with school.computer(lab, "Ann") as store:
        pulled = banks.pull_all(store)
        assert pulled.changed == 1 and pulled.notes == []
        entries = _library(lab)
        assert [(e.bank.title if e.ok else e.problems[0].message) for e in entries] == [
            "First edition"]

        # 8C gets a second edition under the same id: the computer shows the one
        # published last, and says so.
        path.write_text(path.read_text().replace("First edition", "Second edition"))
        with school.as_person("Tess") as conn:
            banks.publish(conn, path, ["8C"])
        pulled = banks.pull_all(store)
    assert pulled.notes == [
        "The bank 'class-bank' is published to 7B and 8C in different versions: this"
        " computer shows 8C's, published last."
    ]
    entries = _library(lab)
    assert [(e.bank.title if e.ok else e.problems[0].message) for e in entries] == [
        "Second edition"]
    assert [p.relative_to(lab) for p in (lab / "class-banks").rglob("*.yaml")] == [
        Path("class-banks/8C/class-bank/class-bank.yaml")]


def test_two_learners_of_different_classes_on_one_computer_each_get_their_banks(
        school, tmp_path):
    """Cy is in 7B, Dan in 8C, both signed in on one computer: the banks of both classes
    come down (before, only the first signed-in learner's classes' banks did), and a bank
    published to both classes is one bank."""
    school.add("Cy", classes=("7B",))
    school.add("Dan", classes=("8C",))
    with school.as_person("Tess") as conn:
        for bank_id, classes in (("seven", ["7B"]), ("eight", ["8C"]), ("both", ["7B", "8C"])):
            banks.publish(conn, _bank(tmp_path / bank_id, bank_id, "none.png"), classes)
    lab = tmp_path / "lab"
    with school.computer(lab, "Cy", "Dan") as store:
        assert banks.pull_all(store).changed == 3
        entries = _library(lab)
        assert sorted(e.bank.id for e in entries if e.ok) == ["both", "eight", "seven"]
        assert all(e.ok for e in entries)  # no clash of the bank in both classes
        assert banks.pull_all(store).changed == 0  # nothing new: nothing written again


def test_a_second_teacher_publishes_a_bank_with_pictures_another_published(school, tmp_path):
    """Tess published a bank with a picture to 7B; Tom, who teaches 8C, publishes the same
    file to 8C: it is published (it was refused by the server's row security on the
    pictures), and his learners get the bank and its picture."""
    school.add("Tom", "teacher", classes=("8C",))
    school.add("Dan", classes=("8C",))
    path = _bank(tmp_path / "shared", "shared", "images/a.png")
    (path.parent / "images").mkdir()
    (path.parent / "images" / "a.png").write_bytes(PNG)
    with school.as_person("Tess") as conn:
        first = banks.publish(conn, path, ["7B"])
    with school.as_person("Tom") as conn:
        assert banks.publish(conn, path, ["8C"]) == first
    lab = tmp_path / "lab"
    with school.computer(lab, "Dan") as store:
        assert banks.pull_all(store).changed == 1
    folder = lab / "class-banks" / "8C" / "shared"
    assert (folder / "shared.yaml").read_bytes() == path.read_bytes()
    assert (folder / "images" / "a.png").read_bytes() == PNG
