"""Two rules of typed answers for every bank (docs/bank-format.md, "Typed answers"):
a leading "in" or "at" before an answer written with a capital letter is ignored
("in Tokyo"), and the plural "s" left off the last word of an answer of three words or
more is one typo ("National Association of Farm Broadcaster"). Found by an outside
tester on the article bank; here each rule is shown not to accept a wrong answer."""

from __future__ import annotations

import string
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from quizapp.core import wordlist
from quizapp.core.grading import grade
from quizapp.core.model import Cloze, ShortAnswer, TextPolicy
from quizapp.core.textmatch import PLURALS_OF_THEIR_OWN

EXAMPLES = settings(max_examples=150, deadline=None)
LOWER = st.text(alphabet=string.ascii_lowercase, min_size=4, max_size=10)


def graded(answers: tuple[str, ...], typed: str, policy: TextPolicy | None = None):
    q = ShortAnswer(id="q", prompt="p", answers=answers, policy=policy or TextPolicy())
    return grade(q, typed)


def right(answers: tuple[str, ...], typed: str, policy: TextPolicy | None = None) -> bool:
    return graded(answers, typed, policy).correct


# ------------------------------------------------------------ "in" and "at"


def test_in_or_at_before_a_place_is_right_and_exact():
    for typed in ("in Tokyo", "In Tokyo", "at Tokyo", "in  tokyo", "in the Tokyo"):
        g = graded(("Tokyo",), typed)
        assert g.correct and g.note is None, typed
    assert right(("Washington", "Washington, D.C."), "in Washington, D.C.")
    assert right(("The Hague",), "in the Hague")
    # A typo in the place is still a typo, with its note.
    g = graded(("Washington",), "in Washingtn")
    assert g.correct and g.note == "Accepted, but check the spelling: Washington"


def test_in_never_makes_another_place_or_nothing_right():
    assert not right(("Tokyo",), "in Washington")
    assert not right(("Washington",), "in Tokyo")
    assert not right(("Tokyo",), "in")
    assert not right(("Tokyo",), "in in")
    assert not right(("Tokyo",), "inTokyo")
    # An answer that starts with "in" keeps it: "Tokyo" is not "in Washington", nor is
    # "in Tokyo".
    assert not right(("in Washington",), "Tokyo")
    assert not right(("in Washington",), "in Tokyo")
    # Only placing words: "from" and "to" turn the meaning round.
    assert not right(("Tokyo",), "from Tokyo")
    assert not right(("Kantor",), "to Kantor")


def test_in_never_makes_a_negation_or_another_word():
    # Lowercase answers get no help: "in voluntary" is a split "involuntary".
    assert not right(("voluntary purchase agreements",), "in voluntary purchase agreements")
    # With a capital, the two words making an English word keep the "in" or "at".
    assert not right(("Voluntary Restraint Agreement",), "in Voluntary Restraint Agreement")
    assert not right(("Valid",), "in Valid")
    assert not right(("Tack Company",), "at Tack Company")
    assert not right(("Dependence Day",), "in Dependence Day")


def test_in_with_a_misspelt_word_never_passes_a_negation():
    # The check whether "in" and the word make an English word used the learner's
    # spelling, so "in activ" ("inactiv" is no word) was a typo of "Active" (re-test).
    for answer, typed in [
        ("Active", "in activ"),
        ("Active", "in-activ"),
        ("Active", "at activ"),  # "inactive": an answer taking "in-" is no place
        ("Valid", "at Valid"),
        ("Active", "In Activ"),
        ("Valid", "in valdi"),
        ("Valid", "in Vaild"),
        ("Direct", "in dirct"),
        ("Famous", "in Famus"),
        ("Sane", "in sane"),
        ("Active Volcano", "in activ volcano"),
    ]:
        assert not right((answer,), typed), typed
    # The same answers without the negation are still right with their typo, and a
    # place with a typo keeps its "in".
    assert right(("Active",), "activ") and right(("Famous",), "Famus")
    g = graded(("Tokyo",), "in Tokio")
    assert g.correct and g.note == "Accepted, but check the spelling: Tokyo"
    assert right(("Rome",), "in Rome")


NEGATABLE = ["Active", "Valid", "Direct", "Famous", "Correct", "Complete", "Formal", "Visible"]


@EXAMPLES
@given(st.sampled_from(NEGATABLE), st.data())
def test_in_before_any_one_typo_of_a_negatable_word_is_wrong(answer, data):
    """"in" (or "at") and a one-typo spelling of a word that takes the "in-" negation
    is never the word: a letter dropped, doubled or two neighbours swapped."""
    i = data.draw(st.integers(1, len(answer) - 2))
    typo = data.draw(
        st.sampled_from([
            answer[:i] + answer[i + 1 :],
            answer[:i] + answer[i] + answer[i:],
            answer[:i] + answer[i + 1] + answer[i] + answer[i + 2 :],
        ])
    )
    assume(typo != answer)
    assert wordlist.is_word("in" + answer.lower())
    assert not right((answer,), f"in {typo}")
    assert not right((answer,), f"in {typo.lower()}")
    assert not right((answer,), f"at {typo.lower()}")


def test_in_keeps_the_case_under_a_case_sensitive_policy():
    policy = TextPolicy(case_sensitive=True)
    assert right(("Tokyo",), "in Tokyo", policy)
    assert right(("Tokyo",), "In Tokyo", policy)
    assert not right(("Tokyo",), "in tokyo", policy)


