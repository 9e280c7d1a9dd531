"""Exporting banks: the API the GUI calls, Anki decks, PDF quizzes, and format choice."""

import json
import re
import sqlite3
from pathlib import Path

import pytest
from helpers import package_collection, package_media

from quizapp.core.arrangement import letter
from quizapp.core.loader import load_bank
from quizapp.core.model import (
    Bank,
    Choice,
    Cloze,
    Flashcard,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    TrueFalse,
)
from quizapp.core.paths import bundled_banks_dir
from quizapp.interop import export_bank, export_format_for, export_with_warnings
from quizapp.interop.apkg import card_order, card_sides, stable_id
from quizapp.interop.apkg_rows import anki_id_mark

BANK = Bank(
    id="export-test",
    title="Export <test> & more",
    description="A small bank for export tests.",
    questions=(
        Flashcard(id="card", prompt="Kantor", back="U.S. Trade Representative", tags=("people",)),
        MultipleChoice(
            id="mc",
            prompt="Who is **Kantor**? <script>alert(1)</script>",
            choices=(Choice(text="USTR"), Choice(text="Commerce <b>Secretary</b>")),
            correct=0,
            explanation="Paragraph 6.",
            tags=("people", "two words"),
        ),
        TrueFalse(id="tf", prompt="Brown is Japanese.", answer=False),
        Numeric(id="num", prompt="Deficit?", answer=60, tolerance=1, unit="billion dollars"),
        Matching(id="match", prompt="Match.", pairs=(("Kantor", "USTR"), ("Brown", "Commerce"))),
        Ordering(id="order", prompt="Order the week.", items=("Monday", "Today", "Wednesday")),
        Cloze(id="cloze", prompt="", text="Kantor meets {{Hashimoto}} on {{Wednesday|Wed}}."),
    ),
)


def _anki_collection(path: Path, tmp_path: Path) -> sqlite3.Connection:
    return package_collection(path, tmp_path)


def _anki_media(path: Path) -> list[str]:
    return sorted(package_media(path))


def test_apkg_has_one_note_per_question_with_stable_ids(tmp_path):
    out = tmp_path / "deck.apkg"
    export_bank(BANK, out)
    conn = _anki_collection(out, tmp_path)
    notes = conn.execute("select guid, mid, flds, tags from notes order by id").fetchall()
    assert len(notes) == len(BANK.questions)
    decks = json.loads(conn.execute("select decks from col").fetchone()[0])
    assert str(stable_id("deck", BANK.id)) in decks
    assert decks[str(stable_id("deck", BANK.id))]["name"] == BANK.title
    assert {n[1] for n in notes} == {stable_id("model", BANK.id)}
    fields = {n[2].split("\x1f")[0]: n[2].split("\x1f")[1] for n in notes}
    # the back ends with the question's id, for quizapp's import (Anki shows nothing of it)
    assert fields["Kantor"] == "U.S. Trade Representative<!-- quizapp id: card -->"
    mc_front = next(f for f in fields if f.startswith("Who is"))
    assert "<b>Kantor</b>" in mc_front  # Markdown bold becomes HTML bold
    assert "<script>" not in mc_front and "&lt;script&gt;" in mc_front
    assert "Commerce &lt;b&gt;Secretary&lt;/b&gt;" in mc_front
    mc = next(q for q in BANK.questions if isinstance(q, MultipleChoice))
    shown_at = letter(card_order(BANK.id, mc).position_of(mc.correct))
    assert f"{shown_at}. USTR" in fields[mc_front] and "Paragraph 6." in fields[mc_front]
    assert f"{shown_at}. USTR" in mc_front  # the same letter on the front
    assert any(" two_words" in n[3] for n in notes)
    guids = [n[0] for n in notes]

    # Exporting again gives the same ids, so Anki updates the notes instead of duplicating them.
    out2 = tmp_path / "again.apkg"
    export_bank(BANK, out2)
    again = tmp_path / "again"
    again.mkdir()
    conn2 = _anki_collection(out2, again)
    assert [r[0] for r in conn2.execute("select guid from notes order by id")] == guids
    # ... and the same card: one shuffled order per card, the same at every export.
    assert conn2.execute("select flds from notes order by id").fetchall() == [
        (n[2],) for n in notes
    ]
    other = Bank(id="other-bank", title="x", questions=BANK.questions[:1])
    assert stable_id("deck", other.id) != stable_id("deck", BANK.id)


