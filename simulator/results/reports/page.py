"""The group debrief as one standalone HTML page (`litige export --format html`, the workshop's
room page): inline CSS, no script, no external asset, every stored text escaped."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from scoring.verdict import BEST_FIRST, SYMBOLS
from scoring.version import RULES
from simulator.lang.i18n import colon, fmt_number, label, t
from simulator.lang.plaintext import shown
from simulator.results.reports.cells import outcome_word, over_100, pct, short_time, status
from simulator.results.reports.figures import bucket_label, score_buckets
from simulator.results.reports.filters import filter_words
from simulator.results.reports.gain_tables import gain_legend, gain_rows, no_pair

if TYPE_CHECKING:
    from simulator.results.choices import NodeLine
    from simulator.results.reports.figures import PrincipleLine, Report
    from simulator.results.store import PlayRow

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#1b1b1b;background:#fff;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}h3{font-size:1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{padding:.25rem .5rem;border-bottom:1px solid #e3e3e3;
text-align:left;vertical-align:top}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.figures{display:flex;flex-wrap:wrap;gap:1rem}.figure{border:1px solid #ccc;border-radius:.4rem;padding:.5rem 1rem}
.figure b{display:block;font-size:1.5rem}
.bar{display:flex;height:1.4rem;min-width:16rem;border:1px solid #888;border-radius:.2rem;overflow:hidden}
.bar span{display:block;height:100%;font-size:.75rem;line-height:1.4rem;text-align:center;overflow:hidden;color:#000}
.v-mastered{background:#9fd3a0}.v-partial{background:repeating-linear-gradient(45deg,#d9ecd9,#d9ecd9 4px,#bcdcbc 4px,#bcdcbc 8px)}
.v-missed{background:repeating-linear-gradient(-45deg,#f5dfa8,#f5dfa8 4px,#eacb7c 4px,#eacb7c 8px)}
.v-violated{background:#e9a0a0;background-image:radial-gradient(#b55 1px,transparent 1px);background-size:6px 6px}
.legend span{display:inline-block;margin-right:1rem}.legend i{display:inline-block;width:1rem;height:.8rem;
border:1px solid #888;vertical-align:middle;margin-right:.3rem}
.share{display:inline-block;height:.7rem;background:#7aa6d6;border:1px solid #456;vertical-align:middle}
blockquote{margin:.3rem 0 .3rem 1rem;color:#333;font-style:italic}
@media print{body{margin:0}}
"""


def _e(text: str) -> str:
    """Every text of the page: the rule for stored free text, then HTML's escapes."""
    return html.escape(shown(text))


def group_page(report: Report, rows: Sequence[PlayRow] = (), *, title: str | None = None,
               generated_at: str | None = None) -> str:
    """A standalone HTML page (inline CSS, no script, no external asset): the group's figures,
    the principle chart (bars whose parts carry their symbol and number, not only a colour),
    the choice distribution per node and, if given, the list of plays."""
    lang = report.lang
    title = title or t("results.report.title", lang)
    h: list[str] = [
        "<!DOCTYPE html>", f'<html lang="{_e(lang)}">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">', f"<title>{_e(title)}</title>",
        f"<style>{_CSS}</style>", "</head>", "<body>", f"<h1>{_e(title)}</h1>"]
    h += _figures(report, generated_at)
    h += _score_spread(rows, lang)
    h += _principle_chart(report)
    if report.nodes:
        h.append(f"<h2>{_e(t('results.report.choices', lang))}</h2>")
        for n in report.nodes:
            h += _node_table(n, lang)
    if report.gain is not None:
        h += _gain(report)
    if rows:
        h += _plays(rows, lang)
    h += ["</body>", "</html>"]
    return "\n".join(h) + "\n"


def _figures(report: Report, generated_at: str | None) -> list[str]:
    """What the page covers, then the group's figures in boxes, the first rules' note, the outcomes."""
    lang = report.lang
    h = []
    meta = filter_words(report)
    if generated_at:
        meta.append(t("results.report.generated", lang, at=short_time(generated_at)))
    if report.scenarios:
        meta.append(", ".join(report.scenarios.values()))
    if meta:
        h.append(f"<p>{_e(' · '.join(meta))}</p>")
    h.append('<div class="figures">')
    for name, value in [(t("results.report.plays", lang), str(report.plays)),
                        (t("results.report.trainees", lang), str(report.trainees)),
                        (t("results.report.pass_rate", lang), pct(report.pass_rate, lang)),
                        (t("results.report.mean", lang), over_100(report.mean_scaled, lang)),
                        (t("results.unfinished", lang), str(report.unfinished))]:
        h.append(f'<div class="figure">{_e(name)}<b>{_e(value)}</b></div>')
    h.append("</div>")
    note = report.first_rules_note()
    if note:
        h.append(f"<p>{_e(note)}</p>")
    if report.outcomes:
        h.append("<p>" + _e(label("results.report.outcomes", lang)) + _e(", ".join(
            f"{outcome_word(o, lang)} {n}" for o, n in report.outcomes.items())) + "</p>")
    return h


def _score_spread(rows: Sequence[PlayRow], lang: str) -> list[str]:
    """How the scores by the current rules spread over tenths, as a table of bars (none: nothing)."""
    scores = score_buckets(r.scaled for r in rows if r.finished and r.rules == RULES)
    if not any(scores):
        return []
    most = max(scores)
    h = [f"<h2>{_e(t('results.report.scores', lang))}</h2>",
         f'<table><thead><tr><th>{_e(t("results.col.score", lang))}</th>'
         f'<th class="n">{_e(t("results.report.plays", lang))}</th><th></th></tr></thead><tbody>']
    for i, n in enumerate(scores):
        share = f'<span class="share" style="width:{10 * n / most:.2f}rem"></span>' if n else ""
        h.append(f'<tr><td>{bucket_label(i)}</td><td class="n">{n}</td><td>{share}</td></tr>')
    h.append("</tbody></table>")
    return h


