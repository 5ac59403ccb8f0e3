// The AWS SDK for JavaScript v3 in a web page, bundled for the browser by esbuild
// (tests/emulator/test_server_browser.py). window.balance(endpoint) resolves to the
// balance, or rejects with the SDK's error.
import { GetAccountBalanceCommand, MTurkClient } from "@aws-sdk/client-mturk";

window.balance = async (endpoint) => {
  const client = new MTurkClient({
    endpoint,
    region: "us-east-1",
    // AWS's documented example key: the emulator's root user.
    credentials: {
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
      secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    },
    maxAttempts: 1,
  });
  const answer = await client.send(new GetAccountBalanceCommand({}));
  return answer.AvailableBalance;
};
