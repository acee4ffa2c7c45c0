"""A trainee's progress (simulator/results/progress.py) in words: the one-line suggestion, the text of
`litige progress`, its JSON, and the one-page certificate (`litige export --format certificate`).
Pure: no database, no Textual. Names and titles come in as mappings (id → text in the language)."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from scoring.verdict import BEST_FIRST, SYMBOLS
from simulator.lang import plaintext
from simulator.lang.i18n import fmt_number, label, t
from simulator.lang.typography import quote
from simulator.results.progress import PrincipleRow, Profile, Suggestion

if TYPE_CHECKING:
    from scoring.catalogue import Catalogue
    from simulator.format.model import Scenario

SHOWN_ATTEMPTS = 20  # the newest verdicts a row shows (the older ones behind "…")
WIDTH = 80  # the text of `litige progress` fits a terminal this wide
Names = Mapping[str, str]


def _name(names: Names, key: str) -> str:
    return names.get(key) or key


def where(step: int, lang: str) -> str:
    """"from step 3", or "from the start" for the first step (1-based for the reader)."""
    return t("progress.from_start", lang) if step == 0 else t("progress.from_step", lang, n=step + 1)


def explain(profile: Profile, lang: str, names: Names, titles: Names) -> str:
    """The suggestion in one line, or what to do when there is none."""
    s = profile.suggestion
    if s is None:
        return t("progress.no_plays", lang)
    return explain_suggestion(s, profile.row(s.principle), lang, names, titles)


def explain_suggestion(s: Suggestion, row: PrincipleRow, lang: str, names: Names, titles: Names) -> str:
    key = ("progress.why.ahead" if not s.due_now else
           "progress.why.review" if s.verdict == "mastered" else f"progress.why.{s.verdict}")
    last = row.attempts[-1].day if row.attempts else s.due
    return t(key, lang, principle=quote(_name(names, s.principle), lang), scenario=quote(_name(titles, s.scenario), lang),
             where=where(s.step, lang), date=last.isoformat(), due=s.due.isoformat())


def legend(lang: str) -> str:
    return "  ".join(f"{SYMBOLS[v]} {t(f'verdict.{v}', lang)}" for v in BEST_FIRST)


def symbols(row: PrincipleRow, shown: int = SHOWN_ATTEMPTS) -> str:
    """The row's verdicts as symbols, newest right; "…" first when older ones are left out."""
    text = row.symbols
    return text if len(text) <= shown else "…" + text[-(shown - 1):]


def due_text(row: PrincipleRow, today: date, lang: str) -> str:
    if row.schedule is None:
        return "—"
    return t("progress.due_now", lang) if row.schedule.due <= today else row.schedule.due.isoformat()


def score_text(value: float | None, lang: str, current: bool = True) -> str:
    if value is None:
        return "—"
    return fmt_number(value, lang) + ("" if current else " *")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _table(rows: Sequence[Sequence[str]], right: frozenset[int] = frozenset()) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  " + "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip()
            for r in rows]