def test_every_type_has_a_front_and_a_back():
    for q in BANK.questions:
        front, back = card_sides(q)
        assert front.strip() and back.strip(), q.id
    assert "[…]" in card_sides(BANK.questions[-1])[0]
    assert "<b>Hashimoto</b>" in card_sides(BANK.questions[-1])[1]
    assert "60 (± 1) billion dollars" in card_sides(BANK.questions[3])[1]
    assert "False" in card_sides(BANK.questions[2])[1]


def test_apkg_includes_images_from_the_bank_folder(tmp_path):
    bank = load_bank(bundled_banks_dir() / "tour.yaml", use_cache=False).bank
    with_images = [q for q in bank.questions if q.image]
    assert with_images
    out = tmp_path / "tour.apkg"
    # every picture found (what Anki's cards cannot hold is said too: test_apkg_losses.py)
    assert [w for w in export_with_warnings(bank, out) if "image" in w] == []
    assert _anki_media(out) == sorted(
        f"{bank.id}-{'-'.join(Path(q.image).parts)}" for q in with_images
    )


def test_exported_pictures_carry_the_banks_description_as_alt_text(tmp_path):
    bank = load_bank(bundled_banks_dir() / "tour.yaml", use_cache=False).bank
    (described,) = [q for q in bank.questions if q.image_description]
    out = tmp_path / "tour.apkg"
    # every picture found (what Anki's cards cannot hold is said too: test_apkg_losses.py)
    assert [w for w in export_with_warnings(bank, out) if "image" in w] == []
    conn = _anki_collection(out, tmp_path)
    fronts = [row[0].split("\x1f")[0] for row in conn.execute("select flds from notes")]
    (front,) = [f for f in fronts if "<img" in f]
    assert f'alt="{described.image_description}"' in front

    xml = tmp_path / "tour.xml"
    warnings = export_with_warnings(bank, xml)  # (about typing rules Moodle lacks)
    assert not any("picture" in w or "image" in w for w in warnings)
    text = xml.read_text(encoding="utf-8")
    assert f"![{described.image_description}](@@PLUGINFILE@@/" in text


def test_a_description_with_brackets_cannot_break_the_moodle_picture(tmp_path):
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "pic.png").write_bytes((bundled_banks_dir() / "images" / "study-loop.png")
                                     .read_bytes())
    path = folder / "b.yaml"
    path.write_text("title: T\nquestions:\n  - {id: a, type: true_false, prompt: Look., "
                    "answer: yes, image: pic.png, image_description: 'a [boxed] word'}\n",
                    encoding="utf-8")
    bank = load_bank(path, use_cache=False).bank
    assert bank.questions[0].image_description == "a [boxed] word"
    xml = tmp_path / "b.xml"
    assert export_with_warnings(bank, xml) == []
    from quizapp.interop.moodle_xml import parse_moodle_xml

    [back], _, media = parse_moodle_xml(xml.read_bytes(), str(xml), media_folder="media")
    assert back.image in media and back.image_description == "a (boxed) word"


def _pdf_pages(path: Path) -> list[str]:
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    pages = [doc.getAllText(i).text() for i in range(doc.pageCount())]
    # QTextDocument.print_ puts the page number at the foot of every page: leave it out.
    return [re.sub(r"\s*\b\d+\s*$", "", page) for page in pages]


