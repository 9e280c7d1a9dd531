"""`quizapp import` and `quizapp export` as a teacher runs them: messages, exit codes, files."""

import os
import subprocess
import sys
from pathlib import Path

from quizapp.cli import main
from quizapp.core.loader import load_bank
from quizapp.core.paths import bundled_banks_dir

DATA = Path(__file__).parent / "data" / "interop"
BANK = bundled_banks_dir() / "us-japan-auto-talks-1995.yaml"


def bank_size() -> int:
    return len(load_bank(BANK, use_cache=False).bank.questions)


def test_import_writes_a_valid_bank_and_reports_warnings(tmp_path, capsys):
    out = tmp_path / "spec.yaml"
    assert main(["import", str(DATA / "spec.gift"), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"{DATA / 'spec.gift'}:70: warning: essay questions" in err
    assert f"imported 17 questions, 9 warnings -> {out}" in err
    result = load_bank(out, use_cache=False)
    assert result.problems == []
    assert result.bank.id == "spec" and len(result.bank.questions) == 17


def test_import_prints_yaml_without_output_and_takes_title_and_id(capsys):
    code = main(["import", str(DATA / "aiken.txt"), "--title", "Aiken set", "--id", "Aiken Set"])
    assert code == 0
    out = capsys.readouterr().out
    assert out.startswith("# Imported by quizapp from aiken.txt.\n# 1 warning(s) while importing:\n")
    assert "\ntitle: Aiken set\nid: aiken-set\n" in out


def test_import_format_option_overrides_the_sniffing(tmp_path):
    path = tmp_path / "cards.dat"
    path.write_text("front\tback\nKantor\tUSTR\n", encoding="utf-8")
    out = tmp_path / "cards.yaml"
    assert main(["import", str(path), "--format", "tsv", "-o", str(out)]) == 0
    assert load_bank(out, use_cache=False).bank.questions[0].type == "flashcard"


def test_import_errors_are_one_line_without_traceback(tmp_path, capsys):
    assert main(["import", str(tmp_path / "nope.gift"), "-o", str(tmp_path / "x.yaml")]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"quizapp import: error: {tmp_path / 'nope.gift'}: no such file"
    assert not (tmp_path / "x.yaml").exists()

    essays = tmp_path / "essays.gift"
    essays.write_text("Write. {}\n", encoding="utf-8")
    assert main(["import", str(essays), "-o", str(tmp_path / "x.yaml")]) == 1
    err = capsys.readouterr().err
    assert "essays.gift:1: warning: essay questions" in err
    assert "error: " in err and "no question could be imported" in err
    assert "Traceback" not in err


def test_export_each_format(tmp_path, capsys):
    for name in ("bank.gift", "bank.txt", "bank.apkg", "bank.yaml"):
        out = tmp_path / name
        assert main(["export", str(BANK), "-o", str(out)]) == 0, name
        assert out.stat().st_size > 1000
    err = capsys.readouterr().err
    assert f"exported {bank_size()} questions as APKG" in err
    assert "warning: question 'this-week-order': GIFT has no ordering questions" in err


def test_export_a_broken_bank_names_the_problem(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\nquestions:\n  - id: a\n    type: true_false\n", encoding="utf-8")
    assert main(["export", str(bad), "-o", str(tmp_path / "out.gift")]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:3:" in err and "error" in err
    assert "quizapp export: error:" in err and "Traceback" not in err
    assert not (tmp_path / "out.gift").exists()


def test_export_unknown_extension_and_unwritable_target(tmp_path, capsys):
    assert main(["export", str(BANK), "-o", str(tmp_path / "quiz.docx")]) == 1
    assert "cannot tell which format to write" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["export", str(BANK), "-o", str(blocker / "sub" / "quiz.gift")]) == 1
    assert "quizapp export: error: cannot write" in capsys.readouterr().err


def test_pdf_export_works_without_a_display(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    out = tmp_path / "quiz.pdf"
    proc = subprocess.run(
        [sys.executable, "-m", "quizapp", "export", str(BANK), "-o", str(out)],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes()[:5] == b"%PDF-"
    assert f"exported {bank_size()} questions as PDF" in proc.stderr


def test_import_and_non_pdf_exports_do_not_load_qt(tmp_path):
    code = (
        "import sys\n"
        "from quizapp.cli import main\n"
        f"assert main(['import', {str(DATA / 'spec.gift')!r}, '-o', {str(tmp_path / 'a.yaml')!r}]) == 0\n"
        f"for out in ('b.gift', 'b.apkg', 'b.yaml'):\n"
        f"    assert main(['export', {str(BANK)!r}, '-o', {str(tmp_path)!r} + '/' + out]) == 0\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_files_for_sharing_get_the_users_umask(tmp_path):
    """Exports and imports are for people: mode 0666 less the umask, as open() gives."""
    source = tmp_path / "cards.tsv"
    source.write_text("front\tback\nKantor\tUSTR\n", encoding="utf-8")
    old = os.umask(0o022)
    try:
        assert main(["import", str(source), "-o", str(tmp_path / "cards.yaml")]) == 0
        assert main(["export", str(BANK), "-o", str(tmp_path / "bank.gift")]) == 0
        os.umask(0o077)
        assert main(["export", str(BANK), "-o", str(tmp_path / "private.gift")]) == 0
    finally:
        os.umask(old)
    assert (tmp_path / "cards.yaml").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "bank.gift").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "private.gift").stat().st_mode & 0o777 == 0o600


def test_import_and_export_never_replace_a_file_without_force(tmp_path, capsys):
    """A teacher's hand-written bank is not replaced by an import or an export to its name."""
    mine = tmp_path / "mybank.yaml"
    mine.write_text("# written by hand\ntitle: Mine\n", encoding="utf-8")
    assert main(["import", str(DATA / "aiken.txt"), "-o", str(mine)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"quizapp import: error: {mine} already exists; nothing was written "
        "(use --force to replace it)")
    gift = tmp_path / "quiz.gift"
    gift.write_text("// my own GIFT\n", encoding="utf-8")
    assert main(["export", str(BANK), "-o", str(gift)]) == 1
    assert "quiz.gift already exists; nothing was written (use --force" in capsys.readouterr().err
    assert mine.read_text(encoding="utf-8") == "# written by hand\ntitle: Mine\n"
    assert gift.read_text(encoding="utf-8") == "// my own GIFT\n"
    assert main(["import", str(DATA / "aiken.txt"), "-o", str(mine), "--force"]) == 0
    assert main(["export", str(BANK), "-o", str(gift), "--force"]) == 0
    assert load_bank(mine, use_cache=False).bank is not None
    assert gift.read_text(encoding="utf-8").startswith("// ") and "::" in gift.read_text(encoding="utf-8")


def test_export_never_writes_over_the_bank_it_reads_even_with_force(tmp_path, capsys):
    bank = tmp_path / "b.yaml"
    text = BANK.read_text(encoding="utf-8") + "# my last comment\n"
    bank.write_text(text, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    for output in (bank, tmp_path / "sub" / ".." / "b.yaml"):
        assert main(["export", str(bank), "-o", str(output), "--force"]) == 1
        assert "is the file being read" in capsys.readouterr().err
    assert main(["import", str(bank), "--format", "gift", "-o", str(bank), "--force"]) == 1
    assert "is the file being read" in capsys.readouterr().err
    assert bank.read_text(encoding="utf-8") == text
