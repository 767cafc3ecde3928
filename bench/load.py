#!/usr/bin/env python3
"""The load run: N imports through the whole one-machine system, as users drive it.

Brings up what scripts/run-local.sh brings up (s3rver, the test API server with its local Job runner running the
real worker, the operator), then for each import: create the HeadlessImport, wait for AWAITING_UPLOAD, PUT a small
CSV to status.upload with a plain HTTP client, and wait for the terminal phase. Phases are timed from a watch on
the imports (not polling), so the latencies are those a watching client sees. Prints the failure rate, latency
percentiles (create -> AWAITING_UPLOAD, upload -> terminal) and the operator's peak RSS; stops everything at the end.

    python3 bench/load.py [--imports 1000] [--concurrency 32] [--max-pods 4] [--timeout 1800] [--kill-leader-after N]

With --kill-leader-after N two operator replicas run with leader election, and the leader is killed (SIGKILL, its
Lease not released) once N files are uploaded: leader failover under load; the standby's takeover time is printed.

Not part of CI: 1,000 imports take minutes on a 2-core machine.
"""
import argparse, json, os, pathlib, shutil, signal, socket, subprocess, sys, tempfile, threading, time
import urllib.error, urllib.request
from concurrent.futures import ThreadPoolExecutor

ROOT = pathlib.Path(__file__).resolve().parent.parent
BUILD = ROOT / "bench" / ".build" / "load"
GROUP, VERSION, PLURAL = "importoperator.io", "v1alpha1", "headlessimports"
TERMINAL = {"SUCCESSFUL", "FAILED"}
CSV = b"Name,Email\nAda Lovelace,ada@example.com\nGrace Hopper,grace@example.com\nLinus Torvalds,linus@example.com\n"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Api:
    """The few Kubernetes API calls the run needs, against the test API server (bearer token, no TLS)."""

    def __init__(self, base):
        self.base = base

    def call(self, method, path, body=None, timeout=60):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method, headers={
            "Authorization": "Bearer test-token", "Content-Type": "application/json", "Accept": "application/json"})
        for attempt in range(5):
            try:
                with urllib.request.urlopen(request, timeout=timeout) as response:
                    return json.loads(response.read() or b"null")
            except urllib.error.HTTPError as e:
                if e.code not in (429, 500, 503) or attempt == 4:
                    raise RuntimeError(f"{method} {path} answered {e.code}: {e.read()[:300]!r}") from e
            except (urllib.error.URLError, TimeoutError, ConnectionError):
                if attempt == 4:
                    raise
            time.sleep(0.5 * (attempt + 1))

    def imports_path(self, ns):
        return f"/apis/{GROUP}/{VERSION}/namespaces/{ns}/{PLURAL}"


class Timeline:
    """When each import was created, first seen in each phase, and uploaded; fed by a watch thread."""

    def __init__(self):
        self.lock = threading.Lock()
        self.created, self.awaiting, self.uploaded, self.terminal = {}, {}, {}, {}
        self.upload_url, self.phase = {}, {}
        self.awaiting_event = threading.Condition(self.lock)

    def observe(self, obj, now):
        name = obj["metadata"]["name"]
        status = obj.get("status") or {}
        phase = status.get("phase")
        with self.lock:
            self.phase[name] = phase
            if phase == "AWAITING_UPLOAD" and status.get("upload") and name not in self.awaiting:
                self.awaiting[name] = now
                self.upload_url[name] = status["upload"]
                self.awaiting_event.notify_all()
            if phase in TERMINAL and name not in self.terminal:
                self.terminal[name] = (now, phase, status.get("reason"))


