import { integratorClient, UPSERT_ACCOUNTS } from "../../test/integrator-operations";
import { startTestApp, type TestApp } from "../../test/test-app";

// A request that reaches its deadline while its own answer is being compressed must get one
// well-formed answer: the deadline once sent a second, plain body under the first one's
// Content-Encoding ("incorrect header check" in the client).
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ requestDeadlineMs: 150 });
});
afterAll(async () => t?.close());

const items = (batch: number) =>
  Array.from({ length: 1000 }, (_, i) => ({
    number: String(2_000_000_000 + batch * 1000 + i),
    holderName: `Абонент ${batch} ${i}`,
    address: `г. Алматы, ул. Абая, д. ${i}`,
    ownerBin: null,
  }));

it("answers a batch at its deadline with one readable answer, compressed or not", async () => {
  const { client } = await integratorClient(t, ["registry:write"]);
  for (let batch = 0; batch < 4; batch++) {
    const response = await fetch(client.endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "accept-encoding": "gzip, br",
        authorization: `Bearer ${client.accessToken}`,
      },
      body: JSON.stringify({ query: UPSERT_ACCOUNTS, variables: { items: items(batch) } }),
    });
    const answer = (await response.json()) as {
      data?: unknown;
      errors?: Array<{ extensions?: { code?: string } }>;
    };
    if (answer.errors) {
      expect(["SERVICE_UNAVAILABLE", "OUTCOME_UNKNOWN"]).toContain(
        answer.errors[0].extensions?.code,
      );
      expect(response.status).toBe(503);
    } else {
      expect(response.status).toBe(200);
    }
  }
});
