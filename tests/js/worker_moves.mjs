// The worker's moves from JavaScript: fetch() for the control routes, the AWS SDK
// for the requester's side.
//   node tests/js/worker_moves.mjs http://127.0.0.1:PORT TOKEN HIT_ID
// Prints one JSON line: a refused move's status and error, and the answers listed.
import { ListAssignmentsForHITCommand, MTurkClient } from "@aws-sdk/client-mturk";

const [url, token, hitId] = process.argv.slice(2);
const worker = "A1JSWORKER";

async function move(name, body) {
  const response = await fetch(`${url}/control/${name}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const client = new MTurkClient({
  endpoint: `${url}/sandbox`,
  region: "us-east-1",
  credentials: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID,
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
  },
  maxAttempts: 1,
});

await move("add-worker", { worker_ids: [worker] });
const submitted = await move("submit-answers", {
  hit_id: hitId,
  worker_id: worker,
  answers: { comment: "from JavaScript" },
});
if (submitted.status !== 200) {
  console.log(JSON.stringify(submitted));
  process.exit(1);
}
const refused = await move("accept-hit", { hit_id: hitId, worker_id: worker });
const listed = await client.send(new ListAssignmentsForHITCommand({ HITId: hitId }));
console.log(
  JSON.stringify({
    refused: { status: refused.status, error: refused.body.error },
    answers: listed.Assignments.map((a) => a.Answer),
  }),
);