def test_pdf_quiz_with_answer_key_on_separate_pages(qapp, tmp_path):
    bank = load_bank(bundled_banks_dir() / "us-japan-auto-talks-1995.yaml", use_cache=False).bank
    out = tmp_path / "quiz.pdf"
    export_bank(bank, out)
    assert out.read_bytes().startswith(b"%PDF")
    pages = _pdf_pages(out)
    assert len(pages) >= 3
    key_start = next(i for i, p in enumerate(pages) if "Answer key" in p)
    assert 0 < key_start < len(pages)
    quiz, key = "\n".join(pages[:key_start]), "\n".join(pages[key_start:])
    assert "Name:" in quiz and "Answer key" not in quiz
    first = bank.questions[0]
    assert first.prompt.replace("**", "").split("?")[0] in " ".join(quiz.split())
    # The key gives each multiple choice answer by the letter printed beside it on the
    # paper, and those letters are spread out, not all "A".
    letters = _check_letters(bank, " ".join(quiz.split()), " ".join(key.split()))
    assert len(set(letters)) >= 3 and letters.count("A") < len(letters) / 2


def _question_block(paper: str, bank, number: int) -> str:
    """The text of question `number` (1-based) on a paper: from its number to the next."""
    start = paper.index(f"{number}. ")
    end = paper.find(f" {number + 1}. ", start)
    return paper[start : end if end > 0 else None]


def _check_letters(bank, paper: str, key: str, printed=None) -> list[str]:
    """For every multiple choice question: the letter printed beside its right answer,
    checked against the key's line for that question (`printed`: the questions in the
    paper's order, if not the bank's)."""
    letters = []
    for number, q in enumerate(printed or bank.questions, start=1):
        if not isinstance(q, MultipleChoice):
            continue
        block = _question_block(paper, bank, number)
        printed = re.search("\u2610 ([A-Z])\\. " + re.escape(q.answer) + "(?= \u2610|$)", block)
        assert printed, (q.id, block)
        letters.append(printed.group(1))
        assert f"{number}. {printed.group(1)}. {q.answer}" in key, q.id
    return letters


def test_pdf_escapes_markup(qapp, tmp_path):
    out = tmp_path / "small.pdf"
    export_bank(BANK, out, fmt="pdf")
    text = " ".join(" ".join(_pdf_pages(out)).split())
    assert "<script>alert(1)</script>" in text  # shown as text, never interpreted
    assert "Commerce <b>Secretary</b>" in text
    assert "Export <test> & more" in text


def test_format_from_extension_or_name():
    assert export_format_for("a.gift") == "gift"
    assert export_format_for("a.TXT") == "gift"
    assert export_format_for("a.apkg") == "apkg"
    assert export_format_for("a.pdf") == "pdf"
    assert export_format_for("a.yml") == "yaml"
    assert export_format_for("a.bin", "anki") == "apkg"
    with pytest.raises(ValueError, match="cannot tell which format"):
        export_format_for("a.docx")
    with pytest.raises(ValueError, match="unknown export format 'docx'"):
        export_bank(BANK, "whatever.gift", fmt="docx")


def test_unknown_format_writes_nothing(tmp_path):
    with pytest.raises(ValueError):
        export_bank(BANK, tmp_path / "quiz.docx")
    assert list(tmp_path.iterdir()) == []


def test_gift_export_reports_what_it_cannot_hold(tmp_path):
    warnings = export_with_warnings(BANK, tmp_path / "b.gift")
    text = "\n".join(warnings)
    assert "'order'" in text and "'cloze'" in text and "'card'" in text and "'num'" in text
    gift = (tmp_path / "b.gift").read_text(encoding="utf-8")
    # the bank is the category; a question's tags are Moodle tags in its comment
    assert "\n$CATEGORY: $course$/top/Export <test> & more\n" in gift
    assert "\n// [id:mc] [tag:people] [tag:two words]\n::mc::" in gift


