"""Importing CSV/TSV: headers, delimiters, BOM, Quizlet and Anki text exports."""

from pathlib import Path

import pytest

from quizapp.core.loader import load_bank_text
from quizapp.core.model import Flashcard, MultipleChoice, MultipleSelect, ShortAnswer
from quizapp.interop import InteropError, import_bank, import_file
from quizapp.interop.table import parse_table

DATA = Path(__file__).parent / "data" / "interop"


def test_question_answer_choices_with_bom_and_semicolons():
    bank, warnings = import_bank(DATA / "questions.csv")
    mc, sa, ms, letter = bank.questions
    assert isinstance(mc, MultipleChoice)
    assert mc.prompt == 'Who said "We certainly need progress"?'  # BOM gone, quotes unescaped
    assert [c.text for c in mc.choices] == ["Mickey Kantor", "Ronald H. Brown", "Ira Shapiro"]
    assert mc.answer == "Ronald H. Brown"
    assert mc.tags == ("people", "quotes")
    assert mc.explanation == "He spoke on television."
    assert isinstance(sa, ShortAnswer) and sa.answers == ("Tokyo", "Tokio")
    assert isinstance(ms, MultipleSelect) and ms.answers == ("Kantor", "Brown")
    assert letter.answer == "Bravo"  # an answer given as a letter
    assert warnings == [f"{DATA / 'questions.csv'}:6: warning: a row with an empty question "
                        "or answer was skipped"]


def test_front_back_tsv_becomes_flashcards():
    bank, warnings = import_bank(DATA / "flashcards.tsv")
    assert all(isinstance(q, Flashcard) for q in bank.questions)
    assert [(q.front, q.back, q.tags) for q in bank.questions] == [
        ("Kantor", "U.S. Trade Representative", ("people",)),
        ("Brown", "Secretary of Commerce", ("people",)),
        ("Garten", "Undersecretary of Commerce", ()),
    ]
    assert warnings == []


def test_quizlet_export_without_header():
    bank, warnings = import_bank(DATA / "quizlet.txt")
    assert [(q.front, q.back) for q in bank.questions] == [
        ("Kantor", "U.S. Trade Representative"),
        ("Brown", "Secretary of Commerce"),
        ("Hashimoto", "Japan's trade minister"),
    ]
    assert len(warnings) == 1 and "no header" in warnings[0] and ":1:" in warnings[0]


def test_anki_notes_export_with_html_and_tags():
    bank, _ = import_bank(DATA / "anki_notes.txt")
    kantor, brown = bank.questions
    assert kantor.back == "**U.S.** Trade Representative\n(USTR)"
    assert kantor.tags == ("people", "trade")
    assert brown.front == "Brown"
    assert brown.back == "Secretary of Commerce"  # entity decoded, script dropped
    assert kantor.line == 4


def test_anki_columns_header():
    qs, warnings = parse_table("#separator:Comma\n#columns:Question,Answer\nWho?,Kantor\n", "a.txt")
    assert isinstance(qs[0], ShortAnswer) and qs[0].answers == ("Kantor",)
    assert qs[0].line == 3
    assert warnings == []


def test_quoted_cells_with_commas_and_newlines():
    text = 'front,back\n"Kantor, Mickey","Trade\nRepresentative"\nBrown,Commerce\n'
    qs, warnings = parse_table(text, "c.csv")
    assert (qs[0].front, qs[0].back) == ("Kantor, Mickey", "Trade\nRepresentative")
    assert qs[1].line == 4
    assert warnings == []


def test_unknown_columns_and_extra_cells_are_reported():
    text = "term,definition,colour\nKantor,USTR,red,extra\n"
    qs, warnings = parse_table(text, "c.csv")
    assert qs[0].back == "USTR"
    assert any("'colour' is not used" in w for w in warnings)
    assert any("c.csv:2: warning" in w and "beyond the header" in w for w in warnings)


def test_distractor_columns_make_multiple_choice():
    text = "question\tanswer\twrong 1\twrong 2\nWho is USTR?\tKantor\tBrown\tGarten\n"
    (q,), _ = parse_table(text, "d.tsv")
    assert isinstance(q, MultipleChoice)
    assert [c.text for c in q.choices] == ["Brown", "Garten", "Kantor"]
    assert q.answer == "Kantor"


@pytest.mark.parametrize(
    "name", ["questions.csv", "flashcards.tsv", "quizlet.txt", "anki_notes.txt"]
)
def test_table_yaml_validates(name):
    text, _ = import_file(DATA / name)
    result = load_bank_text(text, name + ".yaml")
    assert [p.format() for p in result.problems] == []


