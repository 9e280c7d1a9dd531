"""The `quizapp` dispatcher: tools never show a teacher a traceback."""

import subprocess
import sys
import types

from quizapp import cli


def test_a_failing_tool_prints_one_readable_line(capsys):
    def run(args):
        raise KeyError("boom")

    tool = types.SimpleNamespace(run=run)
    assert cli._run_tool("validate", tool, None) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("quizapp validate: unexpected problem (KeyError")
    assert "Traceback" not in err


def test_output_cut_short_by_a_closed_pipe_ends_quietly(tmp_path):
    bank = tmp_path / "many.yaml"
    bank.write_text(
        "title: x\nquestions:\n"
        + "".join(f"  - {{id: q{i}, type: true_false, prompt: p, answer: maybe}}\n" for i in range(5000))
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "quizapp", "validate", "--no-cache", str(bank)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err
    assert "Broken pipe" not in err and "BrokenPipe" not in err


def test_unknown_options_are_a_usage_error():
    proc = subprocess.run(
        [sys.executable, "-m", "quizapp", "validate", "--frobnicate", "x"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert "usage: quizapp validate" in proc.stderr


def test_the_data_folder_can_be_named_before_the_tool(tmp_path, capsys):
    """`quizapp --data-dir D results` reads D, as `quizapp results --data-dir D` does (it
    was an "unrecognized arguments" error; found by a third tester)."""
    from quizapp.core.store import Store

    data = tmp_path / "data"
    with Store.open(data) as store:
        store.create_learner("Ana")
    for argv in (["--data-dir", str(data), "backups"], [f"--data-dir={data}", "backups"]):
        assert cli.main(argv) == 0
        assert str(data / "backups") in capsys.readouterr().out


def test_the_apps_own_options_read_without_argparse_as_argparse_reads_them():
    """A plain start (`quizapp`, a launcher's `--data-dir DIR`, the benchmarks'
    `--exit-when-ready`) skips building the argparse parser; what it reads is exactly
    what argparse reads, and anything else is left to argparse."""
    read_by_hand = [
        [],
        ["--exit-when-ready"],
        ["--data-dir", "d"],
        ["--data-dir", ""],
        ["--data-dir", "first", "--data-dir", "second"],
        ["--bank-dir", "a", "--exit-when-ready", "--bank-dir", "b"],
        ["--data-dir", "results"],  # a folder named like a tool is still a folder
        ["--exit-when-ready", "--exit-when-ready", "--data-dir", "d", "--bank-dir", "a b"],
    ]
    for argv in read_by_hand:
        plain = cli._plain_app_arguments(argv)
        assert plain is not None, argv
        assert vars(plain) == vars(cli._app_parser().parse_args(argv)), argv
    left_to_argparse = [
        ["--help"], ["-h"], ["--version"], ["--data-dir=d"], ["--exit"], ["--data-dir"],
        ["--bank-dir", "-x"], ["--data-dir", "--exit-when-ready"], ["stray"], ["--", "x"],
        ["--frobnicate"], ["--exit-when-ready", "-"],
    ]
    for argv in left_to_argparse:
        assert cli._plain_app_arguments(argv) is None, argv


def test_an_abbreviated_or_unknown_app_option_still_gets_argparses_answer():
    done = subprocess.run([sys.executable, "-m", "quizapp", "--frobnicate"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "unrecognized arguments: --frobnicate" in done.stderr
    assert "usage: quizapp" in done.stderr
    version = subprocess.run([sys.executable, "-m", "quizapp", "--version"],
                             capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.startswith("quizapp ")


def test_qt_standard_options_are_split_off_for_qt():
    """`quizapp -platform xcb` was "unrecognized arguments": Qt's own options (one dash or
    two, "-name value" or "-name=value") go to Qt, the app's to the app."""
    ours, qt = cli.split_qt_options(
        ["-platform", "xcb", "--data-dir", "d", "-reverse", "-style=fusion", "--bank-dir", "b",
         "--stylesheet", "look.qss"])
    assert ours == ["--data-dir", "d", "--bank-dir", "b"]
    assert qt == ["-platform", "xcb", "-reverse", "-style=fusion", "--stylesheet", "look.qss"]
    assert cli.split_qt_options(["--data-dir", "-platform"]) == (["--data-dir", "-platform"], [])
    assert cli.split_qt_options(["--frobnicate"]) == (["--frobnicate"], [])


def test_a_qt_option_reaches_qt_in_a_real_start(tmp_path):
    """-platform offscreen on the command line wins over a platform that does not exist
    in the environment: the option got to Qt (and the app no longer refuses it)."""
    import os

    env = dict(os.environ, QT_QPA_PLATFORM="no-such-platform")
    done = subprocess.run(
        [sys.executable, "-m", "quizapp", "-platform", "offscreen", "--exit-when-ready",
         "--data-dir", str(tmp_path / "data")],
        capture_output=True, text=True, timeout=60, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "unrecognized arguments" not in done.stderr
    helped = subprocess.run([sys.executable, "-m", "quizapp", "--help"],
                            capture_output=True, text=True, timeout=60)
    assert "-platform NAME" in helped.stdout
