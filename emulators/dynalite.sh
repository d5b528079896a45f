#!/usr/bin/env bash
# Runs dynalite, a DynamoDB stand-in, on the loopback interface only.
#   emulators/dynalite.sh                      # port 8000, data kept in .data/dynamodb at the repository root
#   emulators/dynalite.sh --port 8001          # another port
#   emulators/dynalite.sh --in-memory          # nothing kept on disk
# Installs the pinned emulators from package-lock.json on first use.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
port=8000
path="$root/.data/dynamodb"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --path) path="$2"; shift 2 ;;
    --in-memory) path=""; shift ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

if [[ ! -f "$here/node_modules/dynalite/cli.js" ]]; then
  npm ci --prefix "$here" --no-audit --no-fund >&2
fi

args=(--host 127.0.0.1 --port "$port")
if [[ -n "$path" ]]; then
  mkdir -p "$path"
  args+=(--path "$path")
fi

exec node "$here/node_modules/dynalite/cli.js" "${args[@]}"