def profile_text(profile: Profile, lang: str, names: Names, titles: Names) -> str:
    """`litige progress` as text, fit for 80 columns."""
    out = [t("progress.title", lang, who=plaintext.shown(profile.trainee))]  # one line, whatever was stored
    if not profile.plays:
        return "\n".join([*out, t("progress.no_plays", lang)]) + "\n"
    first, last = profile.days[0][0], profile.days[-1][0]
    out.append(t("progress.summary", lang, plays=profile.plays, first=first.isoformat(), last=last.isoformat()))
    import textwrap
    out += ["", *textwrap.wrap(label("progress.next", lang) + explain(profile, lang, names, titles), width=WIDTH,
                               subsequent_indent="  ", break_on_hyphens=False), ""]
    out += [t("progress.principles", lang), "  " + legend(lang)]
    rows = [[t("results.report.principle", lang), t("progress.col.verdicts", lang), t("progress.col.due", lang),
             t("progress.col.scenarios", lang)]]
    for r in profile.principles:
        if r.attempts:
            rows.append([_clip(_name(names, r.principle), 30), symbols(r), due_text(r, profile.today, lang),
                         ", ".join(r.scenarios)])
    out += [_clip(line, WIDTH) for line in _table(rows)]
    unmet = [_name(names, r.principle) for r in profile.principles if not r.attempts]
    if unmet:
        out += textwrap.wrap(label("progress.not_met", lang) + ", ".join(unmet), width=WIDTH, initial_indent="  ",
                             subsequent_indent="    ", break_on_hyphens=False)
    out += ["", t("progress.scenarios", lang)]
    rows = [[t("results.col.scenario", lang), t("progress.col.plays", lang), t("progress.col.best", lang),
             t("progress.col.last", lang), t("progress.col.day", lang)]]
    for s in profile.scenarios:
        rows.append([s.scenario, str(s.plays), score_text(s.best, lang), score_text(s.last, lang, s.last_current),
                     s.last_day.isoformat()])
    out += _table(rows, right=frozenset({1, 2, 3}))
    if any(not s.last_current for s in profile.scenarios):
        out.append("  * " + t("results.first_rules_mark", lang))
    out += ["", t("progress.days", lang)]
    most = max(n for _, n in profile.days)
    for day, n in profile.days:
        out.append(f"  {day.isoformat()}  {'█' * max(1, round(30 * n / most))} {n}")
    return "\n".join(out) + "\n"


def profile_dict(profile: Profile, lang: str, names: Names, titles: Names) -> dict[str, Any]:
    """`litige progress --json`: the same figures for a program (ids, ISO dates, decimal points)."""
    s = profile.suggestion
    return {
        "trainee": profile.trainee,
        "today": profile.today.isoformat(),
        "plays": profile.plays,
        "suggestion": None if s is None else {
            "principle": s.principle, "scenario": s.scenario, "play_id": s.play_id, "step": s.step + 1,
            "last_verdict": s.verdict, "due": s.due.isoformat(), "due_now": s.due_now, "streak": s.streak,
            "why": explain(profile, lang, names, titles)},
        "principles": [{
            "principle": r.principle, "name": _name(names, r.principle),
            "verdicts": [{"verdict": a.verdict, "at": a.at, "scenario": a.scenario, "play_id": a.play_id,
                          "mode": a.mode, "current_rules": a.current_rules,
                          "inferred": a.inferred} for a in r.attempts],
            "scenarios": list(r.scenarios),
            "streak": None if r.schedule is None else r.schedule.streak,
            "due": None if r.schedule is None else r.schedule.due.isoformat()} for r in profile.principles],
        "scenarios": [{
            "scenario": sc.scenario, "title": _name(titles, sc.scenario), "plays": sc.plays, "best": sc.best,
            "last": sc.last, "last_scored_by_current_rules": sc.last_current, "last_day": sc.last_day.isoformat(),
            "passed": None if sc.best_pass is None else {"day": sc.best_pass.day.isoformat(), "score": sc.best_pass.scaled,
                                                           "play_id": sc.best_pass.play_id, "mode": sc.best_pass.mode}}
            for sc in profile.scenarios],
        "days": [{"day": d.isoformat(), "plays": n} for d, n in profile.days],
    }


# -- the certificate ---------------------------------------------------------------------------

_CERT_CSS = """
body{font-family:Georgia,"Times New Roman",serif;max-width:44rem;margin:2rem auto;padding:0 1.5rem;color:#111;
background:#fff;line-height:1.45}
h1{font-size:1.7rem;text-align:center;margin-bottom:.2rem}.who{text-align:center;font-size:1.3rem;margin-top:0}
h2{font-size:1.1rem;margin-top:1.5rem;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%}th,td{padding:.2rem .4rem;border-bottom:1px solid #ddd;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.basis{margin-top:2rem;font-size:.85rem;color:#444}
@page{size:A4;margin:1.5cm}@media print{body{margin:0;max-width:none}}
"""


