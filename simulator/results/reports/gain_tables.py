"""The group's learning gain (scoring/gain.py) as table cells and legend lines, shared by the
text, Markdown and HTML reports."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from simulator.lang.i18n import fmt_number, t
from simulator.results.reports.cells import pct

if TYPE_CHECKING:
    from simulator.results.reports.figures import Report

# per mode: its heading, the scenario table's head and rows, the principle table's head and rows
GainTables = tuple[str, list[str], list[list[str]], list[str], list[list[str]]]


def _num(x: float | None, lang: str) -> str:
    return "-" if x is None else fmt_number(x, lang)


def _signed(x: float | None, lang: str) -> str:
    return "-" if x is None else ("+" if x > 0 else "") + fmt_number(x, lang)


def _g(x: float | None, lang: str) -> str:
    return "-" if x is None else fmt_number(x, lang, 2)


def gain_rows(report: Report) -> list[GainTables]:
    """Per mode with plays: its heading, then the scenario table (head, rows) and the principle
    table (head, rows), as cells shared by the text, Markdown and HTML reports."""
    lang = report.lang
    gain = report.gain
    if gain is None:
        return []
    s_head = [t("results.col.scenario", lang), *(t(f"gain.col.{k}", lang) for k in
                                                 ("pairs", "single", "first", "later", "gain", "g", "mean_g"))]
    p_head = [t("results.report.principle", lang), *(t(f"gain.col.{k}", lang) for k in
                                                     ("pairs", "improved", "same", "worse", "single"))]
    out = []
    for m in gain.modes:
        s_rows = [[s.scenario, str(s.paired), str(s.single), _num(s.mean_first, lang), _num(s.mean_later, lang),
                   _signed(s.mean_gain, lang), _g(s.hake_g, lang), _g(s.mean_individual_g, lang)]
                  for s in m.scenarios]
        p_rows = [[report.principle_names.get(p.principle, p.principle), str(p.paired),
                   f"{p.improved} ({pct(p.share_improved, lang)})" if p.paired else "-", str(p.same), str(p.worse),
                   str(p.single)]
                  for p in sorted(m.principles, key=lambda p: (p.share_improved is None, p.share_improved or 0.0,
                                                               report.principle_names.get(p.principle, p.principle)))]
        out.append((t(f"gain.mode.{m.mode}", lang, n=m.attempts) if m.mode in ("coach", "exam") else m.mode,
                    s_head, s_rows, p_head, p_rows))
    return out


def no_pair(modes: Sequence[GainTables]) -> bool:
    """No scenario of any mode has a trainee's first and later play to compare."""
    return not any(row[1] != "0" for _, _, rows, _, _ in modes for row in rows)


def gain_legend(report: Report) -> list[str]:
    """The lines that say how the gain is counted, and what was left out."""
    lang = report.lang
    gain = report.gain
    lines = [t("gain.legend.pairs", lang), t("gain.legend.g", lang), t("gain.legend.improved", lang)]
    if gain is not None and (gain.first_rules or gain.anonymous):
        lines.append(t("gain.left_out", lang, first=gain.first_rules, anon=gain.anonymous))
    return lines
