#!/usr/bin/env bash
# Runs the whole service on this machine with no AWS account, as the Aspire app in src/AppHost: the AWS stand-ins, the
# silo, the gateway and the ingest worker, all on 127.0.0.1, with the Aspire dashboard at http://127.0.0.1:18888.
# Ctrl+C stops everything. DynamoDB's data and the events published survive a restart under .data/.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-prerequisites.sh
exec dotnet run --project src/AppHost -c Release "$@"
