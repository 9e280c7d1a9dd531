"""File > Export (Ctrl+E) converts and writes the bank on a worker thread, with an
"Exporting…" sign and a Cancel: a big bank's PDF laid out on the GUI thread froze the window
(10,000 questions: minutes). The tests press Ctrl+E, choose the format and type the name in
Qt's own save dialog, and watch the window's event loop while a bank of 400 questions is
printed."""

from __future__ import annotations

import errno

import pytest
from gui_helpers import press_ctrl_e, shown_library_window, wait_for_message
from helpers import SMALL_BANK, library_rows
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QMessageBox,
)

from quizapp.cli import main
from quizapp.gui.bank_export import LAST_DIR_KEY
from quizapp.gui.import_work import ExportProgress

PDF_FILTER = "PDF quiz (*.pdf)"
GIFT_FILTER = "GIFT (*.gift)"


def many_facts(count: int) -> str:
    lines = ["title: Many facts", "id: many", "questions:"]
    for i in range(count):
        lines += [f"  - id: fact-{i}", "    type: true_false",
                  f"    prompt: Fact number {i} about the talks is true.", "    answer: true"]
    return "\n".join(lines) + "\n"


def library_window(qtbot, open_library_window, tmp_path, bank_text: str, title: str):
    """The library with the bank selected; the save dialog opens in tmp_path/papers (the
    folder the last export went to), where the tests type their file names."""
    win = shown_library_window(qtbot, open_library_window, tmp_path)
    (tmp_path / "papers").mkdir()
    win.context.settings.setValue(LAST_DIR_KEY, str(tmp_path / "papers"))
    (tmp_path / "banks" / "bank.yaml").write_text(bank_text, encoding="utf-8")
    with qtbot.waitSignal(win.context.library.library_loaded, timeout=30000):
        win.context.library.reload()
    win.library_screen.tree.setCurrentItem(library_rows(win)[title])
    return win


class EventLoopWatch:
    """A timer on the GUI thread counting the ticks it got while the export's sign showed,
    and the texts the sign showed."""

    def __init__(self, win, on_sign=None):
        self.win = win
        self.ticks_with_sign = 0
        self.signs: list[str] = []
        self._on_sign = on_sign
        self.timer = QTimer(win)
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        sign = self.win.statusBar().findChild(ExportProgress)
        if sign is not None and sign.isVisible():
            self.ticks_with_sign += 1
            if sign.label.text() not in self.signs:
                self.signs.append(sign.label.text())
            if self._on_sign is not None:
                self._on_sign(self.ticks_with_sign)


def test_ctrl_e_prints_a_big_bank_off_the_gui_thread_and_says_when_it_is_done(
        qtbot, open_library_window, tmp_path, monkeypatch):
    win = library_window(qtbot, open_library_window, tmp_path, many_facts(400), "Many facts")
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"warning: {a[2]}"))
    target = tmp_path / "papers" / "facts.pdf"
    again: list[tuple[list[str], str]] = []

    def on_sign(ticks: int) -> None:
        if ticks == 2:  # a second Ctrl+E during the export opens no dialog, and says why
            dialogs = press_ctrl_e(qtbot, win, PDF_FILTER, "other")
            again.append((dialogs, win.statusBar().currentMessage()))

    watch = EventLoopWatch(win, on_sign)
    # "facts" with PDF chosen: the dialog's filter gives the name its ending
    seen = press_ctrl_e(qtbot, win, PDF_FILTER, "facts")
    wait_for_message(qtbot, win, "Exported ")
    watch.timer.stop()

    assert seen == ["Export Many facts", "Print Many facts: 1"]
    # the window went on handling its events while the paper was laid out and printed
    assert watch.ticks_with_sign >= 3
    assert watch.signs == ["Exporting Many facts as a PDF quiz…"]
    assert again == [([], "An export is under way; it must end before the next one")]
    assert not win.statusBar().findChild(ExportProgress).isVisible()
    assert target.read_bytes().startswith(b"%PDF")
    assert win.statusBar().currentMessage() == f"Exported 400 questions of Many facts to {target}"
    assert not (tmp_path / "papers" / "other.pdf").exists()


def test_an_odd_file_name_is_written_as_typed_as_quizapp_export_writes_it(
        qtbot, open_library_window, tmp_path, monkeypatch):
    win = library_window(qtbot, open_library_window, tmp_path,
                         SMALL_BANK.format(title="Small bank"), "Small bank")
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"warning: {a[2]}"))
    odd = "Quiz: A & B #1 (new); ok! 50% 'draft'"
    press_ctrl_e(qtbot, win, GIFT_FILTER, odd)
    wait_for_message(qtbot, win, "Exported ")
    written = tmp_path / "papers" / f"{odd}.gift"
    by_command = tmp_path / "by-command.gift"
    assert main(["export", str(tmp_path / "banks" / "bank.yaml"), "-o", str(by_command)]) == 0
    assert written.read_text(encoding="utf-8") == by_command.read_text(encoding="utf-8")
    assert win.statusBar().currentMessage() == f"Exported 3 questions of Small bank to {written}"


