"""The app's colours and type scale, defined once: a light and a dark theme.

Every colour a screen paints comes from the Qt palette built here (`palette_for`) or
from a theme's named colours (`theme_for_palette(widget.palette()).right`, ...). The
stylesheet (`stylesheet_for`) adds what a palette cannot say: the question card, the
type scale (the prompt larger than the chrome), large choice targets and a focus ring
that is always visible. tests/test_gui_theme.py checks every text colour against its
background for WCAG 2.1 AA contrast (4.5:1) in both themes.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

THEME_CHOICES = ("system", "light", "dark")  # View > Theme, in menu order
ZOOM_STEPS = (0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)  # Ctrl+= / Ctrl+- walk these
READING_WIDTH_CHARS = 70  # the question card's width, in average characters of its text
PROMPT_SCALE = 1.35  # the prompt's size against the app's text
VERDICT_SCALE = 1.2  # "Right" / "Wrong" over the feedback
# The sizes, against the app's text, that scale_text gives a heading or a card's text.
TEXT_SCALES = (1.2, 1.25, 1.3, 1.4, 1.6, 2.2)


def scale_text(widget: QWidget, scale: float) -> None:
    """Show `widget`'s text `scale` times the app's text size at every zoom: its font now,
    and, zoomed, a rule of the stylesheet, whose `QWidget { font-size }` would otherwise
    set it back to the plain size (a flashcard's text stopped growing at 125%)."""
    if scale not in TEXT_SCALES:
        raise ValueError(f"{scale} is not one of the text scales {TEXT_SCALES}")
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    widget.setFont(font)
    widget.setProperty("textScale", f"{scale:g}")


class Theme(NamedTuple):
    """The named colours of one theme (hex strings, "#rrggbb").

    A NamedTuple: a frozen dataclass of 20 fields cost ~1 ms to define at every start
    (its methods are generated as source and compiled; see core/learner.py)."""

    name: str
    window: str  # the page behind the card
    window_text: str
    base: str  # text fields, lists, the card
    alternate_base: str
    text: str
    muted_text: str  # captions, hints, placeholders: still 4.5:1 on window and base
    button: str
    button_text: str
    highlight: str  # selection
    highlighted_text: str
    link: str
    border: str  # control outlines (3:1 against window: a non-text element)
    focus: str  # the focus ring
    right: str  # right answers, on window and on base
    wrong: str  # wrong answers and the last minute of an exam
    tooltip_base: str
    tooltip_text: str
    disabled_text: str  # inactive controls (WCAG exempts them; still readable)
    series: tuple[str, ...]  # chart series, in order

    def color(self, name: str) -> QColor:
        return QColor(getattr(self, name))


LIGHT = Theme(
    name="light",
    window="#f3f4f6",
    window_text="#1f2328",
    base="#ffffff",
    alternate_base="#f6f8fa",
    text="#1f2328",
    muted_text="#555d66",
    button="#ffffff",
    button_text="#1f2328",
    highlight="#0b57d0",
    highlighted_text="#ffffff",
    link="#0b57d0",
    border="#868e96",
    focus="#0b57d0",
    right="#116329",
    wrong="#b3261e",
    tooltip_base="#1f2328",
    tooltip_text="#ffffff",
    disabled_text="#737b84",
    series=("#1d4ed8", "#b45309", "#047857", "#b91c1c", "#6d28d9", "#0e7490", "#be185d",
            "#4d7c0f"),
)

DARK = Theme(
    name="dark",
    window="#1c1d20",
    window_text="#e8e8e8",
    base="#25272b",
    alternate_base="#2c2f34",
    text="#e8e8e8",
    muted_text="#aeb4bb",
    button="#30333a",
    button_text="#e8e8e8",
    highlight="#8ab4f8",
    highlighted_text="#0b1320",
    link="#8ab4f8",
    border="#7a808a",
    focus="#8ab4f8",
    right="#7ddc85",
    wrong="#ff8a80",
    tooltip_base="#e8e8e8",
    tooltip_text="#1c1d20",
    disabled_text="#8a9099",
    series=("#60a5fa", "#fbbf24", "#34d399", "#f87171", "#a78bfa", "#22d3ee", "#f472b6",
            "#a3e635"),
)

THEMES = {"light": LIGHT, "dark": DARK}

# (text colour, background colour) pairs that the app draws text with; the contrast test
# walks these for both themes.
TEXT_PAIRS = (
    ("window_text", "window"),
    ("text", "base"),
    ("text", "alternate_base"),
    ("muted_text", "window"),
    ("muted_text", "base"),
    ("button_text", "button"),
    ("highlighted_text", "highlight"),
    ("link", "base"),
    ("link", "window"),
    ("right", "window"),
    ("right", "base"),
    ("wrong", "window"),
    ("wrong", "base"),
    ("tooltip_text", "tooltip_base"),
)


def is_dark_palette(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def theme_for_palette(palette: QPalette) -> Theme:
    """The theme whose named colours read on this palette (dark window: the dark theme)."""
    return DARK if is_dark_palette(palette) else LIGHT


_platform_dark: bool | None = None  # the desktop's own palette, read before ours is set


def system_prefers_dark() -> bool:
    """Whether the desktop asks for a dark look: its own palette has a dark window.

    Read once, before the app sets a palette of its own. (Not QStyleHints.colorScheme():
    naming a Qt.* enum at startup costs ~40 ms, see quizapp/gui/app.py.)
    """
    global _platform_dark
    if _platform_dark is None:
        from PySide6.QtGui import QGuiApplication

        _platform_dark = (QGuiApplication.instance() is not None
                          and is_dark_palette(QGuiApplication.palette()))
    return _platform_dark


def resolve(choice: str) -> Theme:
    """The theme for a View > Theme choice ("system" follows the desktop)."""
    if choice in THEMES:
        return THEMES[choice]
    return DARK if system_prefers_dark() else LIGHT


def palette_for(theme: Theme) -> QPalette:
    """A full QPalette (active, inactive and disabled groups) from the theme's colours."""
    role = QPalette.ColorRole
    palette = QPalette()
    roles = {
        role.Window: theme.window,
        role.WindowText: theme.window_text,
        role.Base: theme.base,
        role.AlternateBase: theme.alternate_base,
        role.Text: theme.text,
        role.Button: theme.button,
        role.ButtonText: theme.button_text,
        role.BrightText: theme.wrong,
        role.Highlight: theme.highlight,
        role.HighlightedText: theme.highlighted_text,
        role.Link: theme.link,
        role.LinkVisited: theme.link,
        role.ToolTipBase: theme.tooltip_base,
        role.ToolTipText: theme.tooltip_text,
        role.PlaceholderText: theme.muted_text,
        role.Light: _mix(theme.button, "#ffffff", 0.5),
        role.Midlight: _mix(theme.button, theme.border, 0.3),
        role.Mid: theme.border,
        role.Dark: _mix(theme.border, theme.window_text, 0.4),
        role.Shadow: "#000000",
    }
    for colour_role, value in roles.items():
        palette.setColor(colour_role, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, colour_role, QColor(theme.disabled_text))
    palette.setColor(disabled, role.Highlight, QColor(theme.border))
    return palette


# The widgets whose empty box or circle is drawn from the palette's window colour.
INDICATOR_CLASSES = ("QCheckBox", "QRadioButton")


def indicator_outline(theme: Theme) -> QColor:
    """The outline of an empty check box or radio button: the border colour taken a
    third of the way to the text colour. The border alone is 3:1 against the fields,
    but a radio button's circle is a 1-pixel antialiased line whose pixels never reach
    its full colour: at the border colour they measured 2.6:1 on the dark card."""
    return QColor(_mix(theme.border, theme.text, 0.35))


def indicator_palette(theme: Theme) -> QPalette:
    """The palette for check boxes and radio buttons (QApplication.setPalette(palette,
    class name)): their empty box or circle is outlined in indicator_outline(theme), at
    least 3:1 against the field behind it (WCAG 2.1 non-text contrast).

    The Fusion style outlines an indicator in its window colour darkened (darker(140),
    then lighter(110): value x 11/14), which was #161719 on #25272b (1.2:1) in the dark
    theme and #bfc0c1 on white (1.8:1) in the light one. These widgets paint no window
    background of their own, so their window colour is set to what that darkening turns
    into the outline colour. (Not a QProxyStyle: every primitive of every paint would go
    through Python.)"""
    palette = palette_for(theme)
    outline = indicator_outline(theme)
    window = QColor.fromHsv(outline.hsvHue(), outline.hsvSaturation(),
                            min(255, round(outline.value() * 14 / 11)))
    palette.setColor(QPalette.ColorRole.Window, window)
    return palette


def _mix(first: str, second: str, share: float) -> str:
    a, b = QColor(first), QColor(second)
    mixed = QColor(
        round(a.red() + (b.red() - a.red()) * share),
        round(a.green() + (b.green() - a.green()) * share),
        round(a.blue() + (b.blue() - a.blue()) * share),
    )
    return mixed.name()


def stylesheet_for(theme: Theme, text_pt: float, *, zoomed: bool = True) -> str:
    """The app's stylesheet: card, type scale, choice targets and the focus ring.

    `text_pt` is the zoomed size of ordinary text; the prompt and verdict scale from it.
    Colours come from the theme; nothing else in the app names a colour.
    """
    t = theme
    prompt_pt = round(text_pt * PROMPT_SCALE, 1)
    verdict_pt = round(text_pt * VERDICT_SCALE, 1)
    # Spin boxes keep the platform style's frame, arrows and focus frame: a border or a
    # padding here would make Qt draw them itself, and it draws no arrows without images.
    # They are only made as tall as a line edit (its text, padding and border).
    spin_height_pt = round(text_pt * 2, 1)
    # Zoomed, every widget's text size is set here; at 100% the rule is left out, since
    # matching it against every widget of the first screen cost startup ~10%.
    zoom_rule = f"QWidget {{ font-size: {round(text_pt, 1)}pt; }}" if zoomed else ""
    if zoomed:  # text set larger than the rest (scale_text) stays larger
        zoom_rule += "".join(
            f'\n*[textScale="{scale:g}"] {{ font-size: {round(text_pt * scale, 1)}pt; }}'
            for scale in TEXT_SCALES)
    return f"""
{zoom_rule}
QFrame#card {{
    background: {t.base}; border: 1px solid {t.border}; border-radius: 12px;
}}
QFrame#card QLabel#prompt {{ font-size: {prompt_pt}pt; }}
QFrame#card QLabel#verdict, QLabel#verdict {{ font-size: {verdict_pt}pt; }}
QFrame#feedback {{
    background: {t.alternate_base}; border: none; border-left: 4px solid {t.border};
    border-radius: 6px;
}}
QFrame#card QRadioButton, QFrame#card QCheckBox {{
    padding: 8px 8px; min-height: 24px; spacing: 10px; border: 2px solid transparent;
    border-radius: 6px;
}}
QFrame#card QRadioButton:hover, QFrame#card QCheckBox:hover {{ border-color: {t.border}; }}
QRadioButton:focus, QCheckBox:focus {{ border: 2px solid {t.focus}; border-radius: 6px; }}
QFrame#card QRadioButton:focus, QFrame#card QCheckBox:focus {{ border-color: {t.focus}; }}
QPushButton {{
    background: {t.button}; color: {t.button_text}; border: 1px solid {t.border};
    border-radius: 6px; padding: 6px 14px; min-height: 20px;
}}
QPushButton:hover {{ border-color: {t.focus}; }}
QPushButton:pressed {{ background: {t.alternate_base}; }}
QPushButton:disabled {{ color: {t.disabled_text}; }}
QPushButton:default {{ border-width: 2px; padding: 5px 13px; }}
QPushButton:flat {{ border: 1px solid transparent; background: transparent; }}
QPushButton:focus {{ border: 3px solid {t.focus}; padding: 4px 12px; }}
QLineEdit, QPlainTextEdit, QTextEdit, QTreeView, QListView,
QTableView, QTreeWidget, QListWidget, QTableWidget {{
    border: 1px solid {t.border}; border-radius: 4px;
}}
QLineEdit {{ padding: 4px; }}
QAbstractSpinBox {{ min-height: {spin_height_pt}pt; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QTreeView:focus, QListView:focus, QTableView:focus,
QTreeWidget:focus, QListWidget:focus, QTableWidget:focus {{
    border: 2px solid {t.focus};
}}
QFrame#card QTextEdit, QFrame#card QPlainTextEdit {{ border: none; background: transparent; }}
QFrame#card QTextEdit:focus, QFrame#card QPlainTextEdit:focus {{ border: 2px solid {t.focus}; }}
QComboBox:focus {{ border: 2px solid {t.focus}; border-radius: 4px; }}
QChartView {{ border: 2px solid transparent; border-radius: 6px; }}
QChartView:focus {{ border-color: {t.focus}; }}
QTabBar::tab:focus {{ border: 2px solid {t.focus}; }}
QToolTip {{ background: {t.tooltip_base}; color: {t.tooltip_text}; border: none; padding: 4px; }}
"""


# ----------------------------------------------------------------------- contrast (WCAG 2.1)


def relative_luminance(colour: QColor) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green())
            + 0.0722 * channel(colour.blue()))


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG 2.1 contrast ratio, 1 to 21."""
    a, b = relative_luminance(first), relative_luminance(second)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)
