"""A bank put on the class server with SQL (a teacher may insert into quizapp.banks; the
owner may do anything), past the checks `quizapp server publish` makes: a computer takes
no bank the library would refuse for its size, nor a picture the app would not draw, says
so, and takes the class's other banks. Before, every sync read and wrote a 122 MB bank
(16 s and 1.5 GB of memory for a computer of five learners, every five minutes in the
app), and the library then refused it."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("psycopg")

from quizapp.core.library import load_library  # noqa: E402
from quizapp.server import banks  # noqa: E402
from tests.server_helpers import make_school  # noqa: E402

SMALL = ("title: Small bank\nid: small\nquestions:\n"
         "  - id: q1\n    type: true_false\n    prompt: Is this small?\n    answer: true\n")


def _huge(questions: int) -> str:
    return "title: Huge bank\nid: huge\nquestions:\n" + "".join(
        f"  - id: q{i}\n    type: true_false\n    prompt: {'x' * 100}\n    answer: true\n"
        for i in range(questions))


@pytest.fixture
def school(pg_server, pg_database):
    school = make_school(pg_server, pg_database)
    school.add("Ann")
    school.add("Tess", "teacher")
    return school


def _put(school, text: str, files: dict[str, bytes] | None = None) -> None:
    """Store a bank and its files on the server, and make it 7B's, with SQL."""
    import hashlib

    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    bank_id = text.split("\nid: ", 1)[1].split("\n", 1)[0]
    with school.admin() as conn:
        conn.execute("INSERT INTO quizapp.banks (content_hash, bank_id, yaml)"
                     " VALUES (%s, %s, %s)", (digest, bank_id, text))
        for path, data in (files or {}).items():
            conn.execute("INSERT INTO quizapp.bank_files VALUES (%s, %s, %s)",
                         (digest, path, data))
        conn.execute("INSERT INTO quizapp.class_banks (class_id, bank_id, content_hash)"
                     " SELECT id, %s, %s FROM quizapp.classes WHERE name = '7B'",
                     (bank_id, digest))


def _listed(data_dir: Path) -> list[str]:
    folders = sorted((data_dir / "class-banks").iterdir())
    return sorted(e.bank.id for e in load_library(folders, use_cache=False) if e.ok)


def test_a_bank_too_big_for_the_library_is_not_taken(school, tmp_path, monkeypatch):
    monkeypatch.setattr(banks, "MAX_BANK_BYTES", 512 * 1024, raising=False)
    _put(school, SMALL)
    _put(school, _huge(6000))  # 0.9 MB
    lab = tmp_path / "lab"
    with school.computer(lab, "Ann") as store:
        pulled = banks.pull_all(store)
        assert pulled.changed == 1
        assert pulled.notes == [
            "The bank 'huge' published to 7B is too big (0.9 MB; the limit for a bank is"
            " 0.5 MB): this computer did not take it. Ask the teacher to split it into"
            " several banks."]
        assert not (lab / "class-banks" / "7B" / "huge").exists()
        assert _listed(lab) == ["small"]
        # The next sync says it again, and writes nothing.
        again = banks.pull_all(store)
        assert again.changed == 0 and again.notes == pulled.notes


def test_a_picture_too_big_to_draw_is_not_written(school, tmp_path, monkeypatch):
    monkeypatch.setattr(banks, "MAX_PICTURE_BYTES", 1024)
    text = SMALL.replace("answer: true\n", "answer: true\n    image: pic.png\n"
                         "    image_description: a picture\n")
    _put(school, text, {"pic.png": b"\x89PNG" + b"x" * 2000, "ok.png": b"\x89PNG"})
    lab = tmp_path / "lab"
    with school.computer(lab, "Ann") as store:
        assert banks.pull_all(store).changed == 1
    folder = lab / "class-banks" / "7B" / "small"
    assert sorted(p.name for p in folder.iterdir()) == ["ok.png", "small.yaml"]


def test_a_new_version_too_big_leaves_the_one_taken_before_and_says_so(school, tmp_path,
                                                                       monkeypatch):
    """The message and the library agree (review21): before, the older copy stayed listed
    while the message said the bank was not taken."""
    import hashlib

    monkeypatch.setattr(banks, "MAX_BANK_BYTES", 512 * 1024, raising=False)
    first = _huge(3)
    _put(school, first)
    lab = tmp_path / "lab"
    with school.computer(lab, "Ann") as store:
        assert banks.pull_all(store).changed == 1
        huge = _huge(6000)  # 0.9 MB, published over it
        digest = hashlib.sha256(huge.encode("utf-8")).hexdigest()
        with school.admin() as conn:
            conn.execute("INSERT INTO quizapp.banks (content_hash, bank_id, yaml)"
                         " VALUES (%s, 'huge', %s)", (digest, huge))
            conn.execute("UPDATE quizapp.class_banks SET content_hash = %s,"
                         " published = now() WHERE bank_id = 'huge'", (digest,))
        pulled = banks.pull_all(store)
        assert pulled.changed == 0
        assert pulled.notes == [
            "The bank 'huge' published to 7B is too big (0.9 MB; the limit for a bank is"
            " 0.5 MB): this computer did not take its new version, and keeps the one it took"
            " before. Ask the teacher to split it into several banks."]
    assert _listed(lab) == ["huge"]
    (kept,) = (lab / "class-banks" / "7B").glob("huge/*.yaml")
    assert kept.read_text(encoding="utf-8") == first
