#!/usr/bin/env bash
# The one command for local runs and CI: a clean build with warnings as errors, the tests, and the format lint.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> clean build (warnings are errors)"
rm -rf .build
swift build --build-tests -Xswiftc -warnings-as-errors --explicit-target-dependency-import-check error

echo "==> swift test"
# Scripts/check-readme.py checks the README's `swift test` transcript against this log: the run is not repeated.
swift test 2>&1 | tee .build/swift-test.log

echo "==> swift format lint"
swift format lint --strict --recursive Sources Tests Package.swift Fuzz/Sources Fuzz/Package.swift Benchmarks/ParseThroughput
