"""View > Theme and View > Zoom: apply the theme and the text size, and remember both.

The choice lives in the app's settings (QSettings: "view/theme" is system, light or
dark; "view/zoom" a factor from theme.ZOOM_STEPS). Applying sets the application's
palette (every window follows) and the main window's stylesheet, which carries the
zoomed text size and is inherited by its dialogs; a window of its own (the bank editor)
is given it too, with the zoom keys (`follow`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction, QActionGroup, QFont, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from quizapp.gui.theme import (
    INDICATOR_CLASSES,
    THEME_CHOICES,
    ZOOM_STEPS,
    Theme,
    indicator_palette,
    palette_for,
    resolve,
    stylesheet_for,
)

THEME_KEY = "view/theme"
ZOOM_KEY = "view/zoom"
THEME_LABELS = {"system": "Follow the &system", "light": "&Light", "dark": "&Dark"}


class Appearance(QObject):
    """The theme and zoom in force; `apply()` pushes them to the whole application."""

    theme_changed = Signal(str)  # the theme now shown: "light" or "dark"
    zoom_changed = Signal(float)  # the zoom factor now applied
    restyled = Signal(str)  # the main window's new stylesheet (theme, zoom, focus ring)

    def __init__(self, settings: QSettings, window: QWidget):
        super().__init__(window)
        self.window = window
        self.settings = settings
        choice = str(settings.value(THEME_KEY, "system") or "system")
        self.choice = choice if choice in THEME_CHOICES else "system"
        self.zoom = _nearest_step(_as_float(settings.value(ZOOM_KEY, 1.0)))
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.app = app
        self.base_font = QFont(app.font())  # the unzoomed size: the stylesheet zooms
        self.theme: Theme = resolve(self.choice)
        self.zoom_actions: list[QAction] = []  # View > Zoom's, once install_view_actions ran

    # -- theme
    def set_theme(self, choice: str) -> None:
        if choice not in THEME_CHOICES:
            raise ValueError(f"unknown theme {choice!r}")
        self.choice = choice
        self.settings.setValue(THEME_KEY, choice)
        self.apply()

    # -- zoom
    def zoom_in(self) -> None:
        self._set_zoom(_step_from(self.zoom, +1))

    def zoom_out(self) -> None:
        self._set_zoom(_step_from(self.zoom, -1))

    def zoom_reset(self) -> None:
        self._set_zoom(1.0)

    def _set_zoom(self, factor: float) -> None:
        self.zoom = factor
        self.settings.setValue(ZOOM_KEY, factor)
        self.apply()

    def text_point_size(self) -> float:
        size = self.base_font.pointSizeF()
        return (size if size > 0 else 10.0) * self.zoom

    def apply(self) -> None:
        """Palette, font and stylesheet for the whole application, from theme and zoom."""
        self.theme = resolve(self.choice)
        self.app.setPalette(palette_for(self.theme))
        indicators = indicator_palette(self.theme)  # outlines at 3:1: see the function
        for class_name in INDICATOR_CLASSES:
            # PySide6's stub says bytes; at run time it takes only a str.
            self.app.setPalette(indicators, class_name)  # type: ignore[arg-type]
        # The stylesheet (with the zoomed text size) goes on the window, whose dialogs
        # inherit it. Set on the application, re-polishing every widget of every window
        # from a shortcut crashed Qt 6.11 once a closed window had been deleted (seen in
        # tests/test_gui_theme.py's zoom test), and QApplication.setFont the same.
        self.window.setStyleSheet(stylesheet_for(self.theme, self.text_point_size(),
                                                 zoomed=self.zoom != 1.0))
        self.restyled.emit(self.window.styleSheet())
        self.theme_changed.emit(self.theme.name)
        self.zoom_changed.emit(self.zoom)

    def follow(self, other: QWidget) -> None:
        """`other`, a window of its own (the bank editor), shows the main window's theme
        and zoom, and its zoom keys zoom both: it opened at 100% beside a zoomed window,
        with the platform's thin outline round the focused field instead of the ring,
        and Ctrl+= in it did nothing."""
        other.setStyleSheet(self.window.styleSheet())
        # A slot of `other`'s: the connection goes with it when it closes.
        self.restyled.connect(other.setStyleSheet)
        other.addActions(self.zoom_actions)


def install_view_actions(window: QWidget, menu: QMenu, appearance: Appearance) -> dict[str, QAction]:
    """View > Theme (three choices) and the zoom keys, added to `menu` and to `window`."""
    actions: dict[str, QAction] = {}
    menu.addSeparator()
    theme_menu = menu.addMenu("T&heme")
    group = QActionGroup(window)
    group.setExclusive(True)
    for choice in THEME_CHOICES:
        action = QAction(THEME_LABELS[choice], window)
        action.setCheckable(True)
        action.setChecked(choice == appearance.choice)
        action.setStatusTip(f"Show quizapp in the {choice} theme" if choice != "system"
                            else "Light or dark, as the desktop asks")
        action.triggered.connect(lambda _=False, c=choice: appearance.set_theme(c))
        group.addAction(action)
        theme_menu.addAction(action)
        actions[f"theme_{choice}"] = action
    zoom_menu = menu.addMenu("&Zoom")
    for name, text, keys, slot in (
        ("zoom_in", "Zoom &in", ["Ctrl+=", "Ctrl++"], appearance.zoom_in),
        ("zoom_out", "Zoom &out", ["Ctrl+-"], appearance.zoom_out),
        ("zoom_reset", "&Actual size", ["Ctrl+0"], appearance.zoom_reset),
    ):
        action = QAction(text, window)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setStatusTip(f"{text.replace('&', '')} ({keys[0]}); remembered")
        action.triggered.connect(slot)
        zoom_menu.addAction(action)
        window.addAction(action)
        actions[name] = action
        appearance.zoom_actions.append(action)
    return actions


def _as_float(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 1.0


def _nearest_step(factor: float) -> float:
    return min(ZOOM_STEPS, key=lambda step: abs(step - factor))


def _step_from(factor: float, direction: int) -> float:
    index = ZOOM_STEPS.index(_nearest_step(factor)) + direction
    return ZOOM_STEPS[max(0, min(index, len(ZOOM_STEPS) - 1))]
