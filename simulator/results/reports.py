"""Results as text, Markdown, CSV, JSON and a standalone HTML page: pure functions of the data the
store hands out (no database, no Textual). `group_page` is the group debrief a consultant sends
and the workshop shows the room."""

from __future__ import annotations

import csv
import html
import io
import re
import textwrap
from dataclasses import dataclass, field, replace
from datetime import date, datetime, UTC
from typing import TYPE_CHECKING, Any
from collections.abc import Iterable, Mapping, Sequence

from scoring.gain import Gain, gain_dict
from scoring.verdict import SYMBOL, WORST_FIRST
from scoring.version import RULES
from simulator.format.errors import LitigeError
from simulator.lang.i18n import colon, fmt_number, fmt_percent, label, quoted, t
from simulator.lang.plaintext import shown
from simulator.results.store import Aggregate, PlayRow, StoredPlay
from simulator.lang.typography import quote

if TYPE_CHECKING:
    from scoring.catalogue import Catalogue
    from simulator.format.model import Scenario


TODAY = ("today", "aujourd'hui", "aujourdhui", "aujourd’hui")


def parse_since(text: str | None) -> str | None:
    """'2026-11-25', '2026-11-25T09:00' (local time unless an offset is given) or 'today' → UTC ISO text."""
    if not text:
        return None
    raw = text.strip()
    if raw.lower() in TODAY:
        moment = datetime.combine(date.today(), datetime.min.time()).astimezone()
    else:
        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            raise LitigeError(f"--since {text!r} is not a date: write 2026-11-25 or 2026-11-25T09:00") from None
    try:
        if moment.tzinfo is None:
            moment = moment.astimezone()  # local time, as the trainer means it
        return moment.astimezone(UTC).isoformat(timespec="seconds")
    except (ValueError, OverflowError):  # 0001-01-01 in a time zone east of UTC, 9999-12-31 west of it
        raise LitigeError(f"--since {text!r} is out of the range of dates: write a date between 1900 and 9000") from None


def short_time(iso: str | None) -> str:
    """'2026-11-25T07:52:22+00:00' → '2026-11-25 07:52' (UTC), for tables."""
    if not iso:
        return ""
    return iso[:16].replace("T", " ")


def status(row: PlayRow, lang: str) -> str:
    """The play's state in words (never a colour alone)."""
    if row.finished_at is None:
        return t("results.abandoned" if row.abandoned_at else "results.unfinished", lang)
    parts = [t(f"outcome.{row.outcome}", lang) if row.outcome in ("won", "kept", "lost") else (row.outcome or "")]
    parts.append(t("results.passed" if row.passed else "results.failed", lang))
    return " · ".join(p for p in parts if p)


def score_cell(row: PlayRow, lang: str) -> str:
    """A play's score for a table; a score by the first rules is marked with an asterisk."""
    if row.scaled is None:
        return ""
    return fmt_number(row.scaled, lang) + (" *" if row.finished and row.rules != RULES else "")


def history_text(rows: Sequence[PlayRow], lang: str) -> str:
    if not rows:
        return t("results.no_plays", lang) + "\n"
    head = [t("results.col.started", lang), t("results.col.trainee", lang), t("results.col.scenario", lang),
            t("results.col.steps", lang), t("results.col.score", lang), t("results.col.result", lang)]
    table = [[short_time(r.started_at), _clip(r.trainee or "-", 18), _clip(r.scenario, 20), str(r.steps),
              score_cell(r, lang), status(r, lang)] for r in rows]
    out = _table(head, table, right={3, 4})
    if any(r.finished and r.rules != RULES for r in rows):
        out += "* " + t("results.first_rules_mark", lang) + "\n"
    return out


def _table(head: list[str], rows: list[list[str]], right: frozenset[int] | set[int] = frozenset(),
           gap: str = "  ") -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]

    def line(cells: list[str]) -> str:
        out = [f"{c:>{w}}" if i in right else f"{c:<{w}}" for i, (c, w) in enumerate(zip(cells, widths))]
        return gap.join(out).rstrip()
    return "\n".join([line(head), line(["-" * w for w in widths]), *(line(r) for r in rows)]) + "\n"


