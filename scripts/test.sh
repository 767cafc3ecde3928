#!/usr/bin/env bash
# Runs every test of the solution. Installs what the tests need (tools under .tools/, git-ignored) first,
# then prints one closing line "N passed, N failed, N skipped" summed over all test projects.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-tools.sh
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
status=0
dotnet test ImportOperator.sln -c Release --logger "console;verbosity=minimal" --logger "trx" --results-directory "$results" "$@" || status=$?
python3 scripts/summarize-trx.py "$results"
exit "$status"
