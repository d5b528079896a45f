// Local SQS (fauxqs) on 127.0.0.1 only: the fauxqs command line listens on every interface, so this builds its app and
// listens on loopback itself. Creates the service's queue and its dead-letter queue unless told not to.
//
//   node emulators/sqs.mjs                 SQS_PORT (default 4566; 0 picks a free port)
//                                          SQS_QUEUE_NAME (default user-management-orders)
//                                          SQS_DEAD_LETTER_QUEUE_NAME (default <queue>-dlq)
//                                          SQS_MAX_RECEIVE_COUNT (default 5)
//   node emulators/sqs.mjs --no-queues     only the server (the tests create their own queues)
//   node emulators/sqs.mjs --exit-with-stdin   stops when standard input closes, so it never outlives its parent
//
// Once ready it prints one line: {"endpoint": "http://127.0.0.1:<port>", "queueUrl": ..., "deadLetterQueueUrl": ...}
import { buildApp } from "fauxqs";

const host = "127.0.0.1";
const port = Number.parseInt(process.env.SQS_PORT ?? "4566", 10);
const queueName = process.env.SQS_QUEUE_NAME ?? "user-management-orders";
const deadLetterQueueName = process.env.SQS_DEAD_LETTER_QUEUE_NAME ?? `${queueName}-dlq`;
const maxReceiveCount = process.env.SQS_MAX_RECEIVE_COUNT ?? "5";
const createQueues = !process.argv.includes("--no-queues");

const app = buildApp({ logger: false });
const address = await app.listen({ port, host });
const endpoint = `http://${host}:${new URL(address).port}`;

// The SQS JSON protocol, so queues are made the same way any client makes them.
async function sqs(action, body) {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": `AmazonSQS.${action}` },
    body: JSON.stringify(body),
  });
  const result = await response.json();
  if (!response.ok) {
    throw new Error(`${action} failed: ${JSON.stringify(result)}`);
  }
  return result;
}

const ready = { endpoint };
if (createQueues) {
  const { QueueUrl: deadLetterQueueUrl } = await sqs("CreateQueue", { QueueName: deadLetterQueueName });
  const { Attributes } = await sqs("GetQueueAttributes", { QueueUrl: deadLetterQueueUrl, AttributeNames: ["QueueArn"] });
  const redrivePolicy = JSON.stringify({ deadLetterTargetArn: Attributes.QueueArn, maxReceiveCount });
  const { QueueUrl: queueUrl } = await sqs("CreateQueue", {
    QueueName: queueName,
    Attributes: { RedrivePolicy: redrivePolicy, VisibilityTimeout: "30" },
  });
  Object.assign(ready, { queueUrl, deadLetterQueueUrl });
}
console.log(JSON.stringify(ready));

let stopping = false;
async function stop() {
  if (stopping) {
    return;
  }
  stopping = true;
  await app.close();
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
if (process.argv.includes("--exit-with-stdin")) {
  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  process.stdin.resume();
}
