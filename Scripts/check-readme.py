#!/usr/bin/env python3
"""Runs the transcripts of the README and checks that each command still prints what they show.

Usage: Scripts/check-readme.py [--release] [--test-log FILE] [--timeout SECONDS] [--keep] [FILE.md ...]
(default: README.md and Examples/*/README.md). Run it after a build (Scripts/check.sh); CI runs it after
Scripts/check.sh.

Every ```console block is a transcript. A line that starts with `$ ` is a command (a line ending in `\\`
continues on the next one); the lines after it, up to the next command or the end of the block, are what
it prints, standard output and standard error together. The command's whole output must match: `…` inside
a line stands for any text, a line that is only `…` for any number of lines (none included), and a command
followed by no lines must print nothing. Spaces at the end of a line and blank lines at the end of the
output are ignored. The exit status is shown on a mismatch but not checked, since a transcript may show a
refusal. Blocks of other kinds (```sh, ```xml) are not run.

The commands run in order, each with bash in a copy of the working tree (the files git tracks, plus those
it would track), so that what one block writes, a later block can read, and the repository itself is
never written to. Each Markdown file gets a fresh copy. In the commands:
- `capitation` and `swift run capitation` run the binary already built (.build/debug/capitation, or
  .build/release/capitation with --release): nothing is rebuilt. Any other `swift` command is refused,
  except `swift test`, which cannot sensibly run twice: it prints the log of the run that Scripts/check.sh
  keeps in .build/swift-test.log (or --test-log FILE);
- a path under `/tmp/` is a folder of the checker's own, and it is written back as `/tmp/` in the output.

On a mismatch it prints the file and line of the command and of the expected line, and the output, and
goes on with the next command; it exits 1 if any command failed its transcript, 2 if it cannot run at all.
A command that runs longer than --timeout seconds (default 300) is stopped, with everything it started.
"""

import argparse
import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

ELLIPSIS = "…"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Output longer than this is shown by its head, its tail and the lines around where matching stopped.
SHOWN_LINES = 60


@dataclass
class Expected:
    line: int  # line in the Markdown file
    text: str


@dataclass
class Command:
    line: int  # line in the Markdown file where the command starts
    text: str  # as bash reads it, continuation lines included
    expected: list[Expected] = field(default_factory=list)


class TranscriptError(Exception):
    pass


def read_transcripts(path: str, label: str) -> list[Command]:
    """The commands of every ```console block of a Markdown file, in order, with their expected output."""
    commands: list[Command] = []
    with open(path, encoding="utf-8") as file:
        lines = file.read().split("\n")
    in_block = False
    continuing = False
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not in_block:
            if stripped.startswith("```console"):
                in_block = True
                block_start = number
            continue
        if stripped.startswith("```"):
            if continuing:
                raise TranscriptError(f"{label}:{number}: the block ends after a `\\` that continues a command")
            in_block = False
            continue
        if continuing:
            commands[-1].text += "\n" + line
            continuing = line.endswith("\\")
        elif line.startswith("$ "):
            commands.append(Command(number, line[2:]))
            continuing = line.endswith("\\")
        elif not commands or commands[-1].line < block_start:
            raise TranscriptError(f"{label}:{number}: a ```console block must start with a command (`$ …`)")
        else:
            commands[-1].expected.append(Expected(number, line.rstrip()))
    for command in commands:
        while command.expected and not command.expected[-1].text:
            command.expected.pop()
    if in_block:
        raise TranscriptError(f"{label}:{block_start}: the ```console block is never closed")
    return commands


def line_pattern(text: str) -> "re.Pattern[str]":
    return re.compile(".*".join(re.escape(part) for part in text.split(ELLIPSIS)) + r"\Z", re.DOTALL)


@dataclass
class Mismatch:
    expected: Expected | None  # None: the output goes on after the last expected line
    at: int  # index in the output where the expected line was looked for, or the first extra line
    searched: bool  # True when the expected line was looked for in every line from `at` on (after a `…`)


