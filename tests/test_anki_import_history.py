"""`quizapp import DECK -o BANK --with-history LEARNER`: the deck's reviews are stored as
the app stores its own (the rating's name as the response, the session's recall from each
card's first rating), and a history that cannot be kept is refused before anything is
written or created."""

import csv
import io
from pathlib import Path

import pytest

anki_collection = pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import anki_deck  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402
from quizapp.core.store import Store  # noqa: E402

NOTES = [
    ("Who was USTR in 1995?", "Mickey Kantor"),
    ("Where were the talks held?", "Geneva"),
    ("Which ministry spoke for Japan?", "MITI"),
    ("Who was MITI minister?", "Ryutaro Hashimoto"),
    ("What did the US threaten?", "Tariffs on luxury cars"),
]
# Anki's protobuf ratings: 0 Again, 1 Hard, 2 Good, 3 Easy (the log writes 1..4)
GOOD_AGAIN_GOOD = (2, 0, 2)


def build_deck(folder: Path) -> Path:
    """Five Basic notes written by Anki, each card reviewed Good, Again, Good: 15 reviews,
    10 of them Good, every card first rated Good."""

    def add_notes(col, deck) -> None:
        for front, back in NOTES:
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, back
            col.add_note(note, deck)
            card = col.get_card(note.card_ids()[0])
            for rating in GOOD_AGAIN_GOOD:
                card.start_timer()
                states = col._backend.get_scheduling_states(card.id)
                col.sched.answer_card(col.sched.build_answer(card=card, states=states,
                                                             rating=rating))
                card = col.get_card(card.id)

    return anki_deck(folder, "Talks", add_notes, "small.apkg", with_scheduling=True)


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    return build_deck(tmp_path_factory.mktemp("anki"))


