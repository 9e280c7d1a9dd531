"""The article bank's typed answers follow the one rule its header states, checked as a
teacher checks them: `quizapp try` on the shipped bank file, one answer after another.

The rule: a learner who shows they know is right (a name by initials or family name
alone, a title without "U.S.", the group's name abbreviated); an answer that names
another person, office or group is wrong (Shapiro's title for Kantor's, a post
without its office, "National Association of Broadcasters")."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.loader import load_bank
from quizapp.core.model import Cloze, ShortAnswer

BANK = Path(__file__).resolve().parent.parent / "question_banks" / "us-japan-auto-talks-1995.yaml"


def verdicts(capsys, question_id: str, *answers: str) -> dict[str, str]:
    """What `quizapp try BANK QUESTION_ID ANSWER...` says of each answer."""
    assert main(["try", str(BANK), question_id, *answers, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    return {row["answer"]: row["verdict"] for row in rows}


def assert_verdicts(capsys, question_id: str, right: list[str], wrong: list[str]) -> None:
    found = verdicts(capsys, question_id, *right, *wrong)
    assert {a: found[a] for a in right} == dict.fromkeys(right, "right")
    assert {a: found[a] for a in wrong} == dict.fromkeys(wrong, "wrong")


@pytest.fixture(scope="module")
def bank():
    result = load_bank(BANK, use_cache=False)
    assert result.problems == []
    assert result.bank is not None
    return result.bank


# Kantor's title as a learner may type it, and titles that are not his.
KANTOR_TITLES = [
    "U.S. Trade Representative",
    "US Trade Representative",
    "United States Trade Representative",
    "the U.S. Trade Representative",
    "Trade Representative",  # found by a tester: Shapiro's "Trade Representative General Counsel" was right
    "trade representative",
    "USTR",
    "U.S. Trade Represenative",  # a typo in a long title
]
NOT_KANTOR_TITLES = [
    "U.S. Trade Representative General Counsel",  # Shapiro's
    "Trade Representative General Counsel",
    "General Counsel",
    "Secretary of Commerce",
    "Undersecretary of Commerce",
    "American Trade Representative",  # not how the office is called
    "Trade Rep",  # a clipped word
    "Trade",
    "Representative",
]


def test_kantor_title_question_takes_the_title_with_or_without_us(capsys):
    assert_verdicts(capsys, "kantor-role-typed", KANTOR_TITLES, NOT_KANTOR_TITLES)


def test_sanctions_question_takes_kantor_by_name_or_title(capsys):
    names = ["Mickey Kantor", "Kantor", "M. Kantor", "M Kantor", "Kantor, Mickey", "Kantor M.", "Mr. Kantor"]
    others = ["R. Kantor", "Mickey", "Brown", "Ronald H. Brown", "Garten", "Shapiro", "Hashimoto"]
    assert_verdicts(capsys, "sanctions-who", names + KANTOR_TITLES, others + NOT_KANTOR_TITLES)


def test_shapiro_title_needs_the_office_he_counsels(capsys):
    right = [
        "U.S. Trade Representative General Counsel",
        "United States Trade Representative General Counsel",
        "Trade Representative General Counsel",
        "USTR General Counsel",
        "USTR's General Counsel",
        "the Trade Representative’s General Counsel",
        "General Counsel to the U.S. Trade Representative",
        "General Counsel of the Trade Representative",
        "General Counsel for USTR",
    ]
    wrong = [
        "General Counsel",  # found by a tester: a post without its office
        "Counsel",
        "U.S. Trade Representative",  # Kantor's
        "Trade Representative",
        "USTR",
        "General Consul",  # another word, not a typo
        "Trade Rep General Counsel",
    ]
    assert_verdicts(capsys, "shapiro-role", right, wrong)


def test_every_kantor_title_form_is_shapiros_with_general_counsel(bank, capsys):
    """The two titles are graded alike: whatever form of Kantor's title the bank
    accepts, that form followed by "General Counsel" is Shapiro's, and neither
    question takes the other's answers."""
    kantor = bank.question("kantor-role-typed")
    shapiro = bank.question("shapiro-role")
    assert isinstance(kantor, ShortAnswer) and isinstance(shapiro, ShortAnswer)
    as_shapiro = [f"{title} General Counsel" for title in kantor.answers]
    assert_verdicts(capsys, "shapiro-role", as_shapiro, list(kantor.answers))
    assert_verdicts(capsys, "kantor-role-typed", list(kantor.answers), list(shapiro.answers))
    # The sanctions question takes Kantor's title in every form the title question does.
    assert_verdicts(capsys, "sanctions-who", list(kantor.answers), list(shapiro.answers))


