#!/usr/bin/env bash
# Renders the HTML settlement report of Examples/small-fieldlab, the provisional and final settlements of a
# generated folder with a run-out, and the evaluation of a generated folder with a comparison population,
# in a real browser (Debian's chromium, headless), in both locales: the
# screenshot must not be blank, and the rendered page must show the key figures (total savings, payout,
# each party's net; the effects, gross and net effect, each financier's net effect) exactly as the JSON
# has them.
# Installs chromium and Python's imaging library when missing. Usage: Scripts/check-report-in-browser.sh
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
/usr/bin/python3 -c "import PIL" >/dev/null 2>&1 || missing+=(python3-pil)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "==> installing ${missing[*]}"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
swift build --product capitation
binary="$(swift build --show-bin-path)/capitation"

"$binary" settle Examples/small-fieldlab --out "$work/en" --report html --quiet
"$binary" report "$work/en/settlement.json" --format html --locale nl --out "$work/nl.html"

"$binary" generate --members 1500 --seed 5 --baseline-years 2 --comparison-members 1500 --true-effect -10 \
    --out "$work/evaluation" >/dev/null
"$binary" evaluate "$work/evaluation" --resamples 50 --json >"$work/evaluation.json"
for locale in en nl; do
    "$binary" evaluate "$work/evaluation" --resamples 50 --format html --locale "$locale" \
        --out "$work/evaluation-$locale.html" 2>/dev/null
done

"$binary" generate --members 1500 --seed 5 --baseline-years 2 --run-out 3,12 --out "$work/run-out" >/dev/null
for stage in provisional final; do
    "$binary" settle "$work/run-out" --stage "$stage" --out "$work/run-out/$stage" --report html --quiet 2>/dev/null
done

# check NAME PAGE JSON LOCALE: renders PAGE, screenshots it and checks its figures against JSON.
check() {
    echo "==> chromium: $1"
    browser=(chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run
        --disable-background-networking --user-data-dir="$work/profile")
    timeout 120 "${browser[@]}" --window-size=1000,1400 --screenshot="$work/$1.png" "file://$2" \
        >"$work/$1.log" 2>&1 || { cat "$work/$1.log"; exit 1; }
    timeout 120 "${browser[@]}" --dump-dom "file://$2" >"$work/$1.dom" 2>"$work/$1.err" \
        || { cat "$work/$1.err"; exit 1; }
    /usr/bin/python3 Scripts/check_report_dom.py "$3" "$work/$1.dom" "$work/$1.png" "$4"
}
check settlement-en "$work/en/report.html" "$work/en/settlement.json" en
check settlement-nl "$work/nl.html" "$work/en/settlement.json" nl
check evaluation-en "$work/evaluation-en.html" "$work/evaluation.json" en
check evaluation-nl "$work/evaluation-nl.html" "$work/evaluation.json" nl
check provisional-en "$work/run-out/provisional/report.html" "$work/run-out/provisional/settlement.json" en
check final-en "$work/run-out/final/report.html" "$work/run-out/final/settlement.json" en
echo "==> the reports render, and show the figures of their JSON"