def test_one_column_file_is_a_clear_error(tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("just words\nmore words\n", encoding="utf-8")
    with pytest.raises(InteropError) as err:
        import_bank(path)
    assert "no question could be imported" in str(err.value)
    assert "only one column" in err.value.warnings[0]


def test_anki_cloze_notes_become_cloze_questions():
    from quizapp.core.model import Cloze

    text = "#separator:tab\n#html:true\nKantor is {{c1::USTR::a title}} and meets {{c2::Hashimoto}}.\tMore <b>info</b>\n"
    (q,), warnings = parse_table(text, "anki.txt")
    assert isinstance(q, Cloze)
    assert q.text == "Kantor is {{USTR}} and meets {{Hashimoto}}."
    assert q.explanation == "More **info**"
    assert warnings == []


def test_format_sniffing_for_txt_files(tmp_path):
    tab = tmp_path / "cards.txt"
    tab.write_text("Kantor\t{USTR}\nBrown\tCommerce\n", encoding="utf-8")
    assert [q.type for q in import_bank(tab)[0].questions] == ["flashcard", "flashcard"]
    gift = tmp_path / "quiz.txt"
    gift.write_text("Kantor is the USTR. {T}\n", encoding="utf-8")
    assert import_bank(gift)[0].questions[0].type == "true_false"
    aiken = tmp_path / "aiken.txt"
    aiken.write_text("Who?\nA. Kantor\nB. Brown\nANSWER: A\n", encoding="utf-8")
    assert import_bank(aiken)[0].questions[0].type == "multiple_choice"
    prose = tmp_path / "prose.txt"
    prose.write_text("Just some words without structure\n", encoding="utf-8")
    with pytest.raises(InteropError, match="cannot tell the format"):
        import_bank(prose)


def test_hostile_cells_finish():
    # Each of these used to make a regex scan the rest of the text again and again.
    text = "front\tback\n" + "<a" * 30000 + "\t" + "{{c1::" * 20000 + "\n"
    qs, _ = parse_table(text, "h.tsv")
    assert len(qs) == 1


def test_files_of_other_kinds_get_a_helpful_message(tmp_path):
    bank = tmp_path / "bank.yaml"
    bank.write_text("title: x\nquestions: []\n", encoding="utf-8")
    with pytest.raises(InteropError, match="already a quizapp bank"):
        import_bank(bank)
    xml = tmp_path / "quiz.xml"
    xml.write_text('<?xml version="1.0"?><quiz></quiz>', encoding="utf-8")
    with pytest.raises(InteropError, match="no question could be imported from this Moodle XML"):
        import_bank(xml)


def test_api_returns_yaml_text_and_warnings(tmp_path):
    text, warnings = import_file(DATA / "quizlet.txt")
    assert isinstance(text, str) and text.startswith("# Imported by quizapp from quizlet.txt.\n")
    assert f"#   {warnings[0]}\n" in text  # what was left out is in the file, for the teacher
    assert isinstance(warnings, list) and all(isinstance(w, str) for w in warnings)


def test_random_tables_and_aiken_never_raise():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from quizapp.interop.aiken import parse_aiken

    alphabet = st.sampled_from(list('abcAB.)\t,;|"#:\n {}<>c1') + ["front", "back", "question",
                                                                  "answer", "choices", "ANSWER: A",
                                                                  "#separator:tab", "#html:true"])

    @settings(max_examples=200)
    @given(st.lists(alphabet, max_size=40).map("".join))
    def check(text):
        for parse in (parse_table, parse_aiken):
            questions, warnings = parse(text, "r.txt")
            assert all(q.id for q in questions)
            assert all(w.startswith("r.txt") for w in warnings)

    check()


def test_utf16_tab_text_from_a_spreadsheet(tmp_path):
    path = tmp_path / "sheet.txt"
    path.write_bytes("front\tback\nKantor\tUSTR\nHashimoto\tMITI minister\n".encode("utf-16"))
    bank, warnings = import_bank(path)
    assert [(q.front, q.back) for q in bank.questions] == [("Kantor", "USTR"), ("Hashimoto", "MITI minister")]
    assert warnings == []


def test_an_answer_missing_from_the_listed_choices_is_reported():
    text = "question,answer,choices\nWho is USTR?,Kantor,Brown|Garten\n"
    (q,), warnings = parse_table(text, "m.csv")
    assert q.answer == "Kantor" and [c.text for c in q.choices] == ["Brown", "Garten", "Kantor"]
    assert warnings == ["m.csv:2: warning: the answer 'Kantor' is not among the choices; "
                        "it was added as one more choice"]