# -- the group report ---------------------------------------------------------------------------

VERDICTS = tuple(v.value for v in reversed(WORST_FIRST))  # best first


@dataclass(frozen=True)
class PrincipleLine:
    id: str
    name: str
    judged: int                       # finished plays where the principle came up
    counts: Mapping[str, int]         # verdict → plays

    def share(self, verdict: str) -> float:
        return self.counts.get(verdict, 0) / self.judged if self.judged else 0.0


@dataclass(frozen=True)
class ChoiceLine:
    id: str                           # "" when time ran out
    text: str
    count: int
    share: float
    applies: tuple[str, ...] = ()
    violates: tuple[str, ...] = ()


@dataclass(frozen=True)
class NodeLine:
    scenario: str
    node: str
    text: str
    total: int
    choices: tuple[ChoiceLine, ...]


@dataclass(frozen=True)
class Report:
    """What `litige report` tells: the figures of `Store.aggregate`, with names and texts."""

    lang: str
    plays: int
    unfinished: int
    passed: int
    mean_scaled: float | None
    trainees: int
    scenarios: Mapping[str, str]      # id → title
    scenario_plays: Mapping[str, int]
    outcomes: Mapping[str, int]
    principles: tuple[PrincipleLine, ...]   # the most often missed or violated first
    nodes: tuple[NodeLine, ...]
    filters: Mapping[str, str] = field(default_factory=dict)
    first_rules: int = 0  # finished plays scored by the first rules: not in the pass rate nor the mean
    modes: Mapping[str, int] = field(default_factory=dict)  # "coach" / "exam" → finished plays
    gain: Gain | None = None          # the group's learning gain (scoring/gain.py)
    principle_names: Mapping[str, str] = field(default_factory=dict)  # id → name, for the gain's principles
    matched: tuple[str, ...] | None = None  # the names --trainee selected (None: no --trainee)

    @property
    def scored(self) -> int:
        return self.plays - self.first_rules

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.scored if self.scored else None

    def first_rules_note(self) -> str | None:
        """The line that says which plays the pass rate and the mean leave out, if any."""
        return t("results.report.first_rules", self.lang, n=self.first_rules) if self.first_rules else None


def build_report(agg: Aggregate, scenarios: Mapping[str, Scenario | None], catalogue: Catalogue | None,
                 lang: str, filters: Mapping[str, str] | None = None, *, gain: Gain | None = None,
                 matched: Sequence[str] | None = None) -> Report:
    """Put names on the store's figures: principle names from the catalogue (and the scenarios'
    own principles), node and choice texts from the scenarios that could be loaded."""
    names: dict[str, str] = {p.id: p.name.get(lang) for p in catalogue} if catalogue else {}
    for sc in scenarios.values():
        for p in sc.principles if sc else ():
            names.setdefault(p.id, p.name.get(lang))
    principles = []
    for pid, counts in agg.principles.items():
        judged = sum(counts.values())
        principles.append(PrincipleLine(pid, names.get(pid, pid), judged, dict(counts)))
    principles.sort(key=lambda p: (-(p.share("missed") + p.share("violated")), -p.share("violated"), p.id))
    nodes = []
    for (sid, nid), dist in agg.choices.items():
        sc = scenarios.get(sid)
        node = sc.nodes.get(nid) if sc else None
        by_id = {c.id: c for c in node.choices} if node else {}
        total = sum(dist.values())
        order = list(by_id) + sorted(c for c in dist if c not in by_id)
        lines = []
        for cid in order:
            if cid not in dist and cid not in by_id:
                continue
            c = by_id.get(cid)
            text = c.text.get(lang) if c else (t("results.timeout", lang) if cid == "" else cid)
            n = dist.get(cid, 0)
            lines.append(ChoiceLine(cid, text, n, n / total if total else 0.0,
                                    tuple(c.applies) if c else (), tuple(c.violates) if c else ()))
        nodes.append(NodeLine(sid, nid, node.text.get(lang) if node else nid, total, tuple(lines)))
    nodes.sort(key=lambda n: (n.scenario, _node_order(scenarios.get(n.scenario), n.node)))
    titles = {sid: (sc.title.get(lang) if sc else sid) for sid, sc in
              ((sid, scenarios.get(sid)) for sid in agg.scenarios)}
    return Report(lang=lang, plays=agg.plays, unfinished=agg.unfinished, passed=agg.passed,
                  mean_scaled=agg.mean_scaled, trainees=agg.trainees, scenarios=titles,
                  scenario_plays=dict(agg.scenarios), outcomes=dict(agg.outcomes), principles=tuple(principles),
                  nodes=tuple(nodes), filters=dict(filters or {}), first_rules=agg.first_rules,
                  modes=dict(agg.modes), gain=gain, principle_names=names,
                  matched=None if matched is None else tuple(matched))


