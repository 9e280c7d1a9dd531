"""inside_bank_folder: the one rule every picture, source text and pulled file goes through."""

from __future__ import annotations

import os

import pytest

from quizapp.core.bank_folder import inside_bank_folder


@pytest.fixture
def bank(tmp_path):
    folder = tmp_path / "bank"
    (folder / "pics").mkdir(parents=True)
    (folder / "pics" / "map.png").write_bytes(b"png")
    (folder / "article.txt").write_text("text")
    (tmp_path / "secret.txt").write_text("secret")
    return folder


def test_a_file_inside_is_its_resolved_path(bank):
    assert inside_bank_folder(bank, "pics/map.png") == (bank / "pics" / "map.png").resolve()
    assert inside_bank_folder(str(bank), "article.txt") == (bank / "article.txt").resolve()
    # `..` that stays inside is still inside
    assert inside_bank_folder(bank, "pics/../article.txt") == (bank / "article.txt").resolve()


def test_dot_dot_out_of_the_folder_is_refused(bank):
    assert inside_bank_folder(bank, "../secret.txt") is None
    assert inside_bank_folder(bank, "pics/../../secret.txt") is None
    assert inside_bank_folder(bank, "../secret.txt", must_exist=False) is None
    assert inside_bank_folder(bank, "..") is None
    assert inside_bank_folder(bank, ".") is None  # the folder itself is not a file in it


@pytest.mark.parametrize("name", ["/etc/hostname", "\\Windows\\win.ini", "\\\\server\\share\\a.png",
                                  "//server/share/a.png"])
def test_absolute_paths_are_refused(bank, name):
    assert inside_bank_folder(bank, name) is None
    assert inside_bank_folder(bank, name, must_exist=False) is None


def test_an_absolute_path_inside_the_folder_is_refused_too(bank):
    # a bank names files relative to itself; an absolute name would not travel with it
    assert inside_bank_folder(bank, str(bank / "article.txt")) is None


@pytest.mark.parametrize("name", ["C:\\secret.txt", "c:secret.txt", "C:/secret.txt", "d:pics/map.png"])
def test_windows_drives_are_refused(bank, name):
    assert inside_bank_folder(bank, name, must_exist=False) is None


@pytest.mark.parametrize("name", ["http://example.invalid/a.png", "HTTPS://example.invalid/a.png",
                                  "file:///etc/hostname", "File:article.txt", "FILE:pics/map.png",
                                  "data:image/png;base64,AAAA", "qrc:/icons/x.png", "ftp:a.png",
                                  "article.txt:stream"])
def test_url_schemes_and_streams_in_any_case_are_refused(bank, name):
    assert inside_bank_folder(bank, name) is None
    assert inside_bank_folder(bank, name, must_exist=False) is None


@pytest.mark.skipif(os.name == "nt", reason="a colon names a file's stream on Windows")
def test_a_colon_inside_a_plain_name_is_a_plain_character(bank):
    # "map 10:30.png" loaded and showed before the rule was one helper: still so.
    (bank / "map 10:30.png").write_bytes(b"x")
    (bank / "pics").mkdir(exist_ok=True)
    (bank / "pics" / "a:b.png").write_bytes(b"x")
    assert inside_bank_folder(bank, "map 10:30.png") == (bank / "map 10:30.png").resolve()
    assert inside_bank_folder(bank, "pics/a:b.png") == (bank / "pics" / "a:b.png").resolve()


def test_a_link_out_of_the_folder_is_refused(bank, tmp_path):
    os.symlink(tmp_path / "secret.txt", bank / "link.txt")
    os.symlink(tmp_path, bank / "up")
    assert inside_bank_folder(bank, "link.txt") is None
    assert inside_bank_folder(bank, "up/secret.txt") is None
    assert inside_bank_folder(bank, "up/new.png", must_exist=False) is None  # a write target


def test_a_link_that_stays_inside_is_followed(bank):
    os.symlink(bank / "pics" / "map.png", bank / "same.png")
    assert inside_bank_folder(bank, "same.png") == (bank / "pics" / "map.png").resolve()


