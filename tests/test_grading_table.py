"""The precise grader as a teacher would judge it: one table of typed answers.

Questions are built in code after the bundled article bank's (which other
work may rewrite), so the table keeps its meaning whatever the bank says.
"""

from __future__ import annotations

import pytest

from quizapp.core import wordlist
from quizapp.core.grading import grade
from quizapp.core.model import Cloze, Numeric, ShortAnswer, TextPolicy
from quizapp.core.numtext import parse_number

KANTOR_ROLE = ShortAnswer(
    id="kantor-role",
    prompt="Type Mickey Kantor's title.",
    answers=(
        "U.S. Trade Representative",
        "USTR",
        "US Trade Representative",
        "United States Trade Representative",
        "Trade Representative",
    ),
)
KANTOR = ShortAnswer(id="kantor", prompt="Who?", answers=("Mickey Kantor", "Kantor"))
BROWN = ShortAnswer(id="brown", prompt="Who?", answers=("Ronald H. Brown", "Ronald Brown", "Brown"))
HASHIMOTO = ShortAnswer(id="hashimoto", prompt="Who?", answers=("Ryutaro Hashimoto", "Hashimoto"))
HASHIMOTO_MARKED = ShortAnswer(
    id="hashimoto-marked",
    prompt="Who?",
    answers=("Ryutaro Hashimoto",),
    names=(("Ryutaro Hashimoto", 1, True),),
)
HASHIMOTO_FULL_ONLY = ShortAnswer(
    id="hashimoto-full",
    prompt="Who?",
    answers=("Ryutaro Hashimoto",),
    names=(("Ryutaro Hashimoto", 1, False),),
)
GARCIA_MARQUEZ = ShortAnswer(
    id="gm",
    prompt="Who?",
    answers=("Gabriel García Márquez",),
    names=(("Gabriel García Márquez", 2, True),),
)
SHAPIRO = ShortAnswer(
    id="shapiro",
    prompt="What is Ira Shapiro's title?",
    answers=(
        "U.S. Trade Representative General Counsel",
        "USTR General Counsel",
        "General Counsel",
    ),
)
AGREEMENTS = ShortAnswer(
    id="agreements",
    prompt="What kind of agreements?",
    answers=(
        "voluntary purchase agreements",
        "purchase agreements",
        "voluntary purchase agreement",
        "voluntary agreements",
    ),
)
CONFIDENCE = ShortAnswer(id="confidence", prompt="Give them what?", answers=("confidence",))
US_MADE = ShortAnswer(id="us-made", prompt="Parts made where?", answers=("U.S.-made", "US-made"))
AUDIENCE = ShortAnswer(
    id="audience",
    prompt="Which group?",
    answers=("National Association of Farm Broadcasters", "Farm Broadcasters"),
)
COMMERCE = ShortAnswer(id="commerce", prompt="Brown's post?", answers=("Secretary of Commerce",))
TOKYO = ShortAnswer(id="tokyo", prompt="Where?", answers=("Tokyo",))
HAGUE = ShortAnswer(id="hague", prompt="Where?", answers=("The Hague",))
LETTER_A = ShortAnswer(id="letter", prompt="Which vitamin?", answers=("A",))
COLOUR = ShortAnswer(id="colour", prompt="What?", answers=("colour",))
DEFENSE = ShortAnswer(id="defense", prompt="What?", answers=("Department of Defense",))
SECTION = ShortAnswer(id="section", prompt="Which law?", answers=("Section 301",))
POSSIBLE = ShortAnswer(id="possible", prompt="What?", answers=("possible",))
LEGAL = ShortAnswer(id="legal", prompt="What?", answers=("legal trade practices",))
FAIR = ShortAnswer(id="fair", prompt="What?", answers=("fair trade",))
AGREE = ShortAnswer(id="agree", prompt="What?", answers=("agree to talks",))

DEFICIT = Numeric(
    id="deficit",
    prompt="How large is the annual U.S. trade deficit with Japan, in **billions of dollars**?",
    answer=60,
    unit="billion dollars",
)
DEFICIT_NO_RATE = Numeric(
    id="deficit-total",
    prompt="How large was the trade deficit, in billions of dollars?",
    answer=60,
    unit="billion dollars",
)
DEFICIT_PER_YEAR_UNIT = Numeric(
    id="deficit-rate", prompt="How large is the deficit?", answer=60, unit="billion dollars a year"
)
DEFICIT_IN_DOLLARS = Numeric(
    id="deficit-dollars", prompt="How large is the deficit?", answer=60e9, unit="dollars"
)
OFFICIALS = Numeric(
    id="officials", prompt="How many **U.S.** officials does the article name?", answer=4
)
HEIGHT = Numeric(id="height", prompt="How tall?", answer=5, unit="metres")

