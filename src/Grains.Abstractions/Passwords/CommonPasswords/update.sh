#!/usr/bin/env bash
# Regenerates common-passwords.txt from the npm package README.md names (needs Node.js and npm): the package's list,
# most common first, one password a line.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent @zxcvbn-ts/language-common@4.1.3 >/dev/null
tar xzf zxcvbn-ts-language-common-4.1.3.tgz
node -e '
  const passwords = require("./package/src/passwords.json");
  process.stdout.write(passwords.join("\n") + "\n");
' > "$here/common-passwords.txt"
cp package/LICENSE.txt "$here/LICENSE"
