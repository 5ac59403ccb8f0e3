// A test suite plays the workers over HTTP (guide page: docs/keep-tests-running.md).
//   node worker_moves.mjs http://127.0.0.1:5005
// Needs a running `mturk-emulator serve`, the control token in
// MTURK_EMULATOR_CONTROL_TOKEN, AWS's example keys in the environment, and
// `npm install @aws-sdk/client-mturk`. The same as snippets/worker_moves.py.

// --8<-- [start:moves]
import {
  CreateHITCommand,
  ListAssignmentsForHITCommand,
  MTurkClient,
} from "@aws-sdk/client-mturk";

const server = process.argv[2] ?? "http://127.0.0.1:5005";
const mturk = new MTurkClient({ endpoint: `${server}/sandbox`, region: "us-east-1" });

// Make a worker's move: POST /control/<name> with the control token.
async function move(name, members) {
  const reply = await fetch(`${server}/control/${name}`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${process.env.MTURK_EMULATOR_CONTROL_TOKEN}`,
      "Content-Type": "application/json",
    },
    body: JSON.stringify(members),
  });
  return reply.json(); // a move MTurk would have refused: status 409 and an error
}

// The worker's crowd-form answers: the JSON in the one taskAnswers answer, an XML
// text whose character references are decoded here.
function taskAnswers(assignment) {
  const [, freeText] = assignment.Answer.match(/<FreeText>(.*)<\/FreeText>/s);
  const named = { quot: '"', apos: "'", lt: "<", gt: ">", amp: "&" };
  const text = freeText.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (_, ref) =>
    ref.startsWith("#")
      ? String.fromCodePoint(Number(ref.slice(1).replace(/^x/i, "0x")))
      : named[ref],
  );
  return JSON.parse(text);
}
// --8<-- [end:moves]

// --8<-- [start:scenario]
const survey =
  '<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/' +
  'AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[' +
  '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>' +
  '<crowd-form><crowd-input name="mood" label="How are you?"></crowd-input>' +
  "</crowd-form>]]></HTMLContent><FrameHeight>0</FrameHeight></HTMLQuestion>";

const created = await mturk.send(
  new CreateHITCommand({
    Title: "How are you?",
    Description: "One question.",
    Reward: "0.10",
    MaxAssignments: 2,
    LifetimeInSeconds: 3600,
    AssignmentDurationInSeconds: 600, // ten minutes to submit
    Question: survey,
  }),
);
const hitId = created.HIT.HITId;

await move("add-worker", { worker_ids: ["A1EXAMPLEWORKER", "A2EXAMPLEWORKER"] });
await move("accept-hit", { hit_id: hitId, worker_id: "A1EXAMPLEWORKER" });
await move("submit-answers", {
  hit_id: hitId,
  worker_id: "A1EXAMPLEWORKER",
  answers: { mood: "tired & hungry" },
});

await move("accept-hit", { hit_id: hitId, worker_id: "A2EXAMPLEWORKER" });
await move("advance-time", { seconds: 601 }); // the second worker runs out of time
const late = await move("submit-answers", {
  hit_id: hitId,
  worker_id: "A2EXAMPLEWORKER",
  answers: { mood: "late" },
});
console.log("Late answer:", late.error);

const listed = await mturk.send(new ListAssignmentsForHITCommand({ HITId: hitId }));
for (const assignment of listed.Assignments) {
  console.log(assignment.WorkerId, JSON.stringify(taskAnswers(assignment)));
}
// --8<-- [end:scenario]