RIGHT = [
    # The refused right answers.
    (KANTOR_ROLE, "the U.S. Trade Representative"),
    (KANTOR, "Mr. Kantor"),
    (HASHIMOTO, "Hashimoto Ryutaro"),
    (DEFICIT, "$60B"),
    (DEFICIT, "US$60 billion"),
    (DEFICIT, "60 bln"),
    (DEFICIT, "60 billion a year"),
    (OFFICIALS, "4 officials"),
    # Articles and honorifics.
    (KANTOR_ROLE, "The US trade representative"),
    (KANTOR, "Mr Kantor"),
    (KANTOR, "mr. mickey kantor"),
    (KANTOR, "Dr. Kantor"),
    (HASHIMOTO, "Mr. Hashimoto"),
    (SHAPIRO, "the General Counsel"),
    (AUDIENCE, "the National Association of Farm Broadcasters"),
    (HAGUE, "The Hague"),
    (HAGUE, "Hague"),
    (HAGUE, "the hague"),
    (LETTER_A, "A"),
    (LETTER_A, "a"),
    # People's names in either order.
    (HASHIMOTO, "Hashimoto, Ryutaro"),
    (HASHIMOTO, "HASHIMOTO RYUTARO"),
    (HASHIMOTO, "Ryutaro Hashimotto"),
    (HASHIMOTO, "Hashimoto Ryutaru"),
    (HASHIMOTO_MARKED, "Hashimoto Ryutaro"),
    (HASHIMOTO_MARKED, "Hashimoto"),
    (HASHIMOTO_MARKED, "Ryutaro Hashimoto"),
    (HASHIMOTO_FULL_ONLY, "Hashimoto Ryutaro"),
    (GARCIA_MARQUEZ, "Garcia Marquez, Gabriel"),
    (GARCIA_MARQUEZ, "García Márquez"),
    (KANTOR, "Kantor Mickey"),
    (KANTOR, "Kantor, Mickey"),
    (BROWN, "Brown, Ronald H."),
    (BROWN, "Brown Ronald"),
    # Typos that are not words.
    (KANTOR, "Mickey Kanter"),
    (KANTOR, "Mikcey Kanter"),
    (BROWN, "Ronald H Brwon"),
    (KANTOR_ROLE, "U.S. Trade Represenative"),
    (SHAPIRO, "Genral Counsel"),
    (CONFIDENCE, "confidance"),
    (CONFIDENCE, "Confidence"),
    (AGREEMENTS, "voluntary purchase agreemnts"),
    (AGREEMENTS, "voluntary purchace agreements"),
    (AGREEMENTS, "voluntarypurchase agreements"),
    (AGREEMENTS, "voluntarypurchase agreemnts"),
    (AUDIENCE, "Farm Braodcasters"),
    (COMMERCE, "Secretary of Commrce"),
    (TOKYO, "Tokio"),
    (SECTION, "Sectoin 301"),
    # Abbreviations written another way, spellings of one word.
    (US_MADE, "US made"),
    (US_MADE, "U.S. made"),
    (US_MADE, "us-made"),
    (COLOUR, "color"),
    (DEFENSE, "Department of Defence"),
    # Numbers.
    (DEFICIT, "60"),
    (DEFICIT, "$60 billion"),
    (DEFICIT, "60bn"),
    (DEFICIT, "60 BN"),
    (DEFICIT, "$ 60 B"),
    (DEFICIT, "USD 60bn"),
    (DEFICIT, "60 billion USD"),
    (DEFICIT, "60 billion US dollars"),
    (DEFICIT, "60 billion U.S. dollars"),
    (DEFICIT, "$60 billion per year"),
    (DEFICIT, "60 billion dollars annually"),
    (DEFICIT, "US$ 60 bn a year"),
    (DEFICIT, "$60B/year"),
    (DEFICIT, "60 billion p.a."),
    (DEFICIT, "60,000,000,000"),
    (DEFICIT, "$60,000,000,000 a year"),
    (DEFICIT, "60 thousand million"),
    (DEFICIT, "0.6 hundred billion"),
    (DEFICIT, "60,000 mn"),
    (DEFICIT, "sixty billion"),
    (DEFICIT, "$60-billion"),
    (DEFICIT, "6e10"),
    (DEFICIT_NO_RATE, "60 billion"),
    (DEFICIT_NO_RATE, "$60B"),
    (DEFICIT_PER_YEAR_UNIT, "60 billion dollars a year"),
    (DEFICIT_PER_YEAR_UNIT, "60 a year"),
    (DEFICIT_PER_YEAR_UNIT, "60 annually"),
    (DEFICIT_PER_YEAR_UNIT, "$60bn"),
    (DEFICIT_IN_DOLLARS, "$60B"),
    (DEFICIT_IN_DOLLARS, "60 bln dollars"),
    (DEFICIT_IN_DOLLARS, "60000M"),
    (DEFICIT_IN_DOLLARS, "US$60,000,000,000"),
    (OFFICIALS, "4"),
    (OFFICIALS, "four"),
    (OFFICIALS, "four officials"),
    (OFFICIALS, "4 U.S. officials"),
    (OFFICIALS, "4 official"),
    (HEIGHT, "5 m"),
    (HEIGHT, "5 metres"),
]

