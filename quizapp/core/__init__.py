"""quizapp's headless core: banks, grading, sessions, scheduling, the store.

Nothing in this package may import PySide6 (tests/test_architecture.py checks),
so that all of it runs and is tested without a display.
"""
