"""Where quizapp keeps things on disk.

Learner data goes to the platform's user data folder unless overridden by
--data-dir or QUIZAPP_DATA_DIR; the bank cache goes to the user cache folder
unless overridden by QUIZAPP_CACHE_DIR. Tests point both at temp folders.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "quizapp"


def data_dir_chosen(override: str | os.PathLike | None = None) -> bool:
    """Whether the learner chose the data folder (--data-dir or QUIZAPP_DATA_DIR), not
    the platform's user data folder that data_dir falls back to."""
    return bool(override or os.environ.get("QUIZAPP_DATA_DIR"))


def data_dir(override: str | os.PathLike | None = None) -> Path:
    if override:
        path = Path(override)
    elif os.environ.get("QUIZAPP_DATA_DIR"):
        path = Path(os.environ["QUIZAPP_DATA_DIR"])
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return path.expanduser()


def cache_dir() -> Path:
    if os.environ.get("QUIZAPP_CACHE_DIR"):
        return Path(os.environ["QUIZAPP_CACHE_DIR"]).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def bundled_banks_dir() -> Path:
    """The folder of banks shipped inside the installed package.

    The repo's question_banks/ is installed as the package quizapp.banks
    (see pyproject.toml), so this works for wheels and editable installs. The
    package's own folder, not importlib.resources: importing that costs ~14 ms,
    on the GUI thread when the library first loads.
    """
    import quizapp.banks

    return Path(quizapp.banks.__file__).parent


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """True when the two names are one file (a link, ./, ../ or another spelling)."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return Path(a).resolve() == Path(b).resolve()
