"""Example-based tests of grading, written from the 1995 Reuters auto-trade article."""

import json

import pytest

from quizapp.core.grading import (
    Grade,
    expected_response,
    format_number,
    grade,
    parse_number,
    readable_response,
    score,
)
from quizapp.core.model import (
    Choice,
    Cloze,
    Flashcard,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    Ordering,
    ShortAnswer,
    TextPolicy,
    TrueFalse,
)
from quizapp.core.textmatch import default_max_typos, edit_distance, matches, normalise

MC = MultipleChoice(
    id="mc",
    prompt="Who was Secretary of Commerce?",
    choices=(
        Choice(text="Mickey Kantor", feedback="Kantor was the Trade Representative."),
        Choice(text="Ronald H. Brown"),
        Choice(text="Bill Clinton"),
    ),
    correct=1,
)
MS = MultipleSelect(
    id="ms",
    prompt="Which markets does the U.S. want opened?",
    choices=(
        Choice(text="car dealers"),
        Choice(text="replacement parts", feedback="Yes, tightly controlled."),
        Choice(text="rice"),
        Choice(text="semiconductors"),
    ),
    correct=(0, 1),
)
SA = ShortAnswer(
    id="sa", prompt="Who said 'one way or another'?", answers=("Mickey Kantor", "Kantor")
)
NUM = Numeric(id="num", prompt="Trade deficit?", answer=60, unit="billion dollars")
MATCH = Matching(
    id="m",
    prompt="Match",
    pairs=(("Brown", "Commerce"), ("Kantor", "Trade Representative"), ("Reuters", "news agency")),
)
ORDER = Ordering(id="o", prompt="Order", items=("a", "b", "c", "d"))
CLOZE = Cloze(
    id="c",
    prompt="",
    text="{{Kantor}} spoke to the Farm {{Broadcasters|broadcasters' association}}.",
)


def test_multiple_choice_right_wrong_and_feedback():
    g = grade(MC, 1)
    assert g == Grade(True, 1.0, "Ronald H. Brown", None)
    g = grade(MC, 0)
    assert not g.correct and g.credit == 0
    assert g.feedback == "Kantor was the Trade Representative."
    assert g.expected == "Ronald H. Brown"


@pytest.mark.parametrize("bad", [None, -1, 3, 1.0, True, "1", [1], object()])
def test_multiple_choice_malformed_is_wrong(bad):
    g = grade(MC, bad)
    assert (g.correct, g.credit) == (False, 0.0)


def test_multiple_select_partial_credit():
    assert grade(MS, [0, 1]).correct
    assert grade(MS, (1, 0, 1)).credit == 1.0
    g = grade(MS, [0])
    assert (g.correct, g.credit) == (False, 0.5)
    assert grade(MS, [0, 1, 2]).credit == 0.5  # one wrong pick cancels one right pick
    assert grade(MS, [0, 2]).credit == 0.0
    assert grade(MS, [2, 3]).credit == 0.0  # floored at 0, never negative
    assert grade(MS, []).credit == 0.0
    assert grade(MS, [1]).feedback == "Yes, tightly controlled."


@pytest.mark.parametrize("bad", [None, 1, "01", [0, 9], [0, -1], [True], {"a": 1}, [0.0, 1.0]])
def test_multiple_select_malformed_is_wrong(bad):
    assert grade(MS, bad).credit == 0.0


def test_multiple_select_without_right_choices():
    q = MultipleSelect(id="x", prompt="p", choices=(Choice(text="a"), Choice(text="b")), correct=())
    assert grade(q, []).correct
    assert not grade(q, [0]).correct


def test_true_false():
    q = TrueFalse(id="tf", prompt="Talks were in Tokyo", answer=True)
    assert grade(q, True).correct
    assert not grade(q, False).correct
    assert grade(q, 1).credit == 0.0  # only a real bool is an answer
    assert grade(q, None).expected == "True"


@pytest.mark.parametrize(
    "typed",
    [
        "Kantor",
        "kantor",
        "  MICKEY   kantor ",
        "Kantór",
        "Mickey Kantor.",
        "Mickey Kanter",
        "Mikcey Kantor",
    ],
)
def test_short_answer_accepted(typed):
    assert grade(SA, typed).correct


@pytest.mark.parametrize("typed", ["Brown", "", "Kan", "Kantorxyz", None, 5, ["Kantor"]])
def test_short_answer_rejected(typed):
    assert not grade(SA, typed).correct


