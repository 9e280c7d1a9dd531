"""Accessibility as a screen reader meets it: the app under Xvfb with the AT-SPI bus, every
screen and every question type walked over D-Bus (tests/a11y_walk.py, run with the system
Python for Debian's python3-pyatspi; .ci/run installs it with at-spi2-core).

Every control has a role and a name, every image a name or description, the focus always
lands on something a screen reader can name, and Tab moves in reading order: top to bottom,
a row at a time (within a row the order is the screen's own: the answer, then Submit).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SYSTEM_PYTHON = "/usr/bin/python3"
QUESTION_TYPES = ("multiple_choice", "multiple_select", "true_false", "short_answer", "numeric",
                  "matching", "ordering", "cloze", "flashcard")
SCREENS = ("learners", "library", "quiz-feedback", "results", "exam", "flashcards",
           "flashcards-back", "progress", "teacher", "shortcuts")
ROW = 8  # pixels: boxes whose tops differ less are on one row


def _missing() -> str | None:
    for tool in ("Xvfb", "dbus-run-session"):
        if shutil.which(tool) is None:
            return tool
    if not Path("/usr/libexec/at-spi-bus-launcher").exists():
        return "at-spi2-core"
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True)
    return None if probe.returncode == 0 else "python3-pyatspi"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    missing = _missing()
    assert missing is None, (
        f"the accessibility test needs {missing}: sudo apt-get install -y xvfb dbus "
        "at-spi2-core python3-pyatspi (see README.md)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0",
                               "1280x800x24", "-nolisten", "tcp"],
                              pass_fds=(write_end,), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        with os.fdopen(read_end) as pipe:
            display = ":" + pipe.readline().strip()
        env = dict(os.environ, DISPLAY=display)
        env.pop("QT_QPA_PLATFORM", None)  # conftest's offscreen: this app needs the X server
        data = tmp_path_factory.mktemp("a11y-data")
        done = subprocess.run(
            ["dbus-run-session", "--", SYSTEM_PYTHON, str(ROOT / "tests" / "a11y_walk.py"),
             sys.executable, str(data)],
            capture_output=True, text=True, env=env, timeout=600)
    finally:
        server.terminate()
        server.wait(timeout=30)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert done.returncode == 0 and lines, done.stderr[-3000:]
    return json.loads(lines[-1])["steps"]


def test_every_screen_and_question_type_was_walked(report):
    for screen in SCREENS:
        assert screen in report, sorted(report)
    walked = {name.removeprefix("quiz-").removesuffix("-2") for name in report
              if name.startswith("quiz-") and name != "quiz-feedback"}
    assert walked == set(QUESTION_TYPES), sorted(walked)


def test_every_control_has_a_role_and_a_name(report):
    problems = {name: step["problems"] for name, step in report.items() if step["problems"]}
    assert not problems, json.dumps(problems, indent=1)


def test_the_focus_is_always_on_something_named(report):
    for name, step in report.items():
        assert step["focus_order"], (name, "Tab reached nothing")
        for landed in step["focus_order"]:
            assert landed is not None, (name, "the focus went where AT-SPI cannot see it")
            assert landed["name"].strip(), (name, landed, "the focus landed on silence")


def reading_order_breaks(order: list[dict]) -> list[str]:
    """Places where Tab goes back up the page, beyond the one wrap to the top per cycle.
    Each step is judged on the page as it showed then: a page that scrolls to the focus
    moves the control Tab came from (its "before_now" box), and that is no way up."""
    boxes = [(o["box"][1], o["box"][0], o["role"], o["name"]) for o in order]
    first = boxes[0]
    cycle = boxes
    if first in boxes[1:]:
        cycle = boxes[: boxes.index(first, 1)]
    ups = []
    for i, a in enumerate(cycle):
        b = cycle[(i + 1) % len(cycle)]
        moved = order[i + 1].get("before_now") if i + 1 < len(order) else None
        a_top = a[0] if moved is None else moved[1]
        if b[0] < a_top - ROW:
            ups.append(f"{a[2]} {a[3]!r} (y {a_top}) -> {b[2]} {b[3]!r} (y {b[0]})")
    return ups if len(ups) > 1 else []  # one way up per cycle: from the bottom to the top


def test_tab_follows_the_reading_order(report):
    breaks = {name: reading_order_breaks(step["focus_order"])
              for name, step in report.items() if step["focus_order"]}
    breaks = {name: found for name, found in breaks.items() if found}
    assert not breaks, json.dumps(breaks, indent=1)
