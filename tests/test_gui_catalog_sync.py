"""A new or edited bank's catalog (its current questions, which the statistics filter by) is
written on the library's loading thread, not by the library screen on the GUI thread."""

from __future__ import annotations

import threading

from bank_samples import CAPITALS

from quizapp.core.model import Bank
from quizapp.core.store.catalog import Catalog


def test_a_new_banks_catalog_is_written_off_the_gui_thread(open_library_window, tmp_path,
                                                          monkeypatch):
    written_on: list[str] = []  # the thread of each catalog that had to be (re)written
    original = Catalog.current

    def noting_writes(self, bank):
        if isinstance(bank, Bank):
            row = self._db.read1("SELECT signature FROM bank_versions WHERE bank_id = ?",
                                 (bank.id,))
            if row is None or row[0] != bank.catalog_signature:
                written_on.append(threading.current_thread().name)
        return original(self, bank)

    monkeypatch.setattr(Catalog, "current", noting_writes)
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "capitals.yaml").write_text(CAPITALS, encoding="utf-8")
    win = open_library_window(folder)  # shown, with its library loaded and listed
    context = win.context
    assert context.library.bank("capitals") is not None
    assert written_on, "the new bank's catalog was never written"
    assert threading.main_thread().name not in written_on

    # The library screen's numbers come from that catalog.
    summary = context.store.bank_summary(context.learner_id, context.library.bank("capitals"))
    assert summary is not None
    assert threading.main_thread().name not in written_on
