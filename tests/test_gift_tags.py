"""GIFT keeps a question's tags and ID number in Moodle 4's comment "// [id:...] [tag:...]":
quizapp reads them and writes them; the bank is the category."""

from quizapp.core.loader import load_bank
from quizapp.core.model import Bank, Flashcard, MultipleChoice, ShortAnswer
from quizapp.interop import export_with_warnings, import_bank
from quizapp.interop.gift import parse_gift
from quizapp.interop.moodle_common import moodle_exact

MOODLE_GIFT = """// question: 0  name: Switch category to $course$/Physics
$CATEGORY: $course$/top/Physics

// question: 18  name: Q18 with tags
// [id:my-id-1] [tag:alpha] [tag:beta]
::Q18 with tags:: Capital of France?{=Paris}

// [id:alone] [tag:stray]

::Q19:: Capital of Italy?{=Rome}

// question: 20  name: bracket
// [id:a\\]b] [tag:x\\]y] [tag:alpha] [tag:]
::bracket:: Capital of Spain?{=Madrid}
"""


def test_tags_and_id_number_from_moodles_gift_comment_are_read():
    questions, warnings = parse_gift(MOODLE_GIFT, "all.gift")
    assert warnings == []
    by_title = {q.prompt: q for q in questions}
    q18 = by_title["Capital of France?"]
    assert q18.id == "my-id-1"  # Moodle's ID number names the question
    assert q18.tags == ("Physics", "alpha", "beta")  # its category, then its own tags
    q19 = by_title["Capital of Italy?"]  # a comment standing alone belongs to no question
    assert (q19.id, q19.tags) == ("q19", ("Physics",))
    bracket = by_title["Capital of Spain?"]
    assert (bracket.id, bracket.tags) == ("a]b", ("Physics", "x]y", "alpha"))


def _bank() -> Bank:
    return Bank(id="talks", title="Talks / 1995", questions=(
        MultipleChoice(id="who", prompt="Who?", choices=_choices("Kantor", "Brown"), correct=0,
                       tags=("people", "a/b", "needs ] bracket")),
        ShortAnswer(id="agency", prompt="Which agency?", answers=("MITI",),
                    policy=moodle_exact(False)),
        Flashcard(id="card", prompt="Kantor", back="USTR", tags=("people",)),
    ))


def _choices(*texts):
    from quizapp.core.model import Choice

    return tuple(Choice(text=t) for t in texts)


def test_quizapps_gift_export_writes_tags_as_moodle_tags_and_reads_them_back(tmp_path):
    path = tmp_path / "talks.gift"
    warnings = export_with_warnings(_bank(), path)
    assert warnings == ["talks: warning: question 'card': Moodle has no flashcards; it is "
                        "written as a short answer whose answer is the back of the card "
                        "(quizapp reads it back as a flashcard)"]
    text = path.read_text(encoding="utf-8")
    assert text.count("$CATEGORY:") == 1
    assert "\n$CATEGORY: $course$/top/Talks // 1995\n" in text  # the bank, '/' as '//'
    assert "\n// [id:who] [tag:people] [tag:a/b] [tag:needs \\] bracket]\n::who::" in text
    assert "\n// [id:agency]\n::agency::" in text
    back, warnings = import_bank(path)
    assert warnings == []
    assert back.title == "Talks / 1995"
    assert [(q.id, type(q), q.tags) for q in back.questions] == [
        ("who", MultipleChoice, ("people", "a/b", "needs ] bracket")),
        ("agency", ShortAnswer, ()),  # the bank's category is no tag
        ("card", Flashcard, ("people",)),
    ]


def test_a_tag_moodle_cannot_read_is_named(tmp_path):
    bank = Bank(id="b", title="B", questions=(
        ShortAnswer(id="q", prompt="Which?", answers=("x",), tags=("<b>", "fine")),))
    warnings = export_with_warnings(bank, tmp_path / "b.gift")
    assert any("Moodle leaves out a tag holding '<', '>' or '`'" in w and "'<b>'" in w
               for w in warnings)


def test_the_bundled_banks_tags_survive_gift(tmp_path):
    from quizapp.core.paths import bundled_banks_dir

    bank = load_bank(bundled_banks_dir() / "us-japan-auto-talks-1995.yaml").bank
    path = tmp_path / "talks.gift"
    export_with_warnings(bank, path)
    back, _ = import_bank(path)
    tags = {q.id: q.tags for q in bank.questions}
    assert back.questions and all(q.tags == tags[q.id] for q in back.questions)


def test_an_id_or_tag_ending_in_a_backslash_round_trips(tmp_path):
    # '[id:x\]' would read back as the id "x] [tag:a" and lose the tag: a space goes
    # before the ']', which reading trims.
    bank = Bank(id="b", title="B", questions=(
        ShortAnswer(id="x\\", prompt="Which?", answers=("y",), tags=("a", "c\\")),))
    path = tmp_path / "b.gift"
    export_with_warnings(bank, path)
    assert "// [id:x\\ ] [tag:a] [tag:c\\ ]\n" in path.read_text(encoding="utf-8")
    back, _ = import_bank(path)
    (question,) = back.questions
    assert (question.id, question.tags) == ("x\\", ("a", "c\\"))
