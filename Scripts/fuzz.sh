#!/usr/bin/env bash
# Fuzzes the readers of untrusted input with libFuzzer: the contract loader, the CSV readers, the AW319
# reader and the WMO323 reader.
#
#   Scripts/fuzz.sh [SECONDS] [TARGET…]     fuzz each target (default: all four) for SECONDS (default 600)
#   Scripts/fuzz.sh replay [TARGET…]         run each target once over its committed corpus (CI does this)
#
# Builds Fuzz/ with -sanitize=fuzzer,address. Fuzzing starts from the committed seed corpus in
# Fuzz/Corpus/NAME, with the dictionary Fuzz/NAME.dict; new inputs go to .build/fuzz/corpus/NAME, never into
# the committed corpus; a crash or hang is written to .build/fuzz/findings/NAME and the script exits
# non-zero. Replay a finding with: Fuzz/.build/release/FuzzNAME FILE
set -euo pipefail
cd "$(dirname "$0")/.."
# A crash is reported by libFuzzer and AddressSanitizer; the Swift backtracer would only add noise.
export SWIFT_BACKTRACE=enable=no

mode=fuzz
seconds=600
if [ "${1:-}" = replay ]; then
    mode=replay
    shift
elif [ -n "${1:-}" ] && [[ "$1" =~ ^[0-9]+$ ]]; then
    seconds="$1"
    shift
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(Contract CSV AW319 WMO323)

echo "==> building the fuzz targets (-sanitize=fuzzer,address)"
(cd Fuzz && swift build -c release \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld)

status=0
for name in "${targets[@]}"; do
    mkdir -p .build/fuzz
    log=".build/fuzz/$name.log"
    if [ "$mode" = replay ]; then
        echo "==> Fuzz$name: replaying Fuzz/Corpus/$name ($(ls "Fuzz/Corpus/$name" | wc -l) inputs)"
        if ! "Fuzz/.build/release/Fuzz$name" -runs=0 -timeout=10 "Fuzz/Corpus/$name" > "$log" 2>&1; then
            tail -40 "$log" >&2
            status=1
        fi
        continue
    fi
    corpus=".build/fuzz/corpus/$name"
    findings=".build/fuzz/findings/$name"
    mkdir -p "$corpus" "$findings"
    options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536
        -artifact_prefix="$findings/" -print_final_stats=1)
    [ -f "Fuzz/$name.dict" ] && options+=(-dict="Fuzz/$name.dict")
    echo "==> Fuzz$name for $seconds s"
    if ! "Fuzz/.build/release/Fuzz$name" "${options[@]}" "$corpus" "Fuzz/Corpus/$name" > "$log" 2>&1; then
        echo "Fuzz$name found a problem: $(ls "$findings")" >&2
        tail -40 "$log" >&2
        status=1
    fi
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$log" || true
    grep -E "^#[0-9]+" "$log" | tail -1
done
exit $status
