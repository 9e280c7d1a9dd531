"""A short answer made of two of the question's accepted answers, one after the other, is
right: a title and a name as the article writes them ("Secretary of Commerce Ronald H.
Brown", "Ryutaro Hashimoto, Japan's industry and international trade minister"), or an
answer and its initialism ("US Trade Representative (USTR)"). Found by an outside tester:
these were graded wrong, though the question's own explanation used the very words. A half
that is not itself accepted (another person's title, "or Brown") leaves the answer wrong.
Before a name, the post of an accepted title is a title too ("Secretary Brown", "Minister
Hashimoto"), never another post ("Undersecretary Brown") nor a word that is no post."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import make_screen, press, recorded
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from quizapp.cli import main
from quizapp.core.grading import grade
from quizapp.core.loader import load_bank
from quizapp.core.model import Cloze, ShortAnswer
from quizapp.core.quiz_session import QuizSession

BANK = Path(__file__).resolve().parent.parent / "question_banks" / "us-japan-auto-talks-1995.yaml"

# question id -> (right, wrong), as a learner types them.
TOGETHER: dict[str, tuple[list[str], list[str]]] = {
    "brown-name": (
        [
            "Secretary of Commerce Ronald H. Brown",  # the article's words
            "Ronald H. Brown, Secretary of Commerce",
            "Commerce Secretary Ron Brown",
            "Brown (Secretary of Commerce)",
            "U.S. Secretary of Commerce R. H. Brown",
        ],
        [
            "Undersecretary of Commerce Brown",  # Garten's title
            "Secretary of State Brown",
            "Brown or Kantor",
            "Kantor Brown",
            "Secretary of Commerce Jeffrey Garten",
            "Brown Brown",
        ],
    ),
    "sanctions-who": (
        [
            "U.S. Trade Representative Mickey Kantor",  # the article's words
            "Mickey Kantor, the U.S. Trade Representative",
            "Trade Representative Kantor",
            "Kantor (USTR)",
            "USTR Mickey Kantor",
        ],
        [
            "General Counsel Kantor",
            "Secretary of Commerce Kantor",
            "Hashimoto Kantor",
            "Kantor and Brown",
            "Mickey Kantor Kantor",
        ],
    ),
    "hashimoto-name": (
        [
            "Ryutaro Hashimoto, Japan's industry and international trade minister",
            "Japan's industry and international trade minister Ryutaro Hashimoto",
            "Hashimoto (minister of industry and international trade)",
            "industry and international trade minister Hashimoto",
            "Japanese industry and international trade minister R. Hashimoto",
        ],
        [
            "Japan's finance minister Hashimoto",
            "Hashimoto Hashimoto",
            "Ryutaro Hashimoto Hashimoto",
            "Hashimoto, Kantor",
            "Kantor, Japan's industry and international trade minister",
        ],
    ),
    "kantor-role-typed": (
        [
            "US Trade Representative (USTR)",
            "USTR (U.S. Trade Representative)",
            "United States Trade Representative, USTR",
            "U.S. Trade Representative / USTR",
            "Trade Representative (USTR)",
        ],
        [
            "U.S. Trade Representative General Counsel",  # Shapiro's
            "USTR General Counsel",
            "Secretary of Commerce, USTR",
            "USTR USTR",
            "Undersecretary of Commerce (USTR)",
        ],
    ),
    "kantor-audience-typed": (
        [
            "National Association of Farm Broadcasters (NAFB)",
            "NAFB, the National Association of Farm Broadcasters",
            "National Assn. of Farm Broadcasters (NAFB)",
            "Farm Broadcasters (NAFB)",
            "NAFB National Farm Broadcasters",
        ],
        [
            "National Association of Broadcasters (NAB)",  # another group
            "National Association of Broadcasters (NAFB)",
            "farmers (NAFB)",
            "NAFB NAFB",
            "National Farmers Union (NAFB)",
        ],
    ),
}


# A post before a name, the last words of an accepted title up to its "of": question id ->
# (right, wrong).
POST_AND_NAME: dict[str, tuple[list[str], list[str]]] = {
    "brown-name": (
        ["Secretary Brown", "Sec. Brown", "the Secretary Brown", "Secretary Ronald H. Brown",
         "Secretary of Commerce Brown",
         # The country's two letters before the post (found by an outside tester: wrong).
         "US Secretary Brown", "U.S. Secretary Brown", "United States Secretary Brown"],
        ["Undersecretary Brown", "Secretary Garten", "Commerce Brown", "Secretary Kantor",
         "Of Brown", "UK Secretary Brown", "US Brown"],
    ),
    "hashimoto-name": (
        ["Minister Hashimoto", "Trade Minister Hashimoto", "Japan's Minister Hashimoto",
         "minister Ryutaro Hashimoto", "Minister Hashimoto Ryutaro"],
        ["Finance Minister Hashimoto", "Minister Kantor", "International Hashimoto",
         "Minister", "Prime Minister Hashimoto"],
    ),
    "sanctions-who": (
        ["Trade Representative Kantor", "Representative Kantor", "USTR Kantor",
         "Trade Representative Mickey Kantor", "Representative M. Kantor"],
        ["Ambassador Kantor", "Trade Kantor", "Secretary Kantor", "Counsel Kantor",
         "General Counsel Kantor"],
    ),
}


def verdicts(capsys, question_id: str, answers: list[str]) -> dict[str, str]:
    """`quizapp try` on the shipped bank, as a teacher checks answers: answer -> verdict."""
    assert main(["try", str(BANK), question_id, *answers]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(answers)
    return {a: line.split()[0] for a, line in zip(answers, lines, strict=True)}


@pytest.mark.parametrize("question_id", sorted(TOGETHER))
def test_two_accepted_answers_together_are_right_and_nothing_else(capsys, question_id):
    right, wrong = TOGETHER[question_id]
    found = verdicts(capsys, question_id, right + wrong)
    assert {a: found[a] for a in right} == dict.fromkeys(right, "right")
    assert {a: found[a] for a in wrong} == dict.fromkeys(wrong, "wrong")


@pytest.mark.parametrize("question_id", sorted(POST_AND_NAME))
def test_a_post_of_an_accepted_title_before_the_name_is_right(capsys, question_id):
    right, wrong = POST_AND_NAME[question_id]
    found = verdicts(capsys, question_id, right + wrong)
    assert {a: found[a] for a in right} == dict.fromkeys(right, "right")
    assert {a: found[a] for a in wrong} == dict.fromkeys(wrong, "wrong")


def test_each_half_is_forgiven_its_typos_and_told_the_spelling():
    q = ShortAnswer(id="q", prompt="Who?",
                    answers=("Mickey Kantor", "Kantor", "U.S. Trade Representative", "USTR"))
    g = grade(q, "U.S. Trade Representatve Mickey Kantor")
    assert g.correct and g.credit == 1.0
    assert g.note == "Accepted, but check the spelling: U.S. Trade Representative Mickey Kantor"
    exact = grade(q, "U.S. Trade Representative Mickey Kantor")
    assert exact.correct and exact.note is None
    # Abbreviations are still never typos of each other, in a half as alone.
    assert not grade(q, "UK Trade Representative Mickey Kantor").correct


def test_a_question_accepting_two_people_takes_no_title_or_name_paired_with_a_name():
    # Either official is right alone, and so is either title; but which title is whose is
    # not in the answers, so a title with the other's name is a wrong answer, not right.
    q = ShortAnswer(id="q", prompt="Name one of the two U.S. officials in the talks.",
                    answers=("Mickey Kantor", "Kantor", "U.S. Trade Representative",
                             "Ronald Brown", "Brown", "Secretary of Commerce"))
    for alone in ("Mickey Kantor", "Brown", "Secretary of Commerce", "U.S. Trade Representative"):
        assert grade(q, alone).correct, alone
    for wrong_pair in ("Secretary of Commerce Mickey Kantor", "U.S. Trade Representative Brown",
                       "Secretary Kantor", "Representative Ronald Brown", "Kantor Brown",
                       "Mickey Kantor, Ronald Brown"):
        assert not grade(q, wrong_pair).correct, wrong_pair
    # Two accepted answers that name nobody still go together.
    assert grade(ShortAnswer(id="t", prompt="Kantor's title?",
                             answers=("U.S. Trade Representative", "USTR")),
                 "U.S. Trade Representative (USTR)").correct


def test_a_cloze_blank_takes_one_answer_only():
    # A blank is a word or phrase of a sentence: two of its answers side by side do not
    # read as the sentence, and stay wrong as before.
    q = Cloze(id="c", prompt="", text="Talks on {{auto|autos|cars}} and parts.")
    assert grade(q, ["cars"]).correct
    assert not grade(q, ["auto cars"]).correct


def test_typed_in_a_quiz_the_articles_words_are_right_and_stored_so(qtbot, store):
    """The learner's way: the quiz on the shipped bank, the answer typed and Enter."""
    bank = load_bank(BANK, use_cache=False).bank
    assert bank is not None
    learner = store.create_learner("Ben")
    session = QuizSession(store, learner.id, bank, question_ids=["brown-name"], shuffle=False)
    screen = make_screen(qtbot, session)
    screen.activateWindow()
    edit = screen.question_widget.edit
    edit.setFocus()
    qtbot.keyClicks(edit, "Secretary of Commerce Ronald H. Brown")
    press(qtbot, screen, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.feedback.verdict.isVisible(), timeout=10000)
    assert "Right" in screen.feedback.verdict.text()
    (row,) = recorded(store, learner.id)
    assert row.question_id == "brown-name"
    assert row.response == "Secretary of Commerce Ronald H. Brown"
    assert row.correct and row.credit == 1.0