def match(expected: list[Expected], output: list[str]) -> Mismatch | None:
    """Matches the whole output against the expected lines; None when it matches.

    reach holds every number of output lines that the expected lines so far can account for, so the first
    expected line that none of them can be followed by is the one to report.
    """
    reach = {0}
    for item in expected:
        if item.text.strip() == ELLIPSIS:
            reach = set(range(min(reach), len(output) + 1))
            continue
        pattern = line_pattern(item.text)
        following = {j + 1 for j in reach if j < len(output) and pattern.match(output[j])}
        if not following:
            return Mismatch(item, min(reach), len(reach) > 1)
        reach = following
    if len(output) in reach:
        return None
    return Mismatch(None, max(reach), False)


def shown_output(output: list[str], at: int) -> list[str]:
    """The output with line numbers, a marker at line `at`, cut in the middle when it is long."""
    keep = set(range(len(output))) if len(output) <= SHOWN_LINES else (
        set(range(20)) | set(range(len(output) - 20, len(output))) | set(range(at - 10, at + 11))
    )
    shown, skipped = [], False
    for index, text in enumerate(output):
        if index not in keep:
            if not skipped:
                shown.append("      | …")
            skipped = True
            continue
        skipped = False
        shown.append(f"{'>' if index == at else ' '}{index + 1:5} | {text}")
    if at >= len(output):
        shown.append(">      | (end of the output)")
    return shown


def describe(label: str, command: Command, status: int, output: list[str], mismatch: Mismatch) -> str:
    first_line = command.text.split("\n")[0]
    report = [
        f"{label}:{command.line}: `{first_line}` (exit status {status}) does not print what the transcript shows"
    ]
    if mismatch.expected is None:
        report.append(f"  after the last expected line, the output goes on at line {mismatch.at + 1}:")
        report.append(f"    {output[mismatch.at]}")
    else:
        report.append(f"  {label}:{mismatch.expected.line}: expected")
        report.append(f"    {mismatch.expected.text}")
        if mismatch.searched:
            report.append(f"  but no line from line {mismatch.at + 1} of the output on matches it")
        elif mismatch.at < len(output):
            report.append(f"  but line {mismatch.at + 1} of the output is")
            report.append(f"    {output[mismatch.at]}")
        else:
            report.append("  but the output ends before it")
    lines = f"{len(output)} line" + ("" if len(output) == 1 else "s")
    report.append(f"  the output ({lines}; `…` in an expected line stands for any text):")
    report.extend("  " + line for line in shown_output(output, mismatch.at))
    return "\n".join(report)


def copy_working_tree(destination: str) -> None:
    """Copies the files git tracks or would track, as they are in the working tree."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, check=True, capture_output=True,
    ).stdout.decode("utf-8").split("\0")
    for relative in filter(None, listed):
        source = os.path.join(ROOT, relative)
        if not os.path.lexists(source):  # deleted in the working tree
            continue
        target = os.path.join(destination, relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(source, target, follow_symlinks=False)


def write_stand_ins(bin_dir: str, binary: str, test_log: str) -> None:
    """`capitation` and `swift` as the transcripts use them, in a folder put first on PATH."""
    stand_ins = {
        "capitation": f'#!/bin/sh\nexec "{binary}" "$@"\n',
        "swift": f"""#!/bin/sh
if [ "$1" = run ] && [ "$2" = capitation ]; then
    shift 2
    exec "{binary}" "$@"
fi
if [ "$#" = 1 ] && [ "$1" = test ]; then
    if [ ! -f "{test_log}" ]; then
        echo "check-readme: no log of swift test at {test_log}: run Scripts/check.sh first" >&2
        exit 1
    fi
    exec cat "{test_log}"
