// The AWS SDK for JavaScript v3 against the emulator's local server.
//   node tests/js/mturk_client.mjs http://127.0.0.1:PORT/sandbox
// Prints one JSON line: the balance, a HIT it created, and the HITs it lists.
import {
  CreateHITCommand,
  GetAccountBalanceCommand,
  ListHITsCommand,
  MTurkClient,
} from "@aws-sdk/client-mturk";

const client = new MTurkClient({
  endpoint: process.argv[2],
  region: "us-east-1",
  credentials: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID,
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
  },
  maxAttempts: 1,
});

const question =
  '<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/' +
  '2006-07-14/ExternalQuestion.xsd"><ExternalURL>https://example.com/task</ExternalURL>' +
  "<FrameHeight>600</FrameHeight></ExternalQuestion>";

try {
  const balance = await client.send(new GetAccountBalanceCommand({}));
  const created = await client.send(
    new CreateHITCommand({
      Title: "From JavaScript",
      Description: "A HIT created with @aws-sdk/client-mturk",
      Reward: "0.10",
      AssignmentDurationInSeconds: 600,
      LifetimeInSeconds: 3600,
      MaxAssignments: 1,
      Question: question,
    }),
  );
  const listed = await client.send(new ListHITsCommand({ MaxResults: 10 }));
  console.log(
    JSON.stringify({
      balance: balance.AvailableBalance,
      created: created.HIT.HITId,
      listed: listed.HITs.map((hit) => hit.HITId),
    }),
  );
} catch (error) {
  console.log(JSON.stringify({ error: error.name, status: error.$metadata?.httpStatusCode }));
  process.exitCode = 1;
}
