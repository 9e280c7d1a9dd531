"""Importing Moodle GIFT files: every construct, with our own fixture files."""

import re
from dataclasses import replace
from pathlib import Path

import pytest

from quizapp.core.grading import grade
from quizapp.core.loader import load_bank_text
from quizapp.core.model import (
    Cloze,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    ShortAnswer,
    TrueFalse,
)
from quizapp.interop import InteropError, import_bank, import_file
from quizapp.interop.gift import parse_gift

DATA = Path(__file__).parent / "data" / "interop"


def by_id(path):
    bank, warnings = import_bank(DATA / path)
    return {q.id: q for q in bank.questions}, warnings


def gift(text):
    questions, warnings = parse_gift(text, "t.gift")
    return questions, warnings


def test_escaped_characters_are_literal_text():
    qs, warnings = by_id("escapes.gift")
    assert warnings == []
    mc = qs["esc-mc"]
    assert isinstance(mc, MultipleChoice)
    assert mc.prompt == 'Which sign means "approximately" in 3 ~ 3.1?'
    assert [c.text for c in mc.choices] == ["the tilde ~", "the equals sign =", "the hash #"]
    assert mc.answer == "the tilde ~"
    braces = qs["esc-braces"]
    assert isinstance(braces, ShortAnswer)
    assert braces.answers == ("{ and }", "{}")
    colon = qs["esc-colon"]
    assert colon.prompt == "Ratio 16:9 is a screen shape. Which ratio is wider, 16:9 or 4:3?"
    assert colon.choices[0].text == "16:9"
    assert colon.choices[0].feedback == "Right: 16:9 is wider."
    assert qs["esc-backslash"].answers == ("backslash", "\\")
    assert qs["esc-backslash"].prompt.endswith("C:\\Temp?")


def test_multi_line_questions_keep_their_lines():
    qs, warnings = by_id("multiline.gift")
    assert warnings == []
    long = qs["long-question"]
    # Moodle shows each line of its default format as a line: Markdown hard breaks
    assert long.prompt == (
        "The 1995 talks were about cars\\\nand car parts.\\\n"
        "Which country's auto market did the U.S. want to open?"
    )
    assert long.answer == "Japan"
    assert long.choices[1].feedback == "Right, Japan."
    assert qs["two-paragraphs"].prompt == (
        "First paragraph of the question.\n\nSecond paragraph after a blank line."
    )
    assert isinstance(qs["answers-first-line"], MultipleSelect)
    assert qs["answers-first-line"].answers == ("Tokyo", "Washington")


def test_markdown_is_kept_and_html_becomes_safe_text():
    qs, warnings = by_id("formats.gift")
    assert qs["md"].prompt == "What does **USTR** stand for, in *this* article?"
    html = qs["html"]
    assert html.prompt == "Which city hosted the **low-level** talks?\n\nPick one."
    assert [c.text for c in html.choices] == ["Tokyo", "Washington", "*Geneva*"]
    assert html.explanation == "They were held in *Tokyo* & reported glimmers of progress."
    assert qs["plain"].prompt == "Is 3 \\< 4 true?"  # Markdown that shows "Is 3 < 4 true?"
    assert qs["moodle"].prompt == "The deficit was about $60 billion."
    # Raw HTML written in Markdown is escaped so no renderer can take it for a tag.
    assert qs["sneaky"].prompt.startswith("Raw HTML \\<img src=x")
    yaml_text, _ = import_file(DATA / "formats.gift")
    assert re.findall(r"(?<!\\)<[A-Za-z/!?]", yaml_text) == []  # no tag a renderer could see
    for gone in ("<p", "<script", "<span", "<b>", "<em", "onclick", 'alert("x")'):
        assert gone not in yaml_text


