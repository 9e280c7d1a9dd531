"""Versions A, B, C of a printed paper (`quizapp export --versions 3`), read back from the
PDF: each version its own order of questions, choices and a cloze blank's choices (the
author's pinned orders kept), and an answer key that matches it."""

import re

from quizapp.cli import main

# Facts from the article the bundled bank is written from (Reuters, 1995).
BANK = """\
title: Auto talks versions
id: auto-talks-versions
questions:
  - id: kantor
    type: multiple_choice
    prompt: Who is the U.S. Trade Representative?
    choices: [Mickey Kantor, Ronald H. Brown]
    answer: Mickey Kantor
  - id: brown
    type: multiple_choice
    prompt: Who is the Secretary of Commerce?
    choices: [Jeffrey Garten, Ronald H. Brown]
    answer: Ronald H. Brown
  - id: hashimoto
    type: multiple_choice
    prompt: Whom will Kantor meet on Wednesday?
    choices: [Ryutaro Hashimoto, Ira Shapiro, Jeffrey Garten]
    answer: Ryutaro Hashimoto
  - id: deficit
    type: multiple_choice
    prompt: How large is the annual U.S. trade deficit with Japan?
    choices: [$60 billion, $6 billion]
    answer: $60 billion
  - id: pinned
    type: multiple_choice
    prompt: What does the United States want in Japan?
    choices: [Access to car dealers, Access to replacement parts markets, All of the above]
    answer: All of the above
    shuffle: false
  - id: meeting
    type: cloze
    text: "{{Kantor}} will meet Hashimoto on {{Wednesday}}."
    blanks:
      - choices: [Kantor, Brown]
      - choices: [Monday, Wednesday, Friday]
        shuffle: false
"""
PROMPTS = {
    "kantor": "Who is the U.S. Trade Representative?",
    "brown": "Who is the Secretary of Commerce?",
    "hashimoto": "Whom will Kantor meet on Wednesday?",
    "deficit": "How large is the annual U.S. trade deficit with Japan?",
    "pinned": "What does the United States want in Japan?",
    "meeting": "will meet Hashimoto on",
}
ANSWERS = {"kantor": "Mickey Kantor", "brown": "Ronald H. Brown",
           "hashimoto": "Ryutaro Hashimoto", "deficit": "$60 billion",
           "pinned": "All of the above"}


def _pdf_text(path) -> str:
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    pages = [doc.getAllText(i).text() for i in range(doc.pageCount())]
    pages = [re.sub(r"\s*\b\d+\s*$", "", page) for page in pages]  # the page numbers
    return " ".join(" ".join(pages).split())


def _versions(text: str) -> dict[str, tuple[str, str]]:
    """{letter: (its paper, its answer key)}."""
    parts = re.split(r"(?:Answer key: )?Auto talks versions — version ([A-Z]) ", text)
    out: dict[str, list[str]] = {}
    for name, part in zip(parts[1::2], parts[2::2], strict=True):
        out.setdefault(name, []).append(part)
    return {name: (paper, key) for name, (paper, key) in out.items()}


def _questions(paper: str) -> dict[str, tuple[int, str]]:
    """{question id: (its number, its text)} on a paper, each found by its prompt."""
    starts = [(m.start(), int(m.group(1))) for m in re.finditer(r"(?:^| )(\d+)\. ", paper)]
    out = {}
    for qid, prompt in PROMPTS.items():
        at = paper.index(prompt)
        start, number = max((s, n) for s, n in starts if s <= at)
        end = min((s for s, _ in starts if s > at), default=len(paper))
        out[qid] = (number, paper[start:end])
    return out


def _choices(text: str) -> list[str]:
    return [c.strip() for c in re.findall("\u2610 [A-Z]\\. ([^\u2610]*)", text)]


def test_each_version_orders_questions_and_choices_its_own_way_with_its_own_key(
        qapp, tmp_path, capsys):
    bank = tmp_path / "versions.yaml"
    bank.write_text(BANK, encoding="utf-8")
    out = tmp_path / "paper.pdf"
    assert main(["export", str(bank), "-o", str(out), "--versions", "3"]) == 0
    versions = _versions(_pdf_text(out))
    assert sorted(versions) == ["A", "B", "C"]
    papers = {name: _questions(paper) for name, (paper, _key) in versions.items()}

    # A in the bank's order; B and C each in an order of their own
    orders = {name: sorted(qs, key=lambda qid: qs[qid][0]) for name, qs in papers.items()}
    assert orders["A"] == list(PROMPTS)
    assert orders["B"] != orders["A"] and orders["C"] != orders["B"]
    for name, qs in papers.items():
        assert sorted(number for number, _ in qs.values()) == list(range(1, 7)), name

    for before, after in (("A", "B"), ("B", "C")):
        # neighbours never get the same order of choices where another is possible
        for qid in ("kantor", "brown", "hashimoto", "deficit"):
            assert _choices(papers[before][qid][1]) != _choices(papers[after][qid][1]), qid
        assert re.search(r"\[(\w+) / (\w+)\]", papers[before]["meeting"][1]).groups() != \
            re.search(r"\[(\w+) / (\w+)\]", papers[after]["meeting"][1]).groups()
    for name, qs in papers.items():
        # the author's pinned orders on every version
        assert _choices(qs["pinned"][1]) == [
            "Access to car dealers", "Access to replacement parts markets", "All of the above"]
        assert "[Monday / Wednesday / Friday]" in qs["meeting"][1]
        # the key gives each answer by the letter this version prints beside it
        key = versions[name][1]
        for qid, answer in ANSWERS.items():
            number, text = qs[qid]
            letter = re.search("\u2610 ([A-Z])\\. " + re.escape(answer), text).group(1)
            assert f"{number}. {letter}. {answer}" in key, (name, qid)
        number, _ = qs["meeting"]
        assert f"{number}. (1) Kantor; (2) Wednesday" in key, name


def test_one_version_is_the_bank_in_its_order(qapp, tmp_path, capsys):
    bank = tmp_path / "versions.yaml"
    bank.write_text(BANK, encoding="utf-8")
    out = tmp_path / "paper.pdf"
    assert main(["export", str(bank), "-o", str(out)]) == 0
    text = _pdf_text(out)
    assert "\u2014 version" not in text
    paper = text[: text.index("Answer key")]
    assert [paper.index(p) for p in PROMPTS.values()] == sorted(
        paper.index(p) for p in PROMPTS.values())
