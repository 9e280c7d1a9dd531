"""Quotes from a bank's source text: finding them in it, and showing them.

A question's `source` may quote the words its answer rests on. When the bank
names its source text (`source: {file: article.txt}` at the top), every quote
must be found in that file. Typography is not the teacher's choice, so curly
and straight quotes, dashes, ellipses and whitespace are compared loosely;
the words and the rest of the punctuation must be exact. An ellipsis in a
quote ("We look forward ... progress") marks words left out: the parts around
it must appear in the text in that order.

This runs after the (cached) check of the bank's bytes, like the image check,
because the source text can change while the bank does not.
"""

from __future__ import annotations

import os
import re

from quizapp.core.bank_folder import BankFolder, outside_words
from quizapp.core.model import Bank, Problem, Question
from quizapp.core.paragraphs import block_count, paragraphs
from quizapp.core.yaml_files import MAX_FILE_BYTES, MAX_FILE_TEXT

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",  # ‘
        "\u2019": "'",  # ’
        "\u201a": "'",  # ‚
        "\u201b": "'",  # ‛
        "\u2032": "'",  # ′
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u201f": '"',  # ‟
        "\u2033": '"',  # ″
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2015": "-",  # horizontal bar
        "\u2212": "-",  # minus
        "\u2026": "...",  # …
    }
)
_ELLIPSIS = re.compile(r"\.(?:\s*\.){2,}")  # "...", ". . ." and longer runs of dots
_DASH = re.compile(r"\s*-+\s*")  # "--", " - " and "—" all read as one "-"
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text with typography made plain: straight quotes, one kind of dash and
    ellipsis, single spaces."""
    text = text.translate(_TYPOGRAPHY)
    text = _ELLIPSIS.sub(" ... ", text)
    text = _DASH.sub("-", text)
    return _SPACE.sub(" ", text).strip()


def quote_parts(quote: str) -> list[str]:
    """The quote's parts around any ellipsis, normalised, the empty ones dropped."""
    return [part.strip() for part in normalise(quote).split("...") if part.strip()]


def find_quote(quote: str, normalised_source: str) -> str | None:
    """None when the quote is in the source text (normalised); else the part
    of the quote that is missing, as the teacher should look for it."""
    position = 0
    for part in quote_parts(quote):
        found = normalised_source.find(part, position)
        if found < 0:
            return part
        position = found + len(part)
    return None


def _longest_found_start(part: str, normalised_source: str) -> str:
    """The longest run of the part's first words that the source does contain."""
    words = part.split(" ")
    low, high = 0, len(words)
    while low < high:  # the found prefixes are closed under shortening
        middle = (low + high + 1) // 2
        if " ".join(words[:middle]) in normalised_source:
            low = middle
        else:
            high = middle - 1
    return " ".join(words[:low])


_NESTED = str.maketrans({"\u201c": "\u2018", "\u201d": "\u2019", '"': "'"})


def shown_quotes(question: Question) -> str:
    """The question's quotes as shown under its source: each in quotation marks,
    one a line ("" when there is none). Quotation marks inside a quote become
    single ones, as in print: “‘We’ll stand up to them,’ Kantor told”."""
    return "\n".join(
        f"\u201c{quote.strip().translate(_NESTED)}\u201d" for quote in question.quotes
    )