def certificate_html(profile: Profile, lang: str, names: Names, titles: Names, *, generated_at: str,
                     first_rules: int = 0) -> str:
    """One printable page: the scenarios passed (by the current scoring rules: a play scored by
    the first rules is not claimed) with the date and score of the best pass, and the principles
    whose latest verdict under the current rules is mastered. Every name is escaped."""
    def e(text: str) -> str:  # the rule for stored text (plaintext.shown), then HTML's
        return html.escape(plaintext.shown(text))

    title = t("cert.title", lang)
    h = ["<!DOCTYPE html>", f'<html lang="{e(lang)}">', "<head>", '<meta charset="utf-8">',
         f"<title>{e(title)} — {e(profile.trainee)}</title>", f"<style>{_CERT_CSS}</style>", "</head>", "<body>",
         f"<h1>{e(title)}</h1>", f'<p class="who">{e(profile.trainee)}</p>']
    if not profile.plays:
        h.append(f"<p>{e(t('cert.no_plays', lang, trainee=profile.trainee))}</p>")
    else:
        h.append(f"<p>{e(t('cert.intro', lang, trainee=profile.trainee, plays=profile.plays, first=profile.days[0][0].isoformat(), last=profile.days[-1][0].isoformat()))}</p>")
        passed = [s for s in profile.scenarios if s.best_pass is not None]
        h.append(f"<h2>{e(t('cert.passed', lang))}</h2>")
        if passed:
            h.append(f"<table><thead><tr><th>{e(t('tui.scenario', lang))}</th><th>{e(t('cert.col.date', lang))}</th>"
                     f'<th class="n">{e(t("cert.col.score", lang))}</th></tr></thead><tbody>')
            for s in passed:
                assert s.best_pass is not None
                coached = f" {t('cert.coach', lang)}" if s.best_pass.mode == "coach" else ""
                h.append(f"<tr><td>{e(_name(titles, s.scenario) + coached)}</td><td>{s.best_pass.day.isoformat()}</td>"
                         f'<td class="n">{e(fmt_number(s.best_pass.scaled, lang))}/100</td></tr>')
            h.append("</tbody></table>")
        else:
            h.append(f"<p>{e(t('cert.none_passed', lang))}</p>")
        h.append(f"<h2>{e(t('cert.mastered', lang))}</h2>")
        mastered = []
        for r in profile.principles:
            scored = [a for a in r.attempts if a.current_rules and not a.inferred]  # stored verdicts only
            if scored and scored[-1].verdict == "mastered":
                n = sum(a.verdict == "mastered" for a in scored)
                mastered.append(f"<li>{e(_name(names, r.principle))} — "
                                f"{e(t('cert.mastered_detail', lang, n=n, m=len(scored), date=scored[-1].day.isoformat()))}</li>")
        h.append(f"<ul>{''.join(mastered)}</ul>" if mastered else f"<p>{e(t('cert.none_mastered', lang))}</p>")
        if first_rules:
            h.append(f"<p>{e(t('cert.first_rules', lang, n=first_rules))}</p>")
    h.append(f'<p class="basis">{e(t("cert.basis", lang, at=generated_at[:16].replace("T", " ")))}</p>')
    h += ["</body>", "</html>"]
    return "\n".join(h) + "\n"


def principle_names(catalogue: Catalogue, scenarios: Iterable[Scenario | None], lang: str) -> dict[str, str]:
    """Principle id → name in `lang`: the catalogue's, then the scenarios' own (Scenario or None)."""
    names = {p.id: p.name.get(lang) for p in catalogue}
    for sc in scenarios:
        if sc is not None:
            names.update((p.id, p.name.get(lang)) for p in sc.principles)
    return names
