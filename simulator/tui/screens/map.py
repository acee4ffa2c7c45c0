"""The scenario's map with the path of this play marked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from simulator.lang.i18n import t
from simulator.tui import keys
from simulator.tui.screens.base import Base

if TYPE_CHECKING:
    from scoring import debrief as debriefing
    from simulator.authoring.graph import Graph
    from simulator.tui.exports import Exports


class MapScreen(Base):
    """The scenario's map (`litige graph`'s, as text) with the path of this play marked: every
    step and move, which were taken — in symbols and words, bold only as a second cue."""

    BINDINGS = keys.MAP

    def __init__(self, lang: str, debrief: debriefing.Debrief, exports: Exports) -> None:
        super().__init__(lang)
        self.debrief = debrief
        self.exports = exports

    def graph(self) -> Graph:
        from simulator.authoring.graph import build
        steps = [(s.node, None if s.timed_out else s.chosen) for s in self.debrief.record.steps]
        return build(self.debrief.scenario, self.lang, path=steps)

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        yield Static(t("tui.map_title", lang, title=self.debrief.scenario.title.get(lang)), classes="title",
                     markup=False)
        with VerticalScroll(id="map"):
            yield Static(self.text(), id="map-text")
        yield Static(f"{t('tui.map_legend', lang)}  {t('tui.map_ids', lang)}", classes="hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#map", VerticalScroll).focus()

    def text(self) -> Text:
        from simulator.authoring.graph import reading_order
        yours = t("tui.map_yours", self.lang)
        out = Text()
        for node, edges in reading_order(self.graph()):
            if len(out):
                out.append("\n")
            out.append(("● " if node.visited else "○ ") + self.id_marked(node.label, node.id) + "\n",
                       style="bold" if node.visited else "dim")
            for e in edges:
                line = f"    {'⇒' if e.taken else '→'} {e.label} → #{e.dest}"
                if e.taken:
                    out.append(line + f"   ({yours})\n", style="bold")
                else:
                    out.append(line + "\n", style="" if node.visited else "dim")
        return out

    @staticmethod
    def id_marked(text: str, node_id: str) -> str:
        """A node's label with its id marked as one (#id): ids are the scenario file's, not translated."""
        if text.startswith(node_id + " · "):
            return "#" + text
        at = text.rfind(f" · {node_id} · ")  # an ending's: END · outcome · id · title (the outcome may read as the id)
        return text if at < 0 else f"{text[:at]} · #{text[at + 3:]}"

    def action_export(self) -> None:
        try:
            path = self.exports.map(self.debrief, self.graph(), self.lang)
        except OSError as exc:
            message = t("tui.export_failed", self.lang, error=exc.strerror or exc)
        else:
            message = t("tui.map_exported", self.lang, path=path)
        self.app.notify(message, timeout=6)

    def action_back(self) -> None:
        self.dismiss()
