"""Names for what a screen reader lands on but Qt leaves unnamed.

A scroll area (a text browser, a chart, a scrolling page) takes the keyboard focus
through its viewport, which AT-SPI reports as an unnamed "filler": the focus lands on
silence. Each viewport gets its area's name (or, for an unnamed area, the nearest named
ancestor's). tests/test_accessibility.py walks the tree over AT-SPI and finds any left.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractScrollArea, QWidget


def nearest_name(widget: QWidget | None) -> str:
    while widget is not None:
        if widget.accessibleName():
            return widget.accessibleName()
        widget = widget.parentWidget()
    return ""


def name_scroll_viewports(root: QWidget) -> None:
    """Give every scroll area under `root` (and its viewport) a name a screen reader says."""
    for area in root.findChildren(QAbstractScrollArea):
        name = nearest_name(area)
        if not name:
            continue
        if not area.accessibleName():
            area.setAccessibleName(name)
        viewport = area.viewport()
        if viewport is not None and not viewport.accessibleName():
            viewport.setAccessibleName(name)