def test_short_answer_typo_note_and_exact_has_none():
    assert grade(SA, "Mickey Kanter").note
    assert grade(SA, "kantor").note is None


def test_punctuation_us_equals_u_s():
    q = ShortAnswer(id="us", prompt="p", answers=("U.S.",))
    assert grade(q, "US").correct
    assert grade(q, "u.s").correct
    assert grade(q, "U. S.").correct
    q2 = ShortAnswer(id="usj", prompt="p", answers=("U.S.-Japan",))
    assert grade(q2, "US Japan").correct
    assert grade(q2, "us-japan").correct


def test_policy_is_respected():
    strict = TextPolicy(
        case_sensitive=True, ignore_accents=False, ignore_punctuation=False, max_typos=0
    )
    q = ShortAnswer(id="s", prompt="p", answers=("Café",), policy=strict)
    assert grade(q, "Café").correct
    assert grade(q, " Café ").correct  # outer whitespace never matters
    assert not grade(q, "café").correct
    assert not grade(q, "Cafe").correct
    assert not grade(q, "Café.").correct
    loose = ShortAnswer(
        id="l", prompt="p", answers=("tightly controlled",), policy=TextPolicy(max_typos=4)
    )
    assert grade(loose, "tihgtly contorled").correct


def test_case_sensitive_answers_keep_their_case_with_typos_and_spellings():
    # A case-sensitive answer was matched case-blind whenever the typed word is an English
    # word (the British/American spelling check lowercased both sides: "co" for "CO"), and
    # a case difference counted as a forgivable typo ("hashimoto" for "Hashimoto").
    cs = TextPolicy(case_sensitive=True)
    symbol = ShortAnswer(id="co", prompt="Carbon monoxide?", answers=("CO",), policy=cs)
    assert grade(symbol, "CO").correct
    assert not grade(symbol, "Co").correct
    assert not grade(symbol, "co").correct
    sodium = ShortAnswer(id="na", prompt="Sodium?", answers=("Na",), policy=cs)
    assert not grade(sodium, "nA").correct and not grade(sodium, "NA").correct
    who = ShortAnswer(id="pm", prompt="Japan's trade minister?", answers=("Hashimoto",), policy=cs)
    assert not grade(who, "hashimoto").correct
    assert not grade(who, "hashimotto").correct  # a typo and a wrong case
    assert grade(who, "Hashimotto").correct  # a typo alone is still forgiven
    city = ShortAnswer(id="t", prompt="p", answers=("Tokyo",), policy=cs)
    assert not grade(city, "tokyo").correct and not grade(city, "TOKYO").correct
    # British and American spellings still agree when written in the same case.
    colour = ShortAnswer(id="c", prompt="p", answers=("Colour",), policy=cs)
    assert grade(colour, "Color").correct
    assert not grade(colour, "color").correct
    # Without case_sensitive nothing changes.
    assert grade(ShortAnswer(id="co2", prompt="p", answers=("CO",)), "co").correct
    gaps = Cloze(id="cz", prompt="", text="Cobalt is {{Co}}, carbon monoxide {{CO}}.", policy=cs)
    assert grade(gaps, ["Co", "CO"]).correct
    assert not grade(gaps, ["CO", "Co"]).correct


def test_case_sensitive_forgives_a_typo_only_in_the_answers_case():
    # A wrong case hidden in another typo was forgiven: "jashimoto" and "rokyo" are one
    # substitution from "Hashimoto" and "Tokyo" with case or without (re-test).
    cs = TextPolicy(case_sensitive=True)
    gaps = Cloze(id="h", prompt="", text="{{Hashimoto}} / {{CO}} / {{Tokyo}}", policy=cs)
    assert grade(gaps, ["Hashimoto", "CO", "Tokyo"]).credit == 1
    assert grade(gaps, ["hashimoto", "CO", "Tokyo"]).credit == pytest.approx(2 / 3)
    assert grade(gaps, ["jashimoto", "CO", "Tokyo"]).credit == pytest.approx(2 / 3)
    assert grade(gaps, ["Hashimoto", "CO", "rokyo"]).credit == pytest.approx(2 / 3)
    assert grade(gaps, ["Hashimotto", "CO", "Tokio"]).credit == 1
    who = ShortAnswer(id="pm", prompt="p", answers=("Hashimoto",), policy=cs)
    for typed in ("HASHIMOTTO", "HashimOto", "Jashimoto"):
        assert grade(who, typed).correct == (typed == "Jashimoto"), typed
    upper = ShortAnswer(id="u", prompt="p", answers=("NAFTA",), policy=cs)
    assert grade(upper, "NAFTTA").correct is False  # an abbreviation is never a typo
    lower = ShortAnswer(id="l", prompt="p", answers=("tokyo",), policy=cs)
    assert grade(lower, "tokio").correct
    assert not grade(lower, "Tokio").correct and not grade(lower, "tOkio").correct
    # Mixed case: every letter aligned with the answer's keeps the answer's case.
    mixed = ShortAnswer(id="m", prompt="p", answers=("McDonald",), policy=cs)
    assert grade(mixed, "McDonnald").correct
    for typed in ("mcDonald", "Mcdonald", "McDOnald", "Mcdonnald", "MCDONNALD"):
        assert not grade(mixed, typed).correct, typed
    # Words run together are held to the same: "garmBroadcasters" hides a case slip.
    farm = ShortAnswer(id="f", prompt="p", answers=("Farm Broadcasters",), policy=cs)
    assert grade(farm, "FarmBroadcastrs").correct
    for typed in ("garmBroadcasters", "farmBroadcastrs", "FarmbroadCasters"):
        assert not grade(farm, typed).correct, typed


