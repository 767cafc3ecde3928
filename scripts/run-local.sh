#!/usr/bin/env bash
# The whole system on one machine, no cluster and no Docker: s3rver (S3), the test API server (a Kubernetes API with
# the local Job runner playing kubelet: processing Jobs run as local processes) and the operator. Writes the
# kubeconfig to .local/kubeconfig and serves until Ctrl+C, which stops all three. Usage: bash scripts/run-local.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
LOCAL="$ROOT/.local"
API_PORT="${API_PORT:-16443}"
S3_PORT="${S3_PORT:-14568}"
mkdir -p "$LOCAL/s3" "$LOCAL/keys" "$LOCAL/bin"
rm -f "$LOCAL/kubeconfig"

bash scripts/install-test-tools.sh >/dev/null
echo "building..."
dotnet build src/ImportOperator -c Release -o "$LOCAL/bin" -v quiet -nologo >/dev/null
dotnet build tests/ImportOperator.TestApiServer -c Release -o "$LOCAL/apiserver" -v quiet -nologo >/dev/null

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

node --openssl-legacy-provider .tools/s3rver/node_modules/s3rver/bin/s3rver.js -d "$LOCAL/s3" -a 127.0.0.1 -p "$S3_PORT" --silent &
pids+=($!)
printf 'S3RVER' > "$LOCAL/keys/access-key-id"
printf 'S3RVER' > "$LOCAL/keys/secret-access-key"
head -c 48 /dev/urandom > "$LOCAL/keys/webhook-signing-key"
head -c 48 /dev/urandom > "$LOCAL/keys/review-signing-key"

dotnet "$LOCAL/apiserver/ImportOperator.TestApiServer.dll" \
  --crds "$ROOT/config/crd" --port "$API_PORT" --kubeconfig "$LOCAL/kubeconfig" \
  --job-runner-image import-operator:local --job-runner-executable dotnet --job-runner-arg "$LOCAL/bin/import-operator.dll" >/dev/null &
api=$!
pids+=($api)
for _ in $(seq 1 150); do [[ -s "$LOCAL/kubeconfig" ]] && break; kill -0 "$api" 2>/dev/null || break; sleep 0.2; done
[[ -s "$LOCAL/kubeconfig" ]] || { echo "error: the test API server did not start (is port $API_PORT free? set API_PORT)" >&2; exit 1; }

dotnet "$LOCAL/bin/import-operator.dll" operator --kubeconfig "$LOCAL/kubeconfig" --leader-elect false --health-port -1 \
  --storage-bucket imports --storage-endpoint "http://127.0.0.1:$S3_PORT" --storage-region us-east-1 --storage-force-path-style true \
  --storage-access-key-id-file "$LOCAL/keys/access-key-id" --storage-secret-access-key-file "$LOCAL/keys/secret-access-key" \
  --worker-image import-operator:local --upload-scan-interval 1 \
  --webhook-signing-key-file "$LOCAL/keys/webhook-signing-key" \
  --review-base-url "http://127.0.0.1:18080" --review-signing-key-file "$LOCAL/keys/review-signing-key" &
pids+=($!)

echo "ready: export KUBECONFIG=$LOCAL/kubeconfig   (API on 127.0.0.1:$API_PORT, S3 on 127.0.0.1:$S3_PORT; Ctrl+C stops everything)"
wait -n "${pids[@]}"
