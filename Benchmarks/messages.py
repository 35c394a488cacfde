#!/usr/bin/env python3
"""Benchmarks reading a municipality's year of iWmo WMO323 messages: hundreds of files, one per provider
and month, read side by side.

It generates a native settlement folder from a fixed seed (`capitation generate --format native`; once,
kept under --work), whose Wmo care comes in one message per month from one provider, and rewrites those
messages as if the care came from --providers providers (each client always with the same one): the
clients of each month's message are divided over the providers, each provider's message gets its own
Afzender (AGB code) and its own TotaalIngediendBedrag. The municipality's WMO325 answers, which name the
original messages, are left out. The rewritten folder holds the messages alone (`messages/`) and settles
with `--accept-incomplete`, because the other regimes have no claims there.

It then runs the release build of `capitation settle` on it with one thread and with two, alternating,
--repeat times, and prints per run the wall time, the CPU time, the peak resident memory, MB of messages
per second and per CPU-second; the medians; the ratio of one thread to two; and whether every run wrote
the same settlement.json.

Usage: python3 Benchmarks/messages.py [--members N] [--providers K] [--repeat R] [--work DIR]
Needs: swift.
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLIENT = re.compile(rb"<(\w+):Client>.*?</\1:Client>\s*", re.S)
AMOUNT = re.compile(rb"<\w+:Bedrag>(\d+)</\w+:Bedrag>\s*<\w+:DebetCredit>([DC])</\w+:DebetCredit>")
BSN = re.compile(rb"<\w+:Bsn>(\d+)</\w+:Bsn>")
TOTAL = re.compile(rb"(<\w+:TotaalBedrag>)\d+(</\w+:TotaalBedrag>\s*<\w+:DebetCredit>)[DC](<)")
SENDER = re.compile(rb"(<\w+:Afzender>)\d+(</\w+:Afzender>)")


def split_message(text: bytes, providers: int) -> dict[int, bytes]:
    """The message `text` as one message per provider, by provider number; providers without clients in it
    are left out."""
    clients = list(CLIENT.finditer(text))
    if not clients:
        return {}
    head, tail = text[: clients[0].start()], text[clients[-1].end():]
    buckets: dict[int, list[bytes]] = {}
    for client in clients:
        bsn = BSN.search(client.group(0)).group(1)
        provider = int.from_bytes(hashlib.sha256(bsn).digest()[:8], "big") % providers
        buckets.setdefault(provider, []).append(client.group(0))
    messages = {}
    for provider, parts in sorted(buckets.items()):
        total = 0
        for part in parts:
            for amount, side in AMOUNT.findall(part):
                total += int(amount) if side == b"D" else -int(amount)
        side = b"D" if total >= 0 else b"C"
        header = TOTAL.sub(lambda m: m.group(1) + str(abs(total)).encode() + m.group(2) + side + m.group(3), head, 1)
        header = SENDER.sub(lambda m: m.group(1) + b"7374%04d" % provider + m.group(2), header, 1)
        messages[provider] = header + b"".join(parts) + tail
    return messages


def prepare(binary: Path, work: Path, members: int, providers: int) -> Path:
    source = work / f"native-{members}"
    marker = source / "generated.json"
    case = {"members": members, "seed": 1, "year": 2026}
    if not (marker.exists() and json.loads(marker.read_text()) == case):
        print(f"generating {source} ({members:,} members, native formats) ...", flush=True)
        shutil.rmtree(source, ignore_errors=True)
        subprocess.run([str(binary), "generate", "--members", str(members), "--seed", "1", "--year", "2026",
                        "--format", "native", "--out", str(source)], check=True, stdout=subprocess.DEVNULL)
        marker.write_text(json.dumps(case))
    folder = work / f"messages-{members}-{providers}"
    marker = folder / "prepared.json"
    if marker.exists() and json.loads(marker.read_text()) == {**case, "providers": providers}:
        return folder
    print(f"dividing the Wmo messages over {providers} providers into {folder} ...", flush=True)
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "claims").mkdir(parents=True)
    for name in ("contract.xml", "population.csv"):
        shutil.copy(source / name, folder / name)
    for indicators in source.glob("indicators*"):
        (shutil.copytree if indicators.is_dir() else shutil.copy)(indicators, folder / indicators.name)
    for message in sorted((source / "claims").glob("wmo323-*.xml")):
        month = message.stem.rsplit("-", 2)[-2:]
        for provider, text in split_message(message.read_bytes(), providers).items():
            (folder / "claims" / f"wmo323-p{provider:03d}-{'-'.join(month)}.xml").write_bytes(text)
    marker.write_text(json.dumps({**case, "providers": providers}))
    return folder


def measure(command: list[str]) -> tuple[float, float, int]:
    """Runs `command`; returns its wall time and CPU time in seconds and its peak resident memory in bytes."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed:\n{errors.decode(errors='replace')}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--providers", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", default=str(ROOT / ".build" / "benchmarks"))
    options = parser.parse_args()

    subprocess.run(["swift", "build", "-c", "release", "--product", "capitation"], cwd=ROOT, check=True)
    binary = ROOT / ".build" / "release" / "capitation"
    work = Path(options.work)
    work.mkdir(parents=True, exist_ok=True)
    folder = prepare(binary, work, options.members, options.providers)
    messages = sorted((folder / "claims").glob("*.xml"))
    megabytes = sum(path.stat().st_size for path in messages) / 1e6
    print(f"\n{len(messages)} WMO323 messages, {megabytes:,.0f} MB, {options.members:,} members "
          f"({options.providers} providers, 13 months)")
    print(f"  {'run':>3} {'threads':>7} {'wall s':>7} {'CPU s':>7} {'MB/s':>7} {'MB/CPU-s':>9} {'peak MB':>8}")
    runs: dict[int, list[tuple[float, float, int]]] = {1: [], 2: []}
    digests = set()
    with tempfile.TemporaryDirectory() as output:
        for repeat in range(options.repeat):
            for threads in (1, 2):
                run = measure([str(binary), "settle", str(folder), "--threads", str(threads), "--out", output,
                               "--quiet", "--accept-incomplete", "messages alone, for the benchmark"])
                runs[threads].append(run)
                digests.add(hashlib.sha256((Path(output) / "settlement.json").read_bytes()).hexdigest())
                elapsed, cpu, memory = run
                print(f"  {repeat + 1:>3} {threads:>7} {elapsed:7.2f} {cpu:7.2f} {megabytes / elapsed:7.1f} "
                      f"{megabytes / cpu:9.1f} {memory / 1e6:8.0f}")
        settlement = json.loads((Path(output) / "settlement.json").read_text())
    read = settlement["reconciliation"]["read"]
    print(f"\nmedians ({read['lines']:,} claim lines read):")
    for threads in (1, 2):
        elapsed = statistics.median(run[0] for run in runs[threads])
        cpu = statistics.median(run[1] for run in runs[threads])
        memory = max(run[2] for run in runs[threads])
        print(f"  {threads} thread{'s' if threads > 1 else ' '}: {elapsed:6.2f} s wall, {cpu:6.2f} CPU-s, "
              f"{megabytes / elapsed:6.1f} MB/s, {megabytes / cpu:6.1f} MB per CPU-second, peak {memory / 1e6:,.0f} MB")
    ratio = statistics.median(run[0] for run in runs[1]) / statistics.median(run[0] for run in runs[2])
    print(f"  two threads against one: {ratio:.2f}x")
    print(f"  same settlement.json in every run: {'yes' if len(digests) == 1 else 'NO'}")


if __name__ == "__main__":
    main()
