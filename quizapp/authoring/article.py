"""An article beside a bank: its paragraphs, numbered as the bank's sources count them.

A paragraph is text between blank lines. As the bundled bank's header
explains, a reader counts the body paragraphs only: a headline, a byline,
"Advertisement" or "Share via" is not a paragraph. So a block counts when it
ends like a sentence (. ! ? … or a closing quote or bracket after one);
Markdown headings (#) never count. The counting itself is core/paragraphs.py,
which `quizapp validate` shares.
"""

from __future__ import annotations

import os
import re
import stat
from collections import Counter

from quizapp.core.bank_folder import BankFolder, outside_words
from quizapp.core.paragraphs import Paragraph, paragraphs

__all__ = ["Paragraph", "paragraph_at", "paragraphs", "questions_per_paragraph"]

_PARAGRAPH_FIELD = re.compile(r"\bparagraph:[ \t]*\[?([0-9][0-9, \t]*)")
_PARAGRAPH_TEXT = re.compile(r"^\s*source:\s*[\"']?paragraphs?\s+([0-9][0-9,\sand]*)", re.M)


def paragraph_at(paragraph_list: list[Paragraph], offset: int) -> Paragraph | None:
    """The paragraph that holds character ``offset`` (or the nearest one before it)."""
    best = None
    for paragraph in paragraph_list:
        if paragraph.start <= offset:
            best = paragraph
        else:
            break
    return best


def questions_per_paragraph(blocks: list[str]) -> Counter:
    """How many questions cite each paragraph, read from each block's ``source``."""
    counts: Counter = Counter()
    for block in blocks:
        numbers: set[int] = set()
        for match in _PARAGRAPH_FIELD.finditer(block):
            numbers.update(int(n) for n in re.findall(r"[0-9]+", match.group(1)))
        for match in _PARAGRAPH_TEXT.finditer(block):
            numbers.update(int(n) for n in re.findall(r"[0-9]+", match.group(1)))
        counts.update(numbers)
    return counts


# An article is a news story or a chapter: a few hundred kilobytes. Past this the pane
# would take seconds to lay it out; the limit is in README.md.
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
MAX_ARTICLE_TEXT = "5 MB"


class ArticleError(ValueError):
    """Why an article cannot be shown, said for a teacher."""


def read_article(path: str) -> str:
    """The text of the article file ``path``: a regular file (a pipe or a device such as
    /dev/zero would never end), of at most MAX_ARTICLE_BYTES, in UTF-8. Raises
    ArticleError."""
    name = os.path.basename(path) or path
    if "\0" in path:
        raise ArticleError("a file name cannot contain a NUL character")
    try:
        # O_NONBLOCK: opening a pipe does not wait for a writer (it is refused below).
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise ArticleError(f"{name} does not exist") from None
    except OSError as exc:
        raise ArticleError(f"{name} cannot be read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ArticleError(f"{name} is a folder; choose a .txt or .md file")
        if not stat.S_ISREG(info.st_mode):
            raise ArticleError(f"{name} is not a regular file (a pipe or a device); "
                               "choose a .txt or .md file")
        if info.st_size > MAX_ARTICLE_BYTES:
            raise ArticleError(f"{name} is bigger than {MAX_ARTICLE_TEXT}; an article must "
                               "be smaller")
        data = os.read(fd, MAX_ARTICLE_BYTES + 1)
        while data and len(data) <= MAX_ARTICLE_BYTES:  # os.read may return less
            more = os.read(fd, MAX_ARTICLE_BYTES + 1 - len(data))
            if not more:
                break
            data += more
    except OSError as exc:
        raise ArticleError(f"{name} cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_ARTICLE_BYTES:  # it grew while being read
        raise ArticleError(f"{name} is bigger than {MAX_ARTICLE_TEXT}; an article must be smaller")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ArticleError(f"{name} is not UTF-8 text; save it with the UTF-8 encoding") from None


def named_article(bank_path: str, name: str) -> str:
    """The path of the source text a bank names (source: file:), by validate's rule: a
    relative path inside the bank's folder, after links. Raises ArticleError."""
    from quizapp.core.yaml_values import source_file_problem

    problem = source_file_problem(name)
    if problem is not None:
        raise ArticleError(problem)
    folder = BankFolder(os.path.dirname(os.path.abspath(bank_path)))
    target = folder.file(name, must_exist=False)
    if target is None:
        raise ArticleError(f"the source text '{name}' {outside_words(name, folder)}")
    if not os.path.lexists(target):
        raise ArticleError(f"the source text '{name}' does not exist in the bank's folder")
    return str(target)