def test_case_sensitive_takes_ss_for_sharp_s_as_the_default_does():
    # "Hauptstrasse" was exact for "Hauptstraße" by default (casefold spells ß "ss")
    # but wrong with case_sensitive (re-test).
    cs = TextPolicy(case_sensitive=True)
    street = ShortAnswer(id="s", prompt="p", answers=("Hauptstraße",), policy=cs)
    for typed in ("Hauptstraße", "Hauptstrasse"):
        g = grade(street, typed)
        assert g.correct and g.note is None, typed
    assert not grade(street, "hauptstrasse").correct
    assert not grade(street, "HauptstraSSe").correct
    capitals = ShortAnswer(id="c", prompt="p", answers=("HAUPTSTRASSE",), policy=cs)
    for typed in ("HAUPTSTRAẞE", "HAUPTSTRAßE", "HAUPTSTRASSE"):
        g = grade(capitals, typed)
        assert g.correct and g.note is None, typed
    assert not grade(capitals, "Hauptstraße").correct
    plain = ShortAnswer(id="p", prompt="p", answers=("Hauptstraße",))
    assert grade(plain, "Hauptstrasse").correct and grade(plain, "HAUPTSTRASSE").correct


def test_typo_defaults_by_length():
    assert default_max_typos("auto") == 0
    assert default_max_typos("Kantor") == 1
    assert default_max_typos("automotive") == 2
    short = ShortAnswer(id="s", prompt="p", answers=("Ford",))
    assert not grade(short, "Fort").correct
    long = ShortAnswer(id="l", prompt="p", answers=("negotiators",))
    assert grade(long, "negotaitors").correct  # a swap is one edit
    assert grade(long, "negociatros").correct
    assert not grade(long, "navigators").correct


def test_no_typos_in_numbers():
    q = ShortAnswer(id="y", prompt="Year?", answers=("19951995",))
    assert not grade(q, "19951996").correct
    q2 = ShortAnswer(id="s", prompt="p", answers=("Section 301",))
    assert grade(q2, "Sectoin 301").correct
    assert not grade(q2, "Section 302").correct
    assert not grade(q2, "Section 3011").correct


def test_edit_distance_matches_reference_and_bound():
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("ab", "ba") == 1
    assert edit_distance("", "abc") == 3
    assert edit_distance("kitten", "sitting", bound=1) == 2  # "more than 1"
    assert edit_distance("a" * 5000, "b" * 5000, bound=2) == 3


def test_normalise():
    p = TextPolicy()
    assert normalise("  Ｆｕｌｌ　Wídth, ok? ", p) == "full width ok"
    assert matches("email", "e-mail", p) == (True, True)


def test_numeric_readings():
    for typed in [
        "60",
        "60 billion",
        "$60",
        "$60-billion",
        "60 billion dollars",
        " 60.0 ",
        60,
        60.0,
        "6e1",
        "60,000,000,000",
    ]:
        assert grade(NUM, typed).correct, typed
    for typed in [
        "61",
        "60 million",
        "lots",
        "sixty-one",
        "60 apples",
        "nan",
        "inf",
        float("nan"),
        float("inf"),
        True,
        None,
        "",
        "6O",
    ]:
        assert not grade(NUM, typed).correct, typed
    assert grade(NUM, "lots").note
    assert grade(NUM, "60").expected == "60 billion dollars"


