"""The group's results in every format: `figures` computes them once from the store's aggregate;
`text`, `markdown`, `page` (HTML) and `exports` (JSON, CSV) write them; `cells`, `filters` and
`gain_tables` are the pieces those formats share. Pure: no database, no Textual."""

from simulator.results.reports.cells import anonymised
from simulator.results.reports.exports import csv_cell, plays_csv, plays_json, report_dict
from simulator.results.reports.figures import Report, build_report
from simulator.results.reports.filters import matched_line, parse_since
from simulator.results.reports.markdown import report_markdown
from simulator.results.reports.page import group_page
from simulator.results.reports.text import history_text, report_text

__all__ = ["Report", "anonymised", "build_report", "csv_cell", "group_page", "history_text", "matched_line",
           "parse_since", "plays_csv", "plays_json", "report_dict", "report_markdown", "report_text"]
