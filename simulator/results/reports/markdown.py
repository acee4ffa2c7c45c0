"""The group report as Markdown (`litige export --format md`), every stored text escaped so that
it shows as written and never acts as markup."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from simulator.lang.i18n import label, t
from simulator.lang.plaintext import shown
from simulator.results.reports.cells import outcome_word, over_100, pct, score_cell, short_time, status
from simulator.results.reports.figures import VERDICT_COLUMNS
from simulator.results.reports.filters import filter_words
from simulator.results.reports.gain_tables import gain_legend, gain_rows, no_pair

if TYPE_CHECKING:
    from simulator.results.reports.figures import Report
    from simulator.results.store import PlayRow


def report_markdown(report: Report, rows: Sequence[PlayRow] = ()) -> str:
    lang = report.lang
    md = [f"# {t('results.report.title', lang)}", ""]
    if report.filters:
        md += [_md(", ".join(filter_words(report))), ""]
    md += [f"- {t('results.report.summary', lang, plays=report.plays, trainees=report.trainees, unfinished=report.unfinished)}",
           f"- {label('results.report.pass_rate', lang)}{pct(report.pass_rate, lang)} ({report.passed}/{report.scored})",
           f"- {label('results.report.mean', lang)}{over_100(report.mean_scaled, lang)}",
           *([f"- {report.first_rules_note()}"] if report.first_rules else []),
           f"- {label('results.report.outcomes', lang)}"
           + ", ".join(f"{outcome_word(o, lang)} {n}" for o, n in report.outcomes.items()),
           "", f"## {t('results.report.principles', lang)}", "",
           f"| {t('results.report.principle', lang)} | {t('results.report.judged', lang)} | "
           + " | ".join(t(f"verdict.{v}", lang) for v in VERDICT_COLUMNS) + " |",
           "|---|---:|---:|---:|---:|---:|"]
    for p in report.principles:
        md.append(f"| {_md(p.name)} | {p.judged} | " + " | ".join(
            f"{p.counts.get(v, 0)} ({pct(p.share(v), lang)})" for v in VERDICT_COLUMNS) + " |")
    md += ["", f"## {t('results.report.choices', lang)}", ""]
    for n in report.nodes:
        md += [f"### {_md(n.scenario)} / {_md(n.node)}", "", f"> {_md(n.text)}", "",
               f"| {t('results.report.choice', lang)} | {t('results.report.times', lang)} | % |", "|---|---:|---:|"]
        md += [f"| {_md(c.text)} | {c.count} | {pct(c.share, lang)} |" for c in n.choices]
        md.append("")
    if report.gain is not None:
        md += _gain(report)
    if rows:
        md += [f"## {t('results.report.plays', lang)}", "",
               "| " + " | ".join(t(f"results.col.{k}", lang) for k in ("started", "trainee", "scenario", "score", "result"))
               + " |", "|---|---|---|---:|---|"]
        md += [f"| {short_time(r.started_at)} | {_md(r.trainee or '-')} | {_md(r.scenario)} | "
               f"{score_cell(r, lang)} | {status(r, lang)} |" for r in rows]
        md.append("")
    return "\n".join(md).rstrip("\n") + "\n"


def _gain(report: Report) -> list[str]:
    """The learning gain's section: per mode a scenario table and a principle table, then the legend."""
    lang = report.lang
    md = [f"## {t('gain.title', lang)}", ""]
    modes = gain_rows(report)
    if no_pair(modes):
        md += [t("gain.none", lang), ""]
    for heading, s_head, s_rows, p_head, p_rows in modes:
        md += [f"### {heading}", "", *_table(s_head, s_rows)]
        if p_rows:
            md += ["", t("gain.principles", lang), "", *_table(p_head, p_rows)]
        md.append("")
    md += [f"- {_md(line)}" for line in gain_legend(report)]
    md.append("")
    return md


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table, its first column text and the others numbers (aligned right)."""
    return ["| " + " | ".join(_md(h) for h in head) + " |", "|---|" + "---:|" * (len(head) - 1),
            *("| " + " | ".join(_md(c) for c in r) + " |" for r in rows)]


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|])")


def _md(text: str) -> str:
    """Text as a Markdown cell or line shows it, never as markup: controls and bidi overrides
    as visible escapes (shown, the rule for stored free text), HTML (a `<script>` or an
    `<img onerror>` in a trainee's name) as entities, and what Markdown would read as emphasis,
    code, links or images, or a table's next cell, behind a backslash."""
    text = shown(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)
