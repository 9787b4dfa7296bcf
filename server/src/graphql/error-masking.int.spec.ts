import { Writable } from "node:stream";
import pino from "pino";
import { createRegistryAccount, registration } from "../../test/factories";
import { codeOf } from "../../test/graphql-client";
import { ACCOUNTS_SCREEN, registerAndLogin } from "../../test/operations";
import { startTestApp, type TestApp } from "../../test/test-app";

const logLines: string[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    logLines.push(String(chunk));
    done();
  },
});

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ log: pino({ level: "info" }, sink) });
});
afterAll(() => t.close());

describe("unexpected errors", () => {
  it("reach the client as INTERNAL with an error id the log holds, never SQL", async () => {
    const account = await createRegistryAccount(t.db.dataSource);
    const client = t.client();
    await registerAndLogin(client, registration(account));
    await t.db.dataSource.query("DROP TABLE readings");

    const response = await client.request(ACCOUNTS_SCREEN);
    expect(codeOf(response)).toBe("INTERNAL");
    const errorId = response.errors![0].extensions!.errorId as string;
    expect(errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.errors![0].message).toBe("Internal error.");
    expect(response.text).not.toMatch(/readings|SELECT|sqlite|mysql|stack|at .*\.ts/i);

    const logged = logLines.find((line) => line.includes(errorId));
    expect(logged).toBeDefined();
    expect(logged).not.toMatch(/SELECT/);
  });

  it("answers a syntax error as a GraphQL parse error, not INTERNAL", async () => {
    const response = await t.client().request("{ me { ");
    expect(response.status).toBe(400);
    expect(codeOf(response)).toBe("GRAPHQL_PARSE_FAILED");
  });
});
