"""Writing banks: a bank file kept as the teacher wrote it, edited field by field.

No Qt here (tests/test_architecture.py checks it), so the editor's model can
be tested and scripted without a window.
"""
