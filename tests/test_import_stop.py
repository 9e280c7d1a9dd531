"""The importers' "should I stop?" (File > Import's Cancel): asked between steps, a True
stops the import there with ImportStopped; `quizapp import`, which never asks, is as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.interop import ImportStopped, import_with_media

FILES = {
    "q.gift": "".join(f"::q{n}:: Capital of France? {{=Paris ~Rome}}\n\n" for n in range(50)),
    "q.csv": "front,back\n" + "".join(f"Front {n},Back {n}\n" for n in range(50)),
    "q.txt": "".join(f"Question {n}?\nA. Yes\nB. No\nANSWER: A\n\n" for n in range(50)),
    "q.xml": '<?xml version="1.0"?><quiz>' + "".join(
        f'<question type="truefalse"><name><text>t{n}</text></name><questiontext>'
        f'<text>Statement {n}</text></questiontext><answer fraction="100"><text>true</text>'
        '</answer><answer fraction="0"><text>false</text></answer></question>'
        for n in range(50)) + "</quiz>",
}


class StopAfter:
    """Says stop at its `n`th question, and counts how often it was asked."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.asked = 0

    def __call__(self) -> bool:
        self.asked += 1
        return self.asked >= self.n


@pytest.mark.parametrize("name", sorted(FILES))
def test_each_format_stops_at_the_step_it_is_asked_at(tmp_path, name):
    path = tmp_path / name
    path.write_text(FILES[name], encoding="utf-8")
    assert len(import_with_media(path).bank.questions) == 50  # nobody asks: all of it
    stop = StopAfter(5)
    with pytest.raises(ImportStopped):
        import_with_media(path, should_stop=stop)
    assert stop.asked == 5  # stopped when told, not at the end


def test_an_anki_deck_stops_between_its_notes(tmp_path):
    anki = pytest.importorskip("anki.collection")
    col = anki.Collection(str(tmp_path / "collection.anki2"))
    try:
        deck = col.decks.id("Talks")
        for n in range(30):
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = f"Question {n}", f"Answer {n}"
            col.add_note(note, deck)
        out: Path = tmp_path / "talks.apkg"
        col.export_anki_package(out_path=str(out), limit=anki.DeckIdLimit(deck_id=deck),
                                options=anki.ExportAnkiPackageOptions(with_scheduling=False))
    finally:
        col.close()
    assert len(import_with_media(out).bank.questions) == 30
    stop = StopAfter(10)
    with pytest.raises(ImportStopped):
        import_with_media(out, should_stop=stop)
    assert stop.asked == 10
