"""The library's warm path: a cached bank is listed from its entry's summary, and its
questions are built on first use, equal to what the plain full load gives."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest
from bank_samples import EVERY_TYPE
from helpers import assemble_cache_entry, cache_entry, split_cache_entry

from quizapp.core import loader
from quizapp.core.lazy_bank import LazyBank, StaleBankError
from quizapp.core.library import load_library
from quizapp.core.loader import load_bank
from quizapp.core.paths import bundled_banks_dir
from quizapp.gui.library_rows import NEW, QUESTIONS, TITLE

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from make_big_bank import make_bank  # noqa: E402

LISTED = ("id", "title", "description", "language", "authors", "tags", "source", "path",
          "content_hash", "question_count", "catalog_signature", "all_tags")


def _listing(bank) -> dict:
    return {name: getattr(bank, name) for name in LISTED}


def _bank_files(tmp_path) -> list[Path]:
    big = tmp_path / "big.yaml"
    big.write_text(make_bank(300), encoding="utf-8")
    every = tmp_path / "every.yaml"
    every.write_text(EVERY_TYPE, encoding="utf-8")
    bundled = [p for p in sorted(bundled_banks_dir().glob("*.yaml"))]
    return [big, every, *bundled]


def _counting(read, calls: list[str]):
    def counted(*args):
        calls.append("read")
        return read(*args)

    return counted


def test_the_listing_equals_the_plain_full_load_and_builds_no_question(tmp_path, monkeypatch):
    for path in _bank_files(tmp_path):
        plain = load_bank(path, use_cache=False)  # the reference: parsed and built, no cache
        load_bank(path)  # fills the cache
        built: list[str] = []
        monkeypatch.setattr(loader.cache, "read", _counting(loader.cache.read, built))
        listed = load_bank(path, lazy=True)
        if plain.bank is not None and plain.bank.source is not None and plain.bank.source.file:
            assert not isinstance(listed.bank, LazyBank)  # its quotes need the questions
            assert listed.bank == plain.bank
            monkeypatch.undo()
            continue
        assert isinstance(listed.bank, LazyBank), path
        assert listed.problems == plain.problems
        assert _listing(listed.bank) == _listing(plain.bank)
        assert not listed.bank.built and built == []  # listing read the summary only
        assert listed.bank.questions == plain.bank.questions
        assert listed.bank.built and built == ["read"]
        assert listed.bank == plain.bank and plain.bank == listed.bank
        assert hash(listed.bank) == hash(plain.bank)
        monkeypatch.undo()


def test_a_changed_file_is_noticed(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text(make_bank(50), encoding="utf-8")
    load_bank(path)
    path.write_text(make_bank(60), encoding="utf-8")  # same file name, other content
    listed = load_bank(path, lazy=True)
    assert not isinstance(listed.bank, LazyBank)  # a miss: parsed again, not served stale
    assert listed.bank is not None and listed.bank.question_count == 60
    again = load_bank(path, lazy=True)  # and cached again
    assert isinstance(again.bank, LazyBank) and again.bank.question_count == 60


def test_a_forged_summary_is_not_listed(tmp_path):
    path = tmp_path / "every.yaml"
    path.write_text(EVERY_TYPE, encoding="utf-8")
    load_bank(path)
    header, content_hash, summary, bank_blob = split_cache_entry(cache_entry().read_bytes())
    forged = summary.replace(b"auto trade talks", b"forged listing!!")
    assert forged != summary
    # checksums recomputed by whoever planted it, but not signed with the install's secret
    cache_entry().write_bytes(assemble_cache_entry(header, content_hash, forged, bank_blob,
                                   lambda part: hashlib.sha256(part).hexdigest().encode()))
    listed = load_bank(path, lazy=True)
    assert not isinstance(listed.bank, LazyBank)
    assert listed.bank is not None and "forged" not in listed.bank.title


def test_questions_come_from_the_unchanged_file_when_the_entry_went(tmp_path):
    path = tmp_path / "every.yaml"
    path.write_text(EVERY_TYPE, encoding="utf-8")
    load_bank(path)
    listed = load_bank(path, lazy=True).bank
    assert isinstance(listed, LazyBank)
    cache_entry().unlink()
    assert listed.questions == load_bank(path, use_cache=False).bank.questions


def test_a_file_changed_after_listing_without_its_entry_is_refused_in_words(tmp_path):
    path = tmp_path / "every.yaml"
    path.write_text(EVERY_TYPE, encoding="utf-8")
    load_bank(path)
    listed = load_bank(path, lazy=True).bank
    assert isinstance(listed, LazyBank)
    cache_entry().unlink()
    path.write_text(EVERY_TYPE + "\n# edited\n", encoding="utf-8")
    with pytest.raises(StaleBankError, match="changed on disk after the library listed it"):
        listed.questions  # noqa: B018


def test_the_library_lists_lazily_and_the_store_reads_the_signature(tmp_path):
    from quizapp.core.store import Store

    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "big.yaml").write_text(make_bank(200), encoding="utf-8")
    load_library([folder])  # fills the cache
    (entry,) = load_library([folder])
    bank = entry.bank
    assert isinstance(bank, LazyBank) and not bank.built
    store = Store.open(tmp_path / "data")
    try:
        learner = store.create_learner("Ana").id
        store.bank_summary(learner, load_bank(folder / "big.yaml", use_cache=False).bank)
        summary = store.bank_summary(learner, bank)  # catalog already synced: no questions
        assert summary.due_count == 0 and not bank.built
    finally:
        store.close()


def test_the_library_screen_lists_a_cached_bank_without_building_it(
    open_library_window, qtbot, tmp_path
):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "big.yaml").write_text(make_bank(120), encoding="utf-8")
    win = open_library_window(folder)  # parses, caches, and gives the store its catalog
    library = win.context.library
    with qtbot.waitSignal(library.library_loaded, timeout=30000):
        library.reload()  # the warm path, as on the app's next start
    screen = win.screens["library"]
    (entry,) = [e for e in library.entries if e.path.endswith("big.yaml")]
    assert isinstance(entry.bank, LazyBank)
    items = [screen.tree.topLevelItem(i) for i in range(screen.tree.topLevelItemCount())]
    (item,) = [i for i in items if i.text(TITLE) == entry.bank.title]
    assert item.text(QUESTIONS) == "120"
    # The new-card count needs the flashcards' ids: the listing carries them.
    flashcards = load_bank(entry.path, use_cache=False).bank.self_rated_ids
    assert item.text(NEW) == str(min(20, len(flashcards)))
    assert not entry.bank.built  # listed, scored and described without a question


def test_a_listed_bank_copies_and_pickles_as_a_whole_bank(tmp_path):
    import copy
    import pickle
    from dataclasses import replace

    path = tmp_path / "every.yaml"
    path.write_text(EVERY_TYPE, encoding="utf-8")
    plain = load_bank(path).bank
    listed = load_bank(path, lazy=True).bank
    assert isinstance(listed, LazyBank) and not listed.built
    renamed = replace(listed, title="Renamed")
    assert renamed.title == "Renamed" and renamed.questions == plain.questions
    assert renamed.question_count == len(plain.questions)
    assert renamed.catalog_signature == plain.catalog_signature
    fewer = replace(listed, questions=plain.questions[:2])
    assert fewer.question_count == 2 and fewer.all_tags == replace(plain, questions=plain.questions[:2]).all_tags
    assert fewer.catalog_signature == replace(plain, questions=plain.questions[:2]).catalog_signature
    assert pickle.loads(pickle.dumps(load_bank(path, lazy=True).bank)) == plain
    assert copy.copy(load_bank(path, lazy=True).bank) == plain


def test_a_new_bank_is_listed_before_its_cache_entry_is_written(tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "new.yaml").write_text(make_bank(50), encoding="utf-8")
    writes = []
    (entry,) = load_library([folder], cache_writes=writes)
    assert entry.bank is not None and len(entry.bank.questions) == 50
    assert len(writes) == 1  # left to the caller: nothing is cached yet
    (again,) = load_library([folder], cache_writes=[])
    assert not isinstance(again.bank, LazyBank)  # checked again, from the file
    writes[0]()
    (listed,) = load_library([folder], cache_writes=writes)
    assert isinstance(listed.bank, LazyBank) and len(writes) == 1  # from the cache now
    assert listed.bank.questions == entry.bank.questions
