#!/usr/bin/env bash
# What the tests and the local run need beyond the .NET SDK: Node.js and the AWS emulators' packages, Debian's
# redis-server for the cluster tests' membership table, and Debian's chromium, the browser the sign-in page is tested
# in (Playwright drives it; it never downloads a browser of its own).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ ! -d emulators/node_modules ]; then
  npm ci --prefix emulators --no-audit --no-fund --loglevel=error
fi