def test_gift_keeps_lines_moodle_would_drop_as_comments(tmp_path):
    """A line of a text starting with '//' goes on the line before after GIFT's \\n, so
    neither Moodle nor quizapp reads it as a comment (found by a tester: the question
    whose answer block opened on such a line was lost)."""
    from quizapp.interop import import_bank

    questions = (
        TrueFalse(id="url", prompt="See the page:\n//example.org/rule is cited.", answer=True),
        MultipleChoice(id="mc", prompt="Which?\n  // indented", correct=0,
                       choices=(Choice(text="a\n//b"), Choice(text="c"))),
        TrueFalse(id="fine", prompt="A URL like https://example.org is fine.", answer=True),
    )
    bank = Bank(id="c", title="c", questions=questions)
    assert export_with_warnings(bank, tmp_path / "c.gift") == []
    gift = (tmp_path / "c.gift").read_text(encoding="utf-8")
    assert not [row for row in gift.splitlines() if row.lstrip().startswith("//")
                and "example" in row + "indented"]
    back, warnings = import_bank(tmp_path / "c.gift")
    assert warnings == []
    assert [(q.id, q.prompt) for q in back.questions] == [(q.id, q.prompt) for q in questions]
    assert back.questions[1].choices[0].text == "a\n//b"


def test_yaml_export_elsewhere_mentions_the_images(tmp_path):
    bank = load_bank(bundled_banks_dir() / "tour.yaml", use_cache=False).bank
    warnings = export_with_warnings(bank, tmp_path / "tour-copy.yaml")
    assert len(warnings) == 1 and "image" in warnings[0]


def test_pdf_reports_an_image_it_cannot_print(qapp, tmp_path):
    bank = Bank(
        id="img",
        title="img",
        path=str(tmp_path / "img.yaml"),
        questions=(TrueFalse(id="pic", prompt="Look.", answer=True, image="missing.png", line=7),),
    )
    warnings = export_with_warnings(bank, tmp_path / "img.pdf")
    assert warnings == [
        f"{tmp_path / 'img.yaml'}:7: warning: question 'pic': the image "
        "'missing.png' was not found inside the bank's folder; it is not printed"
    ]


def test_pdf_versions_each_with_its_own_key_and_the_same_each_time(qapp, tmp_path, capsys):
    from quizapp.cli import main

    article = bundled_banks_dir() / "us-japan-auto-talks-1995.yaml"
    bank = load_bank(article, use_cache=False).bank
    first, again = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert main(["export", str(article), "-o", str(first), "--versions", "2"]) == 0
    assert main(["export", str(article), "-o", str(again), "--versions", "2"]) == 0
    pages = _pdf_pages(first)
    assert pages == _pdf_pages(again)  # seeded: the same command prints the same papers
    text = [" ".join(p.split()) for p in pages]
    starts = [i for i, p in enumerate(text) if "version A" in p or "version B" in p]
    keys = [i for i, p in enumerate(text) if "Answer key" in p and "version" in p]
    assert len(keys) >= 2
    paper_a = " ".join(text[: keys[0]])
    key_a = " ".join(p for p in text[keys[0] :] if "version B" not in p)
    b_start = next(i for i in starts if i > keys[0])
    paper_b = " ".join(text[b_start : keys[-1]])
    key_b = " ".join(text[keys[-1] :])
    assert "version A" in paper_a and "version B" in paper_b and "version B" in key_b
    from quizapp.interop.paper_versions import paper_versions

    _, version_b = paper_versions(bank, 2, lambda q: True)
    in_b_order = [p.question for p in version_b.questions]
    assert in_b_order != list(bank.questions)  # B's questions in an order of its own
    in_a = dict(zip((q.id for q in bank.questions if isinstance(q, MultipleChoice)),
                    _check_letters(bank, paper_a, key_a), strict=True))
    in_b = dict(zip((q.id for q in in_b_order if isinstance(q, MultipleChoice)),
                    _check_letters(bank, paper_b, key_b, in_b_order), strict=True))
    assert sum(in_a[qid] != in_b[qid] for qid in in_a) >= 3  # neighbours differ


