"""Typed answers read from Moodle are graded as Moodle grades them: exactly, case as set.

Moodle compares a short answer (and a short-answer gap) with the typed text as written, its
ends trimmed; quizapp's own defaults forgive typos, accents and punctuation. A spelling
question read from Moodle with those defaults took 'acommodate' as right.
"""

from quizapp.cli import main

MOODLE_XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="shortanswer">
    <name><text>Spelling</text></name>
    <questiontext format="html"><text><![CDATA[<p>Spell the word for "to have room for".</p>]]></text></questiontext>
    <usecase>0</usecase>
    <answer fraction="100" format="moodle_auto_format"><text>accommodate</text></answer>
  </question>
  <question type="shortanswer">
    <name><text>Symbol</text></name>
    <questiontext format="html"><text>Symbol of sodium?</text></questiontext>
    <usecase>1</usecase>
    <answer fraction="100" format="moodle_auto_format"><text>Na</text></answer>
  </question>
  <question type="cloze">
    <name><text>Coffee</text></name>
    <questiontext format="html"><text><![CDATA[<p>Coffee in French is {1:SHORTANSWER:=café}, in {1:MULTICHOICE:=Paris~Lyon} too.</p>]]></text></questiontext>
  </question>
  <question type="gapselect">
    <name><text>Menus</text></name>
    <questiontext format="html"><text><![CDATA[<p>Water is [[1]].</p>]]></text></questiontext>
    <selectoption><text>liquid</text><group>1</group></selectoption>
    <selectoption><text>solid</text><group>1</group></selectoption>
  </question>
</quiz>
"""

GIFT = """::Spelling::Spell the word for "to have room for". {=accommodate}

::Abbreviation::The abbreviation of "et cetera"? {=etc.}

::French::Coffee in French is {=café} in Paris.
"""


def graded(capsys, bank, qid, *answers):
    capsys.readouterr()
    assert main(["try", str(bank), qid, *answers]) == 0
    return [line.split()[0] for line in capsys.readouterr().out.splitlines()]


def test_moodle_xml_short_answers_and_typed_gaps_are_compared_exactly(tmp_path, capsys):
    source = tmp_path / "questions.xml"
    source.write_text(MOODLE_XML, encoding="utf-8")
    bank = tmp_path / "bank.yaml"
    assert main(["import", str(source), "-o", str(bank)]) == 0
    assert graded(capsys, bank, "spelling", "accommodate", "ACCOMMODATE", " accommodate ",
                  "acommodate", "accomodate") == ["right", "right", "right", "wrong", "wrong"]
    assert graded(capsys, bank, "symbol", "Na", "na") == ["right", "wrong"]
    assert graded(capsys, bank, "coffee", "café | Paris", "cafe | Paris") == ["right",
                                                                             "partly"]
    # a menu in Moodle is a blank to pick from here: its choices, by text, letter or number
    assert graded(capsys, bank, "menus", "liquid", "solid", "a", "2") == [
        "right", "wrong", "right", "wrong"]
    assert main(["try", str(bank), "menus", "liqiud"]) == 2
    assert "no choice of blank 1 'liqiud'" in capsys.readouterr().err
    text = bank.read_text(encoding="utf-8")
    assert "moodle: true" in text  # graded as Moodle grades: the bank says so
    # nor a leading "the", "in" before a place, or a second answer typed after the first
    assert graded(capsys, bank, "spelling", "the accommodate", "accommodate accommodate") == [
        "wrong", "wrong"]


def test_gift_short_answers_are_compared_exactly(tmp_path, capsys):
    source = tmp_path / "questions.gift"
    source.write_text(GIFT, encoding="utf-8")
    bank = tmp_path / "bank.yaml"
    assert main(["import", str(source), "-o", str(bank)]) == 0
    assert graded(capsys, bank, "spelling", "Accommodate", "acommodate") == ["right", "wrong"]
    assert graded(capsys, bank, "abbreviation", "etc.", "etc") == ["right", "wrong"]
    assert graded(capsys, bank, "french", "café", "cafe") == ["right", "wrong"]


BANK = """title: Typed
id: typed
questions:
- id: forgiving
  type: short_answer
  prompt: Capital of Brazil?
  answers: [Brasília]
