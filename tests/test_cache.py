"""The bank cache: used when the file is unchanged, never stale, damaged entries rebuilt."""

from __future__ import annotations

import os

import pytest
from bank_samples import EVERY_TYPE

from quizapp.core import cache, loader
from quizapp.core.loader import load_bank


@pytest.fixture
def bank_file(tmp_path):
    path = tmp_path / "talks.yaml"
    path.write_text(EVERY_TYPE, encoding="utf-8")
    return path


def entries():
    folder = cache.cache_folder()
    return sorted(folder.iterdir()) if folder.exists() else []


def forbid_parsing(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("the bank was parsed again instead of coming from the cache")

    monkeypatch.setattr(loader, "check_bytes", fail)


def test_cache_lives_in_the_cache_dir(bank_file, tmp_path):
    load_bank(bank_file)
    (entry,) = entries()
    assert entry.parent == cache.cache_folder()
    assert str(entry).startswith(os.environ["QUIZAPP_CACHE_DIR"])


def test_unchanged_bank_comes_from_the_cache_equal_to_a_fresh_load(bank_file, monkeypatch):
    fresh = load_bank(bank_file, use_cache=False)
    load_bank(bank_file)  # fills the cache
    forbid_parsing(monkeypatch)
    cached = load_bank(bank_file)
    assert cached.bank == fresh.bank
    assert cached.problems == fresh.problems
    assert cached.bank.content_hash == fresh.bank.content_hash
    # the rebuilt objects are the model's real, frozen classes
    q = cached.bank.questions[0]
    assert type(q).__name__ == "MultipleChoice" and q.answer == "U.S. Trade Representative"
    with pytest.raises(AttributeError):
        q.prompt = "changed"  # type: ignore[misc]


def test_problems_are_cached_too(tmp_path, monkeypatch):
    path = tmp_path / "bad.yaml"
    path.write_text("title: T\nquestions:\n  - {id: a, type: numeric, prompt: p, answer: x}\n")
    first = load_bank(path)
    forbid_parsing(monkeypatch)
    again = load_bank(path)
    assert again.bank is None and again.problems == first.problems and first.problems


def test_changed_file_is_never_served_stale(bank_file):
    assert load_bank(bank_file).bank.title == "U.S.-Japan auto trade talks"
    text = bank_file.read_text().replace("U.S.-Japan auto trade talks", "Changed title", 1)
    st = bank_file.stat()
    bank_file.write_text(text)
    os.utime(bank_file, ns=(st.st_atime_ns, st.st_mtime_ns))  # same mtime: content decides
    assert load_bank(bank_file).bank.title == "Changed title"
    bank_file.write_text(text.replace("answer: yen", "answer: [yen"))
    broken = load_bank(bank_file)
    assert broken.bank is None and "YAML syntax error" in broken.problems[0].message


def test_removed_image_is_noticed_although_the_bank_is_cached(tmp_path):
    (tmp_path / "car.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    path = tmp_path / "img.yaml"
    path.write_text(
        "title: T\nquestions:\n  - {id: a, type: true_false, prompt: p, answer: no, "
        "image: car.png}\n"
    )
    assert load_bank(path).bank is not None
    (tmp_path / "car.png").unlink()
    result = load_bank(path)
    assert result.bank is not None  # a missing image is a warning, noticed all the same
    assert result.problems[0].severity == "warning"
    assert "does not exist" in result.problems[0].message


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: b"",
        lambda blob: blob[: len(blob) // 2],
        lambda blob: blob[:-1] + bytes([blob[-1] ^ 1]),
        lambda blob: blob.replace(b"Kantor", b"Kxntor"),
        lambda blob: b"not a cache file at all",
        lambda blob: blob.replace(b"quizapp-bank-cache\n", b"quizapp-bank-cache\n9"),
        lambda blob: os.urandom(len(blob)),
    ],
)
def test_damaged_entry_is_ignored_and_rebuilt(bank_file, damage):
    fresh = load_bank(bank_file, use_cache=False)
    load_bank(bank_file)
    (entry,) = entries()
    entry.write_bytes(damage(entry.read_bytes()))
    again = load_bank(bank_file)
    assert again.bank == fresh.bank
    assert again.bank.questions[3].answers == ("Kantor", "Mickey Kantor")
    (entry_after,) = entries()
    assert entry_after.read_bytes().startswith(cache.MAGIC)
    assert b"Kxntor" not in entry_after.read_bytes()


def test_entry_for_other_content_is_not_used(tmp_path, bank_file):
    # Plant the entry of bank A under the key of bank B: the stored content hash differs.
    other = tmp_path / "other.yaml"
    other.write_text(EVERY_TYPE.replace("auto trade talks", "other title"))
    load_bank(bank_file)
    (entry_a,) = entries()
    b_result = load_bank(other)
    entry_b = [e for e in entries() if e != entry_a][0]
    entry_b.write_bytes(entry_a.read_bytes())
    assert load_bank(other).bank == b_result.bank


def test_writes_are_atomic_and_leave_no_temp_files(bank_file, tmp_path):
    for i in range(3):
        bank_file.write_text(EVERY_TYPE.replace("Reuters", f"Reuters {i}"))
        load_bank(bank_file)
    names = [e.name for e in entries()]
    assert len(names) == 3
    assert all(not n.startswith(".tmp") for n in names)


def test_unwritable_cache_folder_still_loads(bank_file, monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("QUIZAPP_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    result = load_bank(bank_file)
    assert result.bank is not None


def test_use_cache_false_neither_reads_nor_writes(bank_file):
    load_bank(bank_file, use_cache=False)
    assert entries() == []


def test_same_content_at_another_path_gets_its_own_path_and_id(bank_file, tmp_path):
    text = "title: T\nquestions:\n  - {id: a, type: flashcard, front: f, back: b}\n"
    one = tmp_path / "one.yaml"
    two = tmp_path / "two.yaml"
    one.write_text(text)
    two.write_text(text)
    assert load_bank(one).bank.id == "one"
    result = load_bank(two)
    assert result.bank.id == "two" and result.bank.path == str(two)


def test_encode_decode_round_trip_for_every_type():
    from bank_samples import load_text as load

    result = load(EVERY_TYPE)
    payload = (result.bank, tuple(result.problems), ())
    assert cache.decode(*cache.encode(payload)) == payload


def test_problems_quote_the_path_as_given_even_from_the_cache(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    path = tmp_path / "sub" / "bad.yaml"
    path.write_text("title: T\nquestions: []\n")
    monkeypatch.chdir(tmp_path)
    assert load_bank("sub/bad.yaml").problems[0].path == "sub/bad.yaml"
    monkeypatch.chdir(tmp_path / "sub")
    assert load_bank("bad.yaml").problems[0].path == "bad.yaml"
    assert load_bank(str(path)).problems[0].path == str(path)


def test_entries_are_keyed_by_the_checking_code(bank_file, monkeypatch):
    load_bank(bank_file)
    before = {e.name for e in entries()}
    monkeypatch.setattr(cache, "_fingerprint", "code edited since")
    load_bank(bank_file)
    assert len({e.name for e in entries()} - before) == 1  # a new entry, the old one unused


def test_round_trip_keeps_interleaved_types_in_order_and_shares_equal_tags():
    from dataclasses import replace

    from bank_samples import load_text as load

    bank = load(EVERY_TYPE).bank
    # every type twice, interleaved, so each type's column holds questions from far apart
    copies = tuple(replace(q, tags=tuple(list(q.tags))) for q in reversed(bank.questions))
    questions = bank.questions + copies
    twice = replace(bank, questions=questions)
    rebuilt, _, _ = cache.decode(*cache.encode((twice, (), ())))
    assert [q.id for q in rebuilt.questions] == [q.id for q in questions]
    assert rebuilt == twice
    # a question and its copy at the mirrored place: equal tags come back as one tuple
    i = next(i for i, q in enumerate(questions) if q.tags)
    assert rebuilt.questions[i].tags is rebuilt.questions[-1 - i].tags


def test_loading_leaves_the_cycle_collector_as_it_was_and_freezes_nothing(bank_file):
    import gc

    frozen = gc.get_freeze_count()  # the app's startup may have frozen objects on purpose
    collecting = gc.isenabled()  # the app and the tests collect on the GUI thread themselves
    try:
        for enabled in (True, False):
            (gc.enable if enabled else gc.disable)()
            load_bank(bank_file, use_cache=False)
            assert load_bank(bank_file).bank is not None  # from the cache
            assert gc.isenabled() == enabled
            assert gc.get_freeze_count() == frozen
    finally:
        (gc.enable if collecting else gc.disable)()
