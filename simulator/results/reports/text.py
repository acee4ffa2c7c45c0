"""The reports as plain text for a terminal of 80 columns: `litige history` and `litige report`."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from scoring.version import RULES
from simulator.lang.i18n import label, quoted, t
from simulator.lang.plaintext import shown
from simulator.results.reports.cells import clip, outcome_word, over_100, pct, score_cell, short_time, status
from simulator.results.reports.figures import VERDICT_COLUMNS
from simulator.results.reports.filters import filter_words
from simulator.results.reports.gain_tables import gain_legend, gain_rows, no_pair

if TYPE_CHECKING:
    from simulator.results.choices import NodeLine
    from simulator.results.reports.figures import Report
    from simulator.results.store import PlayRow


def table(head: list[str], rows: list[list[str]], right: frozenset[int] | set[int] = frozenset(),
          gap: str = "  ") -> str:
    """Columns as wide as their widest cell, the `right` ones aligned right, under a rule of dashes."""
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]

    def line(cells: list[str]) -> str:
        out = [f"{c:>{w}}" if i in right else f"{c:<{w}}" for i, (c, w) in enumerate(zip(cells, widths))]
        return gap.join(out).rstrip()
    return "\n".join([line(head), line(["-" * w for w in widths]), *(line(r) for r in rows)]) + "\n"


def history_text(rows: Sequence[PlayRow], lang: str) -> str:
    if not rows:
        return t("results.no_plays", lang) + "\n"
    head = [t("results.col.started", lang), t("results.col.trainee", lang), t("results.col.scenario", lang),
            t("results.col.steps", lang), t("results.col.score", lang), t("results.col.result", lang)]
    cells = [[short_time(r.started_at), clip(r.trainee or "-", 18), clip(r.scenario, 20), str(r.steps),
              score_cell(r, lang), status(r, lang)] for r in rows]
    out = table(head, cells, right={3, 4})
    if any(r.finished and r.rules != RULES for r in rows):
        out += "* " + t("results.first_rules_mark", lang) + "\n"
    return out


def modes_line(report: Report) -> str:
    """The finished plays played in coach mode (feedback after each choice) and as exams."""
    return t("results.report.modes", report.lang, coach=report.modes.get("coach", 0),
             exam=report.modes.get("exam", 0))


def report_text(report: Report) -> str:
    lang = report.lang
    out = [t("results.report.title", lang)]
    if report.filters:
        out.append("  " + ", ".join(filter_words(report)))
    out.append("")
    if not report.plays:
        out.append(t("results.report.no_finished", lang, unfinished=report.unfinished))
        return "\n".join(out) + "\n"
    out += _summary(report)
    out += ["", t("results.report.principles", lang), _principle_table(report), ""]
    out.append(t("results.report.choices", lang))
    for n in report.nodes:
        out += _node_lines(n, lang)
    if report.gain is not None:
        out += ["", *gain_text(report)]
    return "\n".join(out) + "\n"


def _summary(report: Report) -> list[str]:
    """Plays, pass rate, mean, outcomes, modes and, for several, the plays per scenario."""
    lang = report.lang
    out = [t("results.report.summary", lang, plays=report.plays, trainees=report.trainees,
             unfinished=report.unfinished),
           f"{label('results.report.pass_rate', lang)}{pct(report.pass_rate, lang)} "
           f"({report.passed}/{report.scored})",
           f"{label('results.report.mean', lang)}{over_100(report.mean_scaled, lang)}"]
    note = report.first_rules_note()
    if note:
        out += textwrap.wrap(note, 80, initial_indent="  ", subsequent_indent="  ",
                             break_on_hyphens=False)  # it was one line of 170 columns
    out.append(label("results.report.outcomes", lang) + ", ".join(
        f"{outcome_word(o, lang)} {n}" for o, n in report.outcomes.items()))
    out.append(modes_line(report))
    if len(report.scenarios) > 1:
        out.append(label("results.col.scenario", lang) + ", ".join(
            f"{shown(sid)} {report.scenario_plays.get(sid, 0)}" for sid in report.scenarios))
    return out


def _principle_table(report: Report) -> str:
    lang = report.lang
    head = [t("results.report.principle", lang), t("results.report.judged", lang),
            *(t(f"verdict.{v}", lang) for v in VERDICT_COLUMNS)]
    rows = [[clip(p.name, 32), str(p.judged), *(f"{p.counts.get(v, 0)} ({pct(p.share(v), lang)})" for v in VERDICT_COLUMNS)]
            for p in report.principles]
    # one space between columns: five right-aligned counts with their French percentages ("13 (52 %)")
    # beside a 30-letter principle name still fit 80 columns
    return table(head, rows, right={1, 2, 3, 4, 5}, gap=" ").rstrip("\n")


def _node_lines(n: NodeLine, lang: str) -> list[str]:
    """A node's heading and text on one line, then one line per choice: id, times, share, text."""
    head = f"{shown(n.scenario)} / {shown(n.node)} ({n.total})"
    out = [f"{head} — {quoted(clip(n.text, max(12, 80 - len(head) - 7)), lang)}"]
    width = min(24, max((len(shown(c.id) or "⏱") for c in n.choices), default=1))
    for c in n.choices:
        cid = clip(c.id if c.id else "⏱", width)
        out.append(f"  {cid:<{width}}  {c.count:>6}  {pct(c.share, lang):>5}  "
                   f"{clip(c.text, max(12, 80 - width - 19))}")
    return out


def gain_text(report: Report) -> list[str]:
    lang = report.lang
    out = [t("gain.title", lang)]
    modes = gain_rows(report)
    if no_pair(modes):
        out.append(t("gain.none", lang))
    for heading, s_head, s_rows, p_head, p_rows in modes:
        out += ["", heading]
        out.append(table(s_head, [[clip(r[0], 24), *r[1:]] for r in s_rows],
                         right=set(range(1, 8))).rstrip("\n"))
        if p_rows:
            out += ["", t("gain.principles", lang)]
            out.append(table(p_head, [[clip(r[0], 32), *r[1:]] for r in p_rows],
                             right=set(range(1, 6)), gap=" ").rstrip("\n"))
    out.append("")
    for line in gain_legend(report):
        out += textwrap.wrap(line, 80, break_on_hyphens=False)  # no-break spaces hold formulas together
    return out