# A name with a Japanese honorific after it: question id -> (right, wrong). Found by an
# outside tester: "Hashimoto-san" was graded wrong, as polite as "Mr. Hashimoto".
HONORIFIC: dict[str, tuple[list[str], list[str]]] = {
    "hashimoto-name": (
        ["Hashimoto-san", "hashimoto san", "Ryutaro Hashimoto-san", "Hashimoto Ryutaro-san",
         "Minister Hashimoto-san", "Hashimoto-sama", "Hashimoto\u2013san"],
        ["Kantor-san", "minister-san", "san", "Hashimotosan", "Finance Minister Hashimoto-san"],
    ),
    "sanctions-who": (
        ["Kantor-san", "Mickey Kantor-san", "USTR Kantor-san"],
        ["Brown-san", "Secretary Kantor-san"],
    ),
    "tokyo": ([], ["Tokyo-san"]),  # a word listed alone may be a place: no name
}


@pytest.mark.parametrize("question_id", sorted(HONORIFIC))
def test_a_name_with_san_after_it_is_the_name(capsys, question_id):
    right, wrong = HONORIFIC[question_id]
    found = verdicts(capsys, question_id, right + wrong)
    assert {a: found[a] for a in right} == dict.fromkeys(right, "right")
    assert {a: found[a] for a in wrong} == dict.fromkeys(wrong, "wrong")


