#!/usr/bin/env python3
"""Benchmarks `capitation settle` on generated data against DuckDB computing the same figures.

For each case it generates a settlement folder from a fixed seed (once; kept under --work), then runs
the release build of `capitation settle` with one thread and with two, and `duckdb_settle.py` (DuckDB
with two threads) on the very same files. It reports wall time, claim lines per second, MB of claim
files per second and per CPU-second (the child's user and system time: throughput on one core, whatever
the threads), peak memory (the child's maximum resident set), the ratio DuckDB time / our time,
and checks that both computed the same totals (members, exposure, accepted lines and cents per regime,
truncation).

Usage: python3 Benchmarks/run.py [--cases small,large-fewest,large] [--work DIR] [--repeat N]
Needs: swift, and the duckdb Python package (pip install duckdb).
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = {
    "small": {"members": 100_000, "claim_lines": 1_000_000, "seed": 11, "year": 2026},
    "large": {"members": 200_000, "claim_lines": 10_000_000, "seed": 12, "year": 2026},
    # The members of "large" with as few lines as the generator draws for them (periodic care billed
    # every ten months or so; about two million lines): memory should follow members, not lines.
    "large-fewest": {"members": 200_000, "claim_lines": 1_000_000, "seed": 12, "year": 2026},
}


def measure(command: list[str], stdout=subprocess.DEVNULL) -> tuple[float, int, bytes, float]:
    """Runs `command`; returns its wall time in seconds, its peak resident memory in bytes, its output and its
    CPU time (user and system) in seconds."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE)
    output = process.stdout.read() if stdout == subprocess.PIPE else b""
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed:\n{errors.decode(errors='replace')}")
    return elapsed, usage.ru_maxrss * 1024, output, usage.ru_utime + usage.ru_stime


def generate(binary: Path, folder: Path, case: dict) -> None:
    marker = folder / "generated.json"
    if marker.exists() and json.loads(marker.read_text()) == case:
        return
    print(f"generating {folder} ({case['members']:,} members, about {case['claim_lines']:,} lines) ...", flush=True)
    subprocess.run(
        [str(binary), "generate", "--members", str(case["members"]), "--seed", str(case["seed"]),
         "--year", str(case["year"]), "--claim-lines", str(case["claim_lines"]), "--out", str(folder)],
        check=True,
    )
    marker.write_text(json.dumps(case))


def our_totals(settlement: dict) -> dict:
    truncation = next(step for step in settlement["steps"] if step["step"] == "truncation")
    return {
        "members": settlement["population"]["members"],
        "exposureDays": settlement["population"]["exposureDays"],
        "regimes": {
            regime["regime"]: {"acceptedLines": regime["acceptedLines"], "claimsCents": regime["claimsCents"]}
            for regime in settlement["regimes"]
        },
        "truncatedCents": sum(regime["truncatedCents"] for regime in settlement["regimes"]),
        "membersTruncated": truncation["result"]["membersTruncated"],
    }


def median(runs: list[tuple[float, int, float]]) -> tuple[float, int, float]:
    """The median wall time of the runs, the largest peak memory of all of them, and the median CPU time."""
    return (statistics.median(run[0] for run in runs), max(run[1] for run in runs),
            statistics.median(run[2] for run in runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", default="small,large-fewest,large")
    parser.add_argument("--work", default=str(ROOT / ".build" / "benchmarks"))
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement, alternating; the median counts")
    options = parser.parse_args()

    subprocess.run(["swift", "build", "-c", "release", "--product", "capitation"], cwd=ROOT, check=True)
    binary = ROOT / ".build" / "release" / "capitation"
    work = Path(options.work)
    work.mkdir(parents=True, exist_ok=True)
    results = []
    for name in options.cases.split(","):
        case = CASES[name]
        folder = work / name
        generate(binary, folder, case)
        claims = sorted(path for path in (folder / "claims").glob("*.csv") if path.name != "answers.csv")
        size = sum(path.stat().st_size for path in claims)
        lines = sum(sum(chunk.count(b"\n") for chunk in iter(lambda f=open(p, "rb"): f.read(1 << 24), b"")) - 1
                    for p in claims)
        row = {"case": name, "members": case["members"], "lines": lines, "bytes": size}
        # The three measurements alternate, so that a busy moment of the machine falls on all of them alike.
        runs = {"ours1": [], "ours2": [], "duckdb": []}
        with tempfile.TemporaryDirectory() as output:
            for _ in range(options.repeat):
                for threads in (1, 2):
                    elapsed, memory, _, cpu = measure([str(binary), "settle", str(folder), "--threads",
                                                       str(threads), "--out", output, "--quiet"])
                    runs[f"ours{threads}"].append((elapsed, memory, cpu))
                elapsed, memory, printed, cpu = measure(
                    [sys.executable, str(Path(__file__).parent / "duckdb_settle.py"), str(folder),
                     str(case["year"]), "2"],
                    stdout=subprocess.PIPE,
                )
                runs["duckdb"].append((elapsed, memory, cpu))
            ours = our_totals(json.loads((Path(output) / "settlement.json").read_text()))
        for key, measured in runs.items():
            row[key] = median(measured)
        theirs = json.loads(printed)
        theirs.pop("linesRead", None)
        row["same"] = ours == theirs
        if not row["same"]:
            print(f"totals differ in case {name}:\n  capitation {json.dumps(ours, sort_keys=True)}\n"
                  f"  duckdb     {json.dumps(theirs, sort_keys=True)}")
        row["totals"] = ours
        results.append(row)
        report(row)
    print(json.dumps(results, indent=1, default=list))


def report(row: dict) -> None:
    megabytes = row["bytes"] / 1e6
    print(f"\ncase {row['case']}: {row['members']:,} members, {row['lines']:,} claim lines, {megabytes:,.0f} MB")
    print(f"  {'':24} {'wall s':>8} {'lines/s':>12} {'MB/s':>8} {'CPU s':>8} {'MB/CPU-s':>9} {'peak MB':>8}")
    for label, key in (("capitation, 1 thread", "ours1"), ("capitation, 2 threads", "ours2"),
                       ("duckdb, 2 threads", "duckdb")):
        elapsed, memory, cpu = row[key]
        print(f"  {label:24} {elapsed:8.2f} {row['lines'] / elapsed:12,.0f} {megabytes / elapsed:8.1f} "
              f"{cpu:8.2f} {megabytes / cpu:9.1f} {memory / 1e6:8.0f}")
    print(f"  two threads against one: {row['ours1'][0] / row['ours2'][0]:.2f}x")
    print(f"  duckdb time / capitation time (2 threads each): {row['duckdb'][0] / row['ours2'][0]:.2f}")
    print(f"  same totals: {'yes' if row['same'] else 'NO'}")


if __name__ == "__main__":
    main()