WRONG = [
    # The accepted wrong answers.
    (AGREEMENTS, "involuntary purchase agreements"),
    (CONFIDENCE, "conference"),
    (SHAPIRO, "General Consul"),
    (US_MADE, "UK made"),
    (BROWN, "Crown"),
    # Other real words one typo away.
    (BROWN, "Ronald H. Crown"),
    (BROWN, "Ronald Crown"),
    (KANTOR, "Cantor"),
    (KANTOR, "Mickey Cantor"),
    (CONFIDENCE, "confident"),
    (COMMERCE, "Secretary of Commence"),
    (AUDIENCE, "Farm Broadcaster"),
    (TOKYO, "Kyoto"),
    # Negations added or dropped, as prefix or as word.
    (AGREEMENTS, "unvoluntary purchase agreements"),
    (AGREEMENTS, "nonvoluntary purchase agreements"),
    (AGREEMENTS, "non-voluntary purchase agreements"),
    (AGREEMENTS, "in voluntary purchase agreements"),
    (AGREEMENTS, "not voluntary purchase agreements"),
    (POSSIBLE, "impossible"),
    (LEGAL, "illegal trade practices"),
    (LEGAL, "ilegal trade practices"),
    (FAIR, "unfair trade"),
    (FAIR, "unfiar trade"),
    (AGREE, "disagree to talks"),
    # Abbreviations changed, words added or dropped.
    (US_MADE, "UK-made"),
    (US_MADE, "USA made"),
    (US_MADE, "EU made"),
    (KANTOR_ROLE, "UK Trade Representative"),
    (KANTOR_ROLE, "USTA"),
    (KANTOR_ROLE, "Secretary Trade Representative"),
    (KANTOR_ROLE, "Secretary of Commerce"),
    (KANTOR_ROLE, "the"),
    (SECTION, "Section 302"),
    # Names: parts that are not the name.
    (KANTOR, "Mickey"),
    (KANTOR, "Mr."),
    (HASHIMOTO, "Ryutaro"),
    (HASHIMOTO, "Hashimoto Hashimoto"),
    (HASHIMOTO_FULL_ONLY, "Hashimoto"),
    (GARCIA_MARQUEZ, "Marquez"),
    (GARCIA_MARQUEZ, "Gabriel"),
    (BROWN, "Ronald"),
    (LETTER_A, "the"),
    (LETTER_A, "B"),
    # Numbers that are other numbers, currencies or rates.
    (DEFICIT, "60 million"),
    (DEFICIT, "60 mn"),
    (DEFICIT, "$60M"),
    (DEFICIT, "60 trillion"),
    (DEFICIT, "600"),
    (DEFICIT, "6"),
    (DEFICIT, "60 billion yen"),
    (DEFICIT, "¥60 billion"),
    (DEFICIT, "€60bn"),
    (DEFICIT, "60 billion a month"),
    (DEFICIT, "60 or 70 billion"),
    (DEFICIT_NO_RATE, "60 billion a year"),
    (DEFICIT_NO_RATE, "$60B annually"),
    (DEFICIT_IN_DOLLARS, "60"),
    (DEFICIT_IN_DOLLARS, "$60M"),
    (OFFICIALS, "5 officials"),
    (OFFICIALS, "4 million"),
    (OFFICIALS, "4 thousand officials"),
    (OFFICIALS, "40"),
    (OFFICIALS, "4 hundred"),
    (OFFICIALS, "4 dozen"),
    (OFFICIALS, "4 percent"),
    (HEIGHT, "5 km"),
]


