"""Print the README's Reliability table from test-artifacts/reliability/*.json (left by tests/reliability)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

FOLDER = Path(__file__).resolve().parents[1] / "test-artifacts" / "reliability"


def row(f: dict) -> tuple[str, str, str]:
    db = f["database"]
    match f["figure"]:
        case "R1":
            return (f"racing completions, {f['threads']} threads x {f['tasks']} tasks ({db})",
                    f"{f['attempts']:,} attempts: {f['winners']} won, {f['losers_told_why']:,} told why "
                    f"({', '.join(f'{k} {v:,}' for k, v in f['loser_kinds'].items())}); lost {f['lost']}, "
                    f"duplicated {f['duplicated']}, check findings {f['check_findings']}", f"{f['seconds']} s")
        case "R1-http":
            return (f"racing API completions, {f['clients']} HTTP clients x {f['tasks']} tasks, gunicorn "
                    f"-w {f['gunicorn_workers']} ({db})",
                    f"{f['requests']:,} requests: " + ", ".join(f"{k}: {v:,}" for k, v in sorted(f['answers'].items()))
                    + f"; lost {f['lost']}, duplicated {f['duplicated']}, check findings {f['check_findings']}",
                    f"{f['seconds']} s")
        case "R2":
            return (f"{f['timers']:,} due timers, {f['workers']} worker processes, one killed -9 ({db})",
                    f"killed holding {f['leased_by_killed_worker']} leases after {f['killed_after_fired']} fired; "
                    f"fired once {f['fired_once']:,}, twice or more {f['fired_twice_or_more']}, never "
                    f"{f['never_fired']}; per worker {', '.join(f'{v}' for v in f['per_worker'].values())}",
                    f"{f['seconds']} s")
        case "R3":
            return (f"kill -9 at random points during {f['completions']} completions, restart, check ({db})",
                    f"{f['kills']} kills; {f['acknowledged']} acknowledged, {f['acknowledged_lost']} lost; "
                    f"completed twice {f['completed_twice']}; corrupt instances {f['corrupt_instances']}; "
                    f"`palvelupolku check` exit {f['check_exit']}", f"{f['seconds']} s")
        case "R3m":
            return (f"kill -9 at random points during {f['completions']} aftercare completions that each send a "
                    f"message starting a new service, restart, `palvelupolku tick` ({db})",
                    f"{f['kills']} kills; {f['acknowledged']} acknowledged; messages left pending by kills "
                    f"{f['left_pending_by_kills']}, delivered by tick; services started twice "
                    f"{f['services_started_twice']}", f"{f['seconds']} s")
        case "R4":
            return (f"{f['conformance_files']} conformance files + {f['generated_files']} generated hostile files",
                    f"{f['answered']} answered in sentences, {f['unclear_messages']} unclear, {f['tracebacks']} "
                    f"tracebacks; slowest {f['slowest_file_seconds']} s", f"CLI {f['cli_seconds']} s")
        case "R5":
            return (f"{f['hostile_sources']} hostile expressions and scripts, {f['endless_loops']} endless loops",
                    f"{f['escapes']} escapes; slowest loop stopped after {f['slowest_stop_seconds']} s "
                    f"(CPU limit {f['cpu_limit']} s)", "")
        case "R6":
            return (f"schemathesis on /api/v1, {f['examples_per_operation']} examples x "
                    f"{len(f['operations'])} operations x 2 modes",
                    f"{f['requests']:,} requests, {f['server_errors']} 5xx ("
                    + ", ".join(f"{k}: {v:,}" for k, v in f['by_status'].items()) + ")", "")
        case "R7":
            return (f"issue 14 payloads ({', '.join(f['outcomes'])}) on gunicorn -w {f['gunicorn_workers']}, "
                    f"{f['clients']} clients reading /health and the inbox ({db})",
                    f"{f['requests']:,} requests, {f['failed']} failed; p95 {f['p95_ms']} ms (quiet {f['quiet_p95_ms']}"
                    f" ms), max {f['max_ms']} ms; completions: "
                    + ", ".join(f"{k} {v}" for k, v in f['outcomes'].items() if not k.startswith("start")),
                    f"{f['seconds']} s")
    return (f["figure"], json.dumps(f), "")


def main() -> int:
    order = ["R1", "R1-http", "R2", "R3", "R3m", "R4", "R5", "R6", "R7"]
    figures = sorted((json.loads(p.read_text()) for p in FOLDER.glob("*.json")),
                     key=lambda f: (order.index(f["figure"]) if f["figure"] in order else 99, f["database"]))
    if not figures:
        print("No figures yet: run `make reliability` (or pytest tests/reliability).", file=sys.stderr)
        return 1
    full = all(f["full"] for f in figures)
    print(f"Measured on {figures[0]['machine']}; {'full counts' if full else 'CI counts'}.\n")
    print("| figure | result | time |\n|---|---|---|")
    for f in figures:
        print("| " + " | ".join(row(f)) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
