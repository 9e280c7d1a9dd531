"""`quizapp validate` warns about every picture in a text that the app will not show, by the
renderer's own rule: a picture by reference (![r][ref] with [ref]: ../outside.png) and one
whose %-escapes climb out (img/%2e%2e/...) included. Each address is also drawn by the
real renderer (rendering/markdown.safe_document), and the two must agree."""

from __future__ import annotations

import json

import pytest
from PySide6.QtGui import QColor, QImage

from quizapp.cli import main
from quizapp.core.loader import load_bank
from quizapp.core.markup import markdown_images
from quizapp.rendering.markdown import safe_document


@pytest.fixture
def bank_dir(tmp_path):
    """A bank folder with img/ok.png, and a picture outside it that img/link.png points to."""
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor(0, 200, 77))
    (tmp_path / "outside").mkdir()
    assert image.save(str(tmp_path / "outside" / "secret.png"))
    folder = tmp_path / "banks"
    (folder / "img").mkdir(parents=True)
    assert image.save(str(folder / "img" / "ok.png"))
    (folder / "img" / "link.png").symlink_to(tmp_path / "outside" / "secret.png")
    return folder


# (how the picture is written, the definitions it needs)
PICTURES = [
    ("![r][ref]", "[ref]: ../outside/secret.png"),
    ("![Ref][]", "[ref]: <../outside/secret.png>"),
    ("![ref]", "[REF]: ../outside/secret.png"),
    ("![e](img/%2e%2e/%2e%2e/outside/secret.png)", ""),
    ("![e](%2E%2E/outside/secret.png)", ""),
    ("![s](img/link.png)", ""),
    ("![c](C:img/ok.png)", ""),
    ("![b](\\img/ok.png)", ""),
    ("![m](img/missing.png)", ""),
    ("![m][gone]", "[gone]: img/also-missing.png"),
    ("![ok](img/ok.png)", ""),
    ("![ok](img/o%6b.png)", ""),
    ("![ok](img/ok.png?size=2#top)", ""),
    ("![ok][pic]", "[pic]: img/ok.png"),
    ("![not a picture][nowhere]", ""),  # no such label: plain text, no picture
]


def bank_text(prompt: str) -> str:
    return ("title: Pictures\nquestions:\n  - id: q\n    type: true_false\n"
            f"    prompt: {json.dumps(prompt)}\n    answer: true\n")


def drawn(prompt: str, folder) -> str:
    """What the learner sees of the prompt's pictures."""
    return safe_document(prompt, folder).toPlainText()


@pytest.mark.parametrize(("picture", "definition"), PICTURES)
def test_validate_says_what_the_renderer_does(qapp, bank_dir, picture, definition):
    prompt = f"See {picture} here.\n\n{definition}" if definition else f"See {picture} here."
    path = bank_dir / "bank.yaml"
    path.write_text(bank_text(prompt), encoding="utf-8")
    result = load_bank(path, use_cache=False)
    assert result.bank is not None  # a picture's problem is a warning: the bank works
    said = " | ".join(p.message for p in result.problems)
    assert all(p.severity == "warning" and (p.line, p.column) == (5, 13)
               for p in result.problems), said
    shown = drawn(prompt, bank_dir)
    if "[image not shown:" in shown:
        assert "will not be shown" in said or "[image not shown:" in said, said
    elif "[image missing:" in shown:
        assert "does not exist" in said, said
    else:
        assert said == "", said


def test_markdown_images_finds_what_qt_finds(qapp):
    text = ("![a](img/a.png 'title') ![b](<img/b c.png>) ![r][Ref] ![d][] ![e]\n\n"
            "[ref]: img/r.png\n[d]: <img/d d.png> \"t\"\n[e]: img/e.png\n[x]: img/unused.png\n")
    document = safe_document(text, None)  # no folder: every picture is replaced by its name
    assert markdown_images(text) == ["img/a.png", "img/b c.png", "img/r.png", "img/d d.png",
                                     "img/e.png"]
    for name in markdown_images(text):
        assert f"[image not shown: {name}]" in document.toPlainText()


def test_the_testers_pictures_are_warned_about_at_their_line(bank_dir, capsys):
    path = bank_dir / "images2.yaml"
    path.write_text(bank_text(
        "ref ![r][ref] enc ![e](img/%2e%2e/%2e%2e/outside/secret.png) ok ![ok](img/ok.png)"
        "\n\n[ref]: ../outside/secret.png"), encoding="utf-8")
    assert main(["validate", "--no-cache", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{path}:5:13: warning: the picture '../outside/secret.png' will not be shown: an "
        "image path must stay inside the bank's folder (no '..')",
        f"{path}:5:13: warning: the picture 'img/%2e%2e/%2e%2e/outside/secret.png' will not "
        "be shown: an image path must stay inside the bank's folder (no '..') (it reads as "
        "'img/../../outside/secret.png')",
        "checked 1 bank: 2 warnings",
    ]