def test_versions_is_refused_for_formats_other_than_pdf(tmp_path, capsys):
    from quizapp.cli import main

    article = bundled_banks_dir() / "us-japan-auto-talks-1995.yaml"
    assert main(["export", str(article), "-o", str(tmp_path / "x.gift"), "--versions", "2"]) == 1
    assert "--versions is for PDF" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["export", str(article), "-o", str(tmp_path / "x.pdf"), "--versions", "27"])
    assert exit_info.value.code == 2


def test_the_article_deck_does_not_put_every_right_answer_first(tmp_path):
    bank = load_bank(bundled_banks_dir() / "us-japan-auto-talks-1995.yaml", use_cache=False).bank
    out = tmp_path / "article.apkg"
    export_bank(bank, out)
    conn = _anki_collection(out, tmp_path)
    backs = {
        row[0].split("\x1f")[0]: row[0].split("\x1f")[1]
        for row in conn.execute("select flds from notes")
    }
    letters = []
    for q in bank.questions:
        if isinstance(q, MultipleChoice):
            front, back = card_sides(q, card_order(bank.id, q))
            assert backs[front] == back + anki_id_mark(q.id)
            letters.append(re.search(r'class="answer">([A-Z])\. ', back).group(1))
    assert len(set(letters)) >= 3 and letters.count("A") < len(letters) / 2


def test_printed_quiz_splits_no_question_across_pages(qapp, tmp_path):
    """Laid out as printed, the article bank would split questions at page feet; the PDF
    starts each such question on the next page instead, and every page starts with one."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    from quizapp.interop import pdf

    bank = load_bank(bundled_banks_dir() / "us-japan-auto-talks-1995.yaml", use_cache=False).bank
    buffer = QBuffer(QByteArray())
    assert buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = pdf._writer(buffer)
    doc, printed = pdf.paged_document(bank, device=writer)
    assert pdf.split_questions(printed) == []
    # without the page breaks, the same layout splits some questions
    from PySide6.QtGui import QTextDocument

    plain = QTextDocument()
    plain.setDocumentMargin(0)
    plain.setHtml(pdf.quiz_html(bank))
    assert pdf.split_questions(pdf.print_layout(plain, writer))
    out = tmp_path / "quiz.pdf"
    export_bank(bank, out)
    pages = _pdf_pages(out)
    assert len(pages) == printed.pageCount()
    for page in pages[1:]:
        assert re.match(r"(\d+\. |Answer key)", page), page[:60]


def test_printed_blanks_and_table_cells_have_room(qapp):
    from quizapp.interop.pdf import quiz_html

    bank = Bank(id="p", title="P", questions=(
        Cloze(id="c", prompt="", text="The talks were in {{Geneva}}."),
        Flashcard(id="t", prompt="| a | b |\n| --- | --- |\n| 1 | 2 |", back="x"),
    ))
    page = quiz_html(bank)
    assert "in \u00a0(1)\u00a0" + "_" * 12 + "\u00a0." in page  # the blank touches no word
    assert "td, th { padding: 3pt 6pt 3pt 6pt; }" in page
    assert 'cellpadding="4"' in page  # the Markdown table keeps Qt's padding


def test_anki_cards_render_markdown_tables_and_lists():
    card = Flashcard(id="t", prompt="Ratings:\n\n- **Again**\n- Good\n\n1. one\n2. two",
                     back="| you write | learners see |\n| --- | --- |\n| `**b**` | **b** |")
    front, back = card_sides(card)
    assert "<ul><li><b>Again</b></li><li>Good</li></ul><ol><li>one</li><li>two</li></ol>" in front
    assert "<table" in back and "<th" in back and "<td" in back and "padding" in back
    assert "<code>**b**</code>" in back and "<b>b</b>" in back
    assert "|" not in back
