#!/usr/bin/env bash
# Runs every test of the solution. Installs what the tests need (tools under .tools/, git-ignored) first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-tools.sh
dotnet test ImportOperator.sln -c Release --logger "console;verbosity=normal" "$@"
