"""Export to .apkg says what Anki's cards cannot hold, as the GIFT export does: nothing is
graded (every question becomes a card the learner turns over and rates), typed cloze blanks,
the feedback for a given answer, and points; each said once, naming the questions."""

from quizapp.core.model import (
    Bank,
    Choice,
    Cloze,
    Flashcard,
    MultipleChoice,
    Numeric,
    ShortAnswer,
    TrueFalse,
)
from quizapp.interop import export_with_warnings

CHOICES = (Choice(text="Kantor", feedback="Right: the USTR."), Choice(text="Hashimoto"))


def _bank() -> Bank:
    return Bank(id="talks", title="Talks", questions=(
        MultipleChoice(id="who", prompt="Who?", choices=CHOICES, correct=0, points=2),
        MultipleChoice(id="plain", prompt="Who else?", choices=(Choice(text="a"),
                       Choice(text="b")), correct=1),
        TrueFalse(id="deal", prompt="A deal?", answer=True, feedback_if_false="There was one."),
        Numeric(id="rate", prompt="Tariff?", answer=100, feedback_if_wrong="It was 100%."),
        ShortAnswer(id="agency", prompt="Which agency?", answers=("MITI",), points=3),
        Cloze(id="where", prompt="", text="Reached in {{Geneva}} in {{June}}."),
        Flashcard(id="card", prompt="USTR", back="Kantor", points=0.5),
    ))


def test_the_apkg_export_names_what_anki_cannot_hold(tmp_path):
    warnings = export_with_warnings(_bank(), tmp_path / "talks.apkg")
    assert warnings == [
        "talks: warning: Anki does not grade: 6 question(s) (2 multiple choice, 1 true/false, "
        "1 numeric, 1 short answer, 1 cloze) become cards whose back shows the answer, and "
        "the learner rates their own recall; no choice is picked and no answer typed or "
        "checked (no partial credit, weights, tolerance or typo rules)",
        "talks: warning: Anki's cards take no typed answers: the blanks of 1 cloze "
        "question(s) show as […] on the front and filled in on the back: 'where'",
        "talks: warning: the feedback for a given answer (a choice's, true or false's, a "
        "wrong number's) is left out of 3 question(s); the back shows the right answer and "
        "the explanation: 'who', 'deal', 'rate'",
        "talks: warning: Anki has no marks: the points of 3 question(s) are left out: "
        "'who', 'agency', 'card'",
    ]
    assert (tmp_path / "talks.apkg").stat().st_size > 0


def test_a_deck_of_plain_flashcards_loses_nothing(tmp_path):
    bank = Bank(id="cards", title="Cards", questions=tuple(
        Flashcard(id=f"c{n}", prompt=f"front {n}", back=f"back {n}") for n in range(8)))
    assert export_with_warnings(bank, tmp_path / "cards.apkg") == []


def test_many_questions_are_named_by_the_first_few(tmp_path):
    bank = Bank(id="many", title="Many", questions=tuple(
        Flashcard(id=f"c{n}", prompt=f"front {n}", back=f"back {n}", points=2)
        for n in range(12)))
    [warning] = export_with_warnings(bank, tmp_path / "many.apkg")
    assert warning.endswith("the points of 12 question(s) are left out: "
                            "'c0', 'c1', 'c2', 'c3', 'c4' and 7 more")


def test_question_names_from_moodle_are_said_to_be_left_out(tmp_path):
    bank = Bank(id="named", title="Named", questions=(
        Flashcard(id="n1", prompt="front", back="back", title="Newton first law"),
        Flashcard(id="plain", prompt="front", back="back")))
    assert export_with_warnings(bank, tmp_path / "named.apkg") == [
        "named: warning: Anki has no question names: the titles (Moodle names) of 1 "
        "question(s) are left out: 'n1'"]