def _label(case) -> str:
    question, typed = case
    return f"{question.id}:{typed}"


@pytest.mark.parametrize("question, typed", RIGHT, ids=[_label(c) for c in RIGHT])
def test_right_answers_are_right(question, typed):
    g = grade(question, typed)
    assert g.correct and g.credit == 1.0, (typed, g)


@pytest.mark.parametrize("question, typed", WRONG, ids=[_label(c) for c in WRONG])
def test_wrong_answers_are_wrong(question, typed):
    g = grade(question, typed)
    assert not g.correct and g.credit == 0.0, (typed, g)


def test_the_word_list_is_there():
    # Without it every typo would be refused; the tables above need it.
    assert wordlist.available()
    assert wordlist.is_word("crown") and wordlist.is_word("conference")
    assert not wordlist.is_word("kanter")


@pytest.mark.parametrize(
    "question, typed, note",
    [
        (KANTOR, "Mickey Kanter", "Mickey Kantor"),
        (SHAPIRO, "Genral Counsel", "General Counsel"),
        (HASHIMOTO, "Hashimoto Ryutaru", "Hashimoto Ryutaro"),
        # Looks like a British spelling but is none: a typo, with the note.
        (ShortAnswer(id="s", prompt="p", answers=("sentence",)), "sentense", "sentence"),
    ],
)
def test_a_forgiven_typo_names_the_answer_it_was_taken_for(question, typed, note):
    assert grade(question, typed).note == f"Accepted, but check the spelling: {note}"


@pytest.mark.parametrize(
    "question, typed",
    [
        (KANTOR_ROLE, "the U.S. Trade Representative"),
        (KANTOR, "Mr. Kantor"),
        (HASHIMOTO, "Hashimoto Ryutaro"),
        (COLOUR, "color"),
        (DEFENSE, "Department of Defence"),
        (DEFICIT, "$60B"),
    ],
)
def test_right_forms_that_are_no_typo_carry_no_note(question, typed):
    assert grade(question, typed).note is None


def test_cloze_blanks_follow_the_same_rules():
    q = Cloze(
        id="c",
        prompt="",
        text="{{Mickey Kantor|Kantor}} wants Japan's auto makers to {{renew}} "
        "{{voluntary}} purchase agreements for {{U.S.-made|US-made}} parts.",
    )
    assert grade(q, ["Kantor Mickey", "renew", "voluntary", "US made"]).correct
    assert grade(q, ["Mr. Kantor", "renew", "voluntary", "U.S. made"]).correct
    g = grade(q, ["Kantor", "renew", "involuntary", "UK made"])
    assert not g.correct and g.credit == pytest.approx(0.5)


def test_explicit_max_typos_still_refuses_real_words_and_negations():
    loose = TextPolicy(max_typos=3)
    q = ShortAnswer(id="q", prompt="p", answers=("voluntary purchase agreements",), policy=loose)
    assert grade(q, "volantary purchse agreemnts").correct
    assert not grade(q, "involuntary purchase agreements").correct
    assert not grade(q, "unvoluntery purchase agreements").correct
    exact = ShortAnswer(id="e", prompt="p", answers=("colour",), policy=TextPolicy(max_typos=0))
    assert not grade(exact, "colur").correct


def test_parse_number_tells_unreadable_from_not_this_question():
    assert parse_number("60 billion a year", "billion dollars", prompt="How big?") == []
    assert parse_number("60 billion yen", "billion dollars") == []
    assert parse_number("60 apples", "billion dollars") is None
    assert parse_number("$60B", "billion dollars") == [60.0]
    assert parse_number("4 officials", None, prompt="How many officials?") == [4.0]
    assert parse_number("4 officials", None) is None


def test_a_rate_the_question_did_not_ask_for_is_wrong_without_the_unreadable_note():
    g = grade(DEFICIT_NO_RATE, "60 billion a year")
    assert not g.correct and g.note is None
    g = grade(DEFICIT, "sixty apples")
    assert not g.correct and g.note == "That could not be read as a number."