def read_source_text(bank_path: str, name: str) -> str | tuple[str, ...]:
    """The source text named by the bank, or (why it cannot be used,)."""
    folder = BankFolder(os.path.dirname(os.path.abspath(bank_path)))
    target = folder.file(name, must_exist=False)
    if target is None:
        return (f"the source text '{name}' {outside_words(name, folder)}",)
    if not target.is_file():
        if target.exists():  # a pipe would never end, a folder is no text: neither is read
            return (f"the source text '{name}' is not a file of text but a folder, a pipe or "
                    "a device",)
        return (f"the source text '{name}' does not exist in the bank's folder",)
    try:
        if os.path.getsize(target) > MAX_FILE_BYTES:
            return (f"the source text '{name}' is bigger than {MAX_FILE_TEXT}",)
        with open(target, "rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return (f"the source text '{name}' cannot be read ({exc.strerror or exc})",)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return (f"the source text '{name}' is not UTF-8 text; save it with the UTF-8 encoding",)


def check_quotes(bank: Bank, path: str, data: bytes | None = None) -> list[Problem]:
    """Every quote of the bank must be in the source text the bank names.

    ``data`` is the bank file's bytes; only when something is wrong is it
    read again, to point at the line and column of each quote at fault.
    """
    name = bank.source.file if bank.source is not None else None
    if not name:
        return []
    text = read_source_text(path, name)
    if isinstance(text, tuple):
        file_node = _locate(data, path)[0]
        return [Problem(path, *_where(file_node), text[0])]
    source = normalise(text)
    missing: list[tuple[int, int, str]] = []
    for q_index, question in enumerate(bank.questions):
        for quote_index, quote in enumerate(question.quotes):
            part = find_quote(quote, source)
            if part is not None:
                missing.append((q_index, quote_index, _not_found(part, quote, source, name)))
    past_end = _paragraphs_past_the_end(bank, text)
    if not missing and not past_end:
        return []
    _, quote_nodes, paragraph_nodes = _locate(data, path)
    out = []
    for q_index, numbers in past_end:
        node = paragraph_nodes.get(q_index)
        line, column = _where(node) if node is not None else (bank.questions[q_index].line, 0)
        shown_numbers = " and ".join(str(n) for n in numbers)
        out.append(Problem(
            path, line, column,
            f"paragraph{'s' if len(numbers) > 1 else ''} {shown_numbers} of the source text "
            f"'{name}' cannot be found: {_paragraphs_in(text)}", "warning"))
    for q_index, quote_index, message in missing:
        node = quote_nodes.get((q_index, quote_index))
        line, column = _where(node)
        if node is None:  # no bytes to look in: at least the question's line
            line, column = bank.questions[q_index].line, 0
        out.append(Problem(path, line, column, message))
    return out


# A source given as paragraph numbers, as the loader writes it ("paragraph 8",
# "paragraphs 2, 5 and 8"), or as a teacher writes it as text ("paragraph 8").
_PARAGRAPH_SOURCE = re.compile(r"paragraphs?\s+(\d[\d,\s]*(?:and\s+\d+)?)\s*$", re.I)


def _paragraphs_past_the_end(bank: Bank, text: str) -> list[tuple[int, list[int]]]:
    """(question index, its paragraph numbers past the source text's last paragraph)."""
    cited = []
    for q_index, question in enumerate(bank.questions):
        match = _PARAGRAPH_SOURCE.fullmatch(question.source or "")
        if match:
            cited.append((q_index, [int(n) for n in re.findall(r"\d+", match.group(1))]))
    if not cited:
        return []
    # Past every block of text, whatever counts as a paragraph: the editor's article pane
    # leaves headings and bylines out, a teacher may not have.
    count = block_count(text)
    return [(q_index, past) for q_index, numbers in cited
            if (past := [n for n in numbers if n > count])]


def _paragraphs_in(text: str) -> str:
    counted, blocks = len(paragraphs(text)), block_count(text)
    said = f"it has {counted} paragraph{'' if counted == 1 else 's'}"
    if counted == blocks:
        return said
    return (f"{said} as sources count them, {blocks} block{'' if blocks == 1 else 's'} of text "
            "between blank lines in all")



def _not_found(part: str, quote: str, source: str, name: str) -> str:
    from quizapp.core.yaml_bank import shown

    start = _longest_found_start(part, source)
    whole = normalise(quote) == part
    what = "the quote" if whole else "the words"
    message = f"{what} '{shown(part)}' cannot be found in the source text '{name}'"
    if len(start.split()) >= 3:
        # Show where they part, not their starts cut at the same length (which hid the
        # difference): a few words before it, then each one's next words.
        at = source.find(start)
        same = len(start)
        while same < len(part) and at + same < len(source) and part[same] == source[at + same]:
            same += 1
        before = _window_end(part[:same])
        message += (f": they are the same as far as '{before}', then the quote has "
                    f"'{_window_start(part[same:]) or '(nothing more)'}' where the text has "
                    f"'{_window_start(source[at + same:]) or '(nothing more)'}'")
    return message


_WINDOW = 30  # characters shown on each side of where a quote and its source part


def _window_end(text: str) -> str:
    """The text's last words, up to _WINDOW characters (a word cut in two left out)."""
    if len(text) <= _WINDOW:
        return text
    window = text[-_WINDOW:]
    if " " in window[:-1] and not text[-_WINDOW - 1].isspace():
        window = window[window.index(" ") + 1:]
    return "..." + window


def _window_start(text: str) -> str:
    """The text's first words, up to _WINDOW characters (a word cut in two left out)."""
    if len(text) <= _WINDOW:
        return text
    window = text[:_WINDOW]
    if " " in window[1:] and not text[_WINDOW].isspace():
        window = window[:window.rindex(" ")]
    return window.rstrip() + "..."


def _where(node) -> tuple[int, int]:
    return (node.line, node.column) if node is not None else (0, 0)


def _locate(data: bytes | None, path: str):
    """(the node of the bank's source file, {(question index, quote index): node},
    {question index: the node of its paragraph number(s), or of its source as text})."""
    from quizapp.core.yaml_nodes import ComposeError, Mapping, Sequence, compose

    if data is None:
        return None, {}, {}
    try:
        root, _ = compose(data)
    except ComposeError:
        return None, {}, {}
    if type(root) is not Mapping:
        return None, {}, {}
    file_node = None
    source = root.items.get("source")
    if source is not None and type(source[1]) is Mapping and "file" in source[1].items:
        file_node = source[1].items["file"][1]
    quotes: dict = {}
    paragraph_nodes: dict = {}
    questions = root.items.get("questions")
    if questions is None or type(questions[1]) is not Sequence:
        return file_node, quotes, paragraph_nodes
    for q_index, item in enumerate(questions[1].items):
        pair = item.items.get("source") if type(item) is Mapping else None
        source_node = pair[1] if pair is not None else None
        if isinstance(source_node, Mapping):
            if "paragraph" in source_node.items:
                paragraph_nodes[q_index] = source_node.items["paragraph"][1]
        elif source_node is not None:
            paragraph_nodes[q_index] = source_node  # "paragraph 8" written as text
        if pair is None or type(pair[1]) is not Mapping or "quote" not in pair[1].items:
            continue
        node = pair[1].items["quote"][1]
        for quote_index, quote_node in enumerate(
            node.items if type(node) is Sequence else [node]
        ):
            quotes[(q_index, quote_index)] = quote_node
    return file_node, quotes, paragraph_nodes
