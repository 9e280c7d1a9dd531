# The bundled question banks. This folder is installed as the package
# `quizapp.banks` (see pyproject.toml), so the app finds its banks next to
# this file (quizapp.core.paths.bundled_banks_dir); teachers only need the
# .yaml files.