def test_brown_by_name_initials_or_title(capsys):
    right = [
        "Ronald H. Brown",
        "Ronald Brown",
        "R. H. Brown",  # found by a tester
        "R.H. Brown",
        "RH Brown",
        "R. Brown",
        "Ron Brown",
        "Brown",
        "Brown, Ronald H.",
        "Secretary of Commerce",
        "the Secretary of Commerce",
        "U.S. Secretary of Commerce",
        "Commerce Secretary",
    ]
    wrong = [
        "M. Brown",
        "Ronald",
        "Crown",
        "Kantor",
        "Jeffrey Garten",
        "Undersecretary of Commerce",  # Garten's
        "Secretary",  # a post without its office
        "Commerce",
        "U.S. Trade Representative",
    ]
    assert_verdicts(capsys, "brown-name", right, wrong)


def test_hashimoto_by_name_initials_or_title(capsys):
    right = [
        "Ryutaro Hashimoto",
        "Hashimoto Ryutaro",
        "Hashimoto",
        "R. Hashimoto",
        "Hashimoto, R.",
        "Japan's industry and international trade minister",
        "industry and international trade minister",
        "minister of industry and international trade",
    ]
    wrong = ["Ryutaro", "K. Hashimoto", "Kantor", "trade minister", "finance minister", "minister"]
    assert_verdicts(capsys, "hashimoto-name", right, wrong)


def test_farm_broadcasters_full_abbreviated_or_short(capsys):
    right = [
        "National Assn. of Farm Broadcasters",
        "Natl. Assn. of Farm Broadcasters",  # found by a tester
        "Nat'l Assn of Farm Broadcasters",
        "National Association of Farm Broadcasters",
        "Natl. Association of Farm Broadcasters",
        "National Assoc. of Farm Broadcasters",
        "the Association of Farm Broadcasters",
        "National Farm Broadcasters",
        "Farm Broadcasters",
        "farm broadcasters association",
        "NAFB",
    ]
    wrong = [
        "National Association of Broadcasters",  # another group
        "the broadcasters",
        "broadcasters",
        "farmers",
        "National Assn.",
        "NAB",
        "Farm Bureau",
    ]
    assert_verdicts(capsys, "kantor-audience-typed", right, wrong)


def _typed_variants(bank) -> list[tuple[str, int | None, str]]:
    """(question id, blank number or None, accepted text) for every typed answer."""
    found: list[tuple[str, int | None, str]] = []
    for q in bank.questions:
        if isinstance(q, ShortAnswer):
            found += [(q.id, None, answer) for answer in q.answers]
        elif isinstance(q, Cloze):
            found += [(q.id, n, v) for n, blank in enumerate(q.blanks) for v in blank]
    return found


US_FORMS = re.compile(r"\bU\.S\.(?=\W|$)|\bUnited States\b")


def test_us_and_united_states_are_alike_in_every_typed_answer(bank, capsys):
    """Wherever an accepted answer says "U.S.", "United States" is right too, and the
    other way round (in `access-who`, "United States manufacturers" was wrong)."""
    checked = 0
    for qid, blank, text in _typed_variants(bank):
        if not US_FORMS.search(text):
            continue
        swapped = US_FORMS.sub(lambda m: "United States" if m.group() == "U.S." else "U.S.", text)
        q = bank.question(qid)
        if blank is None:
            typed = swapped
        else:
            # The other blanks as their first answer, this one swapped.
            assert isinstance(q, Cloze)
            typed = " | ".join(
                swapped if n == blank else variants[0] for n, variants in enumerate(q.blanks)
            )
        assert verdicts(capsys, qid, typed) == {typed: "right"}, (qid, text)
        checked += 1
    assert checked >= 10


def test_titles_are_not_taken_for_the_wrong_person(capsys):
    """Each person's title, given for another person's name question, is wrong."""
    assert_verdicts(
        capsys, "brown-name", [], ["Japan's industry and international trade minister", "USTR"]
    )
    assert_verdicts(
        capsys, "hashimoto-name", [], ["Secretary of Commerce", "U.S. Trade Representative", "USTR"]
    )