- id: exact
  type: short_answer
  prompt: Capital of Peru?
  answers: [Lima]
  grading: {ignore_accents: false, ignore_punctuation: false, max_typos: 0}
- id: blank
  type: cloze
  text: The capital of Chile is {{Santiago}}.
"""


def test_export_says_which_questions_moodle_grades_more_strictly(tmp_path, capsys):
    bank = tmp_path / "typed.yaml"
    bank.write_text(BANK, encoding="utf-8")
    for name in ("typed.xml", "typed.gift"):
        capsys.readouterr()
        assert main(["export", str(bank), "-o", str(tmp_path / name)]) == 0
        said = capsys.readouterr().err
        assert "question 'forgiving'" in said and "question 'blank'" in said, name
        assert "question 'exact'" not in said, name
        assert "a typo, accent or punctuation that quizapp forgives here is wrong there" in said


TAG_ANSWERS = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="shortanswer">
    <name><text>Bold tag</text></name>
    <questiontext format="html"><text><![CDATA[<p>Which HTML tag makes text bold?</p>]]></text></questiontext>
    <usecase>0</usecase>
    <answer fraction="100" format="moodle_auto_format"><text><![CDATA[<b>]]></text></answer>
    <answer fraction="100" format="moodle_auto_format"><text><![CDATA[<strong>]]></text></answer>
    <answer fraction="100" format="moodle_auto_format"><text>&amp;lt;</text></answer>
    <answer fraction="100"><text>&lt;br&gt;</text></answer>
  </question>
</quiz>
"""


def test_a_moodle_short_answer_is_plain_text_even_when_it_looks_like_html(tmp_path, capsys):
    # Moodle keeps a short answer as the text typed; '<b>' was read as a tag, left nothing,
    # and the question was skipped as having no accepted answer.
    source = tmp_path / "tags.xml"
    source.write_text(TAG_ANSWERS, encoding="utf-8")
    bank = tmp_path / "tags.yaml"
    assert main(["import", str(source), "-o", str(bank)]) == 0
    assert "warning" not in capsys.readouterr().err
    assert graded(capsys, bank, "bold-tag", "<b>", "<STRONG>", "&lt;", "<br>", "b") == [
        "right", "right", "right", "right", "wrong"]
    # and back to Moodle and again: the same answers
    xml = tmp_path / "again.xml"
    assert main(["export", str(bank), "-o", str(xml)]) == 0
    again = tmp_path / "again.yaml"
    assert main(["import", str(xml), "-o", str(again)]) == 0
    assert graded(capsys, again, "bold-tag", "<b>", "<strong>", "&lt;", "b") == [
        "right", "right", "right", "wrong"]


TAG_BANK = """title: Tags
id: tags
questions:
- id: bold
  type: short_answer
  prompt: Which HTML tag makes text bold?
  answers: [<b>, <strong>]
  grading: {ignore_accents: false, ignore_punctuation: false, max_typos: 0}
"""


def test_a_gift_short_answer_is_the_text_as_written(tmp_path, capsys):
    # quizapp's GIFT export wrote {=<b> =<strong>} under [markdown]; read back, the answer
    # was '\<b>', and a learner typing <b> was marked wrong
    bank = tmp_path / "tags.yaml"
    bank.write_text(TAG_BANK, encoding="utf-8")
    gift = tmp_path / "tags.gift"
    assert main(["export", str(bank), "-o", str(gift)]) == 0
    again = tmp_path / "again.yaml"
    assert main(["import", str(gift), "-o", str(again)]) == 0
    assert graded(capsys, again, "bold", "<b>", "<strong>", "b") == ["right", "right", "wrong"]
    # as Moodle's own GIFT export writes a short answer, in its default format
    moodle = tmp_path / "moodle.gift"
    moodle.write_text("::Bold::Which HTML tag makes text bold? {\n\t=%100%<b>#\n}\n",
                      encoding="utf-8")
    assert main(["import", str(moodle), "-o", str(again), "--force"]) == 0
    assert graded(capsys, again, "bold", "<b>", "b") == ["right", "wrong"]


