"""The Qt user interface: thin screens over quizapp.core."""
