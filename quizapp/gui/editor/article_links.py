"""The editor's article links: the bank names its source text (`source: file:`), which
opens beside it; an article opened beside it is named by the bank."""

from __future__ import annotations

from pathlib import Path

from quizapp.authoring.document import BankDocument, Edit
from quizapp.authoring.yaml_edit import EditError
from quizapp.gui.editor.article_pane import ArticleDock


def open_named_article(doc: BankDocument, dock: ArticleDock) -> str | None:
    """Open the source text a bank names (source: file:) beside it; what to tell the
    teacher when it cannot be shown, else None."""
    if not doc.path or not doc.splittable:
        return None
    try:
        source = doc.header().get("source")
    except EditError:
        return None
    # `source` may be a mapping (file:, title:...) or plain words ("The article, 1995").
    name = source.get("file") if isinstance(source, dict) else None
    if isinstance(name, str) and name:
        why = dock.open_named(doc.path, name)
        if why:
            return f"The bank's article is not shown: {why}."
    return None


def naming_article(doc: BankDocument, path: str, *, read_only: bool) -> Edit | str | None:
    """The edit that makes the bank name the article opened at `path` (source: file:), so
    that quizapp validate checks the quotes against it; a note when the article is not
    beside the bank (only one beside it can be named); None when there is nothing to do."""
    if read_only or not doc.path or not doc.splittable:
        return None
    folder = Path(doc.path).resolve().parent
    article = Path(path).resolve()
    if article.parent != folder:
        return ("The article is not in the bank's folder, so the bank does not name it; "
                "copy it next to the bank to have its quotes checked.")
    try:
        source = doc.header().get("source")
    except EditError:
        return None
    if isinstance(source, dict) and source.get("file") == article.name:
        return None
    return doc.set_header(("source", "file"), article.name)
