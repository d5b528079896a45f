#!/usr/bin/env bash
# The README's test command: every test of the solution, against real emulators started by the test fixtures.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-prerequisites.sh
results=$(mktemp -d)
status=0
dotnet test UserManagement.sln -c Release --logger "trx" --results-directory "$results" "$@" || status=$?

# The tests of the API, the queue, OAuth and telemetry once more against a co-hosting silo (the API and the consumer
# in the silo's process), the topology deployed by default; the first pass ran them against separate hosts.
if [[ " $* " != *" --filter "* ]]; then
  set -- "$@" --filter "FullyQualifiedName~UserManagement.Tests.Api|FullyQualifiedName~UserManagement.Tests.Ingest|FullyQualifiedName~UserManagement.Tests.OAuth|FullyQualifiedName~UserManagement.Tests.Telemetry|FullyQualifiedName~UserManagement.Tests.Properties"
fi
USER_MANAGEMENT_TEST_TOPOLOGY=co-hosted dotnet test tests/UserManagement.Tests/UserManagement.Tests.csproj -c Release --no-build \
  --logger "trx;LogFileName=co-hosted.trx" --results-directory "$results" "$@" || status=$?

# One closing line in the plain form any CI reads, summed over every test project.
python3 - "$results" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0))
    skipped += int(counters.get("notExecuted", 0))
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
