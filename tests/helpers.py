"""Helpers shared by several test modules (fixtures live in conftest.py and
shared_fixtures.py; sample banks in bank_samples.py, sample databases in store_samples.py,
GUI drivers in gui_helpers.py).

Plain functions, imported as `from helpers import ...` (pytest puts tests/ on the path),
so that no test module has to import another test module for its helpers (a test in
test_architecture.py checks it).
"""

from __future__ import annotations

import os
import select
import time
from collections.abc import Callable
from pathlib import Path

from quizapp.core import cache
from quizapp.core.model import Bank, Choice, MultipleChoice

# A small bank of three questions (two true/false, one flashcard), its title left to fill.
SMALL_BANK = """\
title: {title}
id: small
questions:
  - id: sky
    type: true_false
    prompt: The sky is blue.
    answer: true
  - id: grass
    type: true_false
    prompt: Grass is red.
    answer: false
  - id: card
    type: flashcard
    front: Two and two?
    back: Four
"""


def counted(qtbot, window) -> None:
    """Wait until the library's scores and counts, read on the reader thread, are shown."""
    qtbot.waitUntil(lambda: not window.library_screen.counting, timeout=30000)


def library_rows(window) -> dict:
    """The library's rows in a main window, by the text of their first column (the title)."""
    tree = window.library_screen.tree
    return {tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}


def two_choice_bank(
    count: int,
    bank_id: str = "trade",
    title: str = "Trade",
    tags: Callable[[int], tuple[str, ...]] = lambda i: (),
) -> Bank:
    """A bank of `count` multiple-choice questions q0, q1, ... whose answer is "a" of "a"/"b":
    the store tests care about how answers are kept, not what is asked."""
    return Bank(
        id=bank_id,
        title=title,
        questions=tuple(
            MultipleChoice(
                id=f"q{i}",
                prompt="?",
                choices=(Choice(text="a"), Choice(text="b")),
                correct=0,
                tags=tags(i),
            )
            for i in range(count)
        ),
    )


# One question, one choice: for tests that only need answers to be in the store.
ONE_QUESTION_BANK = Bank(
    id="trade",
    title="Trade",
    questions=(MultipleChoice(id="q", prompt="?", choices=(Choice(text="a"),), correct=0),),
)


def record_right_answers(store, learner_id: int, count: int = 1) -> None:
    """One quiz session of ONE_QUESTION_BANK with `count` right answers, each committed."""
    session = store.start_session(learner_id, ONE_QUESTION_BANK, "quiz")
    question = ONE_QUESTION_BANK.questions[0]
    for _ in range(count):
        store.record_answer(session, question, response=0, correct=True, credit=1, seconds=1)


def read_lines(fd: int, buffer: bytearray, timeout: float) -> list[str]:
    """The whole lines a child process wrote to the pipe `fd`, waiting at most `timeout`
    seconds for more (select, not a sleep); a partial line stays in `buffer` for later."""
    out = []
    if select.select([fd], [], [], timeout)[0]:
        chunk = os.read(fd, 65536)
        buffer.extend(chunk)
        if not chunk:
            return out
    while b"\n" in buffer:
        line, _, rest = bytes(buffer).partition(b"\n")
        buffer[:] = rest
        out.append(line.decode())
    return out


