// A local stand-in for EventBridge's PutEvents, for running the service on this machine and for its tests and bench.
// It accepts every well-formed entry, answers as EventBridge does, prints each accepted entry as one JSON line on
// stdout and, when given a file, appends the line there too. Signatures are required to be present, not checked.
//
//   node emulators/eventbridge.mjs [--port 4010] [--out .data/events.jsonl] [--mode accept] [--record]
//   (or EVENTBRIDGE_PORT / EVENTBRIDGE_OUT / EVENTBRIDGE_MODE)
// Point the service at it with AWS_ENDPOINT_URL_EVENTBRIDGE=http://127.0.0.1:4010.
//
// To see what the service does when EventBridge misbehaves, the mode says how PutEvents is answered:
//   accept    as above
//   hang      the request is taken and never answered
//   fail      500 InternalFailure
//   throttle  400 ThrottlingException
//   deny      400 AccessDeniedException (the outbox parks the event at once)
// and can be changed while it runs: curl -X POST http://127.0.0.1:4010/_stand-in/mode -d hang
// (GET /_stand-in/mode answers the current mode, which also tells a launcher that it is up).
// POST /_stand-in/mode also takes {"status": 503, "body": "..."}: every request answered so, until the next mode.
//
// For tests, in mode accept:
//   POST /_stand-in/script {"status": 500, "body": "...", "delayMs": 0}
//        answers the next request not yet scripted for so (after the delay, when given); once the script runs out,
//        requests are accepted again. A scripted 200 accepts the entries its body's Entries do not mark with ErrorCode.
// With --record it also keeps, in memory, every request received and every entry accepted:
//   GET /_stand-in/requests   [{method, path, query, headers, body (base64)}], in the order received
//   GET /_stand-in/accepted   the accepted entries, in the order accepted
import { randomUUID } from "node:crypto";
import { appendFileSync } from "node:fs";
import { createServer } from "node:http";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    port: { type: "string", default: process.env.EVENTBRIDGE_PORT ?? "4010" },
    out: { type: "string", default: process.env.EVENTBRIDGE_OUT },
    mode: { type: "string", default: process.env.EVENTBRIDGE_MODE ?? "accept" },
    record: { type: "boolean", default: false },
  },
});

const modes = {
  accept: null,
  hang: "hang",
  fail: [500, "InternalFailure", "Internal service error."],
  throttle: [400, "ThrottlingException", "Rate exceeded."],
  deny: [400, "AccessDeniedException", "User is not authorized to perform: events:PutEvents (stand-in mode 'deny')."],
};
if (!(args.mode in modes)) {
  console.error(`unknown mode '${args.mode}'; one of ${Object.keys(modes).join(", ")}`);
  process.exit(2);
}
let mode = args.mode;
// A fixed answer to every request, set through the mode endpoint; mode is then "answer".
let fixedAnswer = null;
const script = [];
const requests = [];
const accepted = [];

const port = Number.parseInt(args.port, 10);
const maxBodyBytes = 1024 * 1024;
const maxEntries = 10;

function answer(response, status, body) {
  answerText(response, status, JSON.stringify(body));
}

function answerText(response, status, text) {
  response.writeHead(status, {
    "Content-Type": "application/x-amz-json-1.1",
    "Content-Length": Buffer.byteLength(text),
    "x-amzn-RequestId": randomUUID(),
  });
  response.end(text);
}

function refuse(response, status, type, message) {
  answer(response, status, { __type: type, message });
}

// The checks EventBridge makes of each entry, so a malformed event fails here as it would in AWS.
function entryError(entry) {
  if (typeof entry !== "object" || entry === null) return ["InvalidArgument", "An entry must be an object."];
  for (const field of ["Source", "DetailType", "Detail"]) {
    if (typeof entry[field] !== "string" || entry[field].length === 0) {
      return ["InvalidArgument", `Parameter ${field} is not valid. Reason: ${field} is a required argument.`];
    }
  }
  try {
    const detail = JSON.parse(entry.Detail);
    if (typeof detail !== "object" || detail === null || Array.isArray(detail)) throw new Error("not an object");
  } catch {
    return ["MalformedDetail", "Detail is malformed."];
  }
  return null;
}

function record(entry) {
  const line = JSON.stringify(entry);
  console.log(line);
  if (args.out) appendFileSync(args.out, line + "\n");
  if (args.record) accepted.push(entry);
}

function recordRequest(request, body) {
  if (!args.record) return;
  const [path, ...query] = request.url.split("?");
  requests.push({
    method: request.method,
    path,
    query: query.length > 0 ? "?" + query.join("?") : "",
    headers: request.headers,
    body: body.toString("base64"),
  });
}

