#!/usr/bin/env bash
# Builds the documentation of every library with DocC, from the public symbols, and fails on any warning:
# a link to a symbol that is not public (or not in the library), a topic that names no symbol, an article
# that does not resolve. Each library's catalogue is built on its own, as a reader's documentation build
# does, so a symbol of another library is written `Name` (code voice), not linked.
set -euo pipefail
cd "$(dirname "$0")/.."

libraries=(CapitationCore ContractXML ClaimFormats Pseudonymisation SettlementRunner SettlementReports
    SettlementVerification SyntheticData)

docc=$(command -v docc || true)
if [ -z "$docc" ]; then
    docc="$(dirname "$(readlink -f "$(command -v swift)")")/docc"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "==> DocC: the public symbols of each library"
swift package dump-symbol-graph --minimum-access-level public >"$work/dump.log" 2>&1 || {
    cat "$work/dump.log"
    exit 1
}
graphs=$(sed -n 's/^Files written to //p' "$work/dump.log")

failed=0
for library in "${libraries[@]}"; do
    mkdir -p "$work/$library"
    cp "$graphs/$library".symbols.json "$work/$library/"
    cp "$graphs/$library"@*.symbols.json "$work/$library/" 2>/dev/null || true
    output=$("$docc" convert "Sources/$library/Documentation.docc" \
        --additional-symbol-graph-dir "$work/$library" \
        --fallback-display-name "$library" --fallback-bundle-identifier "org.capitation.$library" \
        --output-path "$work/$library.doccarchive" --analyze 2>&1) || {
        echo "$output"
        failed=1
        continue
    }
    warnings=$(grep -cE "^warning|: warning" <<<"$output" || true)
    if [ "$warnings" -gt 0 ]; then
        echo "$library: $warnings warnings"
        grep -E -A3 "^warning|: warning" <<<"$output"
        failed=1
    else
        echo "$library: no warnings"
    fi
done
exit $failed
