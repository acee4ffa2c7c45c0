"""The play screen's own widgets: the meters and the transcript."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import Resize
from textual.geometry import Size
from textual.reactive import Reactive
from textual.containers import ScrollableContainer
from textual.geometry import Region
from textual.widgets import Label, OptionList, ProgressBar, RichLog


class MeterBar(Horizontal):
    """A labelled meter: its name and value in words, and a bar that animates when it moves."""

    def __init__(self, meter_id: str, label: str, value: int) -> None:
        super().__init__(classes="meter")
        self.meter_id, self.label, self.value = meter_id, label, value

    MIN_BAR = 10

    def label_width(self) -> int:
        return len(self.label) + len(" 100/100 ▼100") + 1  # room for any value: no relayout

    def width_needed(self) -> int:
        """Its label, the shortest bar worth showing, and the gap to the next meter."""
        return self.label_width() + self.MIN_BAR + 2

    def compose(self) -> ComposeResult:
        label = Label(self.text(), classes="meter-label")
        label.styles.width = self.label_width()
        yield label
        yield ProgressBar(total=100, show_eta=False, show_percentage=False, classes="meter-bar")

    def text(self) -> str:
        return f"{self.label} {self.value:>3}/100"

    def on_mount(self) -> None:
        self.query_one(ProgressBar).update(progress=self.value)

    def set(self, value: int) -> None:
        delta = value - self.value
        self.value = value
        label = self.text()
        if delta:
            label += f" {'▲' if delta > 0 else '▼'}{abs(delta)}"  # the move in symbols, not colour alone
        shown = self.query_one(Label)
        if str(shown.content) != label:
            shown.update(label, layout=False)
        if delta:
            self.query_one(ProgressBar).animate("progress", float(value), duration=0.6, easing="out_cubic")


class Transcript(RichLog):
    """The conversation so far: each step is written once, at the end.

    Its size is set by the screen's CSS, so a new step changes only what it shows and how far
    it scrolls; the scrollbar is always there (`overflow-y: scroll`). Its virtual size therefore
    moves without laying the whole screen out again — the cost of a step stays the cost of one
    line, however long the play. On a change of width the steps are wrapped again."""

    DEFAULT_CSS = "Transcript { overflow-y: scroll; overflow-x: hidden; }"
    virtual_size = Reactive(Size(0, 0), layout=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, wrap=True, min_width=20, auto_scroll=True)
        self.entries: list[Text] = []
        self._wrapped_at = 0

    def add(self, entry: Text) -> None:
        self.entries.append(entry)
        self._write(entry)

    def _write(self, entry: Text) -> None:
        # The width is given: RichLog would otherwise measure against the console's width, which
        # is not always the widget's own after a resize.
        if not self._size_known:  # RichLog keeps it until its size is known, then scrolls
            self.write(entry)
            return
        self.write(entry, width=self.scrollable_content_region.width, scroll_end=False)
        self.scroll_end(animate=False, immediate=True, x_axis=False)  # in this frame, not the next

    def watch_virtual_size(self, size: Size) -> None:
        self._scroll_update(size)
        self.refresh()

    def on_resize(self, event: Resize) -> None:
        if event.size.width and self._size_known and event.size.width != self._wrapped_at:
            self.call_after_refresh(self._rewrap)  # once the new content region is known
        if event.size.width and not self._wrapped_at:
            self._wrapped_at = event.size.width

    def _rewrap(self) -> None:
        width = self.size.width
        if width and width != self._wrapped_at:
            self._wrapped_at = width
            self.clear()
            for entry in self.entries:
                self._write(entry)


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
