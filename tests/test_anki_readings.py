"""Anki's Japanese reading filters, {{kanji:}}, {{kana:}} and {{furigana:}}, which many
Japanese decks' templates use: a card shows the kanji, the reading, or both, as Anki does
(furigana as 日本(にほん): Markdown has no ruby text). They were unknown: such a card's
fields were read by field order, and a note of one field was skipped ("it has no front")."""

import pytest

pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import add_note_type, anki_deck  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402
from quizapp.core.model import Flashcard  # noqa: E402


def test_reading_filters_show_what_anki_shows(tmp_path, capsys):
    def add(col, deck_id):
        kana = add_note_type(col, "Kana", ["Word"], [
            ("Read", "{{kanji:Word}}", "{{FrontSide}}<hr id=answer>{{kana:Word}}")])
        vocab = add_note_type(col, "Vocab", ["Expression", "Meaning"], [
            ("Recognise", "{{kanji:Expression}}",
             "{{FrontSide}}<hr id=answer>{{furigana:Expression}}<br>{{Meaning}}")])
        for kind, values in ((kana, ["日本[にほん] 語[ご]"]),
                             (vocab, ["東京[とうきょう] [sound:tokyo.mp3]", "Tokyo"])):
            note = col.new_note(kind)
            for n, value in enumerate(values):
                note.fields[n] = value
            col.add_note(note, deck_id)

    deck = anki_deck(tmp_path, "Japanese", add, "japanese.apkg")
    out = tmp_path / "japanese.yaml"
    assert main(["import", str(deck), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "does not render" not in err and "no front" not in err
    bank = load_bank(out, use_cache=False).bank
    assert bank is not None
    cards = [(q.prompt, q.back) for q in bank.questions if isinstance(q, Flashcard)]
    assert cards == [("日本語", "にほんご"), ("東京", "東京(とうきょう)\\\nTokyo")]


def test_speech_is_left_out_as_sound_is(tmp_path, capsys):
    """{{tts ja_JP:Field}} is Anki's speech, no text: a listening card showed the word it
    was to speak on its front (the fields its templates name, by the fallback)."""
    def add(col, deck_id):
        vocab = add_note_type(col, "Listening", ["Expression", "Meaning"], [
            ("Recognise", "{{Expression}}{{tts ja_JP speed=0.8:Expression}}",
             "{{FrontSide}}<hr id=answer>{{Meaning}}"),
            ("Listen", "{{tts ja_JP:Expression}}", "{{Expression}}<br>{{Meaning}}")])
        note = col.new_note(vocab)
        note["Expression"], note["Meaning"] = "東京", "Tokyo"
        col.add_note(note, deck_id)

    deck = anki_deck(tmp_path, "Japanese", add, "listening.apkg")
    out = tmp_path / "listening.yaml"
    assert main(["import", str(deck), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert ("card template 'Recognise': Anki speaks the field(s) 'Expression' ({{tts}}), "
            "which quizapp cannot: left out, as sound is") in err
    assert "card 2 has an empty front; it was skipped" in err
    bank = load_bank(out, use_cache=False).bank
    assert bank is not None
    assert [(q.prompt, q.back) for q in bank.questions] == [("東京", "Tokyo")]
