"""The GitHub Action's job summary: Markdown for $GITHUB_STEP_SUMMARY,
from clientele's own `--format json` output and exit code, never from its
human-readable text.

Usage: python3 scripts/action-summary.py EXIT_CODE JSON_FILE STDERR_FILE

Writes the Markdown to stdout. On exit 0 or 1: the totals and a table of
findings per file. On any other exit code the run failed (a bad config, an
unreadable file, a usage error): the summary says so and quotes the first
lines of clientele's stderr, because the JSON of such a run counts only
what was checked, which can be nothing at all. Runs on the Python of any
GitHub-hosted runner (3.8 and later, standard library only).
"""

from __future__ import annotations

import html
import json
import sys
import unicodedata
from collections import Counter

MAX_ROWS = 20
STDERR_LINES = 12
SEVERITIES = ("error", "warning", "info")

# Backslash-escaped in table cells: a pipe would end the cell; the others
# would start code, emphasis, links, HTML, math ($), emoji (:), mentions
# (@) or issue links (#). CommonMark allows a backslash before any ASCII
# punctuation, so escaping one that needs none changes nothing.
MARKDOWN_SPECIAL = set("\\`*_{}[]()<>!|~&:$@#+=^\"'")


def cell(text: str) -> str:
    """`text` as literal text in a Markdown table cell: no character of a
    file name can end the cell, the row or format anything. Control and
    format characters (line breaks, bidirectional overrides) are shown as
    `\\u{…}` escapes."""
    out = []
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            out.append(f"\\\\u{{{ord(char):04x}}}")
        elif char in MARKDOWN_SPECIAL:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def totals(counts: Counter) -> str:
    return ", ".join(plural(counts[severity], severity) for severity in SEVERITIES)


def findings_table(diagnostics: list[dict]) -> list[str]:
    per_file: dict[str, Counter] = {}
    for diagnostic in diagnostics:
        per_file.setdefault(str(diagnostic.get("path", "")), Counter())[diagnostic.get("severity")] += 1
    if not per_file:
        return []
    rows = sorted(per_file.items(), key=lambda item: (*(-item[1][s] for s in SEVERITIES), item[0]))
    lines = ["| file | errors | warnings | infos |", "| --- | ---: | ---: | ---: |"]
    for path, counts in rows[:MAX_ROWS]:
        lines.append(f"| {cell(path)} | {counts['error']} | {counts['warning']} | {counts['info']} |")
    rest = rows[MAX_ROWS:]
    if rest:
        hidden = sum((counts for _, counts in rest), Counter())
        lines += ["", f"…and {plural(len(rest), 'more file')} ({totals(hidden)})."]
    return lines


def summary(code: int, report: dict | None, stderr: str) -> str:
    lines = []
    if code in (0, 1) and report is not None:
        counts = Counter({severity: int(report["summary"].get(f"{severity}s", 0)) for severity in SEVERITIES})
        files = int(report["summary"].get("files", 0))
        verdict = "fails: findings at or above `fail-on`" if code == 1 else "passes"
        lines += [
            "### clientele",
            "",
            f"{totals(counts)} in {plural(files, 'file')} checked; the check {verdict}.",
        ]
        hidden = []
        if report["summary"].get("baselined"):
            hidden.append(f"{report['summary']['baselined']} recorded in the baseline")
        if report["summary"].get("unchanged"):
            hidden.append(f"{report['summary']['unchanged']} on unchanged lines")
        if hidden:
            lines.append(f"Not reported: {', '.join(hidden)}.")
        table = findings_table(report.get("diagnostics") or [])
        if table:
            lines += ["", *table]
    else:
        why = [line for line in stderr.splitlines() if line.strip()][:STDERR_LINES]
        lines += [
            f"### clientele: the check failed (exit {code})",
            "",
            "clientele stopped on an error; the findings below are only those of the files it could check."
            if report and report.get("diagnostics")
            else "clientele stopped on an error; no findings are reported.",
            "",
            "<pre>",
            *(html.escape(line) for line in why or ["(clientele wrote nothing to stderr)"]),
            "</pre>",
        ]
        table = findings_table((report or {}).get("diagnostics") or [])
        if table:
            lines += ["", *table]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: action-summary.py EXIT_CODE JSON_FILE STDERR_FILE", file=sys.stderr)
        return 2
    code = int(argv[0])
    with open(argv[2], encoding="utf-8", errors="replace") as file:
        stderr = file.read()
    try:
        with open(argv[1], encoding="utf-8") as file:
            report = json.load(file)
    except (OSError, ValueError) as error:
        if code in (0, 1):
            print(f"action-summary: clientele exited {code} without a JSON report: {error}", file=sys.stderr)
            return 1
        report = None
    sys.stdout.write(summary(code, report, stderr))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
