"""Cards of custom Anki note types show what their templates show, front and back, in
`quizapp import` and in File > Import (Ctrl+I) alike; a template quizapp does not render
falls back to field order with a warning naming the note type."""

from pathlib import Path

import pytest

anki_collection = pytest.importorskip("anki.collection")  # the test dependency `anki`

from gui_helpers import import_by_ctrl_i  # noqa: E402
from helpers import add_note_type  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402
from quizapp.core.model import Flashcard  # noqa: E402


def build_deck(folder: Path, *, legacy: bool) -> Path:
    from anki.collection import Collection, DeckIdLimit, ExportAnkiPackageOptions

    col = Collection(str(folder / "collection.anki2"))
    try:
        deck = col.decks.id("Japan")
        vocab = add_note_type(col, "Vocab JP", ["Kanji", "Reading", "Meaning"], [
            ("Recognize", "{{Kanji}}", "{{FrontSide}}<hr id=answer>{{Reading}}<br>{{Meaning}}"),
            ("Produce", "{{Meaning}}", "{{FrontSide}}<hr id=answer>{{Kanji}} ({{Reading}})"),
        ])
        capital = add_note_type(col, "Capital", ["Country", "Capital", "Note", "Source"], [
            ("Ask", "What is the capital of {{Country}}?"
                    "{{#Note}}<br>({{text:Note}}){{/Note}}{{^Note}}<br>No hint.{{/Note}}",
             "{{FrontSide}}\n\n<hr id=answer>\n\n<b>{{Capital}}</b>"),
        ])
        hinted = add_note_type(col, "Hinted", ["Front", "Back", "Hint"], [
            ("Card 1", "{{Front}}<br>{{hint:Hint}}", "{{FrontSide}}<hr id=answer>{{Back}}"),
        ])
        notes = [
            (vocab, ["東京", "とうきょう", "Tokyo"]),
            (capital, ["France", "Paris", "<b>not</b> Lyon", "an atlas"]),
            (capital, ["Japan", "Tokyo", "", ""]),
            (hinted, ["Who led MITI?", "Hashimoto", "He became prime minister"]),
            (col.models.by_name("Basic (type in the answer)"), ["Type USTR", "USTR"]),
        ]
        for kind, values in notes:
            note = col.new_note(kind)
            for n, value in enumerate(values):
                note.fields[n] = value
            col.add_note(note, deck)
        out = folder / f"japan-{legacy}.apkg"
        col.export_anki_package(out_path=str(out), limit=DeckIdLimit(deck_id=deck),
                                options=ExportAnkiPackageOptions(legacy=legacy))
        return out
    finally:
        col.close()


@pytest.fixture(scope="module", params=[True, False], ids=["legacy", "current"])
def deck(request, tmp_path_factory):
    return build_deck(tmp_path_factory.mktemp("anki"), legacy=request.param)


def imported(deck: Path, out: Path, capsys) -> tuple[list[tuple[str, str]], list[str]]:
    assert main(["import", str(deck), "-o", str(out)]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if ": warning: " in line]
    bank = load_bank(out, use_cache=False).bank
    assert bank is not None
    return [(q.prompt, q.back) for q in bank.questions if isinstance(q, Flashcard)], warnings


def test_each_card_shows_what_its_template_shows(deck, tmp_path, capsys):
    cards, warnings = imported(deck, tmp_path / "japan.yaml", capsys)
    assert cards[:2] == [
        ("東京", "とうきょう\\\nTokyo"),  # Recognize: <br> is a line break
        ("Tokyo", "東京 (とうきょう)"),  # Produce: the reading is not given away on the front
    ]
    assert cards[2:4] == [
        ("What is the capital of France?\\\n(not Lyon)", "**Paris**"),  # {{text:}} drops the bold
        ("What is the capital of Japan?\\\nNo hint.", "**Tokyo**"),  # {{^Note}}: the note is empty
    ]
    assert cards[-1] == ("Type USTR", "USTR")  # {{type:Back}}: no typing box, the answer on the back
    assert not [w for w in warnings if "Vocab JP" in w or "type in the answer" in w]
    [unshown] = [w for w in warnings if "'Capital'" in w]
    assert "the field(s) 'Source' are on none of its cards" in unshown


def test_a_template_quizapp_does_not_render_falls_back_with_a_warning(deck, tmp_path, capsys):
    cards, warnings = imported(deck, tmp_path / "japan.yaml", capsys)
    assert ("Who led MITI?", "Hashimoto\n\nHe became prime minister") in cards
    [fallback] = [w for w in warnings if "note type 'Hinted'" in w]
    assert "{{hint:Hint}}" in fallback
    assert fallback.endswith("so its cards show the fields its front names on the front "
                             "('Front') and the others it names on the back ('Back', 'Hint'); "
                             "a typed answer or a hint on the front goes on the back, as Anki "
                             "shows it only when asked")


def test_ctrl_i_renders_the_templates_as_the_command_does(
        qtbot, open_library_window, deck, tmp_path, monkeypatch, capsys):
    by_command = tmp_path / "by-command" / "japan.yaml"
    by_command.parent.mkdir()
    _, command_warnings = imported(deck, by_command, capsys)
    banks = tmp_path / "banks"
    banks.mkdir()
    win = open_library_window(banks)
    target = tmp_path / "by-app" / "japan.yaml"
    target.parent.mkdir()
    shown = [w for _title, w in import_by_ctrl_i(qtbot, win, monkeypatch, deck, target)]
    assert shown == [command_warnings]
    assert target.read_text(encoding="utf-8") == by_command.read_text(encoding="utf-8")
    [entry] = [e for e in win.context.library.entries
               if Path(e.path).resolve() == target.resolve()]
    assert entry.bank is not None
    produce = entry.bank.questions[1]
    assert isinstance(produce, Flashcard) and produce.prompt == "Tokyo"


def test_a_templates_scripts_and_styles_are_data_never_shown_or_run(tmp_path, capsys):
    from anki.collection import Collection, DeckIdLimit, ExportAnkiPackageOptions

    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        deck = col.decks.id("Styled")
        styled = add_note_type(col, "Styled", ["Front", "Back", "Extra"], [(
            "Card 1",
            "<style>.card{color:red}</style><script>document.title='owned'</script>"
            "{{Front}}{{#Extra}}<div onclick=\"steal()\">{{Extra}}</div>{{/Extra}}",
            "{{FrontSide}}<hr id=answer><a href=\"javascript:steal()\">{{Back}}</a>",
        )])
        note = col.new_note(styled)
        note["Front"], note["Back"], note["Extra"] = "USTR in 1995?", "Kantor", "a name"
        col.add_note(note, deck)
        out = tmp_path / "styled.apkg"
        col.export_anki_package(out_path=str(out), limit=DeckIdLimit(deck_id=deck),
                                options=ExportAnkiPackageOptions())
    finally:
        col.close()
    cards, warnings = imported(out, tmp_path / "styled.yaml", capsys)
    assert cards == [("USTR in 1995?\\\na name", "Kantor")]  # the <div> is a line
    assert warnings == []
    text = (tmp_path / "styled.yaml").read_text(encoding="utf-8")
    assert not any(word in text for word in ("owned", "steal", "color", "script"))