def test_a_bank_folder_reached_through_a_link_still_works(bank, tmp_path):
    os.symlink(bank, tmp_path / "shortcut")
    assert inside_bank_folder(tmp_path / "shortcut", "pics/map.png") == (bank / "pics" / "map.png").resolve()
    assert inside_bank_folder(tmp_path / "shortcut", "../secret.txt") is None


def test_nul_empty_and_no_folder_are_refused(bank):
    assert inside_bank_folder(bank, "article.txt\0.png") is None
    assert inside_bank_folder(bank, "\0") is None
    assert inside_bank_folder(bank, "") is None
    assert inside_bank_folder(None, "article.txt") is None


def test_case_is_the_file_systems_own(bank):
    # No case folding of our own: a name differing only in case is the file only where the
    # file system says so (macOS, Windows), and the path returned is the real one.
    found = inside_bank_folder(bank, "PICS/MAP.PNG")
    case_insensitive = os.path.exists(bank / "PICS" / "MAP.PNG")
    if case_insensitive:
        assert found is not None and found.is_relative_to(bank.resolve())
    else:
        assert found is None
        assert inside_bank_folder(bank, "PICS/MAP.PNG", must_exist=False) == (bank / "PICS" / "MAP.PNG").resolve()


def test_missing_files_only_with_must_exist_false(bank):
    assert inside_bank_folder(bank, "pics/missing.png") is None
    assert inside_bank_folder(bank, "pics") is None  # a folder is not a file
    assert inside_bank_folder(bank, "pics/missing.png", must_exist=False) == (bank / "pics" / "missing.png").resolve()
    assert inside_bank_folder(bank, "new/deeper/x.png", must_exist=False) == (bank / "new" / "deeper" / "x.png").resolve()


def test_names_the_disk_cannot_hold_are_missing_files_and_link_loops_are_refused(bank):
    # too long for the disk: not a file there, so "missing" (validate warns, the app shows
    # [image missing: ...]), never an exception
    long_name = "x" * 5000 + ".png"
    assert inside_bank_folder(bank, long_name) is None
    assert inside_bank_folder(bank, long_name, must_exist=False) == bank.resolve() / long_name
    os.symlink(bank / "loop-b", bank / "loop-a")
    os.symlink(bank / "loop-a", bank / "loop-b")
    assert inside_bank_folder(bank, "loop-a") is None
    assert inside_bank_folder(bank, "loop-a/x.png", must_exist=False) is None


def test_a_name_that_reads_as_an_address_is_said_to_be_one(tmp_path):
    from quizapp.core.loader import load_bank

    (tmp_path / "note:1.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "b.yaml").write_text(
        "title: B\nquestions:\n  - id: q\n    type: true_false\n    prompt: P\n"
        "    answer: true\n    image: note:1.png\n    image_description: a note\n",
        encoding="utf-8")
    messages = [p.message for p in load_bank(tmp_path / "b.yaml", use_cache=False).problems]
    assert any("'note:1.png' reads as a web address or a drive because of its ':'" in m
               and "rename the file without ':'" in m for m in messages), messages
    assert not any("outside the bank's folder" in m for m in messages)


def test_a_checked_read_refuses_what_was_swapped_after_the_check(bank, tmp_path):
    """read_checked (hostile18): the file the rule found, read through a handle checked
    to be it; a link, a FIFO or a folder swapped in after the check are refused."""
    from quizapp.core.bank_folder import read_checked

    found = inside_bank_folder(bank, "pics/map.png")
    assert found is not None and read_checked(found, 100) == b"png"
    assert read_checked(found, 2) is None  # more bytes than asked for
    # the picture became a link to a file outside
    found.unlink()
    os.symlink(tmp_path / "secret.txt", found)
    assert read_checked(found, 100) is None
    # ... or a FIFO: the read neither blocks nor reads
    found.unlink()
    os.mkfifo(found)
    assert read_checked(found, 100) is None
    # ... or its folder became a link to a folder outside holding a file of that name
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "map.png").write_bytes(b"outside")
    found.unlink()
    (bank / "pics").rmdir()
    os.symlink(elsewhere, bank / "pics")
    assert read_checked(found, 100) is None
