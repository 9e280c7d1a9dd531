"""CSV and TSV files: flashcards (front/back) or questions (question/answer/choices).

Covers Quizlet exports (term<TAB>definition, usually without a header) and
Anki's "Notes in Plain Text" exports (with their '#separator:', '#html:',
'#columns:' and '#tags column:' header lines).
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from quizapp.core.model import (
    Choice,
    Cloze,
    Flashcard,
    MultipleChoice,
    MultipleSelect,
    Question,
    ShortAnswer,
)

from ._common import (
    IdAllocator,
    Report,
    StopCheck,
    html_to_text,
    neutralize_html,
    never_stop,
    stop_point,
    unique_choices,
)

_ROLES = {
    "front": "front", "term": "front", "word": "front", "side 1": "front", "side1": "front",
    "back": "back", "definition": "back", "meaning": "back", "side 2": "back", "side2": "back",
    "question": "question", "prompt": "question", "text": "question",
    "answer": "answer", "answers": "answer", "correct": "answer", "correct answer": "answer",
    "choices": "choices", "options": "choices",
    "explanation": "explanation", "feedback": "explanation", "notes": "explanation",
    "tags": "tags", "tag": "tags", "category": "tags", "topic": "tags",
    "id": "id",
}
_CHOICE_COLUMN = re.compile(r"^(?:choice|option)\s*[_-]?\s*(\w?)$")
_WRONG_COLUMN = re.compile(
    r"^(?:distractor|wrong(?: answer)?|incorrect(?: answer)?)\s*[_-]?\s*(\w?)$"
)
_SEPARATORS = {
    "tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " ", "colon": ":",
}
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_ANKI_CLOZE = re.compile(r"\{\{c\d+::([^{}]*?)(?:::[^{}]*)?\}\}")


def _role(name: str) -> str | None:
    key = re.sub(r"\s+", " ", name.strip().lower().strip("\"'"))
    if key in _ROLES:
        return _ROLES[key]
    if _CHOICE_COLUMN.match(key) or re.fullmatch(r"[a-f]", key):
        return "choice"
    if _WRONG_COLUMN.match(key):
        return "wrong"
    return None


def _anki_header(lines: list[str]) -> tuple[dict[str, str], int]:
    """Anki's '#key:value' lines at the top of its text exports."""
    meta: dict[str, str] = {}
    count = 0
    for line in lines:
        m = re.match(r"^#([a-z ]+):(.*)$", line.rstrip("\r\n"))
        if not m:
            break
        meta[m.group(1).strip()] = m.group(2).strip()
        count += 1
    return meta, count


def _delimiter(sample: str, default: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters="\t,;|").delimiter
    except csv.Error:
        if "\t" in sample:
            return "\t"
        return default


def parse_table(
    text: str, path: str = "<table>", *, delimiter: str | None = None,
    should_stop: StopCheck = never_stop,
) -> tuple[list[Question], list[str]]:
    report = Report(path)
    text = text.lstrip("\ufeff")
    lines = text.splitlines(keepends=True)
    meta, skip = _anki_header(lines)
    body = "".join(lines[skip:])
    first_line = skip + 1
    if delimiter is None and "separator" in meta:
        delimiter = _SEPARATORS.get(meta["separator"].lower(), meta["separator"][:1] or None)
    if delimiter is None:
        default = "\t" if path.lower().endswith((".tsv", ".txt")) else ","
        delimiter = _delimiter(body[:8192], default)
    html = meta.get("html", "").lower() == "true"

    reader = csv.reader(io.StringIO(body), delimiter=delimiter)
    numbered = []
    last = 0  # a quoted cell may span lines: number rows by where they start
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                numbered.append((first_line + last, row))
            last = reader.line_num
    except csv.Error as exc:
        report.warn(first_line + last, f"the file cannot be read past this line ({exc})")
    if not numbered:
        return [], report.warnings

    if "columns" in meta:
        header = [c.strip() for c in meta["columns"].split(delimiter)]
        data = numbered
    else:
        header = numbered[0][1]
        data = numbered[1:]
    roles = [_role(h) for h in header]
    if "tags column" in meta and meta["tags column"].isdigit():
        col = int(meta["tags column"]) - 1
        roles += [None] * (col + 1 - len(roles))
        roles[col] = "tags"
    known = {r for r in roles if r}
    if not ({"front", "back"} <= known or {"question", "answer"} <= known):
        # No usable header: Quizlet and Anki write term<sep>definition lines.
        width = max(len(r) for _, r in numbered)
        if width < 2:
            report.warn(first_line, "no header naming front/back or question/answer columns, "
                        "and only one column; nothing was imported")
            return [], report.warnings
        if not meta:  # Anki's exports never have a header row; that is expected
            report.warn(first_line, "no header naming front/back or question/answer columns; "
                        "column 1 is read as the front and column 2 as the back of flashcards")
        roles = ["front", "back", *[roles[i] if i < len(roles) and roles[i] == "tags" else None
                                      for i in range(2, width)]]
        data = numbered
    else:
        for name, role in zip(header, roles, strict=False):
            if role is None and name.strip():
                report.warn(first_line, f"the column {name.strip()!r} is not used "
                            "(known columns: front, back, question, answer, choices, "
                            "explanation, tags, id)")

    ids = IdAllocator()
    questions: list[Question] = []
    for number, row in data:
        stop_point(should_stop)
        q = _row(row, roles, number, report, ids, html)
        if q is not None:
            questions.append(q)
    return questions, report.warnings


