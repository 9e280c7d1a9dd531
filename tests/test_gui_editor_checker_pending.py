"""The editor's checker is pending until the problems of the text as it stands are in: a
result for a text edited since (its check was running) leaves it pending, as the edit's own
check is still to come. It said it was done, so a wait for the edit's check ended early."""

from editor_helpers import CHECK_MS

from quizapp.gui.editor.checker import Checker


def test_a_result_for_a_text_edited_since_leaves_the_check_pending(qtbot, tmp_path):
    texts = ["title: Talks\nquestions: []\n"]
    # A long pause: the edit's check waits for check_now below, never for the clock.
    checker = Checker(lambda: texts[-1], lambda: str(tmp_path / "talks.yaml"), pause_ms=600_000)
    try:
        with qtbot.waitSignal(checker.checked, timeout=CHECK_MS):
            checker.check_now()  # the first text's check runs in the worker...
            texts.append("title: Talks in Geneva\nquestions: []\n")
            checker.schedule()  # ...while the teacher edits
        assert checker.pending  # the edit's check is still to run
        with qtbot.waitSignal(checker.checked, timeout=CHECK_MS):
            checker.check_now()
        assert not checker.pending
    finally:
        checker.shutdown()
