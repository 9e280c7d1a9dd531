"""README.md's commands are the ones CI runs; keep them in step."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _shell_blocks(text: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", text, re.S)


def test_ci_runs_the_readme_test_command():
    blocks = _shell_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
    test_commands = [b.strip() for b in blocks if "pytest" in b]
    assert len(test_commands) == 1
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert any(line.startswith(test_commands[0]) for line in ci.splitlines())


def test_readme_start_command_installs_and_runs_the_app():
    blocks = _shell_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
    start = [b.strip() for b in blocks if b.strip().endswith("quizapp")]
    assert len(start) == 1
    assert "pip install ." in start[0]