fi
echo "check-readme: a transcript can run only 'swift run capitation …' and 'swift test', not 'swift $*'" >&2
exit 127
""",
    }
    os.makedirs(bin_dir)
    for name, text in stand_ins.items():
        path = os.path.join(bin_dir, name)
        with open(path, "w", encoding="utf-8") as file:
            file.write(text)
        os.chmod(path, 0o755)


def run(script: str, folder: str, environment: dict[str, str], timeout: float) -> tuple[bytes, int]:
    """Runs a command with bash in its own process group; returns what it printed and its exit status."""
    process = subprocess.Popen(
        ["bash", "-c", script], cwd=folder, env=environment, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        printed, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the command and everything it started, nothing else
        printed, _ = process.communicate()
        printed += (b"\n" if printed and not printed.endswith(b"\n") else b"")
        printed += f"check-readme: stopped after {timeout:g} s\n".encode()
    return printed, process.returncode


def check_file(markdown: str, binary: str, test_log: str, timeout: float, keep: bool) -> tuple[int, int]:
    """Runs the transcripts of one Markdown file; returns (commands run, commands that failed)."""
    label = os.path.relpath(markdown, ROOT)
    commands = read_transcripts(markdown, label)
    scratch = tempfile.mkdtemp(prefix="check-readme.")
    tree, own_tmp, bin_dir = (os.path.join(scratch, name) for name in ("tree", "tmp", "bin"))
    os.makedirs(own_tmp)
    copy_working_tree(tree)
    write_stand_ins(bin_dir, binary, test_log)
    environment = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""), TMPDIR=own_tmp)
    # `/tmp/` where a path starts: at the start, after a space, `=`, a quote or `>`.
    tmp_path = re.compile(r"""(^|[\s='"<>])/tmp/""", re.MULTILINE)
    failed = 0
    try:
        for command in commands:
            script = tmp_path.sub(lambda m: m.group(1) + own_tmp + "/", command.text)
            printed, status = run(script, tree, environment, timeout)
            text = printed.decode("utf-8", "replace").replace(own_tmp + "/", "/tmp/")
            output = [line.rstrip() for line in text.rstrip().splitlines()]
            mismatch = match(command.expected, output)
            if mismatch is not None:
                failed += 1
                print(describe(label, command, status, output, mismatch), file=sys.stderr, flush=True)
    finally:
        if keep:
            print(f"check-readme: the copy {label}'s transcripts ran in is kept in {tree}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    return len(commands), failed


def main() -> int:
    parser = argparse.ArgumentParser(description="Checks the ```console transcripts of Markdown files.")
    parser.add_argument("files", nargs="*", help="Markdown files (default: README.md and Examples/*/README.md)")
    parser.add_argument("--release", action="store_true", help="use .build/release/capitation")
    parser.add_argument("--test-log", default=os.path.join(ROOT, ".build", "swift-test.log"),
                        help="what `swift test` printed (default: .build/swift-test.log, kept by Scripts/check.sh)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds a command may take (default: 300)")
    parser.add_argument("--keep", action="store_true", help="keep the copies the transcripts ran in")
    arguments = parser.parse_args()

    binary = os.path.join(ROOT, ".build", "release" if arguments.release else "debug", "capitation")
    if not os.access(binary, os.X_OK):
        print(f"check-readme: no {os.path.relpath(binary, ROOT)}: build it first "
              f"(swift build{' -c release' if arguments.release else ''}, or Scripts/check.sh)", file=sys.stderr)
        return 2
    names = arguments.files or [os.path.join(ROOT, "README.md")] + sorted(
        glob.glob(os.path.join(ROOT, "Examples", "*", "README.md"))
    )
    started = time.monotonic()
    total = failed = 0
    for name in names:
        markdown = os.path.abspath(name)
        try:
            run, failures = check_file(markdown, binary, os.path.abspath(arguments.test_log),
                                       arguments.timeout, arguments.keep)
        except (TranscriptError, OSError, subprocess.CalledProcessError) as error:
            print(f"check-readme: {error}", file=sys.stderr)
            return 2
        total += run
        failed += failures
    seconds = time.monotonic() - started
    files = ", ".join(os.path.relpath(os.path.abspath(name), ROOT) for name in names)
    if failed:
        print(f"check-readme: {failed} of {total} commands in {files} do not print what their transcripts show",
              file=sys.stderr)
        return 1
    print(f"check-readme: the {total} commands in {files} print what their transcripts show ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
