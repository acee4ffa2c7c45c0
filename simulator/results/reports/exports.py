"""The data as files for other programs: the report as one JSON object, the plays as JSON and as
CSV a spreadsheet opens without running any cell."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from scoring.gain import gain_dict
from scoring.verdict import BEST_FIRST
from simulator.lang.plaintext import shown

if TYPE_CHECKING:
    from simulator.results.reports.figures import Report
    from simulator.results.store import PlayRow, StoredPlay


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
                              **{v: p.counts.get(v, 0) for v in BEST_FIRST},
                              "missed_rate": round(p.share("missed"), 4),
                              "violated_rate": round(p.share("violated"), 4)} for p in report.principles},
        "nodes": [{"scenario": n.scenario, "node": n.node, "text": n.text, "total": n.total,
                   "choices": [{"id": c.id or None, "text": c.text, "count": c.count, "share": round(c.share, 4),
                                "applies": list(c.applies), "violates": list(c.violates)} for c in n.choices]}
                  for n in report.nodes],
        "gain": gain_dict(report.gain, report.principle_names) if report.gain is not None else None,
    }


def plays_json(plays: Sequence[StoredPlay]) -> list[dict[str, Any]]:
    return [{**p.record.to_dict(), "finished_at": p.finished_at, "abandoned_at": p.abandoned_at, "ending": p.ending,
             "outcome": p.outcome, "score": {"raw": p.raw, "max": p.best, "scaled": p.scaled, "rules": p.rules}, "passed": p.passed,
             "principles": dict(p.verdicts)} for p in plays]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


def csv_cell(value: Any) -> Any:
    """A cell a spreadsheet will not run: text starting like a formula (= + - @, tab, CR) gets a
    leading single quote (OWASP's advice against CSV injection); numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


CSV_HEAD = ["play_id", "trainee", "scenario", "lang", "started_at", "finished_at", "status", "ending", "outcome",
            "score", "raw", "max", "rules", "passed", "steps", "seconds", "path"]


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
    write([*CSV_HEAD, *principles])
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