def watch_forever(api, ns, timeline, stop):
    """A watch on the namespace's imports, resumed after every end; a 410 (expired) re-lists."""
    rv = None
    while not stop.is_set():
        try:
            if rv is None:
                listing = api.call("GET", api.imports_path(ns))
                now = time.monotonic()
                for item in listing.get("items", []):
                    timeline.observe(item, now)
                rv = listing["metadata"]["resourceVersion"]
            url = f"{api.base}{api.imports_path(ns)}?watch=true&allowWatchBookmarks=true&timeoutSeconds=60&resourceVersion={rv}"
            request = urllib.request.Request(url, headers={"Authorization": "Bearer test-token"})
            with urllib.request.urlopen(request, timeout=90) as stream:
                for line in stream:
                    if stop.is_set():
                        return
                    event = json.loads(line)
                    if event["type"] == "ERROR":
                        rv = None
                        break
                    rv = event["object"]["metadata"].get("resourceVersion", rv)
                    if event["type"] in ("ADDED", "MODIFIED"):
                        timeline.observe(event["object"], time.monotonic())
        except Exception as e:  # noqa: BLE001 - a dropped watch is resumed; the run must not stop over it
            if not stop.is_set():
                print(f"watch restarted: {e}", file=sys.stderr)
                time.sleep(0.5)


def percentiles(values):
    if not values:
        return "n/a"
    ordered = sorted(values)

    def at(q):
        return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]
    return f"p50 {at(0.5):.2f} s, p90 {at(0.9):.2f} s, p99 {at(0.99):.2f} s, max {ordered[-1]:.2f} s"


