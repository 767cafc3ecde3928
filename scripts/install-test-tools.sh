#!/usr/bin/env bash
# Installs the tools the tests use, once, into .tools/ (git-ignored). Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tools