def _clean(value: str, html: bool) -> str:
    value = value.strip()
    if html or _HTML_TAG.search(value):
        return html_to_text(value)
    return neutralize_html(value)


def _row(row, roles, number, report: Report, ids: IdAllocator, html: bool) -> Question | None:
    cells: dict[str, list[str]] = {}
    for role, cell in zip(roles, row, strict=False):
        if role:
            cells.setdefault(role, []).append(cell)
    beyond = [c for c in row[len(roles) :] if c.strip()]
    if beyond:
        report.warn(number, f"{len(beyond)} cell(s) beyond the header's columns were ignored")

    def one(role: str) -> str:
        return _clean(" ".join(cells.get(role, [])), html)

    tags = tuple(dict.fromkeys(t for cell in cells.get("tags", []) for t in cell.split()))
    common: dict[str, Any] = {"explanation": one("explanation") or None, "tags": tags,
                              "line": number}
    wanted_id = one("id") or None

    if "front" in cells:
        front, back = one("front"), one("back")
        if _ANKI_CLOZE.search(front):
            # An Anki cloze note: {{c1::answer::hint}} becomes a quizapp blank.
            text = _ANKI_CLOZE.sub(lambda m: "{{" + m.group(1).replace("|", "/") + "}}", front)
            extra = "\n\n".join(t for t in (back, common["explanation"]) if t) or None
            return Cloze(id=ids.allocate(wanted_id, _ANKI_CLOZE.sub(r"\1", front)), prompt="",
                         text=text, **{**common, "explanation": extra})
        if not front or not back:
            report.warn(number, "a row with an empty front or back was skipped")
            return None
        return Flashcard(id=ids.allocate(wanted_id, front), prompt=front, back=back, **common)

    prompt = one("question")
    answer_cell = " ".join(cells.get("answer", [])).strip()
    if not prompt or not answer_cell:
        report.warn(number, "a row with an empty question or answer was skipped")
        return None
    answers = [_clean(a, html) for a in answer_cell.split("|") if a.strip()]
    choice_cells = cells.get("choices", [])
    choices: list[str] = []
    for cell in choice_cells:
        sep = "|" if "|" in cell else (";" if ";" in cell else None)
        choices += [c for c in (cell.split(sep) if sep else [cell])]
    choices += cells.get("choice", [])
    listed_all = bool(choices)  # these columns list every choice, the right ones too
    choices += cells.get("wrong", [])
    choices = [_clean(c, html) for c in choices if c.strip()]
    qid = ids.allocate(wanted_id, prompt)
    if not choices:
        return ShortAnswer(id=qid, prompt=prompt, answers=tuple(dict.fromkeys(answers)), **common)

    # The answer may be a choice's text, a choice's letter, or a right answer
    # listed apart from the wrong ones (Quizlet-style "distractor" columns).
    correct: list[int] = []
    for a in answers:
        if a in choices:
            correct.append(choices.index(a))
        elif len(a) == 1 and a.isalpha() and ord(a.upper()) - 65 < len(choices):
            correct.append(ord(a.upper()) - 65)
        else:
            if listed_all:
                report.warn(number, f"the answer {a!r} is not among the choices; it was "
                            "added as one more choice")
            choices.append(a)
            correct.append(len(choices) - 1)
    if not unique_choices(choices, report, number):
        return None
    if len(choices) < 2:
        report.warn(number, "a multiple choice row needs at least two choices; skipped")
        return None
    items = tuple(Choice(text=c) for c in choices)
    correct = sorted(set(correct))
    if len(correct) == 1:
        return MultipleChoice(id=qid, prompt=prompt, choices=items, correct=correct[0], **common)
    return MultipleSelect(id=qid, prompt=prompt, choices=items, correct=tuple(correct), **common)