WILDCARDS = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="shortanswer">
    <name><text>Capital</text></name>
    <questiontext format="html"><text>Capital of the UK?</text></questiontext>
    <answer fraction="100" format="moodle_auto_format"><text>*london*</text></answer>
    <answer fraction="100" format="moodle_auto_format"><text>colo*r \\*</text></answer>
  </question>
</quiz>
"""


def test_a_moodle_wildcard_answer_takes_any_text_in_place_of_its_stars(tmp_path, capsys):
    # '*london*' was kept as written, then as 'london': no learner types the stars, and
    # 'Greater London' was wrong here, right in Moodle
    source = tmp_path / "wild.xml"
    source.write_text(WILDCARDS, encoding="utf-8")
    bank = tmp_path / "wild.yaml"
    assert main(["import", str(source), "-o", str(bank)]) == 0
    assert "warning" not in capsys.readouterr().err
    assert graded(capsys, bank, "capital", "London", "Greater London", "*london*", "color *",
                  "colour *", "colour", "Paris") == [
        "right", "right", "right", "right", "right", "wrong", "wrong"]
    gift = tmp_path / "wild.gift"
    gift.write_text("::Capital::Capital of the UK? {=*london* =colo*r \\\\*}\n", encoding="utf-8")
    assert main(["import", str(gift), "-o", str(bank), "--force"]) == 0
    assert graded(capsys, bank, "capital", "in London town", "colour *", "colour x") == [
        "right", "right", "wrong"]


# A spelling question written for Moodle: the American spelling, listed first, earns 0%, and
# 'colo*r' takes the other spellings. Moodle grades a response by the first answer it fits.
SHADOWED = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="shortanswer">
    <name><text>Colour</text></name>
    <questiontext format="html"><text>Spell it the British way.</text></questiontext>
    <answer fraction="0" format="moodle_auto_format"><text>color</text></answer>
    <answer fraction="100" format="moodle_auto_format"><text>colo*r</text></answer>
    <answer fraction="100" format="moodle_auto_format"><text>colour</text></answer>
  </question>
  <question type="cloze">
    <name><text>Gap</text></name>
    <questiontext format="html"><text><![CDATA[<p>A British {1:SHORTANSWER:color#US~=colo*r~=colour} box.</p>]]></text></questiontext>
  </question>
</quiz>
"""


def test_a_wildcard_answer_whose_text_moodle_grades_by_a_wrong_answer_before_it_is_left_out(
        tmp_path, capsys):
    # 'colo*r' kept as 'color' made the very answer Moodle marks wrong right here.
    source = tmp_path / "colour.xml"
    source.write_text(SHADOWED, encoding="utf-8")
    bank = tmp_path / "colour.yaml"
    assert main(["import", str(source), "-o", str(bank)]) == 0
    said = capsys.readouterr().err
    assert ("question 'Colour': the answer 'colo*r' was left out: Moodle grades a response "
            "that fits both it and 'color', listed before it, by 'color' (0%)") in said
    assert graded(capsys, bank, "colour", "color", "colour") == ["wrong", "right"]
    assert graded(capsys, bank, "gap", "color", "colour") == ["wrong", "right"]
    gift = tmp_path / "colour.gift"
    gift.write_text("::Colour::Spell it the British way. {=%0%color =colo*r =colour}\n",
                    encoding="utf-8")
    assert main(["import", str(gift), "-o", str(bank), "--force"]) == 0
    assert graded(capsys, bank, "colour", "color", "colour") == ["wrong", "right"]
