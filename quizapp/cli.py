"""The `quizapp` command: the app by default, tools as subcommands.

Subcommands are imported lazily so that `quizapp validate` does not pay for
Qt, and the app does not pay for the tools.
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys

# name -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("quizapp.commands.validate", "check question banks and report every problem"),
    "schema": ("quizapp.commands.schema", "print the JSON Schema of the bank format"),
    "results": ("quizapp.commands.results", "export every recorded answer as CSV or JSON"),
    "import": ("quizapp.commands.import_", "convert Moodle GIFT or XML, an Anki deck, Aiken or CSV to a YAML bank"),
    "export": ("quizapp.commands.export", "write a bank as Moodle GIFT or XML, an Anki deck or a PDF quiz"),
    "try": ("quizapp.commands.try_", "show how answers to one question would be graded"),
    "backup": ("quizapp.commands.backup:backup", "back up the learners' answers now"),
    "backups": ("quizapp.commands.backup:backups", "list the backups of the learners' answers"),
    "restore": ("quizapp.commands.backup:restore", "restore a backup (the current data is kept)"),
    "server": ("quizapp.commands.server:server", "set up the class server (PostgreSQL)"),
    "sync": ("quizapp.commands.server:sync_command", "push and pull with the class server now"),
}


# Qt's own standard options (QGuiApplication and QApplication), which the app hands to Qt:
# those that take a value, and those that stand alone. Qt reads "-name value" and
# "-name=value", with one dash or two.
QT_OPTIONS_WITH_VALUE = frozenset({
    "platform", "platformpluginpath", "platformtheme", "plugin", "qmljsdebugger",
    "qwindowgeometry", "qwindowicon", "qwindowtitle", "session", "display", "geometry",
    "style", "stylesheet",
})
QT_FLAGS = frozenset({"reverse", "widgetcount", "nograb", "dograb", "sync"})


def split_qt_options(argv: list[str]) -> tuple[list[str], list[str]]:
    """(the app's arguments, Qt's standard options) of `argv`: `quizapp -platform xcb`
    was refused ("unrecognized arguments") where every Qt program takes it."""
    ours: list[str] = []
    qt: list[str] = []
    index = 0
    while index < len(argv):
        argument = argv[index]
        name, equals, _value = argument.lstrip("-").partition("=")
        dashed = argument.startswith("-") and not argument.startswith("---")
        if dashed and name in QT_OPTIONS_WITH_VALUE and (equals or index + 1 < len(argv)):
            taken = 1 if equals else 2
            qt += argv[index:index + taken]
            index += taken
        elif dashed and not equals and name in QT_FLAGS:
            qt.append(argument)
            index += 1
        else:
            ours.append(argument)
            index += 1
    return ours, qt


def _app_parser() -> argparse.ArgumentParser:
    from quizapp import __version__

    commands = "\n".join(f"  {name:<10} {help_}" for name, (_, help_) in COMMANDS.items())
    parser = argparse.ArgumentParser(
        prog="quizapp",
        description="Study question banks: quizzes, flashcards and practice.",
        epilog=f"tools (quizapp TOOL --help for more):\n{commands}\n\n"
               "Qt's own options go to Qt: -platform NAME (e.g. xcb, wayland), -style NAME,\n"
               "-stylesheet FILE, -reverse, -qwindowgeometry WxH+X+Y, -display, ...",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"quizapp {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="where learner data is kept")
    parser.add_argument(
        "--bank-dir",
        metavar="DIR",
        action="append",
        default=[],
        help="an extra folder of banks (may be repeated)",
    )
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="exit once the window is shown and idle (for smoke tests and benchmarks)",
    )
    return parser


def _plain_app_arguments(argv: list[str]) -> argparse.Namespace | None:
    """The app's options read without argparse when argv holds only them, each spelled in
    full: "--exit-when-ready", "--data-dir DIR", "--bank-dir DIR" (repeated), as a desktop
    launcher, a script or the benchmarks start the app. None for anything else (--help,
    --version, "--data-dir=DIR", an abbreviation, a mistake): argparse reads those.

    Building the parser costs every start ~5 M instructions, 0.6% of it (each option's
    help is checked and translated, and gettext imports locale); tests/test_cli.py checks
    that both read the same.
    """
    data_dir: str | None = None
    bank_dirs: list[str] = []
    exit_when_ready = False
    index = 0
    while index < len(argv):
        option = argv[index]
        if option == "--exit-when-ready":
            exit_when_ready = True
            index += 1
            continue
        if option not in ("--data-dir", "--bank-dir") or index + 1 == len(argv):
            return None
        value = argv[index + 1]
        if value.startswith("-"):  # argparse's rules for values that look like options
            return None
        if option == "--data-dir":
            data_dir = value
        else:
            bank_dirs.append(value)
        index += 2
    return argparse.Namespace(data_dir=data_dir, bank_dir=bank_dirs,
                              exit_when_ready=exit_when_ready)


def _sigterm_as_ctrl_c() -> signal._HANDLER | None:
    """SIGTERM (kill, a logout, a service manager) stops a tool as Ctrl+C does: Python
    unwinds, so an open transaction is rolled back, files are closed and the tool says it
    stopped, instead of dying at once with exit 143 and no word."""

    def stop(_signum, _frame) -> None:
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, stop)  # the handler before, put back after
    except ValueError:  # not the main thread (a test calling main() from another)
        return None


def _run_tool(name: str, module, args: argparse.Namespace) -> int:
    """Run a tool so that a teacher never sees a traceback."""
    previous = _sigterm_as_ctrl_c()
    try:
        return int(module.run(args) or 0)
    except KeyboardInterrupt:
        print(f"quizapp {name}: stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (`| head`) went away: stop quietly, and keep Python from
        # complaining again when it flushes stdout at exit.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # a bug: one readable line instead of a traceback
        from quizapp.core.store.errors import StoreError

        if isinstance(exc, StoreError):  # readable as it is (a newer quizapp's file...)
            print(f"quizapp {name}: {exc}", file=sys.stderr)
            return 1
        print(
            f"quizapp {name}: unexpected problem ({type(exc).__name__}: {exc}); please report it",
            file=sys.stderr,
        )
        return 1
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _data_dir_first(argv: list[str]) -> list[str]:
    """`quizapp --data-dir DIR results ...` as `quizapp results ... --data-dir DIR`: the
    app's option written before a tool's name is the tool's own."""
    if argv[:1] == ["--data-dir"] and len(argv) > 2 and argv[2] in COMMANDS:
        return [*argv[2:], *argv[:2]]
    if argv and argv[0].startswith("--data-dir=") and len(argv) > 1 and argv[1] in COMMANDS:
        return [*argv[1:], argv[0]]
    return argv


def main(argv: list[str] | None = None) -> int:
    argv = _data_dir_first(list(sys.argv[1:] if argv is None else argv))
    if argv and argv[0] in COMMANDS:
        name = argv[0]
        module_name, help_ = COMMANDS[name]
        # "package.module:name": the tool is that object of the module (several tools
        # that share code live in one module)
        module_name, _, attr = module_name.partition(":")
        module = importlib.import_module(module_name)
        if attr:
            module = getattr(module, attr)
        parser = argparse.ArgumentParser(prog=f"quizapp {name}", description=help_)
        module.add_arguments(parser)
        args = parser.parse_args(argv[1:])
        return _run_tool(name, module, args)
    argv, qt_options = split_qt_options(argv)
    args = _plain_app_arguments(argv) or _app_parser().parse_args(argv)
    from quizapp.gui.app import run_app

    return run_app(args, qt_options)