// A scripted answer, given as the test wrote it; the entries it does not fail count as accepted.
function answerScripted(request, response, body, scripted) {
  const send = () => {
    if (response.destroyed || request.destroyed) return;
    if (scripted.status === 200) {
      let results = [];
      try {
        results = JSON.parse(scripted.body)?.Entries ?? [];
        const entries = JSON.parse(body)?.Entries ?? [];
        entries.forEach((entry, index) => {
          if (index < results.length && results[index] && !results[index].ErrorCode) {
            record({ EventId: results[index].EventId ?? randomUUID(), ...entry, EventBusName: entry.EventBusName ?? "default" });
          }
        });
      } catch {
        // A body that is not PutEvents JSON accepts nothing.
      }
    }
    answerText(response, scripted.status, scripted.body);
  };
  if (scripted.delayMs > 0) setTimeout(send, scripted.delayMs);
  else send();
}

function parseOrNull(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function control(request, response, text) {
  if (request.url === "/_stand-in/mode" && request.method === "GET") {
    return answer(response, 200, { mode });
  }
  if (request.url === "/_stand-in/mode" && request.method === "POST") {
    const wanted = text.trim();
    if (wanted.startsWith("{")) {
      const fixed = parseOrNull(wanted);
      if (!Number.isInteger(fixed?.status) || typeof fixed?.body !== "string") {
        return refuse(response, 400, "ValidationException", 'A fixed answer is {"status": 500, "body": "..."}.');
      }
      fixedAnswer = fixed;
      mode = "answer";
    } else {
      if (!(wanted in modes)) return refuse(response, 400, "ValidationException", `Modes: ${Object.keys(modes).join(", ")}.`);
      fixedAnswer = null;
      mode = wanted;
    }
    console.error(`EventBridge stand-in now answers in mode '${mode}'`);
    return answer(response, 200, { mode });
  }
  if (request.url === "/_stand-in/script" && request.method === "POST") {
    const scripted = parseOrNull(text);
    if (!Number.isInteger(scripted?.status) || typeof scripted?.body !== "string") {
      return refuse(response, 400, "ValidationException", 'A scripted answer is {"status": 500, "body": "...", "delayMs": 0}.');
    }
    script.push({ status: scripted.status, body: scripted.body, delayMs: Number(scripted.delayMs) || 0 });
    return answer(response, 200, { scripted: script.length });
  }
  if ((request.url === "/_stand-in/requests" || request.url === "/_stand-in/accepted") && !args.record) {
    return refuse(response, 404, "UnknownOperationException", "Nothing is recorded unless started with --record.");
  }
  if (request.url === "/_stand-in/requests" && request.method === "GET") {
    return answer(response, 200, requests);
  }
  if (request.url === "/_stand-in/accepted" && request.method === "GET") {
    return answer(response, 200, accepted);
  }
  return refuse(response, 404, "UnknownOperationException", "No such stand-in control.");
}

function putEvents(response, body) {
  let input;
  try {
    input = JSON.parse(body);
  } catch {
    return refuse(response, 400, "SerializationException", "The request body is not JSON.");
  }
  const entries = input?.Entries;
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > maxEntries) {
    return refuse(response, 400, "ValidationException", `Entries must hold 1 to ${maxEntries} entries.`);
  }

  const results = entries.map((entry) => {
    const error = entryError(entry);
    if (error) return { ErrorCode: error[0], ErrorMessage: error[1] };
    const eventId = randomUUID();
    record({ EventId: eventId, ...entry, EventBusName: entry.EventBusName ?? "default" });
    return { EventId: eventId };
  });
  answer(response, 200, {
    FailedEntryCount: results.filter((result) => result.ErrorCode).length,
    Entries: results,
  });
}

const server = createServer((request, response) => {
  const chunks = [];
  let size = 0;
  request.on("data", (chunk) => {
    size += chunk.length;
    if (size > maxBodyBytes) {
      refuse(response, 413, "ValidationException", "The request is larger than this stand-in takes.");
      request.destroy();
      return;
    }
    chunks.push(chunk);
  });
  request.on("end", () => {
    if (response.headersSent) return;
    const body = Buffer.concat(chunks);
    if (request.url.startsWith("/_stand-in/")) return control(request, response, body.toString("utf8"));
    recordRequest(request, body);
    if (request.method !== "POST") {
      return refuse(response, 405, "UnknownOperationException", "Only POST is served.");
    }
    if (!(request.headers.authorization ?? "").startsWith("AWS4-HMAC-SHA256 ")) {
      return refuse(response, 403, "MissingAuthenticationTokenException", "The request is not signed with SigV4.");
    }
    if (request.headers["x-amz-target"] !== "AWSEvents.PutEvents") {
      return refuse(response, 400, "UnknownOperationException", "Only AWSEvents.PutEvents is served.");
    }
    if (fixedAnswer) return answerText(response, fixedAnswer.status, fixedAnswer.body);
    const misbehaviour = modes[mode];
    if (misbehaviour === "hang") return;
    if (misbehaviour) return refuse(response, misbehaviour[0], misbehaviour[1], misbehaviour[2]);
    if (script.length > 0) return answerScripted(request, response, body.toString("utf8"), script.shift());
    putEvents(response, body.toString("utf8"));
  });
});

server.listen(port, "127.0.0.1", () => {
  console.error(`EventBridge stand-in listening on http://127.0.0.1:${server.address().port}`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  // Requests left hanging (mode 'hang') would otherwise keep it from closing.
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