def test_a_name_too_long_with_its_ending_is_said_in_words_and_the_next_export_works(
        qtbot, open_library_window, tmp_path, monkeypatch):
    """The dialog takes a name of 255 characters, the most a file name can have here; the
    export adds ".gift", and the disk refuses the name."""
    win = library_window(qtbot, open_library_window, tmp_path,
                         SMALL_BANK.format(title="Small bank"), "Small bank")
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append((title, text)))
    long_name = "q" * 255
    press_ctrl_e(qtbot, win, GIFT_FILTER, long_name)
    qtbot.waitUntil(lambda: bool(said), timeout=60000)
    [(title, text)] = said
    target = tmp_path / "papers" / f"{long_name}.gift"
    assert title == "Export failed"
    assert text == (f"Small bank was not exported: {target} could not be written because the "
                    "name is too long. Choose a shorter name.")
    assert list((tmp_path / "papers").iterdir()) == []  # nor a temporary file left
    assert not win.statusBar().findChild(ExportProgress).isVisible()

    press_ctrl_e(qtbot, win, GIFT_FILTER, "quiz")
    wait_for_message(qtbot, win, "Exported ")
    assert (tmp_path / "papers" / "quiz.gift").is_file()


def test_esc_cancels_a_big_export_and_writes_nothing(qtbot, open_library_window, tmp_path,
                                                     monkeypatch):
    win = library_window(qtbot, open_library_window, tmp_path, many_facts(400), "Many facts")
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"warning: {a[2]}"))
    target = tmp_path / "papers" / "facts.pdf"

    def on_sign(ticks: int) -> None:
        if ticks == 1:
            qtbot.keyClick(win, Qt.Key.Key_Escape)

    watch = EventLoopWatch(win, on_sign)
    press_ctrl_e(qtbot, win, PDF_FILTER, "facts")
    wait_for_message(qtbot, win, "Export")
    watch.timer.stop()
    assert watch.signs[0] == "Exporting Many facts as a PDF quiz…"
    assert win.statusBar().currentMessage() == "Export of Many facts cancelled; no file was written"
    assert list((tmp_path / "papers").iterdir()) == []  # nor a temporary file left
    assert not target.exists()


@pytest.mark.parametrize(("code", "why"), [
    (errno.ENOSPC, "the disk is full. Free some space, or choose another disk, and export again."),
    (errno.EROFS, "the folder cannot be written to. Choose another folder."),
    (errno.EACCES, "the folder cannot be written to. Choose another folder."),
    (errno.ENAMETOOLONG, "the name is too long. Choose a shorter name."),
    (errno.EINVAL, "the disk does not allow a character of its name (such as : ? * or \"). "
                   "Choose another name."),
    (errno.EIO, "of an error on the disk (Input/output error)."),
])
def test_each_failure_to_write_says_why_in_words(code, why):
    import os

    from quizapp.gui.bank_export import export_failure

    assert export_failure("Talks", "/media/stick/quiz.gift", os.strerror(code), code) == (
        f"Talks was not exported: /media/stick/quiz.gift could not be written because {why}")
    assert export_failure("Talks", "/tmp/q.gift", "the bank has errors", None) == (
        "Talks was not exported: the bank has errors")


def test_quitting_stops_a_long_export_after_its_wait_and_writes_nothing(
        qtbot, open_library_window, tmp_path, monkeypatch):
    win = library_window(qtbot, open_library_window, tmp_path, many_facts(3000), "Many facts")
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"warning: {a[2]}"))
    assert win.wait_for_file_work(0)  # nothing under way yet
    quit_waits: list[bool] = []

    def on_sign(ticks: int) -> None:
        if ticks == 1:  # what the app does once its event loop has ended (gui/app.py)
            quit_waits.append(win.wait_for_file_work(1000))

    watch = EventLoopWatch(win, on_sign)
    press_ctrl_e(qtbot, win, PDF_FILTER, "facts")
    qtbot.waitUntil(lambda: bool(quit_waits), timeout=30000)
    watch.timer.stop()
    assert quit_waits == [True]  # the export's process has ended (3,000 questions take seconds)
    assert list((tmp_path / "papers").iterdir()) == []


def _pdf_text(path) -> str:
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    return " ".join(" ".join(doc.getAllText(i).text() for i in range(doc.pageCount())).split())


def test_a_pdf_paper_is_printed_in_the_versions_asked_for(
        qtbot, open_library_window, tmp_path, monkeypatch):
    """File > Export to a PDF asks how many versions to print, as `quizapp export
    --versions` prints them; the number is offered again next time, and Esc exports
    nothing."""
    win = library_window(qtbot, open_library_window, tmp_path,
                         SMALL_BANK.format(title="Small bank"), "Small bank")
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"warning: {a[2]}"))
    watch = EventLoopWatch(win)
    seen = press_ctrl_e(qtbot, win, PDF_FILTER, "paper", versions="3")
    wait_for_message(qtbot, win, "Exported ")
    watch.timer.stop()
    assert seen == ["Export Small bank", "Print Small bank: 1"]
    assert watch.signs == ["Exporting Small bank as a PDF quiz in 3 versions…"]
    written = tmp_path / "papers" / "paper.pdf"
    by_command = tmp_path / "by-command.pdf"
    assert main(["export", str(tmp_path / "banks" / "bank.yaml"), "-o", str(by_command),
                 "--versions", "3"]) == 0
    text = _pdf_text(written)
    assert text == _pdf_text(by_command)
    for letter in "ABC":
        assert f"Answer key: Small bank \u2014 version {letter}" in text

    seen = press_ctrl_e(qtbot, win, PDF_FILTER, "again", versions=None)
    assert seen == ["Export Small bank", "Print Small bank: 3"]
    assert not (tmp_path / "papers" / "again.pdf").exists()
    assert not win.statusBar().findChild(ExportProgress).isVisible()

    press_ctrl_e(qtbot, win, GIFT_FILTER, "quiz")  # no box for a format without versions
    gift = tmp_path / "papers" / "quiz.gift"
    wait_for_message(qtbot, win, f"Exported 3 questions of Small bank to {gift}")
    assert gift.is_file()
