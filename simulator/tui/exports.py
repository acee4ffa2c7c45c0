"""The debrief's and the map's `e`: the debrief, or the map with the play's path, as a Markdown file."""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.lang.i18n import t

if TYPE_CHECKING:
    from scoring.debrief import Debrief
    from simulator.authoring.graph import Graph


@dataclass(frozen=True)
class Exports:
    """Where the trainee's exports go: `folder`, else the user's data folder; none from a
    workshop seat (`participant`: the file would land on the facilitator's machine)."""

    folder: Path | None
    participant: bool = False

    def debrief(self, d: Debrief, lang: str) -> Path:
        from scoring.debrief_render import render_markdown
        return self._write(d, "", render_markdown(d, lang), lang)

    def map(self, d: Debrief, graph: Graph, lang: str) -> Path:
        """The map with this play's path, as Markdown holding a Mermaid diagram."""
        from simulator.authoring.graph import mermaid
        return self._write(d, "-map", f"# {graph.title}\n\n```mermaid\n{mermaid(graph)}```\n", lang)

    def _write(self, d: Debrief, suffix: str, text: str, lang: str) -> Path:
        if self.participant:
            raise PermissionError(errno.EACCES, t("tui.export_workshop", lang))
        folder = self.folder or default_export_dir()
        folder.mkdir(parents=True, exist_ok=True)
        stamp = re.sub(r"[^0-9T]", "", d.record.started_at)[:15]
        path = folder / f"{d.scenario.id}-{stamp}-{d.record.play_id[:6]}{suffix}.md"
        path.write_text(text, encoding="utf-8")
        return path


def default_export_dir() -> Path:
    import platformdirs
    return platformdirs.user_data_path("litige") / "debriefs"
