"""A new bank listed from its header before its check (issue 17): core.bank_header, and
load_library(listed=...) handing over the library before the new banks are checked."""

import os

import pytest
from helpers import SMALL_BANK

from quizapp.core.bank_header import HEADER_BYTES, BankHeader, read_bank_header
from quizapp.core.library import BankEntry, discover_bank_files, load_library
from quizapp.core.loader import load_bank
from quizapp.core.paths import bundled_banks_dir


def test_the_bundled_banks_headers_say_what_their_check_says():
    for path in discover_bank_files(bundled_banks_dir()):
        bank = load_bank(path, use_cache=False).raise_for_errors()
        header = read_bank_header(path)
        assert header == BankHeader(bank.title, bank.id, bank.description, True)


def test_a_header_gives_title_id_and_description_and_the_id_defaults_to_the_file_name(tmp_path):
    path = tmp_path / "my-bank.yaml"
    path.write_text("# notes\ndescription: |\n  Two\n  lines\ntitle: '  A  title '\n"
                    "source: {title: Not this one, url: 'x'}\nquestions:\n  - id: q\n",
                    encoding="utf-8")
    assert read_bank_header(path) == BankHeader("A title", "my-bank", "Two\nlines\n", True)


@pytest.mark.parametrize("text", [
    "questions:\n  - id: q\ntitle: After the questions\n",  # the header is not first
    "- title: a list, not a bank\n",
    "title: [not, text]\nquestions: []\n",
    "title: !!python/object/apply:os.system ['echo hi']\nquestions: []\n",  # never constructed
    "title: 'unclosed\nquestions: []\n",
    "",
])
def test_a_header_that_does_not_give_its_title_first_leaves_the_file_name(tmp_path, text):
    path = tmp_path / "odd.yaml"
    path.write_text(text, encoding="utf-8")
    assert read_bank_header(path) == BankHeader("odd.yaml", "odd", None, False)


def test_a_file_that_is_not_utf8_or_not_a_file_leaves_the_file_name(tmp_path):
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("title: Caf\xe9\nquestions: []\n".encode("latin-1"))
    assert read_bank_header(latin).title == "latin.yaml"
    assert read_bank_header(tmp_path / "missing.yaml").title == "missing.yaml"
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert read_bank_header(fifo).title == "pipe.yaml"  # returns at once: nothing is read


