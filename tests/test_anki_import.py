"""Anki decks in: packages written by Anki's own library, in the older and current formats."""

import zipfile
from pathlib import Path

import pytest

anki_collection = pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import package_media  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402
from quizapp.core.model import Cloze, Flashcard  # noqa: E402
from quizapp.core.store import Store  # noqa: E402
from quizapp.interop import import_with_media  # noqa: E402

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
       b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe"
       b"\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")


def make_deck(folder: Path, *, legacy: bool, collection: bool = False) -> Path:
    """A deck written by Anki itself: a basic note with a picture and a sound, a reversed
    note, a cloze note, and two reviews of the basic card."""
    from anki.collection import Collection, DeckIdLimit, ExportAnkiPackageOptions

    col = Collection(str(folder / "collection.anki2"))
    try:
        picture = folder / "kantor.png"
        picture.write_bytes(PNG)
        name = col.media.add_file(str(picture))
        deck = col.decks.id("Trade talks")
        basic = col.new_note(col.models.by_name("Basic"))
        basic["Front"] = f"Who was <b>USTR</b> in 1995?<br><img src=\"{name}\">"
        basic["Back"] = "Mickey Kantor [sound:kantor.mp3]"
        basic.tags = ["people"]
        col.add_note(basic, deck)
        reversed_ = col.new_note(col.models.by_name("Basic (and reversed card)"))
        reversed_["Front"] = "MITI"
        reversed_["Back"] = "Ministry of International Trade and Industry"
        col.add_note(reversed_, deck)
        cloze = col.new_note(col.models.by_name("Cloze"))
        cloze["Text"] = "The deal was reached in {{c1::Geneva}} in {{c2::June}}."
        col.add_note(cloze, deck)
        card = col.get_card(basic.card_ids()[0])
        for rating in (2, 3):  # Good, then Easy (Anki's protobuf ratings)
            card.start_timer()
            states = col._backend.get_scheduling_states(card.id)
            col.sched.answer_card(col.sched.build_answer(card=card, states=states, rating=rating))
            card = col.get_card(card.id)
        if collection:
            out = folder / f"all-{legacy}.colpkg"
            col.export_collection_package(str(out), include_media=True, legacy=legacy)
            return out
        out = folder / f"deck-{legacy}.apkg"
        col.export_anki_package(
            out_path=str(out),
            options=ExportAnkiPackageOptions(with_scheduling=True, with_media=True,
                                             legacy=legacy),
            limit=DeckIdLimit(deck_id=deck))
        return out
    finally:
        col.close()


@pytest.fixture(scope="module", params=[True, False], ids=["legacy", "current"])
def deck(request, tmp_path_factory):
    return make_deck(tmp_path_factory.mktemp("anki"), legacy=request.param)


def test_package_format_is_what_anki_writes(deck):
    names = zipfile.ZipFile(deck).namelist()
    assert ("collection.anki21b" in names) == deck.name.endswith("False.apkg")


def test_notes_become_flashcards_and_cloze(deck):
    result = import_with_media(deck, media_folder="pics")
    qs = result.bank.questions
    cards = [q for q in qs if isinstance(q, Flashcard)]
    assert [(c.prompt, c.back) for c in cards] == [
        ("Who was **USTR** in 1995?\\\n![picture](pics/kantor.png)", "Mickey Kantor"),
        ("MITI", "Ministry of International Trade and Industry"),
        ("Ministry of International Trade and Industry", "MITI"),  # the reversed card
    ]
    assert cards[0].tags == ("people",)
    [cloze] = [q for q in qs if isinstance(q, Cloze)]
    assert cloze.text == "The deal was reached in {{Geneva}} in {{June}}."
    assert result.media == {"pics/kantor.png": PNG}
    assert any("'kantor.mp3' were left out" in w for w in result.warnings)


def test_collection_packages_of_both_formats(tmp_path):
    for legacy in (True, False):
        folder = tmp_path / str(legacy)
        folder.mkdir()
        package = make_deck(folder, legacy=legacy, collection=True)
        result = import_with_media(package, media_folder="pics")
        assert len(result.bank.questions) == 4
        assert result.media == {"pics/kantor.png": PNG}


def test_import_with_history_carries_the_schedule_over(deck, tmp_path, capsys):
    out = tmp_path / "talks.yaml"
    data = tmp_path / "data"
    assert main(["import", str(deck), "-o", str(out), "--with-history", "Ana",
                 "--data-dir", str(data)]) == 0
    assert "2 reviews for Ana" in capsys.readouterr().err
    bank = load_bank(out, use_cache=False).bank
    assert (out.parent / "talks-files" / "kantor.png").read_bytes() == PNG
    store = Store.open(data)
    try:
        learner = store.learner_by_name("Ana")
        reviewed = bank.questions[0].id
        state = store.card_state(learner.id, bank.id, reviewed)
        # Good then Easy: two reviews, no lapse, and the card is due after the last review
        assert (state.reviews, state.lapses) == (2, 0)
        assert state.stability is not None and state.stability > 0
        assert state.last_review is not None and state.due > state.last_review
        assert store.card_state(learner.id, bank.id, bank.questions[1].id) is None
        assert reviewed not in store.due_question_ids(learner.id, bank.id, now=state.last_review)
    finally:
        store.close()
    # importing the same history again would count it twice: refused, the answers kept
    assert main(["import", str(deck), "-o", str(out), "--force", "--with-history", "Ana",
                 "--data-dir", str(data)]) == 1
    assert "already has answers for this bank" in capsys.readouterr().err
    store = Store.open(data)
    try:
        learner = store.learner_by_name("Ana")
        assert store.card_state(learner.id, bank.id, reviewed).reviews == 2
    finally:
        store.close()


def test_an_imported_deck_exports_again_with_its_pictures(deck, tmp_path):
    """Anki -> quizapp -> Anki: the picture in a card's text goes back into the deck,
    under the name Anki has it by."""

    out = tmp_path / "talks.yaml"
    assert main(["import", str(deck), "-o", str(out), "-q"]) == 0
    again = tmp_path / "again.apkg"
    assert main(["export", str(out), "-o", str(again), "-q"]) == 0
    assert package_media(again) == {"kantor.png": PNG}


@pytest.mark.parametrize(("name", "data_is_a_file", "says"), [
    ("   ", False, "--with-history: Please type a name for the learner; nothing was written"),
    ("Ana", True, "--with-history: "),
])
def test_a_history_that_cannot_be_kept_writes_nothing(deck, tmp_path, capsys, name,
                                                      data_is_a_file, says):
    """A blank learner's name, or a data folder that cannot be used (here a file stands
    where it should be), is told before the bank is written, not after."""
    out = tmp_path / "talks.yaml"
    data = tmp_path / "data"
    if data_is_a_file:
        data.write_text("not a folder")
    assert main(["import", str(deck), "-o", str(out), "--with-history", name,
                 "--data-dir", str(data), "-q"]) == 1
    err = capsys.readouterr().err
    assert says in err and "nothing was written" in err and "unexpected" not in err
    assert not out.exists() and not (tmp_path / "talks-files").exists()


def test_a_title_given_on_the_command_line_is_checked_too(deck, tmp_path, capsys):
    """The importer checks the deck's bank; a --title that cannot be a bank's title (only
    invisible characters) is caught before anything is written (found in review)."""
    out = tmp_path / "talks.yaml"
    assert main(["import", str(deck), "-o", str(out), "--title", "\u200b", "-q"]) == 1
    err = capsys.readouterr().err
    assert "'title' has only invisible characters" in err and "nothing was written" in err
    assert not out.exists()
