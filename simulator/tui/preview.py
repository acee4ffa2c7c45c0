"""`litige preview FILE`: play a scenario file and reload it each time it is saved.

The author plays as a trainee would (keys 1-9, `t` to let a time limit run out, backspace to
step back); when the file changes on disk the play is carried over to the new version for as
long as its steps still hold (simulator.authoring.preview.carry_over). A file with errors shows them,
located (FILE:LINE:COL), above the last version that loaded, until they are fixed; check's
warnings are shown the same way. Timers do not run here: an author previews at their own pace.

This app stands alone: the game's own App (simulator/tui/app.py) was not on main when it was
written. Everything that decides (watching, reloading, carrying the play over) is in
simulator.authoring.preview, with no Textual, so the game's play screen can take over the drawing later.
"""

from __future__ import annotations

import time
from pathlib import Path

from rich.control import strip_control_codes
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from simulator.authoring.preview import Loaded, Watcher, carry_over
from simulator.lang.i18n import colon, fmt_number, t
from simulator.play.engine import Play
from simulator.tui.keys import localize
from simulator.tui.screens.base import speaker

POLL_SECONDS = 0.5
MAX_PROBLEMS = 8  # problems listed in the app; the rest are counted ("and N more")


def plain(text: str) -> str:
    """Scenario text as plain text: no terminal control characters (markup is never parsed here)."""
    return strip_control_codes(text)


