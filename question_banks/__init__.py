# The bundled question banks. This folder is installed as the package
# `quizapp.banks` (see pyproject.toml) so the app finds its banks with
# importlib.resources; teachers only need the .yaml files.
