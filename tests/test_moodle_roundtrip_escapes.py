"""A Moodle bank's literal '<b>' and its TeX through `quizapp import` / `quizapp export`
and back: the same prompt, the same rendered text, and no warning of quizapp's own making."""

import pytest

from quizapp.cli import main
from quizapp.core.loader import load_bank

MOODLE = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="shortanswer">
    <name><text>dots</text></name>
    <questiontext format="html"><text><![CDATA[<p>Use &lt;b&gt;dots&lt;/b&gt; and $$\\frac{1}{2}$$</p>]]></text></questiontext>
    <answer fraction="100"><text>half</text></answer>
  </question>
  <question type="shortanswer">
    <name><text>plain</text></name>
    <questiontext format="plain_text"><text>Type &lt;i&gt; then $$\\sqrt{2}$$ *here*</text></questiontext>
    <answer fraction="100"><text>x</text></answer>
  </question>
  <question type="shortanswer">
    <name><text>less</text></name>
    <questiontext format="html"><text><![CDATA[<p>Is \\(x^2 < y\\) true?</p>]]></text></questiontext>
    <answer fraction="100"><text>yes</text></answer>
  </question>
</quiz>
"""


def _prompts(path):
    result = load_bank(path, use_cache=False)
    return [q.prompt for q in result.bank.questions], result.problems


def _rendered(text: str) -> str:
    from quizapp.rendering.markdown import safe_document

    return safe_document(text).toPlainText()


@pytest.mark.parametrize("suffix", ["gift", "xml"])
def test_moodle_escapes_survive_export_and_import_again(tmp_path, qapp, suffix):
    source = tmp_path / "moodle.xml"
    source.write_text(MOODLE, encoding="utf-8")
    first = tmp_path / "first.yaml"
    assert main(["import", str(source), "-o", str(first), "-q"]) == 0
    prompts, problems = _prompts(first)
    # quizapp's own escaping is not taken for HTML the teacher typed
    assert [p for p in problems if "HTML tags" in p.message] == []
    shown = [_rendered(p) for p in prompts]
    assert shown == ["Use <b>dots</b> and $$\\frac{1}{2}$$", "Type <i> then $$\\sqrt{2}$$ *here*",
                     "Is \\(x^2 < y\\) true?"]
    # TeX is kept as code, also where the HTML parser splits the text at a bare '<'
    assert prompts[2] == "Is `\\(x^2 < y\\)` true?"

    exported = tmp_path / f"out.{suffix}"
    assert main(["export", str(first), "-o", str(exported), "-q"]) == 0
    again = tmp_path / "again.yaml"
    assert main(["import", str(exported), "-o", str(again), "-q"]) == 0
    prompts_again, problems_again = _prompts(again)
    assert prompts_again == prompts
    assert [_rendered(p) for p in prompts_again] == shown
    assert [p for p in problems_again if "HTML tags" in p.message] == []

    exported_again = tmp_path / f"again.{suffix}"
    assert main(["export", str(again), "-o", str(exported_again), "-q"]) == 0
    assert exported_again.read_text(encoding="utf-8") == exported.read_text(encoding="utf-8")


def test_a_bank_escaped_by_an_older_quizapp_keeps_its_escapes(tmp_path, qapp):
    """'\\<b>' as quizapp wrote it before is read back as it is, not escaped twice."""
    bank = tmp_path / "old.yaml"
    bank.write_text("title: Old\nid: old\nquestions:\n- id: q\n  type: short_answer\n"
                    "  prompt: 'Use \\<b>dots\\</b>'\n  answers: [x]\n", encoding="utf-8")
    for suffix in ("gift", "xml"):
        exported = tmp_path / f"old.{suffix}"
        assert main(["export", str(bank), "-o", str(exported), "-q"]) == 0
        again = tmp_path / f"old-{suffix}.yaml"
        assert main(["import", str(exported), "-o", str(again), "-q"]) == 0
        assert _rendered(_prompts(again)[0][0]) == "Use <b>dots</b>"
