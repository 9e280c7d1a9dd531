"""Every typed question of the article bank, with answers a learner would plausibly type:
those that show they know the article are right, those that name another person, office,
group, place, number or action are wrong (the rule in the bank's header). Checked as a
teacher checks them, with `quizapp try` on the shipped bank file.

Who is who in the article: Mickey Kantor, U.S. Trade Representative; Ronald H. Brown,
Secretary of Commerce; Ryutaro Hashimoto, Japan's industry and international trade
minister; Jeffrey Garten, Undersecretary of Commerce; Ira Shapiro, U.S. Trade
Representative General Counsel. A new typed question in the bank needs its lists here
(test_every_typed_question_is_listed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.loader import load_bank
from quizapp.core.model import Cloze, Numeric, ShortAnswer

BANK = Path(__file__).resolve().parent.parent / "question_banks" / "us-japan-auto-talks-1995.yaml"

# question id -> (right, wrong): short answers and the numeric question.
TYPED: dict[str, tuple[list[str], list[str]]] = {
    "kantor-role-typed": (
        [
            "U.S. Trade Representative",
            "US trade representative",
            "United States Trade Representative",
            "Trade Representative",
            "USTR",
            "the U.S. Trade Representative",
            "U.S. Trade Represntative",
        ],
        [
            "Secretary of Commerce",
            "Sec. of Commerce",
            "Undersecretary of Commerce",
            "U.S. Trade Representative General Counsel",
            "General Counsel",
            "Trade Rep",
            "Japan's industry and international trade minister",
            "trade minister",
        ],
    ),
    "brown-name": (
        [
            "Ronald H. Brown",
            "Ron Brown",
            "R. Brown",
            "Brown",
            "Ronald Brwon",
            "Secretary of Commerce",
            "Sec. of Commerce",  # found by the tester
            "Secy. of Commerce",
            "U.S. Sec. of Commerce",
            "Commerce Sec.",
            "the Commerce Secretary",
        ],
        [
            "Mickey Kantor",
            "Jeffrey Garten",
            "Ira Shapiro",
            "Hashimoto",
            "Undersecretary of Commerce",  # Garten's
            "Under Sec. of Commerce",
            "Undersec. of Commerce",
            "Secretary",
            "Sec.",
            "Secretary of State",
            "U.S. Trade Representative",
            "Crown",
        ],
    ),
    "washington": (
        [
            "Washington",
            "in Washington",  # found by the tester
            "In Washington, D.C.",
            "at Washington",
            "from Washington",  # the prompt asks "from which" city
            "Washington DC",
            "Washington, USA",
            "D.C.",
            "Washingtn",
        ],
        [
            "Tokyo",
            "in Tokyo",
            "New York",
            "Washington State",
            "Washington, United State",  # a state is not the United States (re-test)
            "Seattle",
            "Geneva",
            "Japan",
            "in",
        ],
    ),
    "hashimoto-name": (
        [
            "Ryutaro Hashimoto",
            "Hashimoto",
            "Hashimoto Ryutaro",
            "R. Hashimoto",
            "Mr. Hashimoto",
            "Ryutaro Hashimtoo",
            "industry and international trade minister",
            "Japan's minister of industry and international trade",
        ],
        [
            "Mickey Kantor",
            "Kantor",
            "Ryutaro",
            "Ira Shapiro",
            "Ronald Brown",
            "trade minister",
            "Japan's finance minister",
            "Secretary of Commerce",
        ],
    ),
    "shapiro-role": (
        [
            "U.S. Trade Representative General Counsel",
            "United States Trade Representative General Counsel",
            "USTR General Counsel",
            "General Counsel to the USTR",
            "Trade Representative's General Counsel",
            "general counsel of the U.S. Trade Representative",
            "US Trade Representative Genral Counsel",
        ],
        [
            "General Counsel",
            "U.S. Trade Representative",  # Kantor's
            "USTR",
            "Undersecretary of Commerce",  # Garten's
            "Secretary of Commerce",
            "Trade Rep General Counsel",
            "General Consul",
            "Commerce General Counsel",
        ],
    ),
    "renew-what": (
        [
            "voluntary purchase agreements",
            "voluntary purchase agreement",
            "voluntary purchasing agreements",
            "Voluntary Purchase Agreements",
            "the voluntary purchase agreements",
            "voluntary purchase agreemnts",
        ],
        [
            "involuntary purchase agreements",
            "mandatory purchase agreements",
            "voluntary agreements",
            "purchase agreements",
            "trade agreements",
            "voluntary export restraints",
            "voluntary purchase deals",
        ],
    ),
    "sanctions-who": (
        [
            "Mickey Kantor",
            "Kantor",
            "M. Kantor",
            "Kantor, Mickey",
            "Mr. Kantor",
            "Kantro",
            "U.S. Trade Representative",
            "USTR",
        ],
        [
            "Ronald H. Brown",
            "Brown",
            "Hashimoto",
            "Jeffrey Garten",
            "Ira Shapiro",
            "Secretary of Commerce",
            "Trade Representative General Counsel",
            "Japan",
        ],
    ),
    "kantor-audience-typed": (
        [
            "National Assn. of Farm Broadcasters",
            "National Association of Farm Broadcasters",
            "National Association of Farm Broadcaster",  # found by the tester
            "Natl. Assn. of Farm Broadcasters",
            "national farm broadcasters association",
            "the Farm Broadcasters",
            "NAFB",
        ],
        [
            "National Association of Broadcasters",  # another group
            "National Association of Broadcaster",
            "broadcasters",
            "farmers",
            "NAB",
            "Farm Bureau",
            "National Farmers Union",
            "the American people",
        ],
    ),
    "confidence": (
        [
            "confidence",
            "Confidence",
            "self-confidence",
            "self confidence",
            "confidance",
            "the confidence",
        ],
        [
            "conference",
            "confident",
            "hope",
            "jobs",
            "protection",
            "progress",
        ],
    ),
    "deficit-amount": (
        ["60", "$60 billion", "60 billion", "$60B", "sixty", "60 billion dollars", "$60bn"],
        ["6", "600", "60 million", "$60 trillion", "16", "50", "60 billion yen"],
    ),
    "tokyo": (
        [
            "Tokyo",
            "in Tokyo",  # found by the tester, as the next two
            "Tokyo, Japan",
            "Tokyo (Japan)",
            "In Tokyo, Japan",
            "at Tokyo",
            "TOKIO",
        ],
        [
            "Washington",
            "in Washington",
            "Kyoto",
            "Osaka",
            "Tokyo, China",
            "Kyoto, Japan",
            "Japan",
            "Beijing",
            "in",
        ],
    ),
}

# question id -> for each blank, (right, wrong); the other blanks are typed as their
# first accepted answer, so a wrong blank makes the whole "partly right".
BLANKS: dict[str, list[tuple[list[str], list[str]]]] = {
    "brown-discussions": [
        (
            ["auto", "autos", "cars", "car", "automobiles", "Auto"],
            ["trade", "currency", "sanctions", "agriculture", "steel", "the yen"],
        ),
        (
            ["auto parts", "car parts", "automobile parts", "automotive parts", "parts", "autoparts",
             # The singular, any form of the article's words (the header's rule; an
             # outside tester's "auto part" was half right).
             "auto part", "car part", "automobile part"],
            ["farm products", "semiconductors", "rice", "currency", "steel", "electronics"],
        ),
    ],
    "agreements-spell-out": [
        (
            ["boost", "boosts", "increase", "raise", "expand", "grow", "increasing", "Boost"],
            ["cut", "reduce", "limit", "decrease", "end", "halt", "lower", "boots"],
        ),
        (
            [
                "U.S.-made",
                "USA-made",  # found by the tester, as the next one
                "U.S.A.-made",
                "American-made",
                "US made",
                "American",
                "United States-made",
                "Amercan-made",
            ],
            [
                "Japanese-made",
                "UK-made",
                "U.K.-made",
                "Japanese",
                "foreign",
                "imported",
                "European-made",
                "Japan-made",
            ],
        ),
    ],
    "access-who": [
        (
            [
                "American manufacturers",
                "American car manufacturers",  # found by the tester, as the next two
                "US auto manufacturers",
                "American companies",
                "U.S. auto makers",
                "U.S. carmakers",
                "United States manufacturers",
                "American firms",
                "American car firms",  # found by a learner-tester, as "dealer" and "auto dealer"
            ],
            [
                "Japanese manufacturers",
                "Japanese automakers",
                "American consumers",
                "American dealers",
                "American farmers",
                "European manufacturers",
                "American workers",
                "Japan's car dealers",
            ],
        ),
        (
            ["car dealers", "auto dealers", "dealers", "dealerships", "car dealer", "car delaers",
             "dealer", "auto dealer", "car dealership"],
            ["consumers", "banks", "car makers", "factories", "manufacturers", "farmers"],
        ),
    ],
}


def verdicts(capsys, question_id: str, answers: list[str]) -> dict[str, str]:
    """What `quizapp try BANK QUESTION_ID ANSWER...` says of each answer."""
    assert main(["try", str(BANK), question_id, *answers, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    return {row["answer"]: row["verdict"] for row in rows}


def test_every_typed_question_is_listed():
    result = load_bank(BANK, use_cache=False)
    assert result.bank is not None
    typed = {q.id for q in result.bank.questions if isinstance(q, ShortAnswer | Numeric)}
    cloze = {q.id: len(q.blanks) for q in result.bank.questions if isinstance(q, Cloze)}
    assert set(TYPED) == typed
    assert {qid: len(blanks) for qid, blanks in BLANKS.items()} == cloze


@pytest.mark.parametrize("question_id", sorted(TYPED))
def test_typed_question_takes_what_shows_knowledge_and_nothing_else(capsys, question_id):
    right, wrong = TYPED[question_id]
    assert len(right) >= 5 and len(wrong) >= 5
    found = verdicts(capsys, question_id, right + wrong)
    assert {a: found[a] for a in right} == dict.fromkeys(right, "right")
    assert {a: found[a] for a in wrong} == dict.fromkeys(wrong, "wrong")


def _typed_blanks(question_id: str, blank: int, typed: str) -> str:
    """The cloze response for `quizapp try`: this blank typed, the others as the bank's
    first accepted answer."""
    result = load_bank(BANK, use_cache=False)
    assert result.bank is not None
    q = result.bank.question(question_id)
    assert isinstance(q, Cloze)
    return " | ".join(typed if n == blank else v[0] for n, v in enumerate(q.blanks))


@pytest.mark.parametrize(
    ("question_id", "blank"),
    [(qid, n) for qid, blanks in sorted(BLANKS.items()) for n in range(len(blanks))],
)
def test_cloze_blank_takes_what_shows_knowledge_and_nothing_else(capsys, question_id, blank):
    right, wrong = BLANKS[question_id][blank]
    assert len(right) >= 5 and len(wrong) >= 5
    typed = {a: _typed_blanks(question_id, blank, a) for a in right + wrong}
    found = verdicts(capsys, question_id, list(typed.values()))
    assert {a: found[typed[a]] for a in right} == dict.fromkeys(right, "right")
    assert {a: found[typed[a]] for a in wrong} == dict.fromkeys(wrong, "partly right")
