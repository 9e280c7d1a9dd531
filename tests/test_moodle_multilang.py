"""Moodle texts written in several languages for its multi-language filters keep one
language, with a warning, instead of running together ('BlueBleu')."""

from quizapp.cli import main
from quizapp.interop import import_with_media

BILINGUAL = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice">
    <name><text><![CDATA[<span lang="en" class="multilang">Colour</span><span lang="fr" class="multilang">Couleur</span>]]></text></name>
    <questiontext format="html"><text><![CDATA[<p><span lang="en" class="multilang">What colour is the <b>sky</b>?</span> <span class="multilang" lang="fr">De quelle couleur est le <b>ciel</b> ?</span></p>]]></text></questiontext>
    <single>true</single>
    <answer fraction="100" format="html"><text><![CDATA[<span lang="fr" class="multilang">Bleu</span><span lang="en" class="multilang">Blue</span>]]></text></answer>
    <answer fraction="0" format="html"><text><![CDATA[{mlang en}Green{mlang}{mlang fr,other}Vert{mlang}]]></text></answer>
  </question>
  <question type="cloze">
    <name><text>Capital</text></name>
    <questiontext format="html"><text><![CDATA[<p>{mlang en}The capital of France is {1:SHORTANSWER:=Paris}.{mlang}{mlang fr}La capitale de la France est {1:SHORTANSWER:=Paris}.{mlang}</p>]]></text></questiontext>
  </question>
</quiz>
"""


def test_one_language_of_a_bilingual_moodle_file_is_kept(tmp_path, capsys):
    path = tmp_path / "bilingual.xml"
    path.write_text(BILINGUAL, encoding="utf-8")
    imported = import_with_media(path)
    colour, capital = imported.bank.questions
    assert colour.title == "Colour"
    assert colour.prompt == "What colour is the **sky**?"
    assert [c.text for c in colour.choices] == ["Blue", "Green"]  # English, first in the file
    assert capital.text == "The capital of France is {{Paris}}."  # one gap, not two
    said = ("its texts are written in several languages for Moodle's multi-language filter; "
            "quizapp keeps one: 'en', the file's first (a text without it, its own first)")
    assert imported.warnings == [f"{path}:3: warning: question 'Colour': {said}",
                                 f"{path}:10: warning: question 'Capital': {said}"]
    assert main(["import", str(path), "-o", str(tmp_path / "bilingual.yaml")]) == 0
    assert main(["validate", str(tmp_path / "bilingual.yaml")]) == 0