def test_comments_and_categories():
    qs, warnings = by_id("categories.gift")
    assert warnings == []
    assert list(qs) == ["kantor", "wednesday", "parts"]  # the commented-out braces are not a question
    assert qs["kantor"].tags == ("Auto talks", "People")
    assert qs["kantor"].prompt == "Kantor is the U.S. Trade Representative."
    assert qs["wednesday"].tags == ("Timeline",)
    assert qs["wednesday"].answers == ("Wednesday", "Wed")
    assert qs["parts"].tags == ("Parts/Accessories",)  # '//' is an escaped '/'
    assert qs["parts"].answer is True


def test_weights_make_multiple_select_or_partial_credit_warnings():
    qs, warnings = by_id("weights.gift")
    two = qs["two-right"]
    assert isinstance(two, MultipleSelect)
    assert two.answers == ("Ronald H. Brown", "Jeffrey Garten")
    assert qs["thirds"].answers == ("Kantor", "Brown", "Garten")
    partial = qs["partial"]
    assert isinstance(partial, MultipleChoice) and partial.answer == "$60 billion"
    assert partial.choices[1].feedback == "Close."
    assert qs["only-partial"].answer == "Good enough"
    assert qs["numeric-partial"].answer == 60 and qs["numeric-partial"].tolerance == 0
    text = "\n".join(warnings)
    # each names its question by its ::title::
    assert "weights.gift:15: warning: question 'partial': partial credit for 'about $50 billion'" in text
    assert "weights.gift:21: warning: question 'only-partial': the only right answer is worth 75%" in text
    assert ("weights.gift:26: warning: question 'numeric-partial': the extra numerical answer "
            "60 ± 5") in text


def test_essay_is_reported_with_its_line_and_the_rest_imports():
    qs, warnings = by_id("essay.gift")
    assert list(qs) == ["ok", "ok2"]
    essay = [w for w in warnings if "essay" in w]
    assert [w.split(": warning")[0] for w in essay] == [
        str(DATA / "essay.gift") + ":3",
        str(DATA / "essay.gift") + ":5",
    ]
    assert all("not supported" in w for w in essay)


def test_true_false_variants_and_feedback():
    qs, warnings = gift(
        "A {T}\n\nB {F}\n\nC {TRUE}\n\nD {FALSE#It is true.#Right, false.####General.}\n\n"
        "E {true}"
    )
    assert [q.answer for q in qs] == [True, False, True, False, True]
    # Moodle shows the first feedback to a wrong answer (here: true), the second to a right
    # one; each reaches only the learner who gives that answer.
    d = qs[3]
    assert (d.feedback_if_true, d.feedback_if_false) == ("It is true.", "Right, false.")
    assert d.explanation == "General."
    assert grade(d, True).feedback == "It is true." and not grade(d, True).correct
    assert grade(d, False).feedback == "Right, false." and grade(d, False).correct
    assert warnings == []


def test_numerical_wrong_answer_feedback_reaches_only_wrong_answers():
    (q,), warnings = gift("How many? {#3:2~#Completely wrong}")
    assert isinstance(q, Numeric) and (q.answer, q.tolerance) == (3.0, 2.0)
    assert q.feedback_if_wrong == "Completely wrong" and not q.explanation
    assert grade(q, "4").correct and grade(q, "4").feedback is None
    assert not grade(q, "9").correct and grade(q, "9").feedback == "Completely wrong"
    assert warnings == []


def test_numerical_forms():
    qs, warnings = gift(
        "Pi? {#3.14:0.01}\n\nRange? {#1..5}\n\nExact? {#-42}\n\n"
        "Several? {#=1822:0 =%50%1822:2}\n\nComma? {#2,5:0,1}\n\nBad? {#abc}"
    )
    pi, rng, exact, several, comma = qs
    assert (pi.answer, pi.tolerance) == (3.14, 0.01)
    assert (rng.answer, rng.tolerance) == (3.0, 2.0)
    assert (exact.answer, exact.tolerance) == (-42.0, 0.0)
    assert (several.answer, several.tolerance) == (1822.0, 0.0)
    assert (comma.answer, comma.tolerance) == (2.5, 0.1)
    assert all(isinstance(q, Numeric) for q in qs)
    assert any("t.gift:11: warning: 'abc' is not a number" in w for w in warnings)


