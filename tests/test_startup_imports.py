"""What a start does before the window is ready, in a real process: no module the first
paint does not need, and no quizapp source read by PySide (docs/performance.md,
"Startup at every store size")."""

import json
import os
import subprocess
import sys
from pathlib import Path

from quizapp.core.store import Store

CHILD = """
import enum, json, linecache, sys
# Every Python enum type PySide builds (it builds a Qt class's enums the first time
# Python names the class or meets one of its objects).
made = []
create = enum.EnumType._create_
def recorded(cls, *args, **kwargs):
    made.append(create(cls, *args, **kwargs))
    return made[-1]
enum.EnumType._create_ = recorded
from quizapp.cli import main
code = main(["--exit-when-ready", "--data-dir", sys.argv[1]])
feature = sys.modules.get("shibokensupport.feature")
table = getattr(feature, "pyside_feature_dict", {})
print(json.dumps({
    "code": code,
    "modules": sorted(sys.modules),
    "sources_read": sorted(linecache.cache),
    "feature": {name: value for name, value in table.items() if name.startswith("quizapp")},
    "enums": [made_enum.__qualname__ for made_enum in made],
}))
"""


def _start_once(tmp_path) -> dict:
    data = tmp_path / "data"
    with Store.open(data) as store:  # a returning learner: the app opens on the library
        store.set_last_learner(store.create_learner("Ana").id)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               QUIZAPP_CACHE_DIR=str(tmp_path / "cache"))
    done = subprocess.run([sys.executable, "-c", CHILD, str(data)], capture_output=True,
                          text=True, timeout=120, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_start_imports_nothing_the_first_window_does_not_show(tmp_path):
    started = _start_once(tmp_path)
    assert started["code"] == 0
    modules = set(started["modules"])
    assert "quizapp.gui.library_screen" in modules  # the window was built
    # html builds its table of named character references (tooltips of bank text use it,
    # none is shown yet); the counts of new, learning and due cards come once banks are
    # listed; locale is what gettext imports when argparse builds its parser; the records
    # the first window uses are NamedTuples and plain classes: a dataclass compiles its
    # generated methods when defined.
    assert not modules & {"html", "html.entities", "quizapp.core.bank_counts", "locale",
                          "dataclasses"}


def test_pyside_reads_no_quizapp_or_standard_library_source_at_start(tmp_path):
    """PySide scans the source of each module an import statement names after it is
    loaded for the word "PySide6" (its __feature__ switches); quizapp's modules and the
    standard library's are answered without being read."""
    started = _start_once(tmp_path)
    read = [Path(name) for name in started["sources_read"]]
    assert [path for path in read if "quizapp" in path.parts] == []
    # Named by import statements of the startup modules after PySide is loaded.
    for module in ("typing.py", "datetime.py", "dataclasses.py", "threading.py"):
        assert [path for path in read if path.name == module] == [], module
    # PySide's own answer for a module that uses it: 0, the default feature set.
    assert started["feature"]["quizapp.gui.main_window"] == 0
    assert started["feature"]["quizapp.gui.library_screen"] == 0


def test_a_start_builds_no_enum_of_qts_namespace(tmp_path):
    """Naming any enum of the Qt namespace (Qt.TimerType, Qt.AlignmentFlag...) makes
    PySide build all ~95 of them: 115 M instructions, 12% of a start (docs/performance.md,
    "Qt's namespace and the dialogs after the first paint"). Nothing before the window is
    ready needs one; a property set by name (setProperty("timerType", "PreciseTimer"))
    does without."""
    started = _start_once(tmp_path)
    assert started["code"] == 0
    assert "QSettings.Format" in started["enums"]  # the recording works
    assert [name for name in started["enums"] if name.startswith("Qt.")] == []


def test_a_start_builds_no_type_of_a_dialog_it_does_not_show(tmp_path):
    """Message boxes and file dialogs come with a question or a command: their Python
    types and enums (9.4 M instructions of a start) are built then, not before the first paint."""
    started = _start_once(tmp_path)
    assert "QSettings.Format" in started["enums"]  # the recording works
    built = {name.partition(".")[0] for name in started["enums"]}
    assert not built & {"QMessageBox", "QFileDialog", "QDialog"}


def test_a_start_builds_no_painter_or_style_type(tmp_path):
    """The library's whole-word delegate (a Python paint, with QPainter, QStyle and
    QStyleOptionViewItem) is imported when banks are first listed: importing those names
    with the library screen built their 23 enum types in every start, 57 M instructions."""
    started = _start_once(tmp_path)
    assert "QSettings.Format" in started["enums"]  # the recording works
    built = {name.partition(".")[0] for name in started["enums"]}
    assert not built & {"QPainter", "QStyle", "QStyleOption", "QStyleOptionViewItem"}
    assert "quizapp.gui.whole_words_delegate" not in started["modules"]


def test_a_start_builds_no_type_of_what_only_a_command_or_a_screen_uses(tmp_path):
    """The export's child process (File > Export), line edits (no screen of the first
    window has one) and tool buttons (the menu bar's extension button, met by looking for
    its menus among all its children): their types and 13 enum types were built before
    the first paint, 8.6 M instructions of a start (docs/performance.md, "Startup at
    every store size, 14th round")."""
    started = _start_once(tmp_path)
    assert "QSettings.Format" in started["enums"]  # the recording works
    built = {name.partition(".")[0] for name in started["enums"]}
    assert not built & {"QProcess", "QProcessEnvironment", "QIODeviceBase", "QLineEdit",
                        "QToolButton"}


FILTERS_CHILD = """
import json, sys
from quizapp.gui.full_height_rows import FullHeightRows
from quizapp.gui.readable_column import ReadableColumn
from quizapp.gui.whole_words_column import CappedTitleColumn
seen = []
for kind in (CappedTitleColumn, FullHeightRows, ReadableColumn):
    def counted(self, watched, event, looked=kind.eventFilter, name=kind.__name__):
        seen.append(name)
        return looked(self, watched, event)
    kind.eventFilter = counted
from quizapp.cli import main
code = main(["--exit-when-ready", "--data-dir", sys.argv[1]])
print(json.dumps({"code": code, "seen": seen}))
"""


def test_the_bank_lists_fitters_look_at_no_event_before_the_first_rows(tmp_path):
    """The column and row fitters of the library's list (CappedTitleColumn, CountColumn,
    FullHeightRows, ReadableColumn) do nothing before the list has rows, yet their Python
    event filters ran for each of the tree's events while the first window was shown: 162
    calls, 5.3 M instructions of a start (docs/performance.md, 14th round). They watch the
    tree from its first rows on (ReadableColumn from watch_viewport, after the first paint);
    tests/test_gui_library_zoom.py checks that zoomed rows still grow. (In a process of its
    own: a Qt override patched on the class in the test process outlives the patch.)"""
    data = tmp_path / "data"
    with Store.open(data) as store:
        store.set_last_learner(store.create_learner("Ana").id)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               QUIZAPP_CACHE_DIR=str(tmp_path / "cache"))
    done = subprocess.run([sys.executable, "-c", FILTERS_CHILD, str(data)], capture_output=True,
                          text=True, timeout=120, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    started = json.loads(done.stdout.strip().splitlines()[-1])
    assert started == {"code": 0, "seen": []}
