#!/usr/bin/env python3
"""The benchmark: our `process` command against the V8 reference (Node + papaparse), side by side.

Generates the contacts file once, builds the executable once, then runs every scenario in alternation
(`--runs` rounds, so machine noise hits all of them alike) and prints the median wall time, rows/s, MB/s, peak
memory and each scenario's ratio to the V8 reference measured in the same run.

    python3 bench/bench.py [--rows 1000000] [--runs 3] [--only name,name]
"""
import argparse, json, os, pathlib, re, shutil, statistics, subprocess, sys, time

ROOT = pathlib.Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
DATA = BENCH / "data"
REF = BENCH / "reference"
BUILD = BENCH / ".build"
NODE = BENCH / ".node"

COLUMN_HOOK = """  hooks:
    columnHooks:
      - fieldName: email
        callback: |
          (values) => values.map(v => ({ index: v.index, value: String(v.value).trim().toLowerCase() }))
"""


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def manifests(rows):
    """The workload with its row hook, without hooks, and with a column hook instead of the row hook."""
    text = (REF / "bench-import.yaml").read_text()
    head, _, _ = text.partition("  hooks:\n")
    out = {}
    for name, body in {"row-hook": text, "no-hook": head, "column-hook": head + COLUMN_HOOK}.items():
        path = DATA / f"bench-{name}.yaml"
        path.write_text(body)
        out[name] = path
    return out


def prepare(rows):
    DATA.mkdir(parents=True, exist_ok=True)
    csv = DATA / f"contacts-{rows}.csv"
    if not csv.exists():
        print(f"generating {csv.name} ...", file=sys.stderr)
        sh([sys.executable, str(REF / "gen_contacts.py"), str(rows), str(csv)])
    print("building import-operator (Release) ...", file=sys.stderr)
    sh(["dotnet", "publish", str(ROOT / "src/ImportOperator"), "-c", "Release", "-o", str(BUILD), "--nologo", "-v", "quiet"],
       stdout=subprocess.DEVNULL)
    if not (NODE / "node_modules" / "papaparse").exists():
        print("installing papaparse for the V8 reference ...", file=sys.stderr)
        NODE.mkdir(parents=True, exist_ok=True)
        sh(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(NODE), "papaparse@5.7.1"])
    return csv


def timed(cmd, env=None):
    """Runs cmd under /usr/bin/time; returns (wall seconds, peak RSS MB)."""
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          env={**os.environ, **(env or {})}, text=True)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    peak_kb = int(re.findall(r"^(\d+)$", proc.stderr, re.M)[-1])
    return wall, peak_kb / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()

    csv = prepare(args.rows)
    size_mb = csv.stat().st_size / 1e6
    files = manifests(args.rows)
    exe = str(BUILD / "import-operator")
    out = DATA / "out"
    cores = os.cpu_count()

    def ours(manifest, engines):
        return [exe, "process", "-f", str(manifest), "--file", str(csv), "--out", str(out), "--quiet",
                "--hook-engines", str(engines)]

    scenarios = {
        "v8-reference (node + papaparse + hook)": (["node", str(REF / "v8-anchor.js"), str(csv), str(DATA / "v8-out.jsonl")],
                                                   {"NODE_PATH": str(NODE / "node_modules")}),
        "ours: no hook": (ours(files["no-hook"], cores), None),
        "ours: row hook, 1 engine": (ours(files["row-hook"], 1), None),
        f"ours: row hook, {cores} engines": (ours(files["row-hook"], cores), None),
        "ours: column hook": (ours(files["column-hook"], cores), None),
    }
    if args.only:
        wanted = [w.strip() for w in args.only.split(",")]
        scenarios = {k: v for k, v in scenarios.items() if any(w in k for w in wanted) or k.startswith("v8")}

    results = {name: [] for name in scenarios}
    for round_ in range(args.runs):
        for name, (cmd, env) in scenarios.items():
            wall, peak = timed(cmd, env)
            results[name].append((wall, peak))
            print(f"round {round_ + 1}: {name}: {wall:.2f} s, {peak:.0f} MB", file=sys.stderr)

    reference = statistics.median(w for w, _ in results[next(iter(scenarios))])
    rows = []
    print(f"\n{args.rows:,} rows, {size_mb:.0f} MB, {cores} cores, median of {args.runs} alternating runs\n")
    print("| scenario | wall s | rows/s | MB/s | peak MB | speed vs V8 reference |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, samples in results.items():
        wall = statistics.median(w for w, _ in samples)
        peak = max(p for _, p in samples)
        print(f"| {name} | {wall:.2f} | {args.rows / wall:,.0f} | {size_mb / wall:.1f} | {peak:.0f} | {reference / wall:.2f}× |")
        rows.append({"scenario": name, "wall": wall, "rowsPerSecond": args.rows / wall, "peakMb": peak, "vsReference": reference / wall})
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps({"rows": args.rows, "cores": cores, "results": rows}, indent=2))


if __name__ == "__main__":
    main()
