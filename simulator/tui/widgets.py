"""The play screen's own widgets: the meters and the transcript."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.events import MouseScrollDown, MouseScrollUp, Resize
from textual.geometry import Region, Size
from textual.reactive import Reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import OptionList


class MeterBar(Widget):
    """A labelled meter, drawn as one line: its name, its value in words, the last move in
    symbols (▲5, ▼20: never colour alone), a bar of filled (█) and empty (░) cells that
    slides to the new value in a few frames when it moves, and — when the meter has moods —
    the word for the band the value is in (`agacée`), in a column as wide as its longest word.

    One widget that draws itself, not a composite of a label and a progress bar: a move repaints
    one row."""

    DEFAULT_CSS = "MeterBar { height: 1; }"
    MIN_BAR = 10
    FRAMES = 5  # of the bar's slide, FRAME seconds apart
    FRAME = 0.1

    def __init__(self, meter_id: str, label: str, value: int, moods: Sequence[tuple[int, str]] = ()) -> None:
        super().__init__(classes="meter")
        self.meter_id, self.label, self.value = meter_id, label, value
        self.moods = tuple(moods)  # (threshold, word) by rising threshold, as Meter.moods
        self.mood_width = max((cell_len(word) for _, word in self.moods), default=0)
        self.delta = 0
        self.shown = float(value)  # where the bar is drawn, on its way to value
        self._slide = None
        self._drawn: tuple | None = None

    def label_width(self) -> int:
        return len(self.label) + len(" 100/100 ▼100") + 1  # room for any value: the bar never moves

    def mood_room(self) -> int:
        """Columns kept after the bar for the mood word (a space and the longest word): the bar
        keeps its width whatever the word."""
        return self.mood_width + 1 if self.mood_width else 0

    def width_needed(self) -> int:
        """Its label, the shortest bar worth showing, its mood word, and the gap to the next meter."""
        return self.label_width() + self.MIN_BAR + self.mood_room() + 2

    def mood(self) -> str:
        """The word for the band the value is in ("" when the meter has none)."""
        word = ""
        for threshold, text in self.moods:
            if self.value < threshold:
                break
            word = text
        return word

    def label_text(self) -> str:
        text = f"{self.label} {self.value:>3}/100"
        if self.delta:
            text += f" {'▲' if self.delta > 0 else '▼'}{abs(self.delta)}"  # the move in symbols, not colour alone
        return text

    @property
    def bar_width(self) -> int:
        return max(0, self.content_region.width - self.label_width() - self.mood_room())

    def render(self) -> Text:
        """The line as text (what render_line draws, for reading it)."""
        return Text("".join(segment.text for segment in self.segments()))

    def segments(self) -> list[Segment]:
        width = self.bar_width
        filled = round(width * max(0.0, min(100.0, self.shown)) / 100)
        out = [Segment(self.label_text().ljust(self.label_width())[:self.content_region.width]),
               Segment("█" * filled, Style(bold=True)), Segment("░" * (width - filled), Style(dim=True))]
        if self.mood_width:
            out.append(Segment(" " + self.mood(), Style(bold=True, italic=True)))
        return out

    def render_line(self, y: int) -> Strip:
        key = (self.label_text(), round(self.shown, 1), self.content_region.width, self.rich_style, self.mood())
        if y or self._drawn is None or self._drawn[0] != key:
            if y:
                return Strip.blank(self.content_region.width, self.rich_style)
            self._drawn = (key, Strip(self.segments()).adjust_cell_length(key[2]).apply_style(key[3]))
        return self._drawn[1]

    def set(self, value: int) -> None:
        delta = value - self.value
        if not delta and not self.delta:
            return
        start = self.shown
        self.value, self.delta = value, delta
        if self._slide is not None:
            self._slide.stop()
            self._slide = None
        if delta and self.app.animation_level == "none":  # as Textual's own animations (TEXTUAL_ANIMATIONS)
            self.shown = float(value)
        elif delta:
            frames = iter(range(1, self.FRAMES + 1))

            def frame() -> None:
                k = next(frames, self.FRAMES)
                ease = 1 - (1 - k / self.FRAMES) ** 3  # out cubic
                self.shown = start + (value - start) * ease
                self.refresh()
                if k >= self.FRAMES and self._slide is not None:
                    self._slide.stop()
                    self._slide = None

            self._slide = self.set_interval(self.FRAME, frame)
        self.refresh()


class Transcript(Widget, can_focus=True):
    """The conversation so far: each step is wrapped once, when it is written, and the widget
    shows the tail of those lines — the newest step always in view.

    It is not a scroll container: it has no scrollbar widget to redraw at every step and no
    virtual size to lay out, so a step costs the drawing of the rows it shows, from lines wrapped
    once, however long the play. Its rightmost column says, in symbols, that there is more above
    (▲) or below (▼); scrolling is on demand: the mouse wheel, or the arrows and page keys once
    it has the focus (Tab). On a change of width the steps are wrapped again."""

    DEFAULT_CSS = "Transcript { height: 1fr; }"
    BINDINGS = [
        Binding("up", "scroll_by(-1)", show=False), Binding("down", "scroll_by(1)", show=False),
        Binding("pageup", "scroll_by(-10)", show=False), Binding("pagedown", "scroll_by(10)", show=False),
        Binding("home", "scroll_by(-1000000)", show=False), Binding("end", "scroll_by(1000000)", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[Text] = []
        self.lines: list[Strip] = []
        self._top = 0  # the first line shown, when scrolled away from the end
        self._follow = True  # at the end: the newest lines shown, whatever the height
        self._wrapped_at = 0
        self._drawn: dict[tuple, Strip] = {}  # rows drawn, by line, marker, width and style
        self._view: tuple[Style, int, int, int, int] | None = None  # see render_lines

    @property
    def text_width(self) -> int:
        return max(1, self.content_region.width - 1)  # the last column is the scroll marker

    @property
    def max_scroll_y(self) -> int:  # type: ignore[override]
        return max(0, len(self.lines) - self.content_region.height)

    @property
    def scroll_y(self) -> int:  # type: ignore[override]
        """The first line shown: worked out from the height when following the end, so that a
        change of height needs no second pass to scroll (and it is not a reactive: no scroll pass)."""
        return self.max_scroll_y if self._follow else min(self._top, self.max_scroll_y)

    def add(self, entry: Text) -> None:
        self.entries.append(entry)
        if self._wrapped_at:
            self.lines.extend(self._wrap(entry, self._wrapped_at))
            self.refresh()

    def _wrap(self, entry: Text, width: int) -> list[Strip]:
        console = self.app.console
        segments = console.render(entry, console.options.update_width(width))
        return [strip.adjust_cell_length(width) for strip in Strip.from_lines(Segment.split_lines(segments))]

    def on_resize(self, event: Resize) -> None:
        width = self.text_width
        if self.content_region.width and width != self._wrapped_at:
            self._wrapped_at = width
            self.lines = [line for entry in self.entries for line in self._wrap(entry, width)]
            self._drawn.clear()
            self.refresh()

    def action_scroll_by(self, rows: int) -> None:
        self._top = max(0, min(self.max_scroll_y, self.scroll_y + rows))
        self._follow = self._top >= self.max_scroll_y
        self.refresh()

    def on_mouse_scroll_up(self, event: MouseScrollUp) -> None:
        event.stop()
        self.action_scroll_by(-3)

    def on_mouse_scroll_down(self, event: MouseScrollDown) -> None:
        event.stop()
        self.action_scroll_by(3)

    def view(self) -> tuple[Style, int, int, int, int]:
        """The style, the first line shown, the last first line, the rows and the text's width."""
        return self.rich_style, self.scroll_y, self.max_scroll_y, self.content_region.height, self.text_width

    def render_lines(self, crop: Region) -> list[Strip]:
        self._view = self.view()  # once per repaint, not once per row
        try:
            return super().render_lines(crop)
        finally:
            self._view = None

    def render_line(self, y: int) -> Strip:
        style, top, bottom, height, width = self._view or self.view()
        index = top + y
        if y == 0 and top > 0:
            marker = "▲"
        elif y == height - 1 and top < bottom:
            marker = "▼"
        else:
            marker = " "
        key = (index if 0 <= index < len(self.lines) else -1, marker, width, style)
        strip = self._drawn.get(key)
        if strip is None:
            line = self.lines[index] if key[0] >= 0 else Strip.blank(width)
            strip = Strip([*line.crop_extend(0, width, None), Segment(marker)], width + 1).apply_style(style)
            if len(self._drawn) > 4 * max(height, 1):
                self._drawn.clear()
            self._drawn[key] = strip
        return strip


class ChoiceList(OptionList):
    """The play screen's choices. Their height is set by the screen (PlayScreen.fit), never by
    their options, so a new list of options needs a repaint, not a layout of the screen (the
    scrollbar showing or going still asks for one)."""

    virtual_size = Reactive(Size(0, 0), layout=False)


class InlineOptionList(OptionList):
    """An option list as tall as its options, inside a scrolling container: moving the
    highlight scrolls the container — one scrollbar, not one inside another."""

    DEFAULT_CSS = "InlineOptionList { height: auto; max-height: 1000; }"

    def scroll_to_highlight(self, top: bool = False) -> None:
        container = self.parent
        if not isinstance(container, ScrollableContainer):
            super().scroll_to_highlight(top)
            return
        if self.highlighted is None or not self.is_mounted or not self.has_focus:
            return  # the first highlight, as the screen opens, leaves the container at its top
        self._update_lines()
        y = self._index_to_line.get(self.highlighted)
        if y is None:
            return
        height = self._heights[self.highlighted]
        region = self.virtual_region
        container.scroll_to_region(Region(region.x, region.y + self.styles.gutter.top + y, region.width, height),
                                   animate=False, top=top, immediate=True)