def test_matching_pairs():
    (q,), warnings = gift(
        "Match.\n{\n=Kantor -> Trade Representative\n=Brown -> Commerce\n= -> Treasury\n}"
    )
    assert isinstance(q, Matching)
    assert q.pairs == (("Kantor", "Trade Representative"), ("Brown", "Commerce"))
    assert any("'Treasury'" in w and "not supported" in w for w in warnings)


def test_missing_word_becomes_blank_or_cloze():
    qs, _ = gift(
        "Talks were in {~Paris =Tokyo ~Rome} last week.\n\n"
        "Talks were in {=Tokyo =Tokio} last week.\n\n"
        "The deficit was {#60} billion dollars."
    )
    mc, cloze, num = qs
    assert isinstance(mc, MultipleChoice)
    assert mc.prompt == "Talks were in _____ last week."
    assert isinstance(cloze, Cloze)
    assert cloze.text == "Talks were in {{Tokyo|Tokio}} last week."
    assert cloze.blanks == (("Tokyo", "Tokio"),)
    assert num.prompt == "The deficit was _____ billion dollars."


def test_titles_become_unique_slug_ids():
    qs, _ = gift(
        "::Kantor's Role!::Who? {T}\n\n::Kantor's Role!::Again? {T}\n\n"
        "::Été à Tōkyō::Where? {T}\n\nNo title here at all {F}"
    )
    assert [q.id for q in qs] == [
        "kantor-s-role", "kantor-s-role-2", "ete-a-tokyo", "no-title-here-at-all",
    ]


def test_general_feedback_becomes_the_explanation():
    (q,), _ = gift("Who? {=Kantor ~Brown ####Kantor is the USTR.}")
    assert q.explanation == "Kantor is the USTR."


def test_broken_blocks_are_reported_and_do_not_swallow_the_rest():
    qs, warnings = gift(
        "No answers here.\n\nOpen { =a\n\nNext one {T}\n\nTwo {=a} blocks {=b}\n\n"
        "Stray } brace {T}\n\nOnly wrong {~a ~b}\n\nLast {F}"
    )
    # Like Moodle, a '}' before the answer block is plain text.
    assert [q.prompt for q in qs] == ["Next one", "Stray } brace", "Last"]
    lines = sorted(int(w.split(":")[1]) for w in warnings)
    assert lines == [1, 3, 7, 11]


def test_windows_line_endings_and_bom(tmp_path):
    path = tmp_path / "win.gift"
    path.write_bytes("\ufeff::a::One\r\nline {T}\r\n\r\n::b::Two {F}\r\n".encode())
    bank, warnings = import_bank(path)
    assert [q.prompt for q in bank.questions] == ["One\\\nline", "Two"]
    assert warnings == []


def test_latin1_file_is_read_with_a_warning(tmp_path):
    path = tmp_path / "latin.gift"
    path.write_bytes("Capitale de la France ? {=Paris ~Lyon ~Orléans}".encode("cp1252"))
    bank, warnings = import_bank(path)
    assert bank.questions[0].choices[2].text == "Orléans"
    assert "not UTF-8" in warnings[0]


def test_nothing_importable_is_a_clear_error(tmp_path):
    path = tmp_path / "essays.gift"
    path.write_text("Write. {}\n\nWrite more. {}\n", encoding="utf-8")
    with pytest.raises(InteropError) as err:
        import_bank(path)
    assert "no question could be imported" in str(err.value)
    assert len(err.value.warnings) == 2


def test_binary_and_missing_files_are_clear_errors(tmp_path):
    path = tmp_path / "x.gift"
    path.write_bytes(b"\x00\x01\x02PK")
    with pytest.raises(InteropError, match="not a text file"):
        import_bank(path)
    with pytest.raises(InteropError, match="no such file"):
        import_bank(tmp_path / "missing.gift")


