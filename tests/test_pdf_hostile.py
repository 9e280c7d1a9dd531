"""A bank no printer expects, printed: pictures too tall, too big or broken, words longer
than a line, right-to-left text, symbols, tables. The PDF holds every question, on a
sensible number of pages, and says in words what it could not print."""

import re
import struct
import zlib

from quizapp.cli import main


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header says width x height and that holds no pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def _pictures(folder) -> None:
    from PySide6.QtGui import QColor, QImage

    tall = QImage(30, 8000, QImage.Format.Format_RGB32)
    tall.fill(QColor("purple"))
    assert tall.save(str(folder / "tall.png"))
    (folder / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 100)
    (folder / "huge.png").write_bytes(_png_header_only(30000, 30000))


WORD = "Kantor" * 400  # one word of 2,400 letters

BANK = f"""\
title: Hard to print
id: hard-to-print
questions:
  - id: tall
    type: true_false
    prompt: Kantor met Hashimoto on Wednesday.
    image: tall.png
    answer: true
  - id: broken
    type: true_false
    prompt: Brown is the Secretary of Commerce.
    image: broken.png
    answer: true
  - id: huge
    type: true_false
    prompt: The deficit is $60 billion a year.
    image: huge.png
    answer: true
  - id: tall-inline
    type: true_false
    prompt: "The talks were held in Tokyo. ![a tall picture](tall.png)"
    answer: true
  - id: word
    type: multiple_choice
    prompt: "Which name? {WORD}"
    choices: [{WORD}, Brown]
    answer: Brown
  - id: scripts
    type: short_answer
    prompt: "المحادثات التجارية — השיחות: ∑ᵢ xᵢ ≤ ∫₀¹ f(x) dx, √2 ≈ 1.414, ℝ ⊂ ℂ?"
    answers: [Tokyo]
  - id: table
    type: flashcard
    front: |
      | Who | Role |
      | --- | --- |
      | Mickey Kantor | U.S. Trade Representative |
      | Ronald H. Brown | Secretary of Commerce |
    back: Kantor
"""


def _pdf_pages(path) -> list[str]:
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    return [" ".join(doc.getAllText(i).text().split()) for i in range(doc.pageCount())]


def test_a_hostile_bank_prints_every_question_on_few_pages_and_says_what_it_left_out(
        qapp, tmp_path, capsys):
    _pictures(tmp_path)
    bank = tmp_path / "hard.yaml"
    bank.write_text(BANK, encoding="utf-8")
    out = tmp_path / "hard.pdf"
    assert main(["export", str(bank), "-o", str(out)]) == 0
    said = capsys.readouterr().err
    assert "Traceback" not in said
    for name in ("broken.png", "huge.png"):
        assert (f"the image {name!r} cannot be read as a picture; it is not printed"
                in said), said
    pages = _pdf_pages(out)
    # a picture 8,000 pixels tall printed whole on one page, not over 80 empty ones
    assert len(pages) <= 8, len(pages)
    text = " ".join(pages)
    paper, key = text.split("Answer key: Hard to print")
    assert re.search(r"1\. True 2\. True 3\. True 4\. True 5\. [AB]\. Brown 6\. Tokyo "
                     r"7\. Kantor", key), key
    for number in range(1, 8):  # (6 is read right to left: ".6" after its words)
        assert re.search(rf"(?:^| )(?:{number}\.|\.{number}(?= ))", paper), number
    for words in ("Kantor met Hashimoto", "Secretary of Commerce.", "$60 billion",
                  "held in Tokyo", "Which name?", "U.S. Trade Representative", "√2 ≈ 1.414",
                  "השיחות"):
        assert words in text, words


def test_a_picture_left_out_is_said_once_however_many_versions(qapp, tmp_path):
    from quizapp.core.loader import load_bank
    from quizapp.interop import export_with_warnings

    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 100)
    path = tmp_path / "one.yaml"
    path.write_text("title: One\nid: one\nquestions:\n  - id: broken\n    type: true_false\n"
                    "    prompt: Brown is the Secretary of Commerce.\n    image: broken.png\n"
                    "    answer: true\n", encoding="utf-8")
    bank = load_bank(path, use_cache=False).bank
    assert export_with_warnings(bank, tmp_path / "one.pdf", versions=3) == [
        f"{path}:4: warning: question 'broken': the image 'broken.png' cannot be read as a "
        "picture; it is not printed"]


def test_characters_no_font_draws_are_named(qapp, tmp_path):
    """A character of the Unicode private use area that no font has (emoji or Chinese on a
    computer without a font for them go the same way): the PDF prints an empty box, and
    says so; the characters every computer draws are not named."""
    from quizapp.core.model import Bank, TrueFalse
    from quizapp.interop import export_with_warnings

    bank = Bank(id="boxes", title="Boxes", path=str(tmp_path / "boxes.yaml"), questions=(
        TrueFalse(id="mark", prompt="Kantor ticked \U0010fffd and \U0010fffd, not √2 or ש.",
                  answer=True),))
    assert export_with_warnings(bank, tmp_path / "boxes.pdf") == [
        f"{tmp_path / 'boxes.yaml'}: warning: no font on this computer draws \U0010fffd "
        "(U+10FFFD): the PDF prints an empty box in place of each; install a font that has "
        "them (an emoji or a Chinese font, say) and export again"]


def test_a_text_of_two_million_letters_prints_as_the_app_shows_it_and_says_so(qapp, tmp_path):
    """A prompt of one 2,000,000-letter word took Qt's layout about 13 minutes to print
    (a word of 320,000 letters, 21 s: each line broken anew from the word's start); the
    paper prints what the app shows of it, its first 10,000 characters, and says so."""
    from quizapp.core.model import Bank, TrueFalse
    from quizapp.interop import export_with_warnings
    from quizapp.interop.pdf import quiz_html

    word = "x" * 2_000_000
    bank = Bank(id="long", title="Long", path=str(tmp_path / "long.yaml"), questions=(
        TrueFalse(id="wall", prompt=word, answer=True, explanation=f"Kantor. {word}", line=4),))
    html = quiz_html(bank)
    assert "x" * 9_000 in html and "x" * 10_001 not in html
    assert html.count("more characters not shown]") == 2  # the prompt and the explanation
    assert export_with_warnings(bank, tmp_path / "long.pdf") == [
        f"{tmp_path / 'long.yaml'}:4: warning: question 'wall': a text over 10,000 characters "
        "is printed as the app shows it, its first 10,000 characters (the rest is not "
        "printed)"]


def test_a_long_description_is_said_as_the_banks_not_a_questions(qapp, tmp_path):
    """A description over 10,000 characters was cut without a word with one version, and
    with two the warning named the previous version's last question, a short one."""
    from quizapp.core.model import Bank, TrueFalse
    from quizapp.interop._common import Report
    from quizapp.interop.pdf import quiz_html

    bank = Bank(id="d", title="D", path=str(tmp_path / "d.yaml"), description="y " * 6_000,
                questions=(TrueFalse(id="q1", prompt="Short?", answer=True, line=4),
                           TrueFalse(id="q2", prompt="Brief?", answer=False, line=7)))
    for versions in (1, 2):
        report = Report(bank.path)
        quiz_html(bank, report, versions=versions)
        assert report.warnings == [
            f"{bank.path}: warning: the bank's description is over 10,000 characters: it is"
            " printed as the app shows it, its first 10,000 characters (the rest is not"
            " printed)"], versions