def _node_order(sc: Scenario | None, node: str) -> tuple[int, str]:
    if sc is None:
        return (0, node)
    ids = list(sc.nodes)
    return (ids.index(node) if node in ids else len(ids), node)


def _pct(x: float | None, lang: str) -> str:
    """A share (0 to 1) as a reader's percentage: `42 %` in French, `42%` in English."""
    return "-" if x is None else fmt_percent(100 * x, lang)


def _score(x: float | None, lang: str) -> str:
    """A score out of 100 as a reader writes it: `78,5 / 100` in French."""
    return "-" if x is None else f"{fmt_number(x, lang)} / 100"


def _clip(text: str, width: int) -> str:
    """Text cut to a table's column, on one line, written by the rule for stored free text (shown)."""
    text = shown(text)
    return text if len(text) <= width else text[:width - 1] + "…"


def filter_words(report: Report) -> list[str]:
    """The filters given, in the report's language: `scénario X`, `depuis le 2026-11-25`,
    `apprenant·e « Ana » (2 : Ana Dupont, Ana Martin)` (the names --trainee selected)."""
    lang = report.lang
    out = []
    for key, value in report.filters.items():
        value = shown(value)
        if key == "trainee":
            value = quote(value, lang)
            if report.matched is not None:
                names = _some_names(report.matched, 3)
                value += f" ({len(report.matched)}{colon(lang) + names if names else ''})"
        elif key == "since" and value.strip().lower() in TODAY:
            out.append(t("results.filter.since_today", lang))
            continue
        out.append(f"{t(f'results.filter.{key}', lang)} {value}")
    return out


def _some_names(names: Sequence[str], most: int) -> str:
    """The first `most` names, then `…` if there are more (the count is said beside)."""
    return ", ".join(shown(n) for n in names[:most]) + (", …" if len(names) > most else "")


def matched_line(query: str, names: Sequence[str], lang: str) -> str:
    """`2 trainees match “Ana”: Ana Dupont, Ana Martin` (history, export; the first ten names)."""
    return t("results.matched", lang, n=len(names), query=quote(shown(query), lang),
             names=colon(lang) + _some_names(names, 10) if names else "")