def test_names_listed_by_the_family_name_alone_count_as_people():
    """Found by an outside tester: with the people listed only as "Kantor" and "Brown", a
    title before either was right ("Secretary of Commerce Kantor"), though with full names
    listed the same answer is wrong: whose title it is cannot be known. With one person
    listed so, the title and its post go with the name ("Secretary Kantor" was wrong while
    "Secretary of Commerce Kantor" was right)."""
    two = ShortAnswer(id="q", prompt="Name one of the officials.",
                      answers=("Kantor", "Brown", "Secretary of Commerce"))
    for alone in ("Kantor", "Brown", "Secretary of Commerce"):
        assert grade(two, alone).correct, alone
    for wrong_pair in ("Secretary of Commerce Kantor", "Secretary of Commerce Brown",
                       "Kantor / Secretary of Commerce", "Secretary Kantor"):
        assert not grade(two, wrong_pair).correct, wrong_pair
    one = ShortAnswer(id="q", prompt="Who threatened sanctions?",
                      answers=("Kantor", "Trade Representative"))
    for right in ("Trade Representative Kantor", "Representative Kantor",
                  "Kantor, Trade Representative"):
        assert grade(one, right).correct, right
    # Two words listed alone go together as before: a place and its region read so.
    places = ShortAnswer(id="p", prompt="Where?", answers=("Tokyo", "Japan"))
    assert grade(places, "Tokyo, Japan").correct


def test_a_right_name_with_a_wrong_title_says_which_part_is_right(capsys):
    """Found by an outside tester: "Secretary of Commerce Kantor" for who threatened the
    sanctions was marked wrong with "Right answer: Mickey Kantor" and nothing more, though
    Kantor was typed: the learner could not tell that the title was what was wrong."""
    assert main(["try", str(BANK), "sanctions-who", "Secretary of Commerce Kantor",
                 "Kantor, Undersecretary of Commerce", "Kantor", "trade talks"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith(
        "Kantor alone would be right; with \u201cSecretary of Commerce\u201d the answer is wrong.")
    assert lines[1].endswith(
        "Kantor alone would be right; with \u201cUndersecretary of Commerce\u201d the answer is"
        " wrong.")
    assert "alone" not in lines[2] and lines[2].startswith("right")
    assert lines[3].rstrip().endswith("'trade talks'")  # no name in it: no note


def test_the_note_shows_under_the_wrong_answer_in_the_quiz(qtbot, store):
    bank = load_bank(BANK, use_cache=False).bank
    assert bank is not None
    learner = store.create_learner("Ben")
    session = QuizSession(store, learner.id, bank, question_ids=["sanctions-who"], shuffle=False)
    screen = make_screen(qtbot, session)
    screen.activateWindow()
    edit = screen.question_widget.edit
    edit.setFocus()
    qtbot.keyClicks(edit, "Secretary of Commerce Kantor")
    press(qtbot, screen, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.feedback.verdict.isVisible(), timeout=10000)
    assert "Wrong" in screen.feedback.verdict.text()
    texts = [label.text() for label in screen.feedback.findChildren(QLabel) if label.isVisible()]
    assert ("Kantor alone would be right; with \u201cSecretary of Commerce\u201d the answer is"
            " wrong.") in texts, texts
