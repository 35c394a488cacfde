#!/usr/bin/env bash
# Renders the HTML settlement report of Examples/small-fieldlab in a real browser (Debian's chromium,
# headless), in both locales: the screenshot must not be blank, and the rendered page must show the key
# figures (total savings, payout, each party's net) exactly as settlement.json has them.
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

for locale in en nl; do
    page="$work/en/report.html"
    [ "$locale" = nl ] && page="$work/nl.html"
    echo "==> chromium: $locale"
    browser=(chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run
        --disable-background-networking --user-data-dir="$work/profile")
    timeout 120 "${browser[@]}" --window-size=1000,1400 --screenshot="$work/$locale.png" "file://$page" \
        >"$work/$locale.log" 2>&1 || { cat "$work/$locale.log"; exit 1; }
    timeout 120 "${browser[@]}" --dump-dom "file://$page" >"$work/$locale.dom" 2>"$work/$locale.err" \
        || { cat "$work/$locale.err"; exit 1; }
    /usr/bin/python3 Scripts/check_report_dom.py "$work/en/settlement.json" "$work/$locale.dom" \
        "$work/$locale.png" "$locale"
done
echo "==> the report renders, and shows the figures of settlement.json"