@pytest.mark.parametrize(
    "name",
    ["spec.gift", "escapes.gift", "multiline.gift", "formats.gift", "categories.gift",
     "weights.gift", "essay.gift"],
)
def test_imported_yaml_validates_with_the_loader(name):
    yaml_text, _ = import_file(DATA / name)
    result = load_bank_text(yaml_text, f"{name}.yaml")
    assert [p.format() for p in result.problems if p.severity == "error"] == []
    # The one warning the loader may give: raw HTML written in a [markdown] question,
    # which stays visible as typed (escaped), as the loader says.
    assert all("HTML tags are shown as typed" in p.message for p in result.problems)
    bank, _ = import_bank(DATA / name)
    assert [replace(q, line=0) for q in result.bank.questions] == [
        replace(q, line=0) for q in bank.questions
    ]


def test_spec_file_covers_every_construct():
    qs, warnings = by_id("spec.gift")
    kinds = {type(q) for q in qs.values()}
    assert kinds == {MultipleChoice, MultipleSelect, TrueFalse, ShortAnswer, Numeric, Matching, Cloze}
    assert qs["kantor-role"].tags == ("Trade talks", "People")
    assert qs["what-is-pi-to-two-places"].tags == ("Numbers",)
    assert sum("essay" in w for w in warnings) == 1
    assert any("description" in w for w in warnings)
    assert any("never closed" in w for w in warnings)
    assert "after-the-broken-one-this-still" in qs


def test_hostile_input_never_raises_anything_but_interop_error():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    alphabet = st.sampled_from(list("{}=~#%:->\\\n abcT1.[]/$"))

    @settings(max_examples=200)
    @given(st.text(alphabet, max_size=80))
    def check(text):
        questions, warnings = parse_gift(text, "h.gift")
        for q in questions:
            assert q.id
        assert all(w.startswith("h.gift") for w in warnings)

    check()


def test_a_moodle_export_imports_cleanly():
    qs, warnings = by_id("moodle_export.gift")
    assert list(qs) == ["kantor-title", "deficit", "tokyo", "tf", "match"]
    assert all(q.tags == ("Default for Trade 101",) for q in qs.values())
    kantor = qs["kantor-title"]
    assert kantor.prompt == "What is Mickey Kantor's title?"
    assert kantor.answer == "U.S. Trade Representative"
    assert [c.feedback for c in kantor.choices] == ["Yes.", "That is Brown.", None]
    assert kantor.explanation == "See paragraph 6."
    assert (qs["deficit"].answer, qs["deficit"].tolerance) == (60, 0)
    assert qs["tokyo"].answers == ("Tokyo", "Tokio")
    assert qs["tf"].answer is False and qs["tf"].explanation is None
    assert (qs["tf"].feedback_if_true, qs["tf"].feedback_if_false) == (
        "He was in Washington.", "Right.")
    assert qs["match"].pairs == (
        ("Kantor", "USTR"), ("Brown", "Commerce"), ("Garten", "Undersecretary"),
    )
    found = "\n".join(warnings)
    assert ("moodle_export.gift:14: warning: question 'Deficit': the extra numerical answer "
            "60 ± 5") in found
    assert "moodle_export.gift:36: warning: question 'Essay': essay" in found
    assert "moodle_export.gift:39: warning: question 'Intro': a text without an answer block" in found
    # a one-answer question's choice with a negative mark, as Moodle XML says it
    assert ("moodle_export.gift:6: warning: question 'Kantor title': choosing 'Secretary of "
            "Commerce' takes off 50% of the marks in Moodle; a quizapp multiple choice question "
            "has no negative marks, so here it scores 0 like any wrong choice") in found
    assert ("moodle_export.gift:6: warning: question 'Kantor title': choosing 'Undersecretary "
            "of Commerce' takes off") in found
    assert len(warnings) == 5


