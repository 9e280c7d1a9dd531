"""A cloze note type whose text with the blanks is not its first field: `quizapp import`
(and File > Import, which reads decks with the same code) takes the text from the field the
template's `{{cloze:Field}}` names, and shows the template's other front fields before it."""

from pathlib import Path

import pytest

anki_collection = pytest.importorskip("anki.collection")  # the test dependency `anki`

from gui_helpers import import_by_ctrl_i  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402
from quizapp.core.model import Cloze  # noqa: E402

NOTES = [  # (Notes, Header, Content)
    ("Kantor spoke for the US.", "Trade talks", "The talks ended in {{c1::June}} 1995."),
    ("", "Geneva", "They met in {{c1::Geneva}} after {{c2::Paris}}."),
]


def build_deck(folder: Path, front: str, back: str, *, legacy: bool = False) -> Path:
    """A deck written by Anki with a cloze note type 'MyCloze' of fields Notes, Header and
    Content (the text with the blanks last)."""
    from anki.collection import Collection, DeckIdLimit, ExportAnkiPackageOptions

    col = Collection(str(folder / "collection.anki2"))
    try:
        models = col.models
        kind = models.new("MyCloze")
        kind["type"] = 1  # a cloze note type
        for name in ("Notes", "Header", "Content"):
            models.add_field(kind, models.new_field(name))
        template = models.new_template("Cloze")
        template["qfmt"], template["afmt"] = front, back
        models.add_template(kind, template)
        models.add(kind)
        deck = col.decks.id("Talks")
        for notes, header, content in NOTES:
            note = col.new_note(models.by_name("MyCloze"))
            note["Notes"], note["Header"], note["Content"] = notes, header, content
            col.add_note(note, deck)
        out = folder / "deck.apkg"
        col.export_anki_package(out_path=str(out), limit=DeckIdLimit(deck_id=deck),
                                options=ExportAnkiPackageOptions(with_scheduling=False,
                                                                 legacy=legacy))
        return out
    finally:
        col.close()


@pytest.mark.parametrize("legacy", [True, False], ids=["legacy", "current"])
def test_the_text_comes_from_the_field_the_template_names(tmp_path, capsys, legacy):
    deck = build_deck(tmp_path, "{{#Content}}{{cloze:Content}}{{/Content}}",
                      "{{cloze:Content}}<br>\n{{Notes}}", legacy=legacy)
    out = tmp_path / "talks.yaml"
    assert main(["import", str(deck), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "skipped" not in err and "imported 2 questions, 1 warning -> " in err
    # as in Anki, the Header field is on none of the cards
    assert "note type 'MyCloze': the field(s) 'Header' are on none of its cards" in err
    bank = load_bank(out, use_cache=False).bank
    assert bank is not None
    assert [(q.text, q.prompt, q.explanation) for q in bank.questions
            if isinstance(q, Cloze)] == [
        ("The talks ended in {{June}} 1995.", "", "Kantor spoke for the US."),
        ("They met in {{Geneva}} after {{Paris}}.", "", None),
    ]


def test_a_header_on_the_front_is_shown_before_the_text(tmp_path, capsys):
    """Anki shows the Header above the text on the front; so does the question's prompt,
    and the back's repeat of it is not the explanation."""
    deck = build_deck(tmp_path, "<div>{{Header}}</div>{{cloze:Content}}",
                      "<div>{{Header}}</div>{{cloze:Content}}<br>{{#Notes}}{{Notes}}{{/Notes}}")
    out = tmp_path / "talks.yaml"
    assert main(["import", str(deck), "-o", str(out), "-q"]) == 0
    bank = load_bank(out, use_cache=False).bank
    assert bank is not None
    assert [(q.prompt, q.text, q.explanation) for q in bank.questions
            if isinstance(q, Cloze)] == [
        ("Trade talks", "The talks ended in {{June}} 1995.", "Kantor spoke for the US."),
        ("Geneva", "They met in {{Geneva}} after {{Paris}}.", None),
    ]


def test_ctrl_i_imports_the_same_cloze_questions(qtbot, open_library_window, tmp_path,
                                                 monkeypatch, capsys):
    """File > Import reads the deck with the same code: the same bank, no note skipped,
    the same warning (the Notes field is on none of the cards)."""
    source = tmp_path / "source"
    source.mkdir()
    deck = build_deck(source, "{{Header}}<br>{{cloze:Content}}", "{{cloze:Content}}")
    by_command = tmp_path / "by-command" / "talks.yaml"
    by_command.parent.mkdir()
    assert main(["import", str(deck), "-o", str(by_command)]) == 0
    command_warnings = [line for line in capsys.readouterr().err.splitlines()
                        if ": warning: " in line]
    assert len(command_warnings) == 1 and "'Notes' are on none of its cards" in \
        command_warnings[0]

    banks = tmp_path / "banks"
    banks.mkdir()
    win = open_library_window(banks)
    target = tmp_path / "by-app" / "talks.yaml"
    target.parent.mkdir()
    library = win.context.library
    shown = import_by_ctrl_i(qtbot, win, monkeypatch, deck, target)
    assert shown == [("Imported 2 questions from deck.apkg, with 1 warning", command_warnings)]
    assert target.read_text(encoding="utf-8") == by_command.read_text(encoding="utf-8")
    [entry] = [e for e in library.entries if Path(e.path).resolve() == target.resolve()]
    assert entry.bank is not None, [p.format() for p in entry.problems]
    assert [(q.prompt, q.text) for q in entry.bank.questions if isinstance(q, Cloze)] == [
        ("Trade talks", "The talks ended in {{June}} 1995."),
        ("Geneva", "They met in {{Geneva}} after {{Paris}}."),
    ]


def test_a_template_quizapp_does_not_render_is_read_by_field_order(tmp_path, capsys):
    """A filter quizapp does not know ({{hint:...}}): the note type is named, and its notes
    are read as before, the first field as the text (here Notes, which has no cloze)."""
    deck = build_deck(tmp_path, "{{hint:Header}}{{cloze:Content}}", "{{cloze:Content}}")
    out = tmp_path / "talks.yaml"
    assert main(["import", str(deck), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "note type 'MyCloze', card template 'Cloze': it uses {{hint:Header}}" in err
    assert "no card could be imported" in err and not out.exists()