def report_dict(report: Report) -> dict[str, Any]:
    return {
        "filters": dict(report.filters),
        **({"trainees_matched": list(report.matched)} if report.matched is not None else {}),
        "plays": report.plays, "unfinished": report.unfinished, "passed": report.passed,
        "scored_by_first_rules": report.first_rules,
        "pass_rate": None if report.pass_rate is None else round(report.pass_rate, 4),
        "mean_score": report.mean_scaled, "trainees": report.trainees,
        "scenarios": {sid: {"title": title, "plays": report.scenario_plays.get(sid, 0)}
                      for sid, title in report.scenarios.items()},
        "outcomes": dict(report.outcomes),
        "modes": {m: report.modes.get(m, 0) for m in ("coach", "exam")},
        "principles": {p.id: {"name": p.name, "judged": p.judged,
                              **{v: p.counts.get(v, 0) for v in VERDICTS},
                              "missed_rate": round(p.share("missed"), 4),
                              "violated_rate": round(p.share("violated"), 4)} for p in report.principles},
        "nodes": [{"scenario": n.scenario, "node": n.node, "text": n.text, "total": n.total,
                   "choices": [{"id": c.id or None, "text": c.text, "count": c.count, "share": round(c.share, 4),
                                "applies": list(c.applies), "violates": list(c.violates)} for c in n.choices]}
                  for n in report.nodes],
        "gain": gain_dict(report.gain, report.principle_names) if report.gain is not None else None,
    }


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
    out.append(t("results.report.summary", lang, plays=report.plays, trainees=report.trainees,
                 unfinished=report.unfinished))
    out.append(f"{label('results.report.pass_rate', lang)}{_pct(report.pass_rate, lang)} "
               f"({report.passed}/{report.scored})")
    out.append(f"{label('results.report.mean', lang)}{_score(report.mean_scaled, lang)}")
    if report.first_rules_note():
        out += textwrap.wrap(report.first_rules_note() or "", 80, initial_indent="  ", subsequent_indent="  ",
                             break_on_hyphens=False)  # it was one line of 170 columns
    out.append(label("results.report.outcomes", lang) + ", ".join(
        f"{_outcome(o, lang)} {n}" for o, n in report.outcomes.items()))
    out.append(modes_line(report))
    if len(report.scenarios) > 1:
        out.append(label("results.col.scenario", lang) + ", ".join(
            f"{shown(sid)} {report.scenario_plays.get(sid, 0)}" for sid in report.scenarios))
    out.append("")
    out.append(t("results.report.principles", lang))
    head = [t("results.report.principle", lang), t("results.report.judged", lang),
            *(t(f"verdict.{v}", lang) for v in ("missed", "violated", "partial", "mastered"))]
    rows = [[_clip(p.name, 32), str(p.judged),
             *(f"{p.counts.get(v, 0)} ({_pct(p.share(v), lang)})" for v in ("missed", "violated", "partial", "mastered"))]
            for p in report.principles]
    # one space between columns: five right-aligned counts with their French percentages ("13 (52 %)")
    # beside a 30-letter principle name still fit 80 columns
    out.append(_table(head, rows, right={1, 2, 3, 4, 5}, gap=" ").rstrip("\n"))
    out.append("")
    out.append(t("results.report.choices", lang))
    for n in report.nodes:
        head = f"{shown(n.scenario)} / {shown(n.node)} ({n.total})"
        out.append(f"{head} — {quoted(_clip(n.text, max(12, 80 - len(head) - 7)), lang)}")
        width = min(24, max((len(shown(c.id) or "⏱") for c in n.choices), default=1))
        for c in n.choices:
            cid = _clip(c.id if c.id else "⏱", width)
            out.append(f"  {cid:<{width}}  {c.count:>6}  {_pct(c.share, lang):>5}  "
                       f"{_clip(c.text, max(12, 80 - width - 19))}")
    if report.gain is not None:
        out += ["", *gain_text(report)]
    return "\n".join(out) + "\n"


# -- the group's learning gain (scoring/gain.py) ------------------------------------------------

def _num(x: float | None, lang: str) -> str:
    return "-" if x is None else fmt_number(x, lang)


def _signed(x: float | None, lang: str) -> str:
    return "-" if x is None else ("+" if x > 0 else "") + fmt_number(x, lang)


def _g(x: float | None, lang: str) -> str:
    return "-" if x is None else fmt_number(x, lang, 2)


GainTables = tuple[str, list[str], list[list[str]], list[str], list[list[str]]]


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
                   f"{p.improved} ({_pct(p.share_improved, lang)})" if p.paired else "-", str(p.same), str(p.worse),
                   str(p.single)]
                  for p in sorted(m.principles, key=lambda p: (p.share_improved is None, p.share_improved or 0.0,
                                                               report.principle_names.get(p.principle, p.principle)))]
        out.append((t(f"gain.mode.{m.mode}", lang, n=m.attempts) if m.mode in ("coach", "exam") else m.mode,
                    s_head, s_rows, p_head, p_rows))
    return out


def _no_pair(modes: Sequence[GainTables]) -> bool:
    return not any(row[1] != "0" for _, _, rows, _, _ in modes for row in rows)