def wait_until(condition: Callable[[], bool], timeout: float = 30.0, every: float = 0.02) -> None:
    """Wait for a condition outside Qt that nothing signals (another PostgreSQL session
    waiting on a lock): qtbot.waitUntil's counterpart, checking `every` seconds. Not for
    Qt (use qtbot.waitSignal / waitUntil) nor for files (os.utime sets an mtime)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out after {timeout} s"
        time.sleep(every)  # the polling interval; the wait ends on the condition, not the clock


def log_override(store, answer_uuid: str, rating: int) -> None:
    """Log an override of an answer's FSRS rating as earlier quizapp versions did
    (Store.override_rating, removed: no screen offered it): the review log keeps the
    original rating and gains an override row, and the card is replayed. Stores and the
    class server may still hold such rows, which every rebuild, replay and sync honours.
    """
    from quizapp.core import scheduler
    from quizapp.core.store.values import _card_row

    rating = int(rating)
    if rating not in scheduler.RATING_NAMES:
        raise ValueError(f"A rating is 1 (Again) to 4 (Easy), not {rating}.")
    with store._db.write() as c:
        # The answer names its card; the card's reviews come by reviews_by_card.
        # (No index on reviews.answer_uuid: one random page less per recorded answer.)
        key = c.execute(
            "SELECT s.learner_id, s.bank_id, a.question_id FROM answers a"
            " JOIN sessions s ON s.id = a.session_id WHERE a.uuid = ?",
            (answer_uuid,),
        ).fetchone()
        history = []
        if key is not None:
            history = c.execute(
                "SELECT id, answer_uuid, rating, reviewed, duration_ms, overrides, draw,"
                " card_id FROM reviews WHERE learner_id = ? AND bank_id = ? AND question_id = ?"
                " ORDER BY id",
                key,
            ).fetchall()
        retracted = {r[0] for r in c.execute("SELECT answer_uuid FROM retractions")}
        if answer_uuid in retracted:
            raise ValueError("This answer was taken back: there is nothing to re-rate.")
        history = [r for r in history if r[1] not in retracted]
        mine = [r for r in history if r[1] == answer_uuid]
        if not mine:
            raise ValueError("There is no such answer to re-rate.")
        review_id, _, old, reviewed, duration_ms, _, _, card_id = mine[-1]
        if old == rating:
            return
        history = [r[:7] for r in history]
        # An override of quizapp before schema 13: no draw (its answer replays seeded).
        history.append((None, answer_uuid, rating, reviewed, duration_ms, review_id, None))
        from quizapp.core.store.derived import _effective_reviews, _replay

        card, count, lapses = _replay(card_id, _effective_reviews(history))
        c.execute(
            "INSERT INTO reviews(answer_uuid, learner_id, bank_id, question_id, card_id,"
            " rating, reviewed, duration_ms, overrides, card) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                answer_uuid,
                *key,
                card_id,
                rating,
                reviewed,
                duration_ms,
                review_id,
                card.to_json(),
            ),
        )
        c.execute(
            "INSERT OR REPLACE INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            key + _card_row(card) + (count, lapses),
        )


class Clock:
    """A clock a test moves by hand: call it for the time, tick() to let seconds pass."""

    def __init__(self):
        self.t = 1000.0

    def __call__(self):
        return self.t

    def tick(self, seconds):
        self.t += seconds


def cache_entry() -> Path:
    """The one entry in the bank cache folder."""
    (entry,) = sorted(cache.cache_folder().iterdir())
    return entry


def split_cache_entry(blob: bytes):
    """(header, content hash, summary, bank blob) of an entry."""
    h = len(cache._HEADER)
    summary_len = int(blob[h + 65 : h + 75])
    start = cache._PREAMBLE
    return (
        blob[:h],
        blob[h : h + 64],
        blob[start : start + summary_len],
        blob[start + summary_len :],
    )


def assemble_cache_entry(header, content_hash, summary, bank_blob, sign) -> bytes:
    """An entry from its parts, each signed part signed by sign (the reverse of split)."""
    return b"".join(
        (header, content_hash, b"\n", b"%010d\n" % len(summary), sign(summary), b"\n")
        + (sign(bank_blob), b"\n", summary, bank_blob)
    )


def add_note_type(col, name: str, fields: list[str], cards: list[tuple[str, str, str]]):
    """A custom note type in an Anki collection (Anki's own library): its fields, and a
    card (name, front template, back template) for each of `cards`."""
    models = col.models
    kind = models.new(name)
    for field_name in fields:
        models.add_field(kind, models.new_field(field_name))
    for card_name, front, back in cards:
        template = models.new_template(card_name)
        template["qfmt"], template["afmt"] = front, back
        models.add_template(kind, template)
    models.add(kind)
    return models.by_name(name)


def anki_deck(folder: Path, deck_name: str, add_notes: Callable, out_name: str,
              **export_options) -> Path:
    """A deck written by Anki's own library: a collection in `folder`, `add_notes(col,
    deck_id)` fills the deck `deck_name`, which is exported as `folder / out_name`
    (ExportAnkiPackageOptions(**export_options))."""
    from anki.collection import Collection, DeckIdLimit, ExportAnkiPackageOptions

    col = Collection(str(folder / "collection.anki2"))
    try:
        deck = col.decks.id(deck_name)
        add_notes(col, deck)
        out = folder / out_name
        col.export_anki_package(out_path=str(out), limit=DeckIdLimit(deck_id=deck),
                                options=ExportAnkiPackageOptions(**export_options))
        return out
    finally:
        col.close()


def notes_adder(notes) -> Callable:
    """An `add_notes` for anki_deck: a note of each (note type name, field values) of
    `notes`, then every note's modification time put a minute back (an export in the same
    second is not newer than the note, and Anki updates a note only from a newer one)."""

    def add_notes(col, deck) -> None:
        for kind, fields in notes:
            note = col.new_note(col.models.by_name(kind))
            for n, value in enumerate(fields):
                note.fields[n] = value
            col.add_note(note, deck)
        col.db.execute("UPDATE notes SET mod = mod - 60")

    return add_notes


def plain_picture(path: Path, width: int, height: int) -> Path:
    """A PNG of one colour (blue: none of the masks' colours), for an image occlusion."""
    from PySide6.QtGui import QColor, QImage

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#3050c0"))
    assert image.save(str(path), "PNG")
    return path


def image_formats(html: str) -> list:
    """The QTextImageFormat of each picture in `html`, in order (Qt parses it)."""
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(html)
    found = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                found.append(fmt.toImageFormat())
            it += 1
        block = block.next()
    return found


def imported(tmp_path: Path, capsys, name: str, text: str) -> tuple[Path, Bank, str]:
    """`quizapp import` of a file `name` holding `text`, as a teacher runs it: the bank
    written (which must pass the check), the bank read back, and what the import said."""
    from quizapp.cli import main
    from quizapp.core.loader import load_bank

    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    out = tmp_path / f"{source.stem}.yaml"
    assert main(["import", str(source), "-o", str(out), "--force"]) == 0
    err = capsys.readouterr().err
    result = load_bank(out, use_cache=False)
    assert result.problems == [] and result.bank is not None, result.problems
    return out, result.bank, err


def package_collection_bytes(package: str | os.PathLike | bytes) -> bytes:
    """The SQLite file of the collection an .apkg holds: the current format's
    `collection.anki21b` unpacked (zstd), else the older `collection.anki21`/`.anki2`."""
    import io
    import zipfile

    import zstandard

    source = io.BytesIO(package) if isinstance(package, bytes) else package
    with zipfile.ZipFile(source) as z:
        names = z.namelist()
        if "collection.anki21b" in names:
            return zstandard.ZstdDecompressor().decompressobj().decompress(z.read("collection.anki21b"))
        return z.read("collection.anki21" if "collection.anki21" in names else "collection.anki2")


def package_collection(package: str | os.PathLike | bytes, folder: Path):
    """package_collection_bytes written into `folder` and opened with sqlite3."""
    import sqlite3

    path = folder / "exported-collection.db"
    path.write_bytes(package_collection_bytes(package))
    return sqlite3.connect(path)


def package_media(package: str | os.PathLike | bytes) -> dict[str, bytes]:
    """An .apkg's media files by name, read as Anki reads them: the current format's list
    is Anki's own MediaEntries protobuf (parsed with Anki's library) and each file is
    zstd-compressed; the older format's list is JSON."""
    import io
    import json
    import zipfile

    import zstandard

    source = io.BytesIO(package) if isinstance(package, bytes) else package
    with zipfile.ZipFile(source) as z:
        if "meta" not in z.namelist():
            names = json.loads(z.read("media"))
            return {name: z.read(member) for member, name in names.items()}
        from anki.import_export_pb2 import MediaEntries

        def unpacked(data: bytes) -> bytes:
            return zstandard.ZstdDecompressor().decompressobj().decompress(data)

        entries = MediaEntries.FromString(unpacked(z.read("media"))).entries
        return {e.name: unpacked(z.read(str(i))) for i, e in enumerate(entries)}
