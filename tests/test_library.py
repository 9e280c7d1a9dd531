"""The bank library: discovery in folders, bundled flag, duplicate ids, progress."""

from __future__ import annotations

import os
import shutil

from quizapp.core.library import discover_bank_files, load_files, load_library
from quizapp.core.paths import bundled_banks_dir


def bank(title: str, bank_id: str | None = None) -> str:
    line = f"id: {bank_id}\n" if bank_id else ""
    return f"title: {title}\n{line}questions:\n  - {{id: a, type: flashcard, front: f, back: b}}\n"


def test_discovery_is_recursive_sorted_and_skips_other_files(tmp_path):
    (tmp_path / "b.yaml").write_text(bank("B"))
    (tmp_path / "a.YML").write_text(bank("A"))
    (tmp_path / "notes.txt").write_text("not a bank")
    (tmp_path / "unit 2").mkdir()
    (tmp_path / "unit 2" / "c.yml").write_text(bank("C"))
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "hidden.yaml").write_text(bank("H"))
    (tmp_path / ".draft.yaml").write_text(bank("D"))
    found = [p.relative_to(tmp_path).as_posix() for p in discover_bank_files(tmp_path)]
    assert found == ["a.YML", "b.yaml", "unit 2/c.yml"]


def test_discovery_follows_a_linked_folder_once(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "s.yaml").write_text(bank("S"))
    top = tmp_path / "top"
    top.mkdir()
    (top / "link").symlink_to(shared)
    (top / "link-again").symlink_to(shared)
    (shared / "back").symlink_to(top)  # a loop through both folders
    found = discover_bank_files(top)
    assert len(found) == 1 and found[0].name == "s.yaml"


def test_discovery_does_not_follow_a_link_to_a_folder_above(tmp_path):
    """`up -> ..` in the banks' folder (or `home -> ~`, `disk -> /`): the walk read every
    YAML file above the folder as a bank, the whole disk's for a link to / (hostile18)."""
    top = tmp_path / "school" / "banks"
    top.mkdir(parents=True)
    (top / "mine.yaml").write_text(bank("Mine"))
    (tmp_path / "school" / "compose.yml").write_text("services: {}\n")
    (tmp_path / "elsewhere.yaml").write_text("not: a bank\n")
    (top / "up").symlink_to("..")
    (top / "root").symlink_to(tmp_path)
    (top / "self").symlink_to(".")
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "s.yaml").write_text(bank("S"))
    (top / "shared").symlink_to(shared)  # a folder beside it is still followed
    found = [p.name for p in discover_bank_files(top)]
    assert found == ["mine.yaml", "s.yaml"]


def test_library_loads_every_folder_and_marks_bundled_ones(tmp_path):
    (tmp_path / "mine.yaml").write_text(bank("Mine"))
    entries = load_library([bundled_banks_dir(), tmp_path])
    bundled = [e for e in entries if e.bundled]
    mine = [e for e in entries if not e.bundled]
    assert bundled and all(e.bank is not None for e in bundled)
    assert [e.bank.title for e in mine] == ["Mine"]
    assert all(e.problems == [] for e in entries)


def test_same_id_in_two_files_is_an_error_naming_both(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = tmp_path / "one" / "talks.yaml"
    second = tmp_path / "two" / "talks-copy.yaml"
    first.write_text(bank("First", "talks"))
    second.write_text(bank("Second", "talks"))
    (tmp_path / "other.yaml").write_text(bank("Other"))
    entries = {os.path.basename(e.path): e for e in load_library([tmp_path])}
    assert entries["other.yaml"].bank is not None
    for mine, other in ((first, second), (second, first)):
        entry = entries[mine.name]
        assert entry.bank is None
        (problem,) = entry.problems
        assert problem.path == str(mine)
        assert "another bank has the same id 'talks'" in problem.message
        assert str(other) in problem.message


def test_default_ids_from_file_names_can_clash_too(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "quiz.yaml").write_text(bank("A"))
    (tmp_path / "b" / "quiz.yml").write_text(bank("B"))
    entries = load_library([tmp_path])
    assert [e.bank for e in entries] == [None, None]


def test_the_same_file_through_two_folders_is_loaded_once(tmp_path):
    (tmp_path / "x.yaml").write_text(bank("X"))
    (tmp_path / "alias").symlink_to(tmp_path)
    entries = load_library([tmp_path, tmp_path / "alias"])
    assert len(entries) == 1 and entries[0].bank is not None


def test_missing_folder_is_reported_not_raised(tmp_path):
    (tmp_path / "x.yaml").write_text(bank("X"))
    entries = load_library([tmp_path / "gone", tmp_path])
    assert entries[0].bank is None and "does not exist" in entries[0].problems[0].message
    assert entries[1].bank is not None


def test_progress_counts_every_file_and_single_files_come_last(tmp_path):
    folder = tmp_path / "f"
    folder.mkdir()
    for name in "abc":
        (folder / f"{name}.yaml").write_text(bank(name.upper()))
    single = tmp_path / "single.yaml"
    single.write_text(bank("Single"))
    calls = []
    entries = load_library([folder], files=[single], progress=lambda d, t: calls.append((d, t)))
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert [e.bank.title for e in entries] == ["A", "B", "C", "Single"]


def test_load_files_checks_duplicate_ids_across_the_given_files(tmp_path):
    one = tmp_path / "one.yaml"
    two = tmp_path / "two.yaml"
    one.write_text(bank("One", "same"))
    two.write_text(bank("Two", "same"))
    entries = load_files([one, two])
    assert all(e.bank is None for e in entries)
    assert str(two) in entries[0].problems[0].message


def _copy_of_tour(folder, title: str):
    """A user's edited copy of the bundled tour bank (same id, another title)."""
    (tour,) = [p for p in discover_bank_files(bundled_banks_dir()) if p.name == "tour.yaml"]
    text = tour.read_text(encoding="utf-8")
    first_title = next(line for line in text.splitlines() if line.startswith("title:"))
    shutil.copytree(tour.parent / "images", folder / "images")
    copy = folder / "my-tour.yaml"
    copy.write_text(text.replace(first_title, f"title: {title}", 1), encoding="utf-8")
    return tour, copy


def test_a_users_copy_of_a_bundled_bank_replaces_it(tmp_path):
    tour, copy = _copy_of_tour(tmp_path, "My tour")
    entries = load_library([bundled_banks_dir(), tmp_path])
    by_path = {e.path: e for e in entries}
    assert str(tour) not in by_path  # hidden, not broken
    mine = by_path[str(copy)]
    assert mine.bank is not None and mine.bank.title == "My tour" and not mine.problems
    assert mine.replaces == str(tour)
    assert [e.bank.id for e in entries if e.bank is not None].count(mine.bank.id) == 1
    others = [e for e in entries if e.bundled]
    assert others and all(e.bank is not None and e.replaces is None for e in others)


def test_two_user_copies_of_a_bundled_bank_are_still_an_error(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    tour, first = _copy_of_tour(tmp_path / "a", "Mine A")
    _, second = _copy_of_tour(tmp_path / "b", "Mine B")
    entries = {e.path: e for e in load_library([bundled_banks_dir(), tmp_path])}
    for mine, other in ((first, second), (second, first)):
        entry = entries[str(mine)]
        assert entry.bank is None
        assert "another bank has the same id" in entry.problems[0].message
        assert str(other) in entry.problems[0].message
    assert entries[str(tour)].bank is not None  # neither copy is usable: the bundled stays
