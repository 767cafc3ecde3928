#!/usr/bin/env python3
"""The operator's scale figures of the performance issue, from one command.

Runs the end-to-end scale scenarios (tests/ImportOperator.Tests OperatorScaleTests: the real operator executable,
the test API server with the local Job runner, s3rver, real worker processes) at the issue's sizes instead of the
modest sizes CI uses, and prints what they measured:

  burst     N imports applied at once -> all AWAITING_UPLOAD with an upload URL (target: 1,000 within 10 s)
  scale     N imports with data applied at once -> all SUCCESSFUL, one Job each (target: 200)
  finished  N finished imports in the operator's cache -> links renewed after a restart; RSS reported (10,000)
  split     the benchmark workload (bench/reference, N rows) uploaded to an operator that splits files past 2 MiB:
            plan, Indexed Job of chunk pods, merge -> SUCCESSFUL; results equal to `process` byte for byte (1,000,000)

Usage: python3 bench/operator.py [--burst 1000] [--imports 200] [--finished 10000] [--split-rows 1000000]
"""
import argparse
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--burst", type=int, default=1000)
    parser.add_argument("--imports", type=int, default=200)
    parser.add_argument("--finished", type=int, default=10000)
    parser.add_argument("--split-rows", type=int, default=1000000)
    args = parser.parse_args()

    subprocess.run(["bash", "scripts/install-test-tools.sh"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    report = ROOT / "artifacts" / "operator-scale.txt"
    report.unlink(missing_ok=True)
    env = dict(os.environ,
               IMPORT_OPERATOR_SCALE_BURST=str(args.burst),
               IMPORT_OPERATOR_SCALE_IMPORTS=str(args.imports),
               IMPORT_OPERATOR_SCALE_FINISHED=str(args.finished),
               IMPORT_OPERATOR_SPLIT_BENCH_ROWS=str(args.split_rows))
    load = os.getloadavg()
    result = subprocess.run(["dotnet", "test", "tests/ImportOperator.Tests", "-c", "Release",
                             "--filter", "FullyQualifiedName~OperatorScaleTests|FullyQualifiedName~SplitBenchmarkWorkloadTests", "--logger", "console;verbosity=minimal"],
                            cwd=ROOT, env=env)
    print(f"\n# operator scale ({os.cpu_count()} cores, load average before the run {load[0]:.1f})")
    print(report.read_text() if report.exists() else "(no figures: the scenarios did not get that far)")
    sys.exit(result.returncode)


if __name__ == "__main__":
    main()