def gain_legend(report: Report) -> list[str]:
    """The lines that say how the gain is counted, and what was left out."""
    lang = report.lang
    gain = report.gain
    lines = [t("gain.legend.pairs", lang), t("gain.legend.g", lang), t("gain.legend.improved", lang)]
    if gain is not None and (gain.first_rules or gain.anonymous):
        lines.append(t("gain.left_out", lang, first=gain.first_rules, anon=gain.anonymous))
    return lines


def gain_text(report: Report) -> list[str]:
    lang = report.lang
    out = [t("gain.title", lang)]
    modes = gain_rows(report)
    if _no_pair(modes):
        out.append(t("gain.none", lang))
    for heading, s_head, s_rows, p_head, p_rows in modes:
        out += ["", heading]
        out.append(_table(s_head, [[_clip(r[0], 24), *r[1:]] for r in s_rows],
                          right=set(range(1, 8))).rstrip("\n"))
        if p_rows:
            out += ["", t("gain.principles", lang)]
            out.append(_table(p_head, [[_clip(r[0], 32), *r[1:]] for r in p_rows],
                              right=set(range(1, 6)), gap=" ").rstrip("\n"))
    out.append("")
    for line in gain_legend(report):
        out += textwrap.wrap(line, 80, break_on_hyphens=False)  # no-break spaces hold formulas together
    return out


def _outcome(outcome: str, lang: str) -> str:
    return t(f"outcome.{outcome}", lang) if outcome in ("won", "kept", "lost") else (outcome or "-")


def report_markdown(report: Report, rows: Sequence[PlayRow] = ()) -> str:
    lang = report.lang
    md = [f"# {t('results.report.title', lang)}", ""]
    if report.filters:
        md += [_md(", ".join(filter_words(report))), ""]
    md += [f"- {t('results.report.summary', lang, plays=report.plays, trainees=report.trainees, unfinished=report.unfinished)}",
           f"- {label('results.report.pass_rate', lang)}{_pct(report.pass_rate, lang)} ({report.passed}/{report.scored})",
           f"- {label('results.report.mean', lang)}{_score(report.mean_scaled, lang)}",
           *([f"- {report.first_rules_note()}"] if report.first_rules else []),
           f"- {label('results.report.outcomes', lang)}"
           + ", ".join(f"{_outcome(o, lang)} {n}" for o, n in report.outcomes.items()),
           "", f"## {t('results.report.principles', lang)}", "",
           f"| {t('results.report.principle', lang)} | {t('results.report.judged', lang)} | "
           + " | ".join(t(f"verdict.{v}", lang) for v in ("missed", "violated", "partial", "mastered")) + " |",
           "|---|---:|---:|---:|---:|---:|"]
    for p in report.principles:
        md.append(f"| {_md(p.name)} | {p.judged} | " + " | ".join(
            f"{p.counts.get(v, 0)} ({_pct(p.share(v), lang)})" for v in ("missed", "violated", "partial", "mastered")) + " |")
    md += ["", f"## {t('results.report.choices', lang)}", ""]
    for n in report.nodes:
        md += [f"### {_md(n.scenario)} / {_md(n.node)}", "", f"> {_md(n.text)}", "",
               f"| {t('results.report.choice', lang)} | {t('results.report.times', lang)} | % |", "|---|---:|---:|"]
        md += [f"| {_md(c.text)} | {c.count} | {_pct(c.share, lang)} |" for c in n.choices]
        md.append("")
    if report.gain is not None:
        md += [f"## {t('gain.title', lang)}", ""]
        modes = gain_rows(report)
        if _no_pair(modes):
            md += [t("gain.none", lang), ""]
        for heading, s_head, s_rows, p_head, p_rows in modes:
            md += [f"### {heading}", "", "| " + " | ".join(_md(h) for h in s_head) + " |",
                   "|---|" + "---:|" * (len(s_head) - 1)]
            md += ["| " + " | ".join(_md(c) for c in r) + " |" for r in s_rows]
            if p_rows:
                md += ["", t("gain.principles", lang), "", "| " + " | ".join(_md(h) for h in p_head) + " |",
                       "|---|" + "---:|" * (len(p_head) - 1)]
                md += ["| " + " | ".join(_md(c) for c in r) + " |" for r in p_rows]
            md.append("")
        md += [f"- {_md(line)}" for line in gain_legend(report)]
        md.append("")
    if rows:
        md += [f"## {t('results.report.plays', lang)}", "",
               "| " + " | ".join(t(f"results.col.{k}", lang) for k in ("started", "trainee", "scenario", "score", "result"))
               + " |", "|---|---|---|---:|---|"]
        md += [f"| {short_time(r.started_at)} | {_md(r.trainee or '-')} | {_md(r.scenario)} | "
               f"{score_cell(r, lang)} | {status(r, lang)} |" for r in rows]
        md.append("")
    return "\n".join(md).rstrip("\n") + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|])")


