#!/usr/bin/env bash
# Runs the whole service on this machine with no AWS account: the emulators, one silo, the gateway and the
# ingest worker, all on 127.0.0.1. Ctrl+C stops everything. State survives a restart under .data/.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/local-environment.sh

scripts/install-prerequisites.sh
dotnet build UserManagement.sln -c Release -v quiet -nologo
mkdir -p .data/logs

pids=()
names=()
stop_all() {
  trap - EXIT INT TERM
  echo "Stopping..."
  # The services stop in the reverse order of their start, the emulators last.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill -TERM "${pids[i]}" 2>/dev/null || true; wait "${pids[i]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all EXIT INT TERM

# start NAME COMMAND...: runs a process in the background, its output prefixed with its name and kept in .data/logs.
start() {
  local name=$1; shift
  # The output goes through a process substitution, so $! is the process itself and stop_all's signal reaches it.
  "$@" > >(tee ".data/logs/$name.log" | sed -u "s/^/[$name] /") 2>&1 &
  pids+=($!)
  names+=("$name")
}

# exited: the name of a started process that is no longer running, if any (bash reaps its children as they end).
exited() {
  for i in "${!pids[@]}"; do
    if ! kill -0 "${pids[i]}" 2>/dev/null; then echo "${names[i]}"; return 0; fi
  done
  return 1
}

# give_up NAME: says which service ended and where its log is, then stops the rest rather than run on half the service.
give_up() {
  echo "$1 has exited; its log is .data/logs/$1.log. Stopping the rest." >&2
  exit 1
}

wait_for_port() {
  local port=$1 name=$2
  for _ in $(seq 1 120); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    if dead=$(exited); then give_up "$dead"; fi
    sleep 0.5
  done
  echo "$name did not listen on 127.0.0.1:$port; see .data/logs/$name.log" >&2
  exit 1
}

wait_for() {
  local url=$1 name=$2
  for _ in $(seq 1 120); do
    if curl -fs "$url" >/dev/null 2>&1; then return 0; fi
    if dead=$(exited); then give_up "$dead"; fi
    sleep 0.5
  done
  echo "$name did not become ready at $url; see .data/logs/$name.log" >&2
  exit 1
}

# host NAME: the built service NAME, with its own folder as content root so its appsettings.json applies.
host() {
  local folder="$PWD/src/$1/bin/Release/net10.0"
  echo dotnet "$folder/UserManagement.$1.dll" --contentRoot "$folder"
}

start dynamodb emulators/dynalite.sh --port "$DYNAMODB_PORT" --path "$PWD/.data/dynamodb"
wait_for_port "$DYNAMODB_PORT" dynamodb
start sqs node emulators/sqs.mjs
wait_for_port "$SQS_PORT" sqs
start events node emulators/eventbridge.mjs --port "$EVENTBRIDGE_PORT" --out "$PWD/.data/events.jsonl"
wait_for_port "$EVENTBRIDGE_PORT" events
start silo $(host Silo) --urls "$SILO_URL"
wait_for "$SILO_URL/health/ready" silo
start gateway $(host Gateway) --urls "$GATEWAY_URL"
start ingest $(host Ingest) --urls "$INGEST_URL"
wait_for "$GATEWAY_URL/health/ready" gateway
wait_for "$INGEST_URL/health/live" ingest

cat <<INFO

The service is running:
  API             $GATEWAY_URL   (POST /user, POST /login, GET /user/{userId})
  API reference   $GATEWAY_URL/scalar/v1
  OAuth           $GATEWAY_URL/.well-known/oauth-authorization-server   (register a client at /oauth/register)
  DynamoDB        $AWS_ENDPOINT_URL_DYNAMODB   (dynalite; users in table user-management-grain-state)
  SQS             $AWS_ENDPOINT_URL_SQS   (emulator; queue user-management-orders, dead letters in user-management-orders-dlq)
  EventBridge     $AWS_ENDPOINT_URL_EVENTBRIDGE   (stand-in; events published are printed as [events] and kept in .data/events.jsonl)
  Administrator   $Admin__EmailAddress (password in scripts/local-environment.sh)
Press Ctrl+C to stop.
INFO

# Watches the services until Ctrl+C: one that exits ends the run. The ingest worker may also stay up with its consumer
# stopped; it then reports itself not live, which ends the run too.
while true; do
  if dead=$(exited); then give_up "$dead"; fi
  if ! curl -fs "$INGEST_URL/health/live" >/dev/null 2>&1; then
    echo "ingest reports itself not live at $INGEST_URL/health/live; its log is .data/logs/ingest.log. Stopping the rest." >&2
    exit 1
  fi
  sleep 2
done
