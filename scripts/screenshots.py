"""Take docs/screenshots/: every screen of scripts/app_tour.py in both themes, at 1280x800
and 800x600, under Xvfb with a window manager (openbox), as a learner sees them.

    python scripts/screenshots.py [--display 34] [--out docs/screenshots]

Needs Xvfb, openbox and ImageMagick's `import` (Debian: xvfb openbox imagemagick).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = ("1280x800", "800x600")
THEMES = ("light", "dark")
# Question types the docs skip (the accessibility test still walks every one).
SKIPPED = ("quiz-true_false", "quiz-short_answer", "quiz-numeric", "quiz-flashcard",
           "quiz-multiple_choice", "quiz-question")


def wait_for_display(display: str, timeout: float = 10) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if subprocess.run(["xdpyinfo", "-display", display], capture_output=True).returncode == 0:
            return
        time.sleep(0.1)
    raise SystemExit(f"Xvfb did not start on {display}")


def shoot(display: str, out: Path, theme: str, size: str) -> list[Path]:
    env = dict(os.environ, DISPLAY=display)
    env.pop("QT_QPA_PLATFORM", None)
    taken = []
    with tempfile.TemporaryDirectory() as data:
        # Settings of its own (the library's folders, the theme): the screenshots never
        # show the banks a developer's own app has added.
        env["XDG_CONFIG_HOME"] = str(Path(data) / "config")
        tour = subprocess.Popen(
            [sys.executable, str(ROOT / "scripts" / "app_tour.py"), "--data-dir", data,
             "--theme", theme, "--size", size],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        assert tour.stdin is not None and tour.stdout is not None
        for line in tour.stdout:
            line = line.strip()
            if line == "DONE":
                break
            if not line.startswith("STEP "):
                continue
            name = line.split(" ", 1)[1]
            if name.startswith(SKIPPED):
                tour.stdin.write("\n")
                tour.stdin.flush()
                continue
            target = out / f"{name}-{theme}-{size}.png"
            subprocess.run(["import", "-display", display, "-window", "root",
                            "-crop", f"{size}+0+0", str(target)], check=True)
            taken.append(target)
            tour.stdin.write("\n")
            tour.stdin.flush()
        tour.stdin.close()
        tour.wait(timeout=30)
    return taken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--display", default="34", help="X display number for Xvfb")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args(argv)
    for tool in ("Xvfb", "openbox", "import", "xdpyinfo"):
        if shutil.which(tool) is None:
            raise SystemExit(f"screenshots need {tool} (Debian: xvfb openbox imagemagick x11-utils)")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    display = f":{args.display}"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_display(display)
        manager = subprocess.Popen(["openbox"], env=dict(os.environ, DISPLAY=display),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)
        try:
            for theme in THEMES:
                for size in SIZES:
                    for path in shoot(display, out, theme, size):
                        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        finally:
            manager.terminate()
            manager.wait(timeout=10)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