def _md(text: str) -> str:
    """Text as a Markdown cell or line shows it, never as markup: controls and bidi overrides
    as visible escapes (shown, the rule for stored free text), HTML (a `<script>` or an
    `<img onerror>` in a trainee's name) as entities, and what Markdown would read as emphasis,
    code, links or images, or a table's next cell, behind a backslash."""
    text = shown(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


# -- CSV and JSON exports -----------------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


def csv_cell(value: Any) -> Any:
    """A cell a spreadsheet will not run: text starting like a formula (= + - @, tab, CR) gets a
    leading single quote (OWASP's advice against CSV injection); numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def plays_csv(plays: Sequence[StoredPlay], rows: Sequence[PlayRow], *, sep: str = ",") -> str:
    """One line per play, one column per principle met (its verdict): for a spreadsheet. Text
    is written by the rule for stored free text (plaintext.shown: a control or a bidi override
    in a name as a visible escape, on one line); text that a spreadsheet would take for a formula (a trainee named `=HYPERLINK(…)`) is quoted. With
    `;` as separator (a French-locale spreadsheet) decimals are written with a comma, as it reads them."""
    point = "," if sep == ";" else "."

    def number(x: float) -> str:
        return f"{x:g}".replace(".", point)
    by_id = {r.play_id: r for r in rows}
    principles = list(dict.fromkeys(pid for p in plays for pid in p.verdicts))
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator="\r\n")

    def write(cells: Iterable[Any]) -> None:  # text by the rule for stored free text, then formulas quoted
        writer.writerow([csv_cell(shown(c) if isinstance(c, str) else c) for c in cells])
    write(["play_id", "trainee", "scenario", "lang", "started_at", "finished_at", "status", "ending", "outcome",
                "score", "raw", "max", "rules", "passed", "steps", "seconds", "path", *principles])
    for p in plays:
        r = by_id.get(p.record.play_id)
        state = "finished" if p.finished else ("abandoned" if p.abandoned_at else "unfinished")
        path = " ".join(f"{s.node}:{s.chosen or 'timeout'}" for s in p.record.steps)
        write([p.record.play_id, p.record.trainee or "", p.record.scenario, p.record.lang, p.record.started_at,
                    p.finished_at or "", state, p.ending or "", p.outcome or "",
                    "" if p.scaled is None else number(p.scaled), "" if p.raw is None else p.raw,
                    "" if p.best is None else p.best, p.rules or "", "" if p.passed is None else ("yes" if p.passed else "no"),
                    len(p.record.steps), "" if r is None or r.seconds is None else number(r.seconds), path,
                    *(p.verdicts.get(pid, "") for pid in principles)])
    return buf.getvalue()


def plays_json(plays: Sequence[StoredPlay]) -> list[dict[str, Any]]:
    return [{**p.record.to_dict(), "finished_at": p.finished_at, "abandoned_at": p.abandoned_at, "ending": p.ending,
             "outcome": p.outcome, "score": {"raw": p.raw, "max": p.best, "scaled": p.scaled, "rules": p.rules}, "passed": p.passed,
             "principles": dict(p.verdicts)} for p in plays]


# -- the workshop's additions: score spread, anonymised plays ----------------------------------

SCORE_BUCKETS = 10  # 0-9, 10-19, … 90-100


def score_buckets(scores: Iterable[float | None]) -> tuple[int, ...]:
    """How many scaled scores fall in each tenth (100 goes with 90-99)."""
    counts = [0] * SCORE_BUCKETS
    for s in scores:
        if s is not None:
            counts[min(SCORE_BUCKETS - 1, max(0, int(s // 10)))] += 1
    return tuple(counts)


def bucket_label(i: int) -> str:
    return f"{10 * i}–{100 if i == SCORE_BUCKETS - 1 else 10 * i + 9}"


def anonymised(rows: Sequence[PlayRow], lang: str) -> list[PlayRow]:
    """The plays with 'Participant N' for names, N in order of arrival (for a page sent out)."""
    order = sorted(rows, key=lambda r: (r.started_at, r.play_id))
    number = {r.play_id: n for n, r in enumerate(order, 1)}
    return [replace(r, trainee=t("room.anonymous", lang, n=number[r.play_id])) for r in rows]


# -- the standalone HTML page -----------------------------------------------------------------

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

_LETTER = {v.value: s for v, s in SYMBOL.items()}


def group_page(report: Report, rows: Sequence[PlayRow] = (), *, title: str | None = None,
               generated_at: str | None = None) -> str:
    """A standalone HTML page (inline CSS, no script, no external asset): the group's figures,
    the principle chart (bars whose parts carry their symbol and number, not only a colour),
    the choice distribution per node and, if given, the list of plays."""
    lang = report.lang

    def e(text: str) -> str:  # every text of the page: the rule for stored free text, then HTML's escapes
        return html.escape(shown(text))
    title = title or t("results.report.title", lang)
    h: list[str] = [
        "<!DOCTYPE html>", f'<html lang="{e(lang)}">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">', f"<title>{e(title)}</title>",
        f"<style>{_CSS}</style>", "</head>", "<body>", f"<h1>{e(title)}</h1>"]
    meta = filter_words(report)
    if generated_at:
        meta.append(t("results.report.generated", lang, at=short_time(generated_at)))
    if report.scenarios:
        meta.append(", ".join(report.scenarios.values()))
    if meta:
        h.append(f"<p>{e(' · '.join(meta))}</p>")
    h.append('<div class="figures">')
    for name, value in [(t("results.report.plays", lang), str(report.plays)),
                         (t("results.report.trainees", lang), str(report.trainees)),
                         (t("results.report.pass_rate", lang), _pct(report.pass_rate, lang)),
                         (t("results.report.mean", lang), _score(report.mean_scaled, lang)),
                         (t("results.unfinished", lang), str(report.unfinished))]:
        h.append(f'<div class="figure">{e(name)}<b>{e(value)}</b></div>')
    h.append("</div>")
    if report.first_rules_note():
        h.append(f"<p>{e(report.first_rules_note() or '')}</p>")
    if report.outcomes:
        h.append("<p>" + e(label("results.report.outcomes", lang)) + e(", ".join(
            f"{_outcome(o, lang)} {n}" for o, n in report.outcomes.items())) + "</p>")

    scores = score_buckets(r.scaled for r in rows if r.finished and r.rules == RULES)
    if any(scores):
        most = max(scores)
        h.append(f"<h2>{e(t('results.report.scores', lang))}</h2>")
        h.append(f'<table><thead><tr><th>{e(t("results.col.score", lang))}</th>'
                 f'<th class="n">{e(t("results.report.plays", lang))}</th><th></th></tr></thead><tbody>')
        for i, n in enumerate(scores):
            share = f'<span class="share" style="width:{10 * n / most:.2f}rem"></span>' if n else ""
            h.append(f'<tr><td>{bucket_label(i)}</td><td class="n">{n}</td><td>{share}</td></tr>')
        h.append("</tbody></table>")

    h.append(f"<h2>{e(t('results.report.principles', lang))}</h2>")
    h.append('<p class="legend">' + "".join(
        f'<span><i class="v-{v}"></i>{_LETTER[v]} {e(t(f"verdict.{v}", lang))}</span>' for v in VERDICTS) + "</p>")
    h.append(f'<table><thead><tr><th>{e(t("results.report.principle", lang))}</th>'
             f'<th class="n">{e(t("results.report.judged", lang))}</th><th>{e(t("results.report.chart", lang))}</th>'
             f'<th class="n">{e(t("verdict.missed", lang))}</th><th class="n">{e(t("verdict.violated", lang))}</th>'
             "</tr></thead><tbody>")
    for p in report.principles:
        parts = []
        for v in VERDICTS:
            n = p.counts.get(v, 0)
            if n:
                share = 100 * p.share(v)
                parts.append(f'<span class="v-{v}" style="width:{share:.2f}%" '
                             f'title="{e(t(f"verdict.{v}", lang) + colon(lang))}{n}">{_LETTER[v]}&nbsp;{n}</span>')
        aria = ", ".join(f"{t(f'verdict.{v}', lang)} {p.counts.get(v, 0)}" for v in VERDICTS)
        h.append(f"<tr><td>{e(p.name)}</td><td class=\"n\">{p.judged}</td>"
                 f'<td><div class="bar" role="img" aria-label="{e(aria)}">{"".join(parts)}</div></td>'
                 f'<td class="n">{_pct(p.share("missed"), lang)}</td><td class="n">{_pct(p.share("violated"), lang)}</td></tr>')
    h.append("</tbody></table>")

    if report.nodes:
        h.append(f"<h2>{e(t('results.report.choices', lang))}</h2>")
        for n in report.nodes:
            h.append(f"<h3>{e(n.scenario)} / {e(n.node)} ({n.total})</h3><blockquote>{e(n.text)}</blockquote>")
            h.append(f'<table><thead><tr><th>{e(t("results.report.choice", lang))}</th>'
                     f'<th class="n">{e(t("results.report.times", lang))}</th><th class="n">%</th><th></th></tr></thead><tbody>')
            for c in n.choices:
                marks = " ".join([*("+" + a for a in c.applies), *("−" + v for v in c.violates)])
                h.append(f"<tr><td>{e(c.text)}{f' <small>({e(marks)})</small>' if marks else ''}</td>"
                         f'<td class="n">{c.count}</td><td class="n">{_pct(c.share, lang)}</td>'
                         f'<td><span class="share" style="width:{10 * c.share:.2f}rem"></span></td></tr>')
            h.append("</tbody></table>")

    if report.gain is not None:
        h.append(f"<h2>{e(t('gain.title', lang))}</h2>")
        modes = gain_rows(report)
        if _no_pair(modes):
            h.append(f"<p>{e(t('gain.none', lang))}</p>")
        for heading, s_head, s_rows, p_head, p_rows in modes:
            h.append(f"<h3>{e(heading)}</h3>")
            for head, body in ((s_head, s_rows), (p_head, p_rows)):
                if not body:
                    continue
                if head is p_head:
                    h.append(f"<p>{e(t('gain.principles', lang))}</p>")
                h.append("<table><thead><tr>" + "".join(
                    f'<th{" class=n" if i else ""}>{e(c)}</th>' for i, c in enumerate(head)) + "</tr></thead><tbody>")
                h += ["<tr>" + "".join(f'<td{" class=n" if i else ""}>{e(c)}</td>' for i, c in enumerate(r)) + "</tr>"
                      for r in body]
                h.append("</tbody></table>")
        h.append("<ul>" + "".join(f"<li>{e(line)}</li>" for line in gain_legend(report)) + "</ul>")

    if rows:
        h.append(f"<h2>{e(t('results.report.plays', lang))}</h2>")
        h.append("<table><thead><tr>" + "".join(
            f'<th{" class=n" if k == "score" else ""}>{e(t(f"results.col.{k}", lang))}</th>'
            for k in ("started", "trainee", "scenario", "score", "result")) + "</tr></thead><tbody>")
        for r in rows:
            h.append(f"<tr><td>{e(short_time(r.started_at))}</td><td>{e(r.trainee or '-')}</td><td>{e(r.scenario)}</td>"
                     f'<td class="n">{"" if r.scaled is None else fmt_number(r.scaled, lang)}</td>'
                     f'<td>{e(status(r, lang))}</td></tr>')
        h.append("</tbody></table>")
    h += ["</body>", "</html>"]
    return "\n".join(h) + "\n"