def test_in_with_no_typos_allowed_still_needs_the_exact_place():
    policy = TextPolicy(max_typos=0)
    assert right(("Tokyo",), "in Tokyo", policy)
    assert not right(("Tokyo",), "in Tokio", policy)


def test_in_before_a_cloze_blank_written_with_a_capital():
    q = Cloze(id="c", prompt="p", text="Talks were held in {{Tokyo}} on {{auto parts}}.")
    assert grade(q, ["in Tokyo", "auto parts"]).correct
    assert grade(q, ["in Kyoto", "auto parts"]).credit == 0.5
    assert grade(q, ["Tokyo", "in auto parts"]).credit == 0.5  # lowercase: no help


@EXAMPLES
@given(st.lists(LOWER, min_size=1, max_size=3), st.sampled_from(["in", "at", "In", "AT"]))
def test_a_lowercase_answer_never_takes_a_leading_in_or_at(words, lead):
    answer = " ".join(words)
    assume(words[0] != lead.lower())
    assert not right((answer,), f"{lead} {answer}")


@EXAMPLES
@given(st.lists(LOWER.map(str.capitalize), min_size=1, max_size=3), st.sampled_from(["in", "at"]))
def test_a_capitalised_answer_takes_in_or_at_unless_they_make_a_word(words, lead):
    answer = " ".join(words)
    assume(words[0].lower() != lead)
    g = graded((answer,), f"{lead} {answer}")
    if any(wordlist.is_word(place + words[0].lower()) for place in ("in", "at")):
        assert not g.correct, answer
    else:
        assert g.correct and g.note is None, answer


# ------------------------------------------------------------ a dropped plural "s"


NAFB = "National Association of Farm Broadcasters"


def test_a_long_name_without_its_last_plural_s_is_one_typo():
    g = graded((NAFB,), "National Association of Farm Broadcaster")
    assert g.correct and g.note == f"Accepted, but check the spelling: {NAFB}"
    assert right(("voluntary purchase agreements",), "voluntary purchase agreement")
    # With another typo it is two, the most a long answer allows.
    assert right((NAFB,), "National Asociation of Farm Broadcaster")
    assert not right((NAFB,), "Natinal Asociation of Farm Broadcaster")


def test_a_dropped_plural_is_forgiven_nowhere_else():
    # Another group stays another group, with or without its "s".
    assert not right((NAFB,), "National Association of Broadcaster")
    # Short answers: "Farm Broadcaster" is one broadcaster.
    assert not right(("Farm Broadcasters",), "Farm Broadcaster")
    # Not a word before the last, nor an "s" added.
    assert not right(("American Manufacturers Association",), "American Manufacturer Association")
    assert not right(("industry and trade minister",), "industry and trade ministers")
    # Not a word of up to 4 letters: "Ministry of Art" is another ministry.
    assert not right(("Ministry of Arts",), "Ministry of Art")
    # Nor with no typos allowed, nor for an abbreviation.
    assert not right((NAFB,), "National Association of Farm Broadcaster", TextPolicy(max_typos=0))
    assert not right(("Office of the USTRS",), "Office of the USTR")


def test_a_plural_whose_singular_means_something_else_keeps_its_s():
    # "goods" are not a "good", nor the minutes of a meeting a "minute" (re-test).
    for answer, typed in [
        ("Japanese consumer goods", "Japanese consumer good"),
        ("Council meeting minutes", "Council meeting minute"),
        ("Bureau of Customs", "Bureau of Custom"),
        ("Washington, United States", "Washington, United State"),
        ("Ministry of Foreign Affairs", "Ministry of Foreign Affair"),
        ("the Japanese household savings", "Japanese household saving"),
    ]:
        assert not right((answer,), typed), typed
        assert right((answer,), answer)
    # The rule still holds for the other long names, in any case.
    assert right((NAFB,), "national association of farm broadcaster")
    assert right(("Japanese Auto Manufacturers",), "Japanese Auto Manufacturer")
    assert right(("Council meeting reports",), "Council meeting report")


@EXAMPLES
@given(st.lists(LOWER, min_size=3, max_size=4), st.data())
def test_only_the_last_words_plural_s_is_dropped(words, data):
    """A long answer ending in a plural takes its singular; any other word of it
    that is an English word and not the answer's word is still wrong."""
    assume(not words[-1].endswith("s") and words[-1] + "s" not in PLURALS_OF_THEIR_OWN)
    answer = " ".join([*words[:-1], words[-1] + "s"])
    assert right((answer,), " ".join(words))
    i = data.draw(st.integers(0, len(words) - 2))
    other = data.draw(st.sampled_from(["report", "market", "broker", "garden"]))
    assume(other != words[i])
    changed = [*words[:i], other, *words[i + 1 :]]
    assert not right((answer,), " ".join(changed))


def test_the_docs_list_every_plural_of_its_own():
    docs = (Path(__file__).resolve().parent.parent / "docs" / "bank-format.md").read_text()
    listed = docs.split("for plurals whose singular is another word")[1].split(";")[0]
    # Words of up to 4 letters ("arms", "odds") never take the rule anyway.
    assert {w for w in PLURALS_OF_THEIR_OWN if len(w) > 4} == {
        w.strip(" \n,") for w in listed.split(":")[1].split("(")[0].split(",")
    }
