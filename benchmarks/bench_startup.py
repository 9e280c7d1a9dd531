"""Startup time of `quizapp --exit-when-ready` against a minimal PySide6 window, as whole processes.

Both run in the same session, interleaved, N times each (plus the app run
until its banks are listed, for reference); the report gives the
medians and their ratio (issue 17's target: quizapp <= 1.3x the minimal window at every
store size; a new 10,000-question bank listed in <= 3x).
The app runs with the bundled banks, a temporary data folder (one learner, so
it opens on the library as a returning learner would), a temporary cache and
settings folder.

Both processes get the same environment: the same interpreter, the same Qt
platform, and the same idea of "ready": the main window has had its first
paint event and then the event loop is about to block, waiting for events
(QAbstractEventDispatcher.aboutToBlock), i.e. nothing is queued any more.

Installed as the README installs it: by default the app is installed with
`pip install .` (not editable) into a throwaway venv in the run's temporary folder,
and both processes run with that venv's interpreter. Its dependencies (PySide6, ...)
come from the current environment through a .pth file, so nothing is downloaded.
An editable install (`pip install -e .`, a developer's) adds an import hook that
every interpreter start runs, the baseline's too; --editable times the app as it is
installed in the current environment instead, the old way.

Bytecode: an installed package ships compiled .pyc files (pip compiles them),
so by default both processes run with Python's bytecode cache on, kept in a
private folder of the run (PYTHONPYCACHEPREFIX; the warm-up runs fill it), even
when the caller's environment sets PYTHONDONTWRITEBYTECODE. --no-bytecode-cache
keeps the caller's setting, which with PYTHONDONTWRITEBYTECODE=1 compiles every
quizapp module from source in every run.

    .venv/bin/python benchmarks/bench_startup.py            # offscreen, 15 runs each
    .venv/bin/python benchmarks/bench_startup.py --editable # the app as installed here
    .venv/bin/python benchmarks/bench_startup.py --runs 30 --platform xcb   # under X / Xvfb
    .venv/bin/python benchmarks/bench_startup.py --backup-due   # every start makes a backup
    .venv/bin/python benchmarks/bench_startup.py --answers 100000   # a 52 MiB store
    .venv/bin/python benchmarks/bench_startup.py --answers 10000000 --store /tmp/bench10m
    .venv/bin/python benchmarks/bench_startup.py --new-bank 10000   # a new bank, until listed

--store DIR builds the store of --answers answers in DIR the first time and reuses it
afterwards (10,000,000 answers: 4.9 GB, 28 minutes to build here, and its backup as much
again; delete DIR when done). The app then runs on DIR as its data folder; before the timed runs the bench makes
a backup there if none is less than a day old and runs the integrity check if it is due
(outside the timing), as a returning learner's folder has them, so that no timed run starts
a whole backup or a whole check. --check-due leaves the check due (a store over 64 MiB is
checked once a week, on a thread 5 s after the window is ready: an --exit-when-ready run
ends before it starts).

--new-bank N: every app run gets `--bank-dir` with a bank of N questions
(benchmarks/make_big_bank.py) that its bank cache has never seen (the cache of the
bundled banks is warm, as a returning learner's). Two moments of each run are timed,
from the process's start to a line it prints (QUIZAPP_ANNOUNCE_LIBRARY=1, see
quizapp/gui/library_announcer.py): "listed", the library screen shows the new bank's row
with its title, marked as being checked, and has repainted (the event loop went idle
after it); "ready to study", its check is over and the library shows the checked entry,
repainted likewise. The baseline for both is the minimal window's own line, printed at
its ready moment. The whole process (which exits after "ready to study" and then waits
for the new bank's cache entry to be written) is reported too, against the minimal
window's whole process.

--other-zone: every app run starts under another time zone than the run before it
(TZ: Pacific/Auckland, America/Los_Angeles, Asia/Kolkata in turn), so that its store's
local days were counted in another zone, as at a traveller's first start abroad
(core/store/local_days.py); with --answers, that start counts the days again. The
baseline runs under the caller's zone (it reads no store).

The app makes an automatic backup after its first paint when the newest is older
than a day, on a thread of its own, and waits for it at exit; --backup-due empties
the backups folder before each app run, so each run pays for a whole backup (the
worst case: start, then quit at once).
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# --other-zone's time zones, in turn: each a day's whole hours, or half an hour, from the next.
ZONES = ("Pacific/Auckland", "America/Los_Angeles", "Asia/Kolkata")

# The baseline does what the app's --exit-when-ready does (_after_first_paint in
# quizapp/gui/app.py): show a main window, wait for its first paint, then for the
# event loop to be idle (about to block), exit 0.
MINIMAL = r"""
import sys
from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("minimal")
window.setCentralWidget(QLabel("minimal"))
window.resize(1000, 700)