class PreviewApp(App[None]):
    """The scenario file, played, reloaded when saved."""

    TITLE = "Litige"
    CSS = """
    #errors-box { border: heavy $error; padding: 0 1; height: auto; max-height: 12; display: none; }
    #errors-box.shown { display: block; }
    #errors { height: auto; }
    #status { height: auto; color: $text-muted; padding: 0 1; }
    #transcript { height: 1fr; padding: 0 1; }
    #choices { height: auto; border-top: solid $primary; padding: 0 1; }
    """
    BINDINGS = [
        *[Binding(str(i), f"choose({i})", show=False) for i in range(1, 10)],
        Binding("t", "timeout", "tui.k.preview_timeout"),
        Binding("backspace", "back", "tui.k.preview_back"),
        Binding("r", "reload", "tui.k.preview_reload"),
        Binding("q", "quit", "tui.k.quit"),
    ]

    def __init__(self, path: str | Path, *, lang: str = "fr", poll: float | None = POLL_SECONDS):
        super().__init__()
        self.path = Path(path)
        self.lang = lang
        localize(self, lang)  # the footer speaks the chosen language
        self.poll = poll
        self.watcher = Watcher(self.path, lang=lang)
        self.loaded = Loaded(None, ())
        self.play: Play | None = None
        self.reloads = 0
        self.status = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="errors-box"):
            yield Static(id="errors", markup=False)
        yield Static(id="status", markup=False)
        with VerticalScroll(id="transcript"):
            yield Static(id="story", markup=False)
        yield Static(id="choices", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = str(self.path)
        self.reload()
        if self.poll:
            self.set_interval(self.poll, self.poll_file)

    # -- the file ----------------------------------------------------------------------------
    def poll_file(self) -> bool:
        """Reload if the file changed on disk; True when it did. Called by the timer (and tests)."""
        if self.watcher.changed():
            self.reload()
            return True
        return False

    def reload(self) -> None:
        loaded = self.watcher.load()
        self.loaded = loaded
        self.reloads += 1
        stamp = time.strftime("%H:%M:%S")
        if loaded.scenario is not None:
            old = self.play.record.steps if self.play else ()
            previous = self.play.scenario if self.play else None
            self.play, kept = carry_over(loaded.scenario, old, lang=self.lang, previous=previous,
                                         variant=self.play.record.variant if self.play else None)
            self.title = loaded.scenario.title.get(self.lang)
            self.status = (f"{t('preview.loaded', self.lang, at=stamp)}"
                           + (f" · {t('preview.kept', self.lang, kept=kept, total=len(old))}" if old else ""))
        else:
            self.status = t("preview.broken", self.lang, at=stamp) + (
                f" · {t('preview.stale', self.lang)}" if self.play else "")
        self.refresh_view()

    # -- moves -------------------------------------------------------------------------------
    def action_choose(self, n: int) -> None:
        if self.play and not self.play.finished and 1 <= n <= len(self.play.offered()):
            self.play.choose(n - 1, seconds=0)
            self.refresh_view()

    def action_timeout(self) -> None:
        if self.play and not self.play.finished and self.play.node.on_timeout:
            self.play.timeout(seconds=float(self.play.node.time_limit or 0))
            self.refresh_view()

    def action_back(self) -> None:
        if self.play and self.play.record.steps:
            self.play.rewind(len(self.play.record.steps) - 1)
            self.refresh_view()

    def action_reload(self) -> None:
        self.reload()

    # -- drawing -----------------------------------------------------------------------------
    def refresh_view(self) -> None:
        errors = self.query_one("#errors", Static)
        box = self.query_one("#errors-box", VerticalScroll)
        shown = [p for p in self.loaded.problems if p.severity == "error"] or list(self.loaded.problems)
        if shown:
            head = t("preview.errors" if self.loaded.errors else "preview.warnings", self.lang)
            lines = [head, *(p.render(self.lang) for p in shown[:MAX_PROBLEMS])]  # check's words, in the game's language
            if len(shown) > MAX_PROBLEMS:
                lines.append(self._more(len(shown) - MAX_PROBLEMS))
            errors.update(Text("\n".join(lines)))
            box.scroll_home(animate=False)
        else:
            errors.update("")
        # the box scrolls (long lines wrap); beyond MAX_PROBLEMS it says how many more there are
        box.set_class(bool(shown), "shown")
        errors.set_class(bool(shown), "shown")
        self.query_one("#status", Static).update(Text(self.status))
        self.query_one("#story", Static).update(self._story())
        self.query_one("#choices", Static).update(self._choices())

    def _more(self, n: int) -> str:
        """"… and N more", and what `litige check` shows of them: all, or its first REPORTED."""
        from simulator.authoring.checker import REPORTED
        if len(self.loaded.problems) > REPORTED:
            return t("preview.more_capped", self.lang, n=n, file=self.path, reported=REPORTED)
        return t("preview.more", self.lang, n=n, file=self.path)

    def _story(self) -> Text:
        out = Text()
        play = self.play
        if play is None:
            return out
        scenario = play.scenario
        lang = self.lang
        for step in play.record.steps:
            node = scenario.nodes[step.node]
            out.append(speaker(node.speaker, lang, scenario) + colon(lang), style="bold")
            out.append(plain(node.text.get(lang)) + "\n")
            if step.timed_out:
                out.append(f"  → {t('debrief.timed_out', lang)}\n", style="italic")
            else:
                chosen = next(c for c in node.choices if c.id == step.chosen)
                out.append(f"  → {plain(chosen.text.get(lang))}\n", style="italic")
        node = play.node
        out.append(speaker(node.speaker, lang, scenario) + colon(lang), style="bold")
        out.append(plain(node.text.get(lang)) + "\n")
        if node.ending is not None:
            from scoring.scorer import score
            result = score(scenario, play.record)
            verdict = t("debrief.passed" if result.passed else "debrief.failed", lang)
            out.append(f"\n{t('debrief.ending', lang)} · {t('outcome.' + node.ending.outcome, lang)} · "
                       f"{plain(node.ending.title.get(lang))}\n", style="bold")
            shown = t("debrief.no_score", lang) if result.scaled is None else f"{fmt_number(result.scaled, lang)}/100"
            out.append(f"{t('debrief.score', lang)} {shown} · {verdict}\n")
        return out

    def _choices(self) -> Text:
        play = self.play
        out = Text()
        if play is None:
            out.append(t("preview.waiting", self.lang))
            return out
        if play.finished:
            out.append(t("preview.finished", self.lang))
            return out
        for i, c in enumerate(play.offered(), 1):
            out.append(f"{i}. {plain(c.text.get(self.lang))}\n")
        if play.node.on_timeout:
            out.append(f"t. {t('preview.let_time_run_out', self.lang, seconds=play.node.time_limit)}\n")
        if play.stuck:
            out.append(t("preview.stuck", self.lang))
        return out


def run(path: str | Path, *, lang: str = "fr") -> int:
    """Play the file until the author quits (0). A crash exits 1 with one line naming its log, as
    the game does (simulator.tui.crash); Textual alone printed the traceback and exited 0."""
    from simulator.tui.crash import run_logged
    return run_logged(PreviewApp(path, lang=lang))
