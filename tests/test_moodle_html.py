"""Moodle's HTML and plain texts keep their meaning on import, or the teacher is told."""

from pathlib import Path

from quizapp.cli import main
from quizapp.core.grading import grade
from quizapp.core.loader import load_bank
from quizapp.core.model import Cloze, MultipleChoice, ShortAnswer, TrueFalse
from quizapp.rendering.markdown import safe_document

TEXTS = Path(__file__).parent / "data" / "interop" / "moodle_html_texts.xml"


def imported(tmp_path, capsys):
    out = tmp_path / "texts.yaml"
    assert main(["import", str(TEXTS), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    result = load_bank(out, use_cache=False)
    assert [p for p in result.problems if p.severity == "error"] == []
    return {q.id: q for q in result.bank.questions}, err, out.read_text(encoding="utf-8")


def test_a_table_stays_a_table_and_pre_keeps_its_spacing(tmp_path, capsys):
    qs, _, _ = imported(tmp_path, capsys)
    prompt = qs["tariff-table"].prompt
    assert ("| Maker | Models |\n| --- | --- |\n| Toyota | Lexus \\| LS400 |\n"
            "| Nissan | Infiniti |") in prompt
    assert "```\nMaker    Duty\nToyota   100%\n```" in prompt
    document = safe_document(prompt)
    table = document.rootFrame().childFrames()[0]
    assert table.firstCursorPosition().block().text() == "Maker"  # a real table, header first
    assert "Maker    Duty\nToyota   100%" in document.toPlainText()
    assert "Lexus | LS400" in document.toPlainText()


def test_superscripts_and_subscripts_keep_their_meaning(tmp_path, capsys):
    qs, err, _ = imported(tmp_path, capsys)
    assert "CO₂ and area in m²:" in qs["tariff-table"].prompt
    assert qs["ordinal"].prompt == "Which round of talks was the 10^(th)?"
    assert (f"{TEXTS}:25: warning: question 'Ordinal': in the question text, the "
            "superscript 'th' is written ^(th)") in err


def test_tex_is_shown_as_source_and_the_teacher_is_told(tmp_path, capsys):
    qs, err, written = imported(tmp_path, capsys)
    prompt = qs["tariff-table"].prompt
    assert "The share is `\\(r^2\\)` and \\_not italic\\_ here." in prompt
    shown = safe_document(prompt).toPlainText()
    assert "The share is \\(r^2\\) and _not italic_ here." in shown
    message = ("question 'Tariff table': in the question text, the TeX math '\\(r^2\\)' is "
               "shown as its TeX source: quizapp does not typeset math")
    assert message in err and message in written  # the terminal and the bank's header


def test_plain_text_shows_as_written(tmp_path, capsys):
    qs, _, _ = imported(tmp_path, capsys)
    note = qs["plain-note"]
    assert isinstance(note, TrueFalse)
    assert safe_document(note.prompt).toPlainText() == (
        "*Stars* stay stars, 5 < 6\n1. is not a list\n# is not a heading")


def test_a_negative_mark_on_a_single_answer_choice_is_reported(tmp_path, capsys):
    qs, err, _ = imported(tmp_path, capsys)
    mc = qs["tariff-table"]
    assert isinstance(mc, MultipleChoice) and mc.answer == "Luxury cars"
    assert (f"{TEXTS}:5: warning: question 'Tariff table': choosing 'Nobody' takes off 25% "
            "of the marks in Moodle; a quizapp multiple choice question has no negative "
            "marks, so here it scores 0 like any wrong choice") in err


def test_typed_answers_and_gaps_are_not_escaped(tmp_path, capsys):
    qs, _, _ = imported(tmp_path, capsys)
    answer = qs["ordinal"]
    assert isinstance(answer, ShortAnswer) and answer.answers == ("snake_case",)
    gap = qs["gap-with-underscores"]
    # '*star*' is Moodle's wildcard pattern, kept as such: graded as Moodle grades it
    assert isinstance(gap, Cloze) and gap.blanks == (("snake_case", "*star*"),)
    assert gap.policy.moodle and grade(gap, ["snake_case", "a starry night"]).correct


def test_gift_html_texts_get_the_same_care(tmp_path, capsys):
    # Moodle's GIFT export writes HTML texts as [html]...; the same table and TeX come in.
    source = tmp_path / "moodle.gift"
    source.write_text(
        "::Duties::[html]<table><tr><th>Maker</th><th>Duty</th></tr><tr><td>Toyota</td>"
        "<td>100%</td></tr></table><p>Area in m<sup>2</sup>, share \\\\(r^2\\\\)</p>"
        "{=Luxury cars ~Trucks}\n", encoding="utf-8")
    out = tmp_path / "gift.yaml"
    assert main(["import", str(source), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    [q] = load_bank(out, use_cache=False).bank.questions
    assert q.prompt == ("| Maker | Duty |\n| --- | --- |\n| Toyota | 100% |\n\n"
                        "Area in m², share `\\(r^2\\)`")
    assert (f"{source}:1: warning: question 'Duties': the TeX math '\\(r^2\\)' is shown as "
            "its TeX source: quizapp does not typeset math") in err


def test_unusual_html_still_gives_markdown_that_means_the_same():
    from quizapp.interop.moodle_html import moodle_html_to_markdown

    # a spanned cell keeps the columns in line; a first row of <td> gets an empty header
    text, notes = moodle_html_to_markdown(
        "<table><tr><td colspan='2'>both</td></tr><tr><td>a</td><td>b</td></tr></table>")
    assert text == "|  |  |\n| --- | --- |\n| both |  |\n| a | b |" and notes == []
    assert safe_document(text).rootFrame().childFrames()  # still a table when shown
    # a table in a cell has no Markdown form: one line, and a note
    text, notes = moodle_html_to_markdown(
        "<table><tr><th>x</th></tr><tr><td><table><tr><td>1</td><td>2</td></tr>"
        "</table></td></tr></table>")
    assert "| 1 · 2 |" in text and notes == ["a table inside a table is written as the line "
                                              "'1 · 2'"]
    # backticks inside <pre> and a <pre> never closed
    text, _ = moodle_html_to_markdown("<pre>a ``` b</pre>x<pre>  open\n   end")
    assert text == "````\na ``` b\n````\n\nx\n\n```\n  open\n   end\n```"
    assert safe_document(text).toPlainText() == "a ``` b\nx\n  open\n   end"


def test_odd_html_loses_nothing_and_stops_nothing():
    """Found in review: a <pre> in a table cell lost its code (a NUL marker was stored
    instead); a NUL in the text crashed the reader; colspan="²" stopped the import;
    brackets in prose became a link or a picture from the bank's folder."""
    from quizapp.interop.moodle_html import moodle_html_to_markdown

    text, notes = moodle_html_to_markdown(
        "<table><tr><th>Year</th><th>Code</th></tr>"
        "<tr><td>1995</td><td><pre>tariff = 1.00\n  cars</pre></td></tr></table>")
    assert "| 1995 | `tariff = 1.00 cars` |" in text and "\x00" not in text
    assert notes == ["the code block 'tariff = 1.00 cars' in a table cell is written on "
                     "one line"]
    text, _ = moodle_html_to_markdown("x \x000\x00 y")
    assert text == "x 0 y"
    text, _ = moodle_html_to_markdown(
        '<table><tr><td colspan="²">a</td><td>b</td></tr></table>')
    assert text.endswith("| a | b |")
    text, _ = moodle_html_to_markdown(
        'see [the list](https://example.com), ![x](y.png), '
        '<a href="https://example.com/a">page [2]</a>')
    shown = safe_document(text)
    assert "see [the list](https://example.com), ![x](y.png), page [2]" == shown.toPlainText()
    assert text.endswith("[page \\[2\\]](https://example.com/a)")
