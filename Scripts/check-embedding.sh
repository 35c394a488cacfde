#!/usr/bin/env bash
# Builds the README's "Using it as a library" example as its reader would: a package of its own, next to a
# checkout named `capitation`, with the README's Package.swift and code word for word. It sees only what the
# libraries make public, which the tests inside this package cannot show. Runs the example on
# Examples/shared-losses and checks the figures the README gives (budget 25,490.00, savings 5,490.00,
# payout 2,549.00).
set -euo pipefail
cd "$(dirname "$0")/.."
repository=$(pwd)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ln -s "$repository" "$work/capitation"
mkdir -p "$work/settlements/Sources/settlements"

# The README's first two swift blocks after the section heading: Package.swift, then the code.
python3 - "$repository/README.md" "$work/settlements" <<'PYTHON'
import re, sys, pathlib
readme = pathlib.Path(sys.argv[1]).read_text(encoding="utf-8")
section = readme.split("## Using it as a library", 1)[1].split("\n## ", 1)[0]
blocks = re.findall(r"```swift\n(.*?)```", section, re.S)
if len(blocks) < 2:
    sys.exit("README.md: the section 'Using it as a library' lacks its Package.swift and its code")
package = pathlib.Path(sys.argv[2])
(package / "Package.swift").write_text(blocks[0], encoding="utf-8")
(package / "Sources/settlements/Example.swift").write_text(blocks[1], encoding="utf-8")
PYTHON

cat >"$work/settlements/Sources/settlements/main.swift" <<'SWIFT'
import CapitationCore

let settlement = try settleInMemory(contractAt: CommandLine.arguments[1])
print(settlement.totals.budget, settlement.totals.savings, settlement.sharing.payout)
SWIFT

echo "==> the README's library example, built outside the package"
(cd "$work/settlements" && swift build -c debug 2>&1 | tail -n 3)
printed=$("$work/settlements/.build/debug/settlements" "$repository/Examples/shared-losses/contract.xml")
expected="25490.00 5490.00 2549.00"
if [ "$printed" != "$expected" ]; then
    echo "the README's library example printed '$printed', not '$expected'" >&2
    exit 1
fi
echo "it printed $printed"
