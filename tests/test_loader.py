"""The loader: every question type loads into the model, every mistake is reported
at its line and column, in words a teacher understands."""

from __future__ import annotations

import pytest
from bank_samples import EVERY_TYPE
from bank_samples import load_text as load

from quizapp.core.loader import BankLoadError, LoadResult, load_bank, load_bank_text
from quizapp.core.model import (
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

# A PNG file as far as its first bytes and its end go (the check reads no more).
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x00IEND\xaeB`\x82"


def messages(result: LoadResult) -> list[str]:
    return [f"{p.line}:{p.column}: {p.severity}: {p.message}" for p in result.problems]


def only_error(result: LoadResult):
    assert result.bank is None
    errors = result.errors
    assert len(errors) == 1, messages(result)
    return errors[0]


def test_every_question_type_loads_into_the_model():
    result = load(EVERY_TYPE)
    assert result.problems == []
    bank = result.bank
    assert bank.id == "us-japan-auto-talks"
    assert bank.authors == ("A. Teacher",)
    assert bank.source.date == "1995-05-01"  # stays text, not a datetime
    q = {q.id: q for q in bank.questions}
    mc = q["kantor-role"]
    assert isinstance(mc, MultipleChoice)
    assert mc.answer == "U.S. Trade Representative" and mc.correct == 0
    assert mc.choices[2].feedback == "No, he negotiated for the U.S."
    assert mc.points == 2 and mc.tags == ("people",) and mc.source == "paragraph 2"
    assert mc.line == 13
    assert isinstance(q["sides"], MultipleSelect) and q["sides"].correct == (0, 1)
    assert isinstance(q["deadline"], TrueFalse) and q["deadline"].answer is True
    who = q["who"]
    assert isinstance(who, ShortAnswer) and who.answers == ("Kantor", "Mickey Kantor")
    assert who.policy == TextPolicy(case_sensitive=True, ignore_accents=False, max_typos=1)
    assert q["one-answer"].answers == ("yen",) and q["one-answer"].policy == TextPolicy()
    num = q["tariff"]
    assert isinstance(num, Numeric) and (num.answer, num.tolerance, num.unit) == (
        100.0,
        0.5,
        "percent",
    )
    assert isinstance(q["pairs"], Matching)
    assert q["pairs"].pairs == (("Kantor", "United States"), ("Hashimoto", "Japan"))
    assert isinstance(q["order"], Ordering) and q["order"].items[0] == "talks start"
    cloze = q["blanks"]
    assert isinstance(cloze, Cloze) and cloze.blanks == (("United States", "U.S."), ("luxury",))
    card = q["card"]
    assert isinstance(card, Flashcard) and (card.front, card.back) == (
        "USTR",
        "U.S. Trade Representative",
    )


def test_bank_id_defaults_to_the_file_name(tmp_path):
    path = tmp_path / "auto-talks.yml"
    path.write_text("title: T\nquestions:\n  - {id: a, type: true_false, prompt: p, answer: no}\n")
    result = load_bank(path)
    assert result.bank.id == "auto-talks"
    assert result.bank.path == str(path)
    assert len(result.bank.content_hash) == 64


def test_words_that_yaml_would_turn_into_booleans_stay_text():
    result = load(
        """\
        title: T
        questions:
          - id: q
            type: multiple_choice
            prompt: Did they agree?
            choices: [yes, no, 1995, null value]
            answer: no
        """
    )
    assert result.problems == []
    q = result.bank.questions[0]
    assert [c.text for c in q.choices] == ["yes", "no", "1995", "null value"]
    assert q.answer == "no"


def test_quoted_number_is_a_numeric_answer_and_merge_keys_work():
    result = load(
        """\
        title: T
        defaults: &strict {case_sensitive: true}
        questions:
          - {id: n, type: numeric, prompt: p, answer: "3.5"}
        """
    )
    assert messages(result) == ["2:1: error: unknown key 'defaults' in the bank"]
    result = load(
        """\
        title: T
        questions:
          - id: a
            type: short_answer
            prompt: p
            answer: x
            grading: &g {case_sensitive: true, max_typos: 0}
          - id: b
            type: short_answer
            prompt: p
            answer: y
            grading:
              <<: *g
              max_typos: 2
        """
    )
    assert result.problems == []
    a, b = result.bank.questions
    assert a.policy.case_sensitive and a.policy.max_typos == 0
    assert b.policy.case_sensitive and b.policy.max_typos == 2


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        # missing fields
        (
            "questions:\n  - {id: a, type: true_false, prompt: p, answer: no}\n",
            (1, "questions"),
            "no 'title'",
        ),
        ("title: T\n", (1, "title"), "no 'questions'"),
        (
            'title: T\nid: ""\nquestions:\n  - {id: a, type: flashcard, front: f, back: b}\n',
            (2, '""'),
            "'id' is empty",
        ),
        ("title: T\nquestions: []\n", (2, "[]"), "at least one question"),
        (
            "title: T\nquestions:\n  - {id: a, type: true_false, answer: no}\n",
            (3, "{"),
            "question 'a' has no 'prompt'",
        ),
        ("title: T\nquestions:\n  - {type: flashcard, front: f, back: b}\n", (3, "{"), "no 'id'"),
        # wrong types
        (
            "title: [a, b]\nquestions:\n  - {id: a, type: flashcard, front: f, back: b}\n",
            (1, "["),
            "'title' should be text, not a list",
        ),
        ("title: T\nquestions: {id: a}\n", (2, "{"), "'questions' should be a list"),
        (
            "title: T\ntags: trade\nquestions:\n  - {id: a, type: flashcard, front: f, back: b}\n",
            (2, "trade"),
            "'tags' should be a list",
        ),
        ("title: T\nquestions:\n  - just text\n", (3, "just"), "each question should be a mapping"),
        # unknown keys and types, with suggestions
        (
            "title: T\ndescriptoin: x\nquestions:\n  - {id: a, type: flashcard, front: f, back: b}\n",
            (2, "descriptoin"),
            "unknown key 'descriptoin' in the bank (did you mean 'description'?)",
        ),
        (
            "title: T\nquestions:\n  - {id: a, type: flashcard, front: f, back: b, bakc: x}\n",
            (3, "bakc"),
            "did you mean 'back'?",
        ),
        (
            "title: T\nquestions:\n  - {id: a, type: true_fals, prompt: p, answer: no}\n",
            (3, "true_fals"),
            "unknown question type 'true_fals' (did you mean 'true_false'?)",
        ),
        (
            "title: T\nquestions:\n  - {id: a, type: true_false, prompt: p, answer: no, choices: [a]}\n",
            (3, "choices"),
            "'choices' is not used by a true_false question",
        ),
        (
            "title: T\nquestions:\n  - {id: a, type: flashcard, prompt: p, front: f, back: b}\n",
            (3, "prompt"),
            "a flashcard has 'front' and 'back'",
        ),
        # answers
        (
            "title: T\nquestions:\n  - {id: a, type: multiple_choice, prompt: p, choices: [x, y], answer: z}\n",
            (3, "z}"),
            "the answer 'z' is not one of the choices",
        ),
        (
            "title: T\nquestions:\n  - {id: a, type: multiple_choice, prompt: p, choices: [Japan, USA], answer: japan}\n",
            (3, "japan"),
            "did you mean 'Japan'?",
        ),
        (
            "title: T\nquestions:\n  - {id: a, type: multiple_choice, prompt: p, choices: [], answer: z}\n",
            (3, "[]"),
            "'choices' is empty",
        ),
        (
            "title: T\nquestions:\n  - {id: a, type: multiple_choice, prompt: p, choices: [x], answer: x}\n",
            (3, "[x]"),
            "at least two choices",
        ),
        (
            "title: T\nquestions:\n  - {id: a, type: multiple_choice, prompt: p, choices: [x, x], answer: x}\n",
            (3, "x]"),
            "the choice 'x' is listed twice",
        ),
        (
            "title: T\nquestions:\n  - {id: a, type: multiple_select, prompt: p, choices: [x, y], answers: [q]}\n",
            (3, "q]"),
            "the answer 'q' is not one of the choices",
        ),
        (
            "title: T\nquestions:\n  - {id: a, type: true_false, prompt: p, answer: maybe}\n",
            (3, "maybe"),
            "'answer' should be true or false, not 'maybe'",
        ),
        (
            "title: T\nquestions:\n  - {id: a, type: numeric, prompt: p, answer: five}\n",
            (3, "five"),
            "'answer' should be a number, not 'five'",
        ),
        (
            "title: T\nquestions:\n  - {id: a, type: numeric, prompt: p, answer: '3,5'}\n",
            (3, "'3,5'"),
            "write decimals with a dot",
        ),
        (
            "title: T\nquestions:\n  - {id: a, type: numeric, prompt: p, answer: 3, tolerance: -1}\n",
            (3, "-1"),
            "'tolerance' cannot be negative",
        ),
        (
            "title: T\nquestions:\n  - {id: a, type: true_false, prompt: p, answer: no, points: 0}\n",
            (3, "0}"),
            "'points' should be more than 0",
        ),
        (
            "title: T\nquestions:\n  - {id: a, type: cloze, text: no blanks here}\n",
            (3, "no blanks"),
            "the cloze text has no blanks",
        ),
        (
            "title: T\nquestions:\n  - {id: a, type: cloze, text: 'a {{}} b'}\n",
            (3, "'a"),
            "has an empty answer",
        ),
        (
            "title: T\nquestions:\n  - {id: a, type: cloze, text: 'a {{b}} {{c'}\n",
            (3, "'a"),
            "is never closed",
        ),
        (
            "title: T\nquestions:\n  - {id: a, type: matching, prompt: p, pairs: [{left: a, right: b}]}\n",
            (3, "[{"),
            "at least two pairs",
        ),
        (
            "title: T\nquestions:\n  - {id: a, type: ordering, prompt: p, items: [only]}\n",
            (3, "[only"),
            "at least two items",
        ),
        (
            "title: T\nquestions:\n  - {id: a, type: short_answer, prompt: p, answers: []}\n",
            (3, "[]"),
            "'answers' is empty",
        ),
        (
            "title: T\nquestions:\n  - {id: a, type: short_answer, prompt: p, answer: x, grading: {max_typos: -1}}\n",
            (3, "-1"),
            "'max_typos' should be a whole number",
        ),
        # images must stay in the bank's folder
        (
            "title: T\nquestions:\n  - {id: a, type: true_false, prompt: p, answer: no, image: ../x.png}\n",
            (3, "../"),
            "must stay inside the bank's folder",
        ),
        (
            "title: T\nquestions:\n  - {id: a, type: true_false, prompt: p, answer: no, image: /etc/x.png}\n",
            (3, "/etc"),
            "relative to the bank's folder",
        ),
        (
            "title: T\nquestions:\n  - {id: a, type: true_false, prompt: p, answer: no, image: 'http://x/y.png'}\n",
            (3, "'http"),
            "not a web address",
        ),
        # YAML itself
        (
            "title: T\nquestions:\n  - id: a\n    type: true_false\n   prompt: p\n",
            (5, "prompt"),
            "YAML syntax error",
        ),
        ("title: T: x\nquestions: []\n", (1, ": x"), "Put the text in quotes"),
        (
            "title: T\ntitle: U\nquestions:\n  - {id: a, type: flashcard, front: f, back: b}\n",
            (2, "title"),
            "the key 'title' appears twice in this mapping (first at line 1)",
        ),
    ],
)
def test_each_mistake_is_reported_where_it_is(text, where, words):
    line, needle = where  # the problem points at the first `needle` on that line
    column = text.splitlines()[line - 1].index(needle) + 1
    problem = only_error(load_bank_text(text, "bank.yaml"))
    assert (problem.line, problem.column) == (line, column), problem.format()
    assert words in problem.message
    assert problem.format().startswith(f"bank.yaml:{line}:{column}: error: ")


def test_every_problem_is_collected_not_just_the_first():
    result = load(
        """\
        title: T
        questions:
          - id: a
            type: multiple_choice
            prompt: p
            choices: [x, y]
            answer: z
          - id: a
            type: numeric
            prompt: p
            answer: lots
          - id: c
            type: multiple_choise
            prompt: p
        """
    )
    assert result.bank is None
    assert messages(result) == [
        "7:13: error: the answer 'z' is not one of the choices",
        "8:9: error: the id 'a' is already used by the question at line 3; "
        "ids must be unique in a bank",
        "11:13: error: 'answer' should be a number, not 'lots'",
        "13:11: error: unknown question type 'multiple_choise' (did you mean "
        "'multiple_choice'?); the types are multiple_choice, multiple_select, true_false, "
        "short_answer, numeric, matching, ordering, cloze, flashcard",
    ]


def test_warnings_do_not_stop_a_bank():
    result = load(
        "title: T\nquestions:\n  - {id: a, type: flashcard, front: f, back: b, tags: [x, x]}\n"
    )
    assert result.bank is not None
    assert [p.severity for p in result.problems] == ["warning"]
    assert result.bank.questions[0].tags == ("x",)


def test_an_image_description_belongs_to_an_image(tmp_path):
    (tmp_path / "car.png").write_bytes(PNG)
    lines = [
        "title: T",
        "questions:",
        "  - {id: a, type: true_false, prompt: p, answer: no, image: car.png,",
        "     image_description: A red car on a quay.}",
        "  - {id: b, type: true_false, prompt: p, answer: no, image_description: A blue car.}",
    ]
    path = tmp_path / "b.yaml"
    path.write_text("\n".join(lines) + "\n")
    result = load_bank(path)
    a, b = result.bank.questions
    assert a.image_description == "A red car on a quay."
    assert b.image_description is None
    (warning,) = result.problems
    assert warning.severity == "warning"
    assert (warning.line, warning.column) == (5, lines[4].index("A blue") + 1)
    assert "the question has no 'image'" in warning.message

    path.write_text("title: T\nquestions:\n  - {id: c, type: true_false, prompt: p, answer: no,"
                    " image: car.png, image_description: [a, list]}\n")
    error = only_error(load_bank(path))
    assert error.line == 3 and "image_description" in error.message


def test_image_must_exist_in_the_bank_folder(tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "car.png").write_bytes(PNG)
    (tmp_path / "outside.png").write_bytes(PNG)
    (tmp_path / "img" / "sneaky.png").symlink_to(tmp_path / "outside.png")
    bank_dir = tmp_path / "img"
    text = "title: T\nquestions:\n  - {id: a, type: true_false, prompt: p, answer: no, image: %s}\n"
    good = bank_dir / "good.yaml"
    good.write_text(text % "car.png")
    assert load_bank(good).problems == []
    assert load_bank(good).bank.questions[0].image == "car.png"
    missing = bank_dir / "missing.yaml"
    missing.write_text(text % "truck.png")
    # A missing image is a warning: the rest of the bank can still be studied.
    result = load_bank(missing)
    assert result.bank is not None and result.bank.questions[0].image == "truck.png"
    (problem,) = result.problems
    assert problem.severity == "warning"
    assert (problem.line, problem.column) == (
        3,
        missing.read_text().splitlines()[2].index("truck") + 1,
    )
    assert "the image 'truck.png' does not exist" in problem.message
    assert "[image missing: truck.png]" in problem.message
    sneaky = bank_dir / "sneaky.yaml"
    sneaky.write_text(text % "sneaky.png")
    assert "points outside the bank's folder" in only_error(load_bank(sneaky)).message


def test_missing_file_and_folder_are_problems_not_exceptions(tmp_path):
    assert "does not exist" in only_error(load_bank(tmp_path / "nope.yaml")).message
    assert "is a folder" in only_error(load_bank(tmp_path)).message


def test_raise_for_errors_gives_the_loaders_own_error():
    result = load("title: T\nquestions: []\n")
    with pytest.raises(BankLoadError) as info:
        result.raise_for_errors()
    assert info.value.problems == result.problems
    assert "bank.yaml:2:12: error:" in str(info.value)
    assert load(EVERY_TYPE).raise_for_errors().title == "U.S.-Japan auto trade talks"


def test_text_and_bytes_give_the_same_result():
    assert load_bank_text(EVERY_TYPE).bank == load_bank_text(EVERY_TYPE.encode()).bank


def test_bundled_banks_load_cleanly():
    from quizapp.core.library import discover_bank_files
    from quizapp.core.paths import bundled_banks_dir

    files = discover_bank_files(bundled_banks_dir())
    assert files
    for path in files:
        result = load_bank(path, use_cache=False)
        assert result.errors == [], [p.format() for p in result.problems]


def test_prose_warnings_for_html_and_pictures_that_will_not_show():
    result = load(
        """\
        title: T
        questions:
          - id: a
            type: multiple_choice
            prompt: "Who is <b>Kantor</b>? ![map](https://example.org/map.png) `<i>code</i>`"
            choices: [a, {text: b, feedback: "<br>no"}]
            answer: 2
        """
    )
    assert messages(result) == [
        "5:13: warning: HTML tags are shown as typed, not as formatting; use Markdown "
        "(**bold**, *italic*, line breaks) instead",
        "5:13: warning: the picture 'https://example.org/map.png' will not be shown: "
        "an image must be a file in the bank's folder, not a web address",
        "6:38: warning: HTML tags are shown as typed, not as formatting; use Markdown "
        "(**bold**, *italic*, line breaks) instead",
        "7:13: error: the answer '2' is not one of the choices (write the text of the right "
        "choice, not its number)",
    ]
    code_only = load(
        "title: T\nquestions:\n  - {id: a, type: flashcard, front: '`<b>` is HTML', back: b}\n"
    )
    assert code_only.problems == []


def test_a_bug_in_the_checker_costs_one_bank_not_a_traceback(monkeypatch):
    from quizapp.core import yaml_bank

    def broken(self, root, default_id, content_hash):
        raise KeyError("oops")

    monkeypatch.setattr(yaml_bank.BankChecker, "check_bank", broken)
    problem = only_error(load(EVERY_TYPE))
    assert "internal error while checking this file (KeyError" in problem.message


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        (
            "title: T\nquestions:\n  - {id: a, type: numeric, prompt: p, answer: 5.9 billion}\n",
            "put the unit in 'unit:'",
        ),
        (
            "title: T\nquestions:\n  - {id: a, type: short_answer, prompt: p, answers: Kantor}\n",
            "for a single answer write answer: Kantor",
        ),
        (
            "title: T\nquestions:\n  - id: a\n    type: flashcard\n   - id: b\n",
            "check the indentation",
        ),
        ("title: T\nquestions:\n  - id: a\n\ttype: flashcard\n", "use spaces"),
        ('title: "T\nquestions: []\n', "the quote opened at line 1, column 8 is never closed"),
    ],
)
def test_common_slips_come_with_a_hint(text, hint):
    problem = only_error(load_bank_text(text, "bank.yaml"))
    assert hint in problem.message, problem.message


def test_a_tab_used_for_indentation_is_named_as_the_problem():
    result = load_bank_text("title: Tabs\nquestions:\n\t- id: a\n")
    (problem,) = result.errors
    assert (problem.line, problem.column) == (3, 1)
    assert "tabs" in problem.message and "use spaces" in problem.message
