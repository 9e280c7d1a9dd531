"""Walk quizapp's accessible tree the way a screen reader meets it, over AT-SPI.

Run by tests/test_accessibility.py as
    dbus-run-session -- /usr/bin/python3 tests/a11y_walk.py APP_PYTHON DATA_DIR
with DISPLAY set to a private Xvfb. It needs Debian's python3-pyatspi (hence the system
Python: pyatspi is not on PyPI) and at-spi2-core (the accessibility bus). It starts
scripts/app_tour.py with Qt's accessibility on, and at every step (every screen, every
question type) reads the tree over D-Bus and presses Tab through the screen, reading
which control has the focus. It prints one JSON object: {"steps": {name: {...}}}.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pyatspi

ROOT = Path(__file__).resolve().parents[1]
TABS_PER_STEP = 12

# Roles of things a learner operates: each needs a name a screen reader can say.
CONTROL_ROLES = {
    "push button", "toggle button", "check box", "radio button", "combo box", "text",
    "password text", "spin button", "slider", "list", "list box", "table", "tree table",
    "tree", "page tab", "entry", "menu item", "check menu item", "radio menu item",
    "editbar",
}


def find_app(timeout: float = 20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.name in ("quizapp", "app_tour.py") and app.childCount:
                return app
        time.sleep(0.2)
    raise SystemExit("quizapp never appeared on the accessibility bus")


def walk(node, depth: int = 0, out: list | None = None) -> list[dict]:
    """Every showing node under `node`, in tree order, as plain dicts."""
    out = [] if out is None else out
    if node is None or depth > 60:
        return out
    try:
        states = node.getState()
        showing = states.contains(pyatspi.STATE_SHOWING)
        role = node.getRoleName()
        record = {
            "role": role,
            "name": node.name or "",
            "description": node.description or "",
            "focusable": states.contains(pyatspi.STATE_FOCUSABLE),
            "focused": states.contains(pyatspi.STATE_FOCUSED),
            "showing": showing,
            "depth": depth,
        }
        if showing:
            try:
                extents = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
                record["box"] = [extents.x, extents.y, extents.width, extents.height]
            except NotImplementedError:
                record["box"] = None
            out.append(record)
        # Hidden screens of the window's stack are skipped; a node that is not showing
        # itself (a scroll area's viewport) may still hold showing ones.
        if showing or depth <= 2 or role in ("filler", "panel", "scroll pane", "viewport"):
            for i in range(node.childCount):
                walk(node.getChildAtIndex(i), depth + 1, out)
    except Exception as exc:  # a node that went away while we read it
        out.append({"role": "gone", "name": str(exc), "description": "", "focusable": False,
                    "focused": False, "showing": False, "depth": depth})
    return out


def problems_in(nodes: list[dict]) -> list[str]:
    found = []
    for node in nodes:
        role, name = node["role"], node["name"].strip()
        if role in ("unknown", "invalid") and node["focusable"]:
            found.append(f"a focusable control with no role (name {name!r})")
        if role in CONTROL_ROLES and not name:
            found.append(f"a {role} with no name")
        elif node["focusable"] and not name and role not in ("table cell", "list item"):
            found.append(f"a focusable {role} with no name (the focus lands on silence)")
        if role in ("image", "icon") and not (name or node["description"].strip()):
            found.append(f"an {role} with no name or description")
    return found


def focused_box(app, before: dict | None = None):
    """The control with the keyboard focus (the deepest focused node: a list's item), and
    the box `before` (the control focused a Tab ago) has now, or None: a page that scrolls
    to the focus moves it (the progress page)."""
    nodes = [node for node in walk(app) if node.get("box")]
    focused = [node for node in nodes if node["focused"]]
    moved = None
    if before is not None:
        same = [node for node in nodes if (node["role"], node["name"], node["box"][0])
                == (before["role"], before["name"], before["box"][0])]
        if same:
            moved = min(same, key=lambda node: abs(node["box"][1] - before["box"][1]))["box"]
    return (focused[-1] if focused else None), moved


def main() -> int:
    app_python, data_dir = sys.argv[1], sys.argv[2]
    env = dict(os.environ, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_ACCESSIBILITY="1")
    env.pop("QT_QPA_PLATFORM", None)
    tour = subprocess.Popen(
        [app_python, str(ROOT / "scripts" / "app_tour.py"), "--data-dir", data_dir,
         "--size", "1280x800", "--tab-keys"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    assert tour.stdin is not None and tour.stdout is not None
    report: dict = {"steps": {}}
    app = None
    try:
        for line in tour.stdout:
            line = line.strip()
            if line == "DONE":
                break
            if not line.startswith("STEP "):
                continue
            name = line.split(" ", 1)[1]
            app = app or find_app()
            nodes = walk(app)
            focus_order = []
            for _ in range(TABS_PER_STEP):
                tour.stdin.write("tab\n")
                tour.stdin.flush()
                answer = tour.stdout.readline().strip()
                if answer != "TABBED":
                    break
                node, before_now = focused_box(app, focus_order[-1] if focus_order else None)
                focus_order.append(None if node is None else
                                   {"role": node["role"], "name": node["name"],
                                    "box": node["box"], "before_now": before_now})
            report["steps"][name] = {
                "nodes": len(nodes),
                "roles": sorted({n["role"] for n in nodes}),
                "problems": problems_in(nodes),
                "focus_order": focus_order,
            }
            tour.stdin.write("next\n")
            tour.stdin.flush()
    finally:
        if tour.stdin:
            tour.stdin.close()
        try:
            tour.wait(timeout=30)
        except subprocess.TimeoutExpired:
            tour.kill()
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
