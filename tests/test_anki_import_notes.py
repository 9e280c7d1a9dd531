"""Anki notes quizapp cannot hold cost only themselves: `quizapp import` and File > Import
(Ctrl+I) leave them out with the same warnings, naming each note, and import the rest."""

from pathlib import Path

import pytest

anki_collection = pytest.importorskip("anki.collection")  # the test dependency `anki`

from gui_helpers import import_by_ctrl_i  # noqa: E402
from helpers import anki_deck  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402
from quizapp.core.model import Cloze, Flashcard  # noqa: E402

NESTED = "Nested {{c1::outer {{c2::inner}} text}} and more words after it, to be shortened"
PLAIN_NOTES = [
    ("Who was USTR in 1995?", "Mickey Kantor"),
    ("Where were the talks held?", "Geneva"),
    ("Which ministry spoke for Japan?", "MITI"),
    ("Who was MITI minister?", "Ryutaro Hashimoto"),
    ("What did the US threaten?", "Tariffs on luxury cars"),
]


def build_deck(folder: Path, clozes: list[str]) -> Path:
    """A deck written by Anki: five Basic notes, one good cloze note, then `clozes`."""

    def add_notes(col, deck) -> None:
        for front, back in PLAIN_NOTES:
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, back
            col.add_note(note, deck)
        for text in ["The talks ended in {{c1::June}} 1995.", *clozes]:
            note = col.new_note(col.models.by_name("Cloze"))
            note["Text"] = text
            col.add_note(note, deck)

    return anki_deck(folder, "Talks", add_notes, "deck.apkg", with_scheduling=False)


def cli_import(deck: Path, out: Path, capsys) -> tuple[int, list[str], str]:
    code = main(["import", str(deck), "-o", str(out)])
    err = capsys.readouterr().err
    return code, [line for line in err.splitlines() if ": warning: " in line], err


def test_a_nested_cloze_costs_only_its_own_note(tmp_path, capsys):
    deck = build_deck(tmp_path, [NESTED])
    out = tmp_path / "talks.yaml"
    code, warnings, err = cli_import(deck, out, capsys)
    assert code == 0, err
    bank = load_bank(out, use_cache=False).bank
    assert bank is not None
    assert [q.prompt for q in bank.questions if isinstance(q, Flashcard)] == \
        [front for front, _ in PLAIN_NOTES]
    assert [q.text for q in bank.questions if isinstance(q, Cloze)] == \
        ["The talks ended in {{June}} 1995."]
    [skipped] = warnings
    assert '"Nested {{c1::outer {{c2::inner}} text}} and more…"' in skipped
    assert "a cloze inside another cloze" in skipped and "skipped" in skipped
    assert "hint" not in err  # the inner cloze is not a hint of the outer one
    assert "imported 6 questions, 1 warning -> " in err


def test_a_note_that_would_fail_the_banks_check_is_named_and_left_out(tmp_path, capsys):
    """Whatever the importer did not foresee, the bank's own check catches, and the warning
    names the note rather than a line of a file that was never written."""
    # ('}}' after a blank and '|' in an answer, the examples here once, are now foreseen:
    # tests/test_anki_import_cloze_braces.py)
    invisible = "The deal was {{c1::&#8203;}} on 28 June"
    empty = "An answer of {{c1:: }} variants"
    deck = build_deck(tmp_path, [invisible, empty])
    out = tmp_path / "talks.yaml"
    code, warnings, err = cli_import(deck, out, capsys)
    assert code == 0, err
    assert "talks.yaml:" not in err  # only the summary names the file, once it is written
    assert len(warnings) == 2
    assert '"The deal was {{c1::\u200b}} on 28 June"' in warnings[0]
    assert "an answer of only invisible characters" in warnings[0]
    assert '"An answer of {{c1:: }} variants"' in warnings[1]
    assert "empty answer" in warnings[1]
    assert all("it was skipped" in w for w in warnings)
    bank = load_bank(out, use_cache=False).bank
    assert bank is not None and len(bank.questions) == 6


def test_ctrl_i_imports_the_same_notes_with_the_same_warnings(
        qtbot, open_library_window, tmp_path, monkeypatch, capsys):
    source = tmp_path / "source"
    source.mkdir()
    deck = build_deck(source, [NESTED])
    by_command = tmp_path / "by-command" / "talks.yaml"
    by_command.parent.mkdir()
    code, command_warnings, err = cli_import(deck, by_command, capsys)
    assert code == 0, err

    banks = tmp_path / "banks"
    banks.mkdir()
    win = open_library_window(banks)
    target = tmp_path / "by-app" / "talks.yaml"
    target.parent.mkdir()
    assert win.import_action.shortcut().toString() == "Ctrl+I"
    library = win.context.library
    shown = import_by_ctrl_i(qtbot, win, monkeypatch, deck, target)
    [(title, app_warnings)] = shown
    assert title == "Imported 6 questions from deck.apkg, with 1 warning"
    assert app_warnings == command_warnings
    assert target.read_text(encoding="utf-8") == by_command.read_text(encoding="utf-8")
    [entry] = [e for e in library.entries if Path(e.path).resolve() == target.resolve()]
    assert entry.bank is not None, [p.format() for p in entry.problems]
    assert len(entry.bank.questions) == 6


def test_the_last_guard_names_the_question_and_writes_nothing(tmp_path, monkeypatch, capsys):
    """Should any importer build a question the bank's check refuses, `quizapp import` and
    the app's import write nothing and name the question, not a line of an unwritten file."""
    import quizapp.interop as interop
    from quizapp.interop._common import bank_from_questions

    source = tmp_path / "talks.gift"
    source.write_text("::q:: placeholder {=x}\n", encoding="utf-8")
    broken = Cloze(id="stray-braces", prompt="", text="The {{deal}} was signed }}")
    good = Flashcard(id="ustr", prompt="USTR in 1995?", back="Kantor")
    bank = bank_from_questions(source, [good, broken])
    monkeypatch.setattr(interop, "import_with_media",
                        lambda *a, **k: interop.Imported(bank, []))
    out = tmp_path / "talks.yaml"
    assert main(["import", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{source}: error: question 'stray-braces': the cloze text has a '{{{{' or '}}}}'" in err
    assert "nothing was written" in err and "talks.yaml" not in err
    assert not out.exists()
    with pytest.raises(interop.InteropError, match="question 'stray-braces'"):
        interop.import_to_file(source, out)
    assert not out.exists()
