#!/usr/bin/env bash
# What the tests and the local run need beyond the .NET SDK: Node.js packages of the AWS emulators.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq nodejs npm
fi
if [ ! -d emulators/node_modules ]; then
  npm ci --prefix emulators --no-audit --no-fund --loglevel=error
fi