def peak_rss_mib(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def build():
    print("building the operator and the test API server...", flush=True)
    subprocess.run(["bash", "scripts/install-test-tools.sh"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    for project, out in (("src/ImportOperator", "bin"), ("tests/ImportOperator.TestApiServer", "apiserver")):
        subprocess.run(["dotnet", "build", project, "-c", "Release", "-o", str(BUILD / out), "-v", "quiet", "-nologo"],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def start_system(work, max_pods, processes, replicas):
    s3_port, api_port = free_port(), free_port()
    keys = work / "keys"
    keys.mkdir()
    (keys / "access-key-id").write_text("S3RVER")
    (keys / "secret-access-key").write_text("S3RVER")
    (keys / "webhook-signing-key").write_bytes(os.urandom(48))
    (keys / "review-signing-key").write_bytes(os.urandom(48))
    (work / "s3").mkdir()
    logs = work / "logs"
    logs.mkdir()

    def spawn(name, cmd):
        log = open(logs / f"{name}.log", "wb")
        process = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        processes.append(process)
        return process

    spawn("s3rver", ["node", "--openssl-legacy-provider", str(ROOT / ".tools/s3rver/node_modules/s3rver/bin/s3rver.js"),
                     "-d", str(work / "s3"), "-a", "127.0.0.1", "-p", str(s3_port), "--silent"])
    kubeconfig = work / "kubeconfig"
    spawn("apiserver", ["dotnet", str(BUILD / "apiserver/ImportOperator.TestApiServer.dll"), "--crds", str(ROOT / "config/crd"),
                        "--port", str(api_port), "--kubeconfig", str(kubeconfig), "--max-concurrent-pods", str(max_pods),
                        "--job-runner-image", "import-operator:load", "--job-runner-executable", "dotnet",
                        "--job-runner-arg", str(BUILD / "bin/import-operator.dll")])
    deadline = time.monotonic() + 60
    while not (kubeconfig.exists() and kubeconfig.stat().st_size > 0):
        if time.monotonic() > deadline:
            sys.exit(f"error: the test API server did not start; see {logs / 'apiserver.log'}")
        time.sleep(0.2)
    operator_args = [
        "dotnet", str(BUILD / "bin/import-operator.dll"), "operator", "--kubeconfig", str(kubeconfig),
        "--leader-elect", "true" if replicas > 1 else "false",
        "--health-port", "-1", "--metrics-port", "-1",
        "--storage-bucket", "imports", "--storage-endpoint", f"http://127.0.0.1:{s3_port}", "--storage-region", "us-east-1",
        "--storage-force-path-style", "true", "--storage-access-key-id-file", str(keys / "access-key-id"),
        "--storage-secret-access-key-file", str(keys / "secret-access-key"), "--worker-image", "import-operator:load",
        "--upload-scan-interval", "1", "--webhook-signing-key-file", str(keys / "webhook-signing-key"),
        "--review-base-url", "http://127.0.0.1:18080", "--review-signing-key-file", str(keys / "review-signing-key")]
    operators = []
    for replica in range(1, replicas + 1):
        operators.append(spawn(f"operator-{replica}", operator_args))
        if replica == 1 and replicas > 1:
            wait_for_log(logs / "operator-1.log", "became leader", 120)  # the first replica leads; the others stand by
    return Api(f"http://127.0.0.1:{api_port}"), operators, logs


def wait_for_log(path, text, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.exists() and text in path.read_text(errors="replace"):
            return True
        time.sleep(0.2)
    return False


def kill_leader_when(timeline, uploads, operators, logs, stop, report):
    """SIGKILLs the leading replica once `uploads` files are uploaded; reports when a standby took over."""
    while not stop.is_set():
        with timeline.lock:
            if len(timeline.uploaded) >= uploads:
                break
        time.sleep(0.2)
    if stop.is_set():
        return
    leader = next(i for i in range(len(operators)) if "became leader" in (logs / f"operator-{i + 1}.log").read_text(errors="replace"))
    os.killpg(operators[leader].pid, signal.SIGKILL)
    killed_at = time.monotonic()
    standbys = [i for i in range(len(operators)) if i != leader]
    deadline = killed_at + 120
    while time.monotonic() < deadline and not stop.is_set():
        for i in standbys:
            if "became leader" in (logs / f"operator-{i + 1}.log").read_text(errors="replace"):
                report.append(f"leader operator-{leader + 1} killed after {uploads} uploads; operator-{i + 1} led "
                              f"{time.monotonic() - killed_at:.1f} s later (Lease duration 15 s)")
                return
        time.sleep(0.2)
    report.append(f"leader operator-{leader + 1} killed after {uploads} uploads; no standby took over within 120 s")


def import_body(ns, name):
    return {
        "apiVersion": f"{GROUP}/{VERSION}", "kind": "HeadlessImport",
        "metadata": {"name": name, "namespace": ns},
        "spec": {
            "originalFilename": "people.csv",
            "fields": [
                {"key": "name", "label": "Name", "validators": [{"validate": "required"}]},
                {"key": "email", "label": "Email", "type": "email"},
            ],
        },
    }


def put(url, body):
    request = urllib.request.Request(url, data=body, method="PUT")
    for attempt in range(5):
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                if 200 <= response.status < 300:
                    return
        except (urllib.error.URLError, TimeoutError, ConnectionError):
            if attempt == 4:
                raise
        time.sleep(0.5 * (attempt + 1))


def run(args):
    build()
    work = pathlib.Path(tempfile.mkdtemp(prefix="import-load-"))
    processes = []
    stop = threading.Event()
    try:
        replicas = 2 if args.kill_leader_after is not None else 1
        api, operators, logs = start_system(work, args.max_pods, processes, replicas)
        ns = "load"
        api.call("POST", "/api/v1/namespaces", {"metadata": {"name": ns}})
        timeline = Timeline()
        threading.Thread(target=watch_forever, args=(api, ns, timeline, stop), daemon=True).start()
        names = [f"load-{i:05d}" for i in range(args.imports)]
        print(f"submitting {args.imports} imports ({args.concurrency} clients, at most {args.max_pods} worker processes at once)...", flush=True)
        started = time.monotonic()
        upload_errors = []

        def one(name):
            api.call("POST", api.imports_path(ns), import_body(ns, name))
            with timeline.lock:
                timeline.created[name] = time.monotonic()
                deadline = time.monotonic() + args.timeout
                while name not in timeline.awaiting and name not in timeline.terminal:
                    timeline.awaiting_event.wait(timeout=1)
                    if stop.is_set() or time.monotonic() > deadline:
                        return
                url = timeline.upload_url.get(name)
            if url is None:
                return
            try:
                put(url, CSV)
            except Exception as e:  # noqa: BLE001 - counted as a failure of this import
                upload_errors.append(f"{name}: {e}")
                return
            with timeline.lock:
                timeline.uploaded[name] = time.monotonic()

        failover = []
        if args.kill_leader_after is not None:
            threading.Thread(target=kill_leader_when, args=(timeline, args.kill_leader_after, operators, logs, stop, failover), daemon=True).start()
        pool = ThreadPoolExecutor(args.concurrency)
        try:
            list(pool.map(one, names))
        except KeyboardInterrupt:
            stop.set()  # the clients give up at once instead of waiting out --timeout
            raise
        finally:
            pool.shutdown(cancel_futures=True)
        submitted = time.monotonic() - started
        deadline = started + args.timeout
        while time.monotonic() < deadline:
            with timeline.lock:
                if all(n in timeline.terminal or n not in timeline.uploaded for n in names):
                    break
            time.sleep(0.5)
        elapsed = time.monotonic() - started
        peaks = [p for p in (peak_rss_mib(o.pid) for o in operators if o.poll() is None) if p is not None]
        peak = max(peaks) if peaks else None

        with timeline.lock:
            successful = [n for n in names if timeline.terminal.get(n, (0, None))[1] == "SUCCESSFUL"]
            failed = {n: timeline.terminal[n][2] for n in names if timeline.terminal.get(n, (0, None))[1] == "FAILED"}
            unfinished = [n for n in names if n not in timeline.terminal]
            to_awaiting = [timeline.awaiting[n] - timeline.created[n] for n in names if n in timeline.awaiting and n in timeline.created]
            to_terminal = [timeline.terminal[n][0] - timeline.uploaded[n] for n in names if n in timeline.terminal and n in timeline.uploaded]
        failures = len(failed) + len(unfinished)
        jobs_per_import = {}
        for job in api.call("GET", f"/apis/batch/v1/namespaces/{ns}/jobs").get("items", []):
            uid = (job["metadata"].get("labels") or {}).get("importoperator.io/import-uid")
            jobs_per_import[uid] = jobs_per_import.get(uid, 0) + 1
        doubled = sum(1 for count in jobs_per_import.values() if count > 1)
        print()
        print(f"imports: {args.imports}; successful {len(successful)}, failed {len(failed)}, unfinished {len(unfinished)}; "
              f"failure rate {100.0 * failures / args.imports:.2f}%")
        if failed:
            reasons = {}
            for reason in failed.values():
                reasons[reason] = reasons.get(reason, 0) + 1
            print(f"failure reasons: {reasons}")
        if upload_errors:
            print(f"upload errors: {upload_errors[:5]}")
        print(f"processing Jobs: {sum(jobs_per_import.values())} for {len(jobs_per_import)} imports; imports with more than one Job: {doubled}")
        print(f"create -> AWAITING_UPLOAD: {percentiles(to_awaiting)}")
        print(f"upload -> terminal phase:  {percentiles(to_terminal)}")
        print(f"all submitted after {submitted:.1f} s, all finished after {elapsed:.1f} s ({args.imports / elapsed:.2f} imports/s); "
              f"operator peak RSS {'unknown' if peak is None else f'{peak:.0f} MiB'}")
        for line in failover:
            print(line)
        print(f"logs: {logs}")
        return 0 if failures == 0 and doubled == 0 else 1
    finally:
        stop.set()
        for process in reversed(processes):
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        shutil.rmtree(work / "s3", ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--imports", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=32, help="clients creating and uploading at once")
    parser.add_argument("--max-pods", type=int, default=4, help="worker processes the local Job runner runs at once")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds the whole run may take")
    parser.add_argument("--kill-leader-after", type=int, default=None, metavar="N",
                        help="run two replicas with leader election and kill the leader once N files are uploaded")
    sys.exit(run(parser.parse_args()))


if __name__ == "__main__":
    main()
