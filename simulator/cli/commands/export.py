"""`litige export`: the stored results as CSV (a spreadsheet), JSON, xAPI statements, Markdown
or a standalone HTML page (the group's debrief, with its principle chart)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from simulator.cli.commands.results_common import filter_options, xapi_base_option

if TYPE_CHECKING:
    from simulator.cli.commands import Common
    from simulator.game.settings import Settings

FORMATS = ("csv", "json", "xapi", "md", "html", "certificate")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: Common) -> None:
    p = sub.add_parser("export", help="export results: csv, json, xapi, md, html or a trainee's certificate")
    p.add_argument("--format", required=True, choices=FORMATS, help="csv (spreadsheet), json, xapi (statements), "
                   "md (Markdown report), html (standalone page with the group's principle chart), certificate (with "
                   "--trainee: a one-page printable HTML of the scenarios passed and principles mastered)")
    p.add_argument("--out", metavar="FILE", default=None, help="write there instead of the standard output")
    p.add_argument("--sep", default=",", help="CSV separator (default ','; ';' suits a French spreadsheet)")
    filter_options(p)
    p.add_argument("--anonymous", action="store_true",
                   help="md and html: trainees as 'Participant N' (a workshop's page sent to the client)")
    xapi_base_option(p)
    common.db(p)
    common.lang(p)
    p.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    import sys
    from pathlib import Path

    from simulator.cli.commands.results_common import check_scenario, xapi_base
    from simulator.format.errors import LitigeError
    from simulator.lang.plaintext import json_text
    from simulator.results.reports import group_page, parse_since, plays_csv, plays_json, report_markdown
    from simulator.results.shipped import load_scenarios, weights_of
    from simulator.results.store import Store, now_utc

    if len(args.sep) != 1:
        raise LitigeError(f"--sep {args.sep!r}: give one character, such as ',' or ';'")
    if args.anonymous and args.format not in ("md", "html"):
        raise LitigeError("--anonymous applies to --format md and html (the group's pages)")
    if args.xapi_base and args.format != "xapi":
        raise LitigeError("--xapi-base applies to --format xapi")
    if args.format == "certificate":
        from simulator.cli.commands.progress import check_certificate_args
        check_certificate_args(args)
    base = xapi_base(settings)
    since = parse_since(args.since)
    trainee = args.trainee
    from simulator.cli.commands.results_common import rescore
    rescore(settings.db)
    with Store.open(settings.db, readonly=True) as store:
        check_scenario(store, args.scenario)
        matched = store.matching_trainees(trainee) if trainee is not None else None
        if args.format in ("md", "html"):
            from simulator.cli.commands.report import build
            report = build(args, settings, store)
            rows = store.history(trainee, args.scenario, since=since)
            if args.anonymous:
                from dataclasses import replace

                from simulator.results.reports import anonymised
                rows = anonymised(rows, settings.lang)
                report = replace(report, matched=None)  # the page names nobody
            text = (report_markdown(report, rows) if args.format == "md"
                    else group_page(report, rows, generated_at=now_utc()))
        elif args.format == "certificate":
            from simulator.cli.commands.progress import certificate
            text = certificate(args, settings, store)
        elif args.format == "csv":
            plays = store.plays(since=since, scenario=args.scenario, trainee=trainee)
            text = plays_csv(plays, store.history(trainee, args.scenario, since=since), sep=args.sep)
        else:
            plays = store.plays(since=since, scenario=args.scenario, trainee=trainee)
            if args.format == "json":
                data = plays_json(plays)
            else:
                from simulator.results.xapi import all_statements, homepage_of
                scenario_map = load_scenarios(p.record.scenario for p in plays)
                data = all_statements(plays, scenario_map, weights_of(scenario_map), base=base,
                                      homepage=homepage_of(base))
            # the exact data; DEL, C1 controls and bidi overrides as JSON escapes, like C0 (plaintext.json_text)
            text = json_text(data) + "\n"
    if matched is not None:  # which stored names --trainee selected (a name's start, case and accents aside)
        from simulator.results.reports import matched_line
        print(matched_line(trainee, matched, settings.lang), file=sys.stderr)
    if args.out:
        out = Path(args.out)
        try:
            if args.format == "csv":
                out.write_text(text, encoding="utf-8-sig", newline="")  # the BOM tells spreadsheets it is UTF-8
            else:
                out.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise LitigeError(f"cannot write {out}: {exc.strerror or exc}") from None
    else:
        sys.stdout.write(text)
    from simulator.cli.commands.results_common import left_out
    return left_out(store)