def test_only_the_top_of_the_file_is_read_and_a_value_cut_there_is_left_out(tmp_path):
    long_description = "word " * (HEADER_BYTES // 5)  # goes on past what is read
    path = tmp_path / "long.yaml"
    path.write_text(f"title: Long\ndescription: >\n  {long_description}\nquestions: []\n",
                    encoding="utf-8")
    # The title is whole; the description is cut by the bound, so it is not shown at all.
    assert read_bank_header(path) == BankHeader("Long", "long", None, True)
    late = tmp_path / "late.yaml"
    late.write_text(f"# {'x' * HEADER_BYTES}\ntitle: Too late\nquestions: []\n",
                    encoding="utf-8")
    assert read_bank_header(late).title == "late.yaml"


def _write_new(folder, name, title, bank_id):
    text = SMALL_BANK.format(title=title).replace("id: small", f"id: {bank_id}", 1)
    (folder / name).write_text(text, encoding="utf-8")


def _summary(entries: list[BankEntry]):
    return [(e.path, e.bank.title if e.bank else None, e.bank.id if e.bank else None,
             [p.format() for p in e.problems], e.bundled, e.replaces, e.checking)
            for e in entries]


def test_new_banks_are_handed_over_from_their_header_then_checked(tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    _write_new(folder, "cached.yaml", "Cached", "cached")
    load_library([folder])  # now in the cache
    _write_new(folder, "new.yaml", "New", "new")
    (folder / "broken.yaml").write_text("title: Broken\nquestions:\n  - id: q\n    type: nope\n",
                                        encoding="utf-8")
    listings = []
    entries = load_library([folder], listed=listings.append)
    assert len(listings) == 1
    by_name = {os.path.basename(e.path): e for e in listings[0]}
    assert by_name["cached.yaml"].bank is not None and by_name["cached.yaml"].checking is None
    assert by_name["new.yaml"].bank is None
    assert by_name["new.yaml"].checking == BankHeader("New", "new", None, True)
    assert by_name["broken.yaml"].checking.title == "Broken"
    # Once checked, the entries are what a load without the listing gives.
    assert all(e.checking is None for e in entries)
    plain = load_library([folder], use_cache=False)
    assert _summary(entries) == _summary(plain)
    final = {os.path.basename(e.path): e for e in entries}
    assert final["new.yaml"].bank is not None and final["new.yaml"].bank.title == "New"
    assert not final["broken.yaml"].ok and final["broken.yaml"].problems[0].line == 4
    # Everything cached now: nothing to hand over before a check.
    again = []
    load_library([folder], listed=again.append)
    assert again == []


def test_a_new_bank_sharing_a_cached_banks_id_ends_with_both_marked(tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    _write_new(folder, "a.yaml", "A", "same")
    _write_new(folder, "b.yaml", "B", "other")
    load_library([folder])
    _write_new(folder, "c.yaml", "C", "same")  # new, with a.yaml's id
    _write_new(folder, "d.yaml", "D", "other")  # new, with b.yaml's id
    listings = []
    entries = load_library([folder], listed=listings.append)
    # Before the check only the cached banks are known, and they do not clash...
    assert [e.bank is not None for e in listings[0]] == [True, True, False, False]
    # ...then the duplicates are marked among all of them, as a plain load marks them.
    assert _summary(entries) == _summary(load_library([folder], use_cache=False))
    assert all(e.bank is None and "same id" in e.problems[-1].message for e in entries)


def test_the_listing_is_a_copy_the_final_marking_does_not_change(tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    _write_new(folder, "a.yaml", "A", "same")
    _write_new(folder, "b.yaml", "B", "same")
    load_library([folder])  # both cached, both marked as duplicates
    _write_new(folder, "c.yaml", "C", "same")
    listings = []
    entries = load_library([folder], listed=listings.append)
    listed_a, listed_b, listed_c = listings[0]
    assert listed_a.bank is None and len(listed_a.problems) == 1
    assert listed_c.checking is not None
    assert all(e.bank is None for e in entries)
    assert [len(e.problems) for e in entries] == [1, 1, 1]
    assert all(a is not b for a, b in zip(entries, listings[0], strict=True))


def test_a_users_copy_of_a_bundled_bank_hides_it_while_being_checked(tmp_path):
    bundled = bundled_banks_dir()
    tour = next(p for p in discover_bank_files(bundled) if p.name == "tour.yaml")
    folder = tmp_path / "banks"
    folder.mkdir()
    load_library([bundled, folder])  # the bundled banks are cached
    copy = tour.read_text(encoding="utf-8").replace(
        'title: "Tour: how quizapp banks work"', "title: My tour", 1)
    (folder / "tour.yaml").write_text(copy, encoding="utf-8")  # id: tour, as the bundled one
    listings = []
    entries = load_library([bundled, folder], listed=listings.append)
    listed_paths = [e.path for e in listings[0]]
    assert str(tour) not in listed_paths  # hidden from the start, as after the check
    assert str(folder / "tour.yaml") in listed_paths
    assert [e.path for e in entries] == listed_paths
    mine = entries[-1]
    assert mine.bank is not None and mine.bank.title == "My tour" and mine.replaces == str(tour)


def test_a_check_stops_when_cancelled_and_nothing_of_it_is_cached(tmp_path):
    import threading

    from quizapp.core.loader import CheckCancelled, check_bytes

    data = SMALL_BANK.format(title="T").encode()
    cancel = threading.Event()
    assert check_bytes(data, "t.yaml", "hash", cancel=cancel)[0] is not None  # not set: checked
    cancel.set()
    with pytest.raises(CheckCancelled):
        check_bytes(data, "t.yaml", "hash", cancel=cancel)

    folder = tmp_path / "banks"
    folder.mkdir()
    _write_new(folder, "new.yaml", "New", "new")
    stop = threading.Event()
    with pytest.raises(CheckCancelled):  # the library closes once the listing is handed over
        load_library([folder], listed=lambda entries: stop.set(), cancel=stop)
    listings = []
    entries = load_library([folder], listed=listings.append)
    assert len(listings) == 1 and listings[0][0].checking is not None  # still new
    assert entries[0].bank is not None and entries[0].bank.title == "New"