def _principle_chart(report: Report) -> list[str]:
    """The legend, then per principle a bar whose parts carry their symbol and number."""
    lang = report.lang
    h = [f"<h2>{_e(t('results.report.principles', lang))}</h2>",
         '<p class="legend">' + "".join(
             f'<span><i class="v-{v}"></i>{SYMBOLS[v]} {_e(t(f"verdict.{v}", lang))}</span>' for v in BEST_FIRST) + "</p>",
         f'<table><thead><tr><th>{_e(t("results.report.principle", lang))}</th>'
         f'<th class="n">{_e(t("results.report.judged", lang))}</th><th>{_e(t("results.report.chart", lang))}</th>'
         f'<th class="n">{_e(t("verdict.missed", lang))}</th><th class="n">{_e(t("verdict.violated", lang))}</th>'
         "</tr></thead><tbody>"]
    h += [_principle_row(p, lang) for p in report.principles]
    h.append("</tbody></table>")
    return h


def _principle_row(p: PrincipleLine, lang: str) -> str:
    parts = []
    for v in BEST_FIRST:
        n = p.counts.get(v, 0)
        if n:
            share = 100 * p.share(v)
            parts.append(f'<span class="v-{v}" style="width:{share:.2f}%" '
                         f'title="{_e(t(f"verdict.{v}", lang) + colon(lang))}{n}">{SYMBOLS[v]}&nbsp;{n}</span>')
    aria = ", ".join(f"{t(f'verdict.{v}', lang)} {p.counts.get(v, 0)}" for v in BEST_FIRST)
    return (f"<tr><td>{_e(p.name)}</td><td class=\"n\">{p.judged}</td>"
            f'<td><div class="bar" role="img" aria-label="{_e(aria)}">{"".join(parts)}</div></td>'
            f'<td class="n">{pct(p.share("missed"), lang)}</td><td class="n">{pct(p.share("violated"), lang)}</td></tr>')


def _node_table(n: NodeLine, lang: str) -> list[str]:
    """A node's heading and text, then its choices: text (principles applied +, violated −), times, share."""
    h = [f"<h3>{_e(n.scenario)} / {_e(n.node)} ({n.total})</h3><blockquote>{_e(n.text)}</blockquote>",
         f'<table><thead><tr><th>{_e(t("results.report.choice", lang))}</th>'
         f'<th class="n">{_e(t("results.report.times", lang))}</th><th class="n">%</th><th></th></tr></thead><tbody>']
    for c in n.choices:
        marks = " ".join([*("+" + a for a in c.applies), *("−" + v for v in c.violates)])
        h.append(f"<tr><td>{_e(c.text)}{f' <small>({_e(marks)})</small>' if marks else ''}</td>"
                 f'<td class="n">{c.count}</td><td class="n">{pct(c.share, lang)}</td>'
                 f'<td><span class="share" style="width:{10 * c.share:.2f}rem"></span></td></tr>')
    h.append("</tbody></table>")
    return h


def _gain(report: Report) -> list[str]:
    """The learning gain's section: per mode a scenario table and a principle table, then the legend."""
    lang = report.lang
    h = [f"<h2>{_e(t('gain.title', lang))}</h2>"]
    modes = gain_rows(report)
    if no_pair(modes):
        h.append(f"<p>{_e(t('gain.none', lang))}</p>")
    for heading, s_head, s_rows, p_head, p_rows in modes:
        h.append(f"<h3>{_e(heading)}</h3>")
        if s_rows:
            h += _table(s_head, s_rows)
        if p_rows:
            h.append(f"<p>{_e(t('gain.principles', lang))}</p>")
            h += _table(p_head, p_rows)
    h.append("<ul>" + "".join(f"<li>{_e(line)}</li>" for line in gain_legend(report)) + "</ul>")
    return h


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    """A table whose first column is text and the others numbers (aligned right)."""
    return ["<table><thead><tr>" + "".join(
                f'<th{" class=n" if i else ""}>{_e(c)}</th>' for i, c in enumerate(head)) + "</tr></thead><tbody>",
            *("<tr>" + "".join(f'<td{" class=n" if i else ""}>{_e(c)}</td>' for i, c in enumerate(r)) + "</tr>"
              for r in rows),
            "</tbody></table>"]


def _plays(rows: Sequence[PlayRow], lang: str) -> list[str]:
    """The list of plays: started, trainee, scenario, score, result."""
    h = [f"<h2>{_e(t('results.report.plays', lang))}</h2>",
         "<table><thead><tr>" + "".join(
             f'<th{" class=n" if k == "score" else ""}>{_e(t(f"results.col.{k}", lang))}</th>'
             for k in ("started", "trainee", "scenario", "score", "result")) + "</tr></thead><tbody>"]
    for r in rows:
        h.append(f"<tr><td>{_e(short_time(r.started_at))}</td><td>{_e(r.trainee or '-')}</td><td>{_e(r.scenario)}</td>"
                 f'<td class="n">{"" if r.scaled is None else fmt_number(r.scaled, lang)}</td>'
                 f'<td>{_e(status(r, lang))}</td></tr>')
    h.append("</tbody></table>")
    return h