class Ready(QObject):
    painted = False
    def eventFilter(self, obj, event):
        if not self.painted and event.type() in (QEvent.Type.Paint, QEvent.Type.UpdateRequest):
            self.painted = True
            obj.removeEventFilter(self)
            QAbstractEventDispatcher.instance().aboutToBlock.connect(self.idle)
        return False
    def idle(self):
        QAbstractEventDispatcher.instance().aboutToBlock.disconnect(self.idle)
        print("minimal: ready", flush=True)  # for the --new-bank timings (time_lines)
        app.exit(0)

ready = Ready()
window.installEventFilter(ready)
window.show()
sys.exit(app.exec())
"""


ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _quizapp_command() -> list[str]:
    script = Path(sys.executable).with_name("quizapp")
    if script.exists():
        return [str(script)]
    found = shutil.which("quizapp")
    return [found] if found else [sys.executable, "-m", "quizapp"]


def install_like_a_user(work: Path) -> Path:
    """`pip install .` (not editable) into a throwaway venv under `work`; its python.

    The venv sees the current environment's packages (PySide6, PyYAML, ...) through a
    .pth file that only adds that folder to sys.path: the .pth files there (the
    editable install's import hook among them) are not run.
    """
    import site
    import sysconfig

    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True).stdout.strip()
    ours = [p for p in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"],
                        *site.getsitepackages()} if Path(p).is_dir()]
    (Path(purelib) / "bench_current_env.pth").write_text("\n".join(sorted(ours)) + "\n")
    # Build isolation fetches the build backend pyproject.toml asks for; --no-deps: the
    # dependencies are the current environment's (above).
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
         "--no-deps", str(ROOT)], capture_output=True, text=True)
    if installed.returncode != 0:
        raise SystemExit(f"pip install . into {venv} failed:\n{installed.stderr}")
    return python


def time_command(cmd: list[str], env: dict) -> float:
    """Wall seconds of one run of `cmd` (its output dropped); exits on a failure."""
    start = time.perf_counter()
    result = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, timeout=300)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({result.returncode}):\n{result.stderr}")
    return elapsed


def time_lines(cmd: list[str], env: dict) -> tuple[dict[str, float], float]:
    """Seconds from the start of one run of `cmd` to each line it prints (by the line's
    text up to its first comma), and to its end; exits on a failure."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    seen: dict[str, float] = {}
    assert process.stdout is not None
    for line in process.stdout:
        seen.setdefault(line.split(",")[0].strip(), time.perf_counter() - start)
    _, stderr = process.communicate(timeout=300)
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({process.returncode}):\n{stderr}")
    return seen, elapsed


def prepare_store(data: Path, answers: int, keep: str | None) -> Path:
    """The data folder the app runs on: a new store with one learner, or one of
    `answers` answers (built in `keep` once and reused); its last learner set."""
    from quizapp.core.store import Store

    if answers:
        from bench_store import store_folder

        if keep:
            data, _ = store_folder(keep, "", answers, 10_000)
        else:
            data.mkdir()
            store_folder(str(data), "", answers, 10_000)
        store = Store.open(data, defer_check=True)
        store.set_last_learner(store.learners()[0].id)
        size = (data / "quizapp.sqlite3").stat().st_size
        print(f"store: {answers:,} answers, {size / 2**20:.1f} MiB ({data})")
    else:
        store = Store.open(data)
        store.set_last_learner(store.create_learner("Bench").id)
    store.close()
    return data


def recent_backup_and_check(data: Path, python: str, env: dict, check: bool) -> None:
    """Make a backup in `data` unless one is less than a day old, and (`check`) run the
    weekly integrity check of a big store if it is due: not timed, as a returning
    learner's folder has them."""
    from quizapp.core import backup
    from quizapp.core.store import Store

    age = backup.newest_backup_age(backup.backups_dir(data))
    if age is None or age.total_seconds() > 86400 / 2:
        t = time.perf_counter()
        subprocess.run([python, "-m", "quizapp", "backup"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        print(f"made a backup of the store first ({time.perf_counter() - t:.1f} s, not timed)")
    with Store.open(data, defer_check=True) as store:
        if check and store.integrity_check_due():
            t = time.perf_counter()
            problem = store.check_integrity()
            print(f"ran the integrity check first ({time.perf_counter() - t:.1f} s, not timed)"
                  + (f": {problem}" if problem else ""))
        due = store.integrity_check_due()
    print(f"integrity check at each start: {'due (runs in the background)' if due else 'not due'}")


def summary(name: str, times: list[float]) -> str:
    return (f"{name}: median {statistics.median(times) * 1000:7.1f} ms  "
            f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--platform", default="offscreen",
                        help="QT_QPA_PLATFORM for both (default offscreen; xcb needs a display)")
    parser.add_argument("--editable", action="store_true",
                        help="time the app as installed in this environment (an editable "
                             "install's import hook runs in both processes)")
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="keep the caller's PYTHONDONTWRITEBYTECODE (see the module docstring)")
    parser.add_argument("--backup-due", action="store_true",
                        help="remove the backups before each app run (see the module docstring)")
    parser.add_argument("--answers", type=int, default=0,
                        help="start with a store of this many answers (bench_store.build; "
                             "100000 makes about 52 MiB)")
    parser.add_argument("--store", metavar="DIR",
                        help="build the --answers store in DIR once and reuse it")
    parser.add_argument("--check-due", action="store_true",
                        help="with --store: leave the weekly integrity check due, so that every "
                             "start runs it in the background (see the module docstring)")
    parser.add_argument("--other-zone", action="store_true",
                        help="start each app run under another time zone than the last (see "
                             "the module docstring)")
    parser.add_argument("--new-bank", type=int, default=0, metavar="N",
                        help="time until a new (never cached) bank of N questions is listed")
    args = parser.parse_args()
    if args.store and not args.answers:
        parser.error("--store needs --answers")
    if args.store and args.backup_due:
        parser.error("--backup-due would delete the backups of the kept store")

    work = Path(tempfile.mkdtemp(prefix="quizapp-bench-"))
    try:
        env = dict(os.environ)
        env.update(
            QT_QPA_PLATFORM=args.platform,
            QUIZAPP_CACHE_DIR=str(work / "cache"),
            XDG_CONFIG_HOME=str(work / "config"),
        )
        if not args.no_bytecode_cache:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        bytecode = "off" if env.get("PYTHONDONTWRITEBYTECODE") else "on"
        if args.editable:
            python = sys.executable
            app_cmd = [*_quizapp_command(), "--exit-when-ready"]
            install = "as installed here"
        else:
            python = str(install_like_a_user(work))
            app_cmd = [str(Path(python).with_name("quizapp")), "--exit-when-ready"]
            install = "pip install . into a throwaway venv"
        minimal = work / "minimal.py"
        minimal.write_text(MINIMAL, encoding="utf-8")
        baseline_cmd = [python, str(minimal)]

        # A returning learner: the store exists with one learner; the bank cache is warm.
        data = prepare_store(work / "data", args.answers, args.store)
        env["QUIZAPP_DATA_DIR"] = str(data)
        if args.store:
            recent_backup_and_check(data, python, env, not args.check_due)
        zones = itertools.cycle(ZONES)

        def app_env(app: dict) -> dict:
            """The environment of one app run: under the next zone with --other-zone."""
            return dict(app, TZ=next(zones)) if args.other_zone else app

        first = time_command(app_cmd, app_env(env))
        # warm the OS file cache (and the bytecode cache) for both
        time_command(app_cmd, app_env(env))
        time_command(baseline_cmd, env)

        loaded_env = dict(env, QUIZAPP_EXIT_AFTER_LOAD="1")
        new_bank_env = None
        if args.new_bank:
            from make_big_bank import make_bank

            (work / "new-bank").mkdir()
            (work / "new-bank" / "big.yaml").write_text(make_bank(args.new_bank),
                                                        encoding="utf-8")
            time_command(app_cmd, loaded_env)  # the bundled banks' cache entries
            new_bank_env = dict(loaded_env, QUIZAPP_ANNOUNCE_LIBRARY="1")
        new_bank_cmd = [*app_cmd, "--bank-dir", str(work / "new-bank")]

        app_times, base_times, loaded_times, new_bank_times = [], [], [], []
        base_ready, new_listed, new_checked = [], [], []
        for run in range(args.runs):
            lines, whole = time_lines(baseline_cmd, env)
            base_times.append(whole)
            base_ready.append(lines["minimal: ready"])
            if args.backup_due:
                shutil.rmtree(data / "backups", ignore_errors=True)
            app_times.append(time_command(app_cmd, app_env(env)))
            if args.backup_due:
                shutil.rmtree(data / "backups", ignore_errors=True)
            loaded_times.append(time_command(app_cmd, app_env(loaded_env)))
            if new_bank_env is not None:
                # A cache that has the bundled banks and has never seen the new one.
                cold = work / f"cache-{run}"
                shutil.copytree(work / "cache", cold)
                new_bank_env["QUIZAPP_CACHE_DIR"] = str(cold)
                lines, whole = time_lines(new_bank_cmd, new_bank_env)
                if "quizapp: banks listed" not in lines:
                    raise SystemExit("the new bank was never listed as being checked "
                                     f"(the app printed {sorted(lines)})")
                new_bank_times.append(whole)
                new_listed.append(lines["quizapp: banks listed"])
                new_checked.append(lines["quizapp: banks loaded"])
                shutil.rmtree(cold)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    base = statistics.median(base_times)
    app = statistics.median(app_times)
    print(f"platform {args.platform}, {args.runs} runs each (interleaved), whole processes, "
          f"bytecode cache {bytecode}, quizapp {install}"
          + (", each app run under another time zone" if args.other_zone else ""))
    print(summary("minimal PySide6 window   ", base_times))
    print(summary("quizapp --exit-when-ready", app_times))
    loaded = statistics.median(loaded_times)
    print(f"quizapp until the banks are listed: median {loaded * 1000:7.1f} ms "
          f"({loaded / base:.2f}x; QUIZAPP_EXIT_AFTER_LOAD=1)")
    print(f"first quizapp run (cold bank cache{', cold bytecode cache' if bytecode == 'on' else ''}): "
          f"{first * 1000:.1f} ms")
    if new_bank_times:
        ready = statistics.median(base_ready)
        listed = statistics.median(new_listed)
        checked = statistics.median(new_checked)
        new = statistics.median(new_bank_times)
        print(summary("minimal window, to its ready line", base_ready))
        print(summary(f"a new {args.new_bank:,}-question bank listed (being checked)",
                      new_listed))
        print(summary(f"a new {args.new_bank:,}-question bank ready to study (checked)",
                      new_checked))
        print(summary("the new-bank run's whole process", new_bank_times))
        print(f"ratio new bank listed / minimal ready: {listed / ready:.2f}x (target <= 3x)")
        print(f"ratio new bank ready to study / minimal ready: {checked / ready:.2f}x")
        print(f"ratio new-bank whole process / minimal whole process: {new / base:.2f}x")
    print(f"ratio quizapp / minimal: {app / base:.2f}x (target <= 1.3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