def test_imported_reviews_look_like_the_apps_own(deck, tmp_path, capsys):
    out, data = tmp_path / "h3.yaml", tmp_path / "data"
    assert main(["import", str(deck), "-o", str(out), "--with-history", "Ana",
                 "--data-dir", str(data)]) == 0
    assert "15 reviews for Ana" in capsys.readouterr().err
    assert main(["results", "--data-dir", str(data), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 15
    # the rating's name, as FlashcardSession.rate stores it, graded as the app grades it
    assert sorted({(row["response"], row["correct"]) for row in rows}) == \
        [("Again", "false"), ("Good", "true")]
    bank = load_bank(out, use_cache=False).bank
    store = Store.open(data)
    try:
        learner = store.learner_by_name("Ana")
        # every card was first rated Good: recalled 5 of 5, not 10 of 15 reviews
        assert store.bank_summary(learner.id, bank).recall == 1.0
    finally:
        store.close()


def test_a_second_history_is_refused_before_the_bank_is_rewritten(deck, tmp_path, capsys):
    """The teacher's edits to the bank written by the first import are kept: the learner's
    answers for this bank are found before anything is written."""
    out, data = tmp_path / "h3.yaml", tmp_path / "data"
    assert main(["import", str(deck), "-o", str(out), "--with-history", "Ana",
                 "--data-dir", str(data), "-q"]) == 0
    edited = out.read_text(encoding="utf-8").replace("Mickey Kantor", "Mickey Kantor (USTR)")
    out.write_text(edited, encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(deck), "-o", str(out), "--force", "--with-history", "Ana",
                 "--data-dir", str(data), "-q"]) == 1
    err = capsys.readouterr().err
    assert "Ana already has answers for this bank" in err and "nothing was written" in err
    assert "the bank was written" not in err
    assert out.read_text(encoding="utf-8") == edited
    # another learner, or the same deck saved as another bank, is still welcome
    assert main(["import", str(deck), "-o", str(out), "--force", "--with-history", "Ben",
                 "--data-dir", str(data), "-q"]) == 0
    assert main(["import", str(deck), "-o", str(tmp_path / "other.yaml"), "--with-history",
                 "Ana", "--data-dir", str(data), "-q"]) == 0


@pytest.mark.parametrize("name", ["  ", "\u200b"])
def test_a_blank_name_creates_no_data_folder(deck, tmp_path, capsys, name):
    new = tmp_path / "NEW"
    out = tmp_path / "h3.yaml"
    assert main(["import", str(deck), "-o", str(out), "--with-history", name,
                 "--data-dir", str(new), "-q"]) == 1
    err = capsys.readouterr().err
    assert "--with-history: " in err and "nothing was written" in err
    assert not new.exists() and not out.exists()


def test_a_cloze_note_keeps_its_first_cards_history(tmp_path, capsys):
    """A cloze note's cards c1 and c2 are one quizapp question: it takes card 1's reviews,
    not both cards' poured into one schedule, and the warning says so (found by a tester)."""
    def add_notes(col, deck) -> None:
        note = col.new_note(col.models.by_name("Cloze"))
        note["Text"] = "Talks in {{c1::Geneva}} in {{c2::June}}."
        col.add_note(note, deck)
        first, second = (col.get_card(cid) for cid in note.card_ids())
        for card, ratings in ((first, (2, 2)), (second, (0, 2, 2))):
            for rating in ratings:
                card.start_timer()
                states = col._backend.get_scheduling_states(card.id)
                col.sched.answer_card(col.sched.build_answer(card=card, states=states,
                                                             rating=rating))
                card = col.get_card(card.id)

    deck = anki_deck(tmp_path, "Cloze", add_notes, "cloze.apkg", with_scheduling=True)
    out, data = tmp_path / "cloze.yaml", tmp_path / "data"
    assert main(["import", str(deck), "-o", str(out), "--with-history", "Ana",
                 "--data-dir", str(data)]) == 0
    err = capsys.readouterr().err
    assert ('1 cloze note(s) such as note 1 "Talks in {{c1::Geneva}} in {{c2::June}}." '
            "(Cloze) have reviews of their cards 2 and on: a quizapp cloze question is one "
            "card with every blank, so it keeps card 1's review history (the one "
            "--with-history replays) and the other cards' was left out") in err
    assert "2 reviews for Ana" in err
    assert main(["results", "--data-dir", str(data), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["response"] for row in rows] == ["Good", "Good"]


# `quizapp import` in a process of its own that pauses after the 7th of the deck's 15
# reviews (it says "paused"), so that the test stops it there, as the tester's kill did.
PAUSED_IMPORT = """
import sys, time
from quizapp.core.store.facade import Store
record = Store.record_answer
count = [0]
def record_then_pause(self, *args, **kwargs):
    done = record(self, *args, **kwargs)
    count[0] += 1
    if count[0] == 7:
        print("paused", flush=True)
        time.sleep(120)
    return done
Store.record_answer = record_then_pause
from quizapp.cli import main
sys.exit(main(sys.argv[1:]))
"""


def stopped_import(deck, out, data, signum):
    import signal
    import subprocess
    import sys

    process = subprocess.Popen(
        [sys.executable, "-c", PAUSED_IMPORT, "import", str(deck), "-o", str(out),
         "--with-history", "Ana", "--data-dir", str(data)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert process.stdout.readline().strip() == "paused"
        process.send_signal(signum)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert signum in (signal.SIGKILL, signal.SIGTERM)
    return process.returncode, err


def assert_no_history_then_all_of_it(deck, out, data, capsys):
    store = Store.open(data)
    try:
        assert store._read("SELECT count(*) FROM answers") == [(0,)]
        assert store._read("SELECT count(*) FROM sessions") == [(0,)]
    finally:
        store.close()
    # The next run adds the whole history (the bank written by the first is replaced).
    assert main(["import", str(deck), "-o", str(out), "--with-history", "Ana", "--force",
                 "--data-dir", str(data)]) == 0
    assert "15 reviews for Ana" in capsys.readouterr().err
    store = Store.open(data)
    try:
        assert store._read("SELECT count(*) FROM answers") == [(15,)]
        assert store._read("SELECT outcome FROM sessions") == [("finished",)]
    finally:
        store.close()


def test_an_import_killed_part_way_leaves_no_history_and_can_be_run_again(
    deck, tmp_path, capsys
):
    import signal

    out, data = tmp_path / "h3.yaml", tmp_path / "data"
    code, _ = stopped_import(deck, out, data, signal.SIGKILL)
    assert code == -signal.SIGKILL
    assert_no_history_then_all_of_it(deck, out, data, capsys)


def test_sigterm_stops_an_import_as_ctrl_c_does(deck, tmp_path, capsys):
    import signal

    out, data = tmp_path / "h3.yaml", tmp_path / "data"
    code, err = stopped_import(deck, out, data, signal.SIGTERM)
    assert code == 130
    assert "quizapp import: stopped" in err and "none of the deck's history" in err
    assert "Traceback" not in err
    assert_no_history_then_all_of_it(deck, out, data, capsys)
