"""Questions built while the file is read (compose's on_question) give exactly what the
plain way gives: the whole tree first, then check_bank over it."""

from pathlib import Path

import pytest

from quizapp.core.loader import check_bytes
from quizapp.core.paths import bundled_banks_dir
from quizapp.core.yaml_bank import BankChecker
from quizapp.core.yaml_files import default_bank_id
from quizapp.core.yaml_nodes import compose


def _plain(data: bytes, path: str):
    """The reference: compose the whole tree, then check it."""
    root, issues = compose(data)
    checker = BankChecker(path)
    from quizapp.core.model import Problem
    from quizapp.core.yaml_bank import one_line

    for line, column, message in issues:
        checker.problems.append(Problem(path, line, column, one_line(message)))
    bank = checker.check_bank(root, default_bank_id(path), "hash")
    problems = sorted(checker.problems, key=lambda p: (p.line, p.column))
    if any(p.severity == "error" for p in problems):
        bank = None
    return bank, tuple(problems), tuple(checker.images)


TRICKY = {
    "duplicate ids and a bad item": """\
title: T
questions:
  - {id: a, type: true_false, prompt: P, answer: true}
  - {id: a, type: true_false, prompt: Q, answer: false}
  - just text
  - {id: b, type: nonsense, prompt: R}
""",
    "anchors, aliases and merge keys": """\
title: T
defaults: &d {type: true_false, answer: true}
questions:
  - &first {id: a, prompt: P, type: true_false, answer: true}
  - {<<: *d, id: b, prompt: Q}
  - *first
""",
    "questions given twice": """\
title: T
questions:
  - {id: a, type: true_false, prompt: P, answer: true}
questions:
  - {id: z, type: true_false, prompt: Z, answer: true}
""",
    "questions nested deeper are not streamed": """\
title: T
source: {questions: [1, 2]}
questions:
  - {id: a, type: true_false, prompt: P, answer: true, tags: [x]}
""",
    "quoted key": """\
title: T
"questions":
  - {id: a, type: true_false, prompt: P, answer: true}
""",
}


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_tricky_banks_check_the_same_streamed(name):
    data = TRICKY[name].encode()
    streamed = check_bytes(data, "t.yaml", "hash")
    plain = _plain(data, "t.yaml")
    assert streamed[1] == plain[1]
    assert (streamed[0] is None) == (plain[0] is None)
    if plain[0] is not None:
        assert streamed[0] == plain[0]


def test_bundled_banks_check_the_same_streamed():
    files = sorted(Path(bundled_banks_dir()).glob("*.yaml"))
    assert files
    for path in files:
        data = path.read_bytes()
        streamed = check_bytes(data, str(path), "hash")
        plain = _plain(data, str(path))
        assert streamed[0] == plain[0] and streamed[0] is not None
        assert streamed[1:] == plain[1:]