def test_numeric_tolerance_decimal_comma_and_scale():
    q = Numeric(id="n", prompt="p", answer=2.5, tolerance=0.1)
    assert grade(q, "2,5").correct
    assert grade(q, "2.6").correct
    assert grade(q, "2,4").correct
    assert not grade(q, "2.7").correct
    assert grade(q, 2.5).expected == "2.5 (± 0.1)"
    big = Numeric(id="b", prompt="p", answer=60e9)
    assert grade(big, "60 billion").correct
    assert grade(big, "6.0E+10").correct
    assert grade(big, "6 x 10^10").correct
    assert grade(big, "60 000 000 000").correct
    assert not grade(big, "60").correct
    # the float slack is a few units in the last place, not a tolerance of its own
    exact = Numeric(id="x", prompt="p", answer=12345678901)
    assert grade(exact, "12345678901").correct
    assert not grade(exact, "12345678902").correct
    tiny = Numeric(id="t", prompt="p", answer=1.6e-19)
    assert grade(tiny, "1.6e-19").correct and grade(tiny, "0.16e-18").correct
    assert not grade(tiny, "0").correct
    assert grade(Numeric(id="f", prompt="p", answer=0.3), 0.1 + 0.2).correct
    pct = Numeric(id="p", prompt="p", answer=40, unit="%")
    assert grade(pct, "40%").correct and grade(pct, "40 percent").correct


def test_parse_number_separators():
    assert parse_number("1,000") == [1000.0]  # three digits after one comma: thousands
    assert parse_number("1,5") == [1.5]
    assert parse_number("1.000,5") == [1000.5]
    assert parse_number("1,000.5") == [1000.5]
    assert parse_number("1.000.000") == [1e6]
    assert parse_number("1,00,0") is None
    assert parse_number("-$5") == [-5.0]
    assert parse_number("−5") == [-5.0]
    assert parse_number("1e999") is None
    assert parse_number("--5") is None


def test_format_number_round_trips():
    for v in [0.0, 60.0, -3.25, 1e20, 1.5e-7, 123456789.125]:
        assert parse_number(format_number(v))[0] == v


def test_matching_share_of_pairs():
    assert grade(MATCH, [0, 1, 2]).correct
    g = grade(MATCH, [1, 0, 2])
    assert (g.correct, g.credit) == (False, pytest.approx(1 / 3))
    assert grade(MATCH, [0, None, None]).credit == pytest.approx(1 / 3)
    assert grade(MATCH, [0]).credit == pytest.approx(1 / 3)
    assert grade(MATCH, [0, 1, 7]).credit == 0
    assert grade(MATCH, [0, 1, 2, 0]).credit == 0
    dup = Matching(
        id="d", prompt="p", pairs=(("Brown", "U.S."), ("Kantor", "U.S."), ("Hashimoto", "Japan"))
    )
    assert grade(dup, [1, 0, 2]).correct  # the same right-hand text is interchangeable


def test_ordering_lis_credit():
    assert grade(ORDER, [0, 1, 2, 3]).correct
    assert grade(ORDER, [3, 2, 1, 0]).credit == 0.0
    g = grade(ORDER, [3, 0, 1, 2])  # last item dragged to the top
    assert (g.correct, g.credit) == (False, pytest.approx(2 / 3))
    assert grade(ORDER, [0, 1, 3, 2]).credit == pytest.approx(2 / 3)
    for bad in [[0, 1, 2], [0, 0, 1, 2], [0, 1, 2, 4], "0123", None, [0, 1, 2, 3.0]]:
        assert grade(ORDER, bad).credit == 0.0
    dup = Ordering(id="d", prompt="p", items=("talks", "x", "talks"))
    assert grade(dup, [2, 1, 0]).correct


def test_cloze_per_blank():
    assert CLOZE.blanks == (("Kantor",), ("Broadcasters", "broadcasters' association"))
    assert grade(CLOZE, ["kantor", "broadcasters association"]).correct
    g = grade(CLOZE, ["Kantor", "farmers"])
    assert (g.correct, g.credit) == (False, 0.5)
    assert grade(CLOZE, ["Kantor"]).credit == 0.5
    assert grade(CLOZE, ["Kantor", None]).credit == 0.5
    assert grade(CLOZE, "Kantor").credit == 0.0
    assert grade(CLOZE, []).expected == "Kantor; Broadcasters"


