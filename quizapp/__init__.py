"""quizapp: a desktop quiz and flashcard application."""

__version__ = "0.1.0"