def test_pathological_text_finishes():
    # Both used to be super-linear: a run of unmatched backticks before a '<',
    # and deeply nested emphasis in [html]. They must simply go through. ('<x>' is not an
    # HTML tag Moodle writes, so the text stays Markdown with '<x>' escaped; a '<b>' there
    # would make it HTML, as Moodle shows [moodle] text.)
    text = "Q1 " + "`" * 20000 + " <x> {T}\n\n[html]" + "<b><i>" * 5000 + "x" + "</i></b>" * 5000 + " {F}"
    qs, _ = gift(text)
    assert qs[0].prompt.endswith("\\<x>")
    assert qs[1].prompt == "***x***"


GIFT_PIECES = list("{}=~#%:->\\\n abcT1.[]/$|é\t,;") + [
    "TRUE", "F#x#y", "#3.14:0.5", "%100%", "\\=", "\\{", "\\n", "// c\n", "[markdown]", "`<i>`",
    "_____", "->", "####", "%50%", "::t::", "[html]", "<b>", "{{", "}}", "\n\n",
    "$CATEGORY: a/b\n", "#1..5", "=a -> b", "~%-50%",
]


def test_whatever_imports_also_validates():
    """Any question the importer keeps makes a bank the loader accepts without errors."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from quizapp.interop._common import bank_from_questions
    from quizapp.interop.yaml_writer import bank_to_yaml

    @settings(max_examples=150)
    @given(st.lists(st.sampled_from(GIFT_PIECES), max_size=40).map("".join))
    def check(text):
        questions, _ = parse_gift(text, "r.gift")
        if questions:
            yaml_text = bank_to_yaml(bank_from_questions("r.gift", questions))
            result = load_bank_text(yaml_text, "r.yaml")
            assert [p.format() for p in result.problems if p.severity == "error"] == []

    check()


def test_cloze_falls_back_to_short_answer_when_braces_would_break_it():
    (q,), _ = gift("Type a brace: {=\\}} here.")
    assert isinstance(q, ShortAnswer) and q.answers == ("}",)
    assert q.prompt == "Type a brace: _____ here."


def test_matching_lefts_must_differ_but_a_right_side_may_repeat():
    (q,), warnings = gift("Match. {=Tokyo -> Japan =Osaka -> Japan =Paris -> France "
                          "=Tokyo -> France}")
    assert q.pairs == (("Tokyo", "Japan"), ("Osaka", "Japan"), ("Paris", "France"))
    (warning,) = warnings
    assert "repeats a left side" in warning and "'Tokyo' -> 'France'" in warning


def test_matching_with_one_right_side_for_every_left_is_skipped():
    questions, warnings = gift("Match. {=Tokyo -> Japan =Osaka -> Japan}")
    assert questions == []
    assert any("every pair has the same right side" in w for w in warnings)


# -- Moodle's own rules (question/format/gift/format.php) that used to lose things -----------


def test_numerical_answer_with_wrong_answer_feedback_is_kept():
    qs, warnings = gift("How much? {#3:2~#Completely wrong}")
    [q] = qs
    assert isinstance(q, Numeric) and (q.answer, q.tolerance) == (3, 2)
    assert q.feedback_if_wrong == "Completely wrong" and q.explanation is None
    assert warnings == []


def test_true_false_feedback_goes_to_the_answer_it_is_for():
    qs, _ = gift("Kantor was USTR. {TRUE#No, he was.#Yes.}")
    # the first feedback is for a wrong answer (false), the second for the right one
    assert (qs[0].feedback_if_true, qs[0].feedback_if_false) == ("Yes.", "No, he was.")
    assert grade(qs[0], False).feedback == "No, he was."


def test_html_links_become_markdown_and_pictures_are_reported():
    qs, warnings = gift('[html]See <a href="https://ustr.gov">USTR</a> <img src="map.png" '
                        'alt="a map">. {T}')
    assert qs[0].prompt == "See [USTR](https://ustr.gov) [a map]."
    assert warnings == ["t.gift:1: warning: the picture 'map.png' is not in the GIFT file "
                        "(GIFT carries no pictures); only its description was kept"]


def test_multiple_answer_weights_are_the_authors():
    qs, warnings = by_id("weights.gift")
    thirds = qs["thirds"]  # 33.33333% each, -100% for the wrong one: not quizapp's default
    assert [c.weight for c in thirds.choices] == [0.33333, 0.33333, 0.33333, -1.0]
    from quizapp.core.grading import grade

    assert grade(thirds, [0, 1]).credit == pytest.approx(0.66666)
    assert grade(thirds, [0, 1, 2, 3]).credit == 0
    two = qs["two-right"]  # 50/50/-50/-50 is what quizapp does anyway: no weights written
    assert all(c.weight is None for c in two.choices)


def test_numeric_ranges_have_no_float_noise():
    qs, _ = gift("Pi? {#3.141..3.142}")
    assert (qs[0].answer, qs[0].tolerance) == (3.1415, 0.0005)


def test_missing_word_leaves_no_space_before_punctuation():
    qs, _ = gift("The talks were in {=Geneva}.\n\nThe talks were in {=Geneva ~Tokyo}, in June.")
    assert qs[0].text == "The talks were in {{Geneva}}."
    assert qs[1].prompt == "The talks were in _____, in June."


def _shown(markdown: str) -> str:
    """What a learner reads: the Markdown as the app renders it (safe, HTML off)."""
    from quizapp.rendering.markdown import safe_document

    return safe_document(markdown).toPlainText()


def test_moodle_format_html_is_converted_as_moodle_xml_converts_it(qapp, tmp_path):
    """GIFT's default format, [moodle], is HTML to Moodle: its tags become the Markdown
    Moodle XML's import makes of them, never tags shown as typed."""
    html_text = "Who is <b>Kantor</b>? E=mc<sup>2</sup> in <i>Geneva</i>."
    qs, warnings = gift(f"::tagged::[moodle]{html_text}{{=USTR#<b>Yes</b> ~Brown}}\n\n"
                        f"::untagged::{html_text}{{T}}")
    assert warnings == []
    tagged, untagged = qs
    assert tagged.prompt == untagged.prompt == "Who is **Kantor**? E=mc² in *Geneva*."
    assert tagged.choices[0].feedback == "**Yes**"
    assert _shown(tagged.prompt) == "Who is Kantor? E=mc² in Geneva."
    xml = tmp_path / "same.xml"
    xml.write_text(
        '<?xml version="1.0"?><quiz><question type="truefalse"><name><text>t</text></name>'
        f'<questiontext format="moodle_auto_format"><text><![CDATA[{html_text}]]></text>'
        '</questiontext><answer fraction="100"><text>true</text></answer>'
        '<answer fraction="0"><text>false</text></answer></question></quiz>',
        encoding="utf-8")
    bank, _ = import_bank(xml)
    assert bank.questions[0].prompt == untagged.prompt


def test_moodle_format_without_tags_stays_text(qapp):
    """'x<y' is no tag: the text is kept as typed (Markdown, with the '<' shown)."""
    qs, _ = gift("Is x<y if x is 2 and y is 3? {T}")
    assert _shown(qs[0].prompt) == "Is x<y if x is 2 and y is 3?"


def test_plain_format_shows_every_character_as_written(qapp):
    """[plain] is text: '*a*', '<b>' and its line breaks show as typed; its accepted
    answers are kept as typed too."""
    qs, _ = gift("::p::[plain]Is *a* <b>bold</b>?\\nYes: 2*3 = 6 {T}\n\n"
                 "::s::[plain]Type a*b: {=a_b}")
    assert _shown(qs[0].prompt) == "Is *a* <b>bold</b>?\nYes: 2*3 = 6"
    assert isinstance(qs[1], ShortAnswer) and qs[1].answers == ("a_b",)


def test_markdown_format_stays_markdown(qapp):
    qs, _ = gift("::m::[markdown]Is **this** <b>it</b>? {T}")
    assert _shown(qs[0].prompt) == "Is this <b>it</b>?"
