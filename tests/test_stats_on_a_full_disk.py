"""A full disk while statistics are read: the statistics' catch-up with the answer log is a
write, and its failure must not make reading fail. The numbers stored last are shown, the
store says how many answers they leave out, and the progress screen and the library say why.

A full disk is SQLite's SQLITE_FULL, made here with PRAGMA max_page_count on the writer's
connection: the catch-up needs new pages for the statistics of questions never counted."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import make_context
from helpers import counted

from quizapp.core.loader import load_bank
from quizapp.core.store import Store, StoreReader
from quizapp.gui.progress_screen import ProgressScreen

CARDS = 300


def _bank_file(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["id: cards", "title: Cards", "questions:"]
    for n in range(CARDS):
        lines += [f"  - id: c{n:03d}", "    type: flashcard", f"    front: Front {n}",
                  f"    back: Back {n}", f"    tags: [topic-{n % 4}]"]
    path = folder / "cards.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _bank(tmp_path):
    loaded = load_bank(_bank_file(tmp_path / "banks"))
    return getattr(loaded, "bank", loaded)


def _answer_then_fill_the_disk(store: Store, learner_id: int, bank, count: int) -> None:
    """`count` answers, each to a question never counted (their statistics are new rows),
    given in another window (a Store of its own, so nothing here catches up on the way),
    then no room left for the catch-up that would count them."""
    with Store.open_file(store.path) as other:
        sid = other.start_session(learner_id, bank, "quiz")
        for q in bank.questions[:count]:
            other.record_answer(sid, q, response=3, correct=True, credit=1, seconds=2)
    store._conn.execute("VACUUM")  # no free pages left inside the file either
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count={pages}")


def test_reading_works_when_the_catch_up_cannot_be_written(tmp_path):
    bank = _bank(tmp_path)
    with Store.open(tmp_path / "data") as store:
        ann = store.create_learner("Ann")
        sid = store.start_session(ann.id, bank, "quiz")
        store.record_answer(sid, bank.questions[0], response=3, correct=True, credit=1, seconds=2)
        assert store.bank_summary(ann.id, bank).answers == 1  # counted, stored
        _answer_then_fill_the_disk(store, ann.id, bank, CARDS)
        # The numbers stored last, no DiskFullError; the store says what they leave out.
        assert store.bank_summary(ann.id, bank).answers == 1
        assert store.study_counts(ann.id, bank, _now(), 20)[0] == 20
        assert store.uncounted_answers() == CARDS
        store._conn.execute("PRAGMA max_page_count=1000000")  # space was freed
        assert store.bank_summary(ann.id, bank).answers == 1 + CARDS
        assert store.uncounted_answers() == 0


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)


def test_progress_shows_the_stored_numbers_and_says_they_are_behind(qtbot, tmp_path):
    bank = _bank(tmp_path)
    store = Store.open(tmp_path / "data")
    try:
        context = make_context(store, {bank.id: bank})
        context.learner_id = store.create_learner("Ann").id
        sid = store.start_session(context.learner_id, bank, "quiz")
        store.record_answer(sid, bank.questions[0], response=3, correct=True, credit=1, seconds=2)
        store.bank_summary(context.learner_id, bank)  # counted
        _answer_then_fill_the_disk(store, context.learner_id, bank, CARDS)
        screen = ProgressScreen(context)
        qtbot.addWidget(screen)
        with qtbot.waitSignal(screen.progress_loaded, timeout=10000):
            screen.show()
            screen.refresh()
        assert screen.pages.currentIndex() == 1, screen.empty_label.text()  # the charts
        assert screen.behind_note.isVisible()
        assert f"leave out your newest {CARDS} answers: the disk is full" in (
            screen.behind_note.text()
        )
    finally:
        store.close()


def test_the_library_shows_counts_and_says_why_they_are_behind(
    qtbot, tmp_path, open_library_window
):
    _bank_file(tmp_path / "banks")
    win = open_library_window(tmp_path / "banks")
    store = win.context.store
    bank = win.context.library.bank("cards")
    _answer_then_fill_the_disk(store, win.context.learner_id, bank, CARDS)
    screen = win.library_screen
    screen.refresh()
    counted(qtbot, win)
    item = screen.tree.topLevelItem(0)
    new = item.text(2)
    assert new == "20", new  # the counts stored last, not "–"
    assert screen.empty_label.isVisibleTo(screen)
    assert f"leave out your newest {CARDS} answers: the disk is full" in (
        screen.empty_label.text()
    )


def test_a_changed_bank_is_read_with_its_last_catalog_when_the_new_one_cannot_be_written(
    tmp_path,
):
    import dataclasses

    bank = _bank(tmp_path)
    with Store.open(tmp_path / "data") as store:
        ann = store.create_learner("Ann")
        _answer_then_fill_the_disk(store, ann.id, bank, CARDS)
        store._conn.execute("PRAGMA max_page_count=1000000")
        assert store.bank_summary(ann.id, bank).answers == CARDS  # counted, catalog stored
        store._conn.execute("VACUUM")
        pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
        store._conn.execute(f"PRAGMA max_page_count={pages}")
        # The teacher renamed every question: its new catalog does not fit on the disk.
        long_ids = (dataclasses.replace(q, id=f"{q.id}-{'renamed' * 20}") for q in bank.questions)
        renamed = dataclasses.replace(bank, questions=tuple(long_ids))
        assert store.bank_summary(ann.id, renamed).answers == CARDS  # the catalog stored last


def test_the_library_says_why_counts_cannot_be_read(
    qtbot, tmp_path, open_library_window, monkeypatch
):
    """Counts that cannot be read at all still show "–", and the library says why."""
    from quizapp.core.store import StoreError

    _bank_file(tmp_path / "banks")
    win = open_library_window(tmp_path / "banks")
    reason = "The results file quizapp.sqlite3 is damaged (database disk image is malformed)."

    def damaged(*args, **kwargs):
        raise StoreError(reason)

    # The library counts on the reader thread, through a read-only StoreReader.
    monkeypatch.setattr(StoreReader, "study_counts", damaged)
    screen = win.library_screen
    screen.recount()
    counted(qtbot, win)
    assert screen.tree.topLevelItem(0).text(2) == "–"
    assert screen.empty_label.isVisibleTo(screen)
    assert screen.empty_label.text() == f"Some counts could not be read (shown as –): {reason}"