def test_flashcard_rating():
    card = Flashcard(id="f", prompt="Who is Mickey Kantor?", back="U.S. Trade Representative")
    assert not grade(card, 1).correct
    for r in (2, 3, 4):
        g = grade(card, r)
        assert g.correct and g.credit == 1.0 and g.expected == "U.S. Trade Representative"
    for bad in (0, 5, "3", None, 3.0, True):
        assert grade(card, bad).credit == 0.0


def test_score_weights_points():
    heavy = ShortAnswer(id="h", prompt="p", answers=("Kantor",), points=3)
    light = TrueFalse(id="l", prompt="p", answer=True, points=1)
    assert score([(heavy, grade(heavy, "Kantor")), (light, grade(light, False))]) == 0.75
    assert score([(heavy, None), (light, grade(light, True))]) == 0.25
    assert score([]) == 0.0


def test_readable_response_texts_and_json():
    card = Flashcard(id="f", prompt="front", back="back")
    cases = [
        (MC, 1, "Ronald H. Brown"),
        (MS, [1, 0], ["car dealers", "replacement parts"]),
        (SA, "Kantor", "Kantor"),
        (NUM, "$60 billion", "$60 billion"),
        (NUM, 60.5, 60.5),
        (
            MATCH,
            [1, None, 2],
            [["Brown", "Trade Representative"], ["Kantor", None], ["Reuters", "news agency"]],
        ),
        (ORDER, [1, 0, 2, 3], ["b", "a", "c", "d"]),
        (CLOZE, ["a", "b"], ["a", "b"]),
        (card, 3, "Good"),
        (MC, 99, 99),
        (MC, None, None),
        (NUM, float("nan"), "nan"),
        (MS, object, None),
    ]
    for q, response, want in cases:
        got = readable_response(q, response)
        json.dumps(got, allow_nan=False)
        if want is not None or response is None:
            assert got == want, (q.id, response)


@pytest.mark.parametrize(
    "q",
    [
        MC,
        MS,
        SA,
        NUM,
        MATCH,
        ORDER,
        CLOZE,
        TrueFalse(id="t", prompt="p", answer=False),
        Flashcard(id="f", prompt="p", back="b"),
    ],
)
def test_expected_response_is_correct(q):
    assert grade(q, expected_response(q)).correct


def test_blank_is_never_right_and_punctuation_only_answers_keep_their_marks():
    q = ShortAnswer(id="p", prompt="Which mark ends a question?", answers=("?",))
    assert grade(q, "?").correct
    assert not grade(q, "").correct and not grade(q, "   ").correct
    assert not grade(q, "!").correct
    assert not grade(SA, " . ").correct
    assert not grade(CLOZE, ["", ""]).correct


def test_numbers_in_words():
    q = Numeric(id="n", prompt="How many U.S. officials are named?", answer=4)
    assert grade(q, "four").correct and grade(q, "Four").correct
    assert not grade(q, "fourteen").correct
    assert parse_number("twenty-one") == [21.0]
    assert parse_number("two hundred and six") == [206.0]
    assert parse_number("four and five") is None
    assert grade(NUM, "sixty billion dollars").correct
    assert not grade(NUM, "sixty million").correct


def _broken(response_or_question, *_args):
    raise RuntimeError("the grader has a bug")


def test_a_grader_that_raises_marks_wrong_and_logs_the_exception(monkeypatch, caplog):
    """A kind's grader must never raise; one that does (a bug) still marks the learner,
    wrong, but the traceback is logged instead of swallowed."""
    import dataclasses
    import logging

    from quizapp.core.kinds import KINDS

    q = TrueFalse(id="t-broken", prompt="Japan agreed to the 1995 deal.", answer=True)
    monkeypatch.setitem(KINDS, "true_false",
                        dataclasses.replace(KINDS["true_false"], grade=_broken,
                                            readable=_broken))
    with caplog.at_level(logging.ERROR, logger="quizapp.core.grading"):
        result = grade(q, True)
        stored = readable_response(q, True)
    assert not result.correct and result.credit == 0
    assert stored is True  # kept as it came, not lost
    logged = [r for r in caplog.records if r.name == "quizapp.core.grading"]
    messages = [r.getMessage() for r in logged]
    assert any("true_false grader raised on question 't-broken'" in m for m in messages)
    assert any("could not make the response to question 't-broken' readable" in m
               for m in messages)
    assert all(r.exc_info and "the grader has a bug" in str(r.exc_info[1]) for r in logged)
