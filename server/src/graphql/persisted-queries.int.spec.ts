import { createHash } from "node:crypto";
import { startTestApp, type TestApp } from "../../test/test-app";

// Automatic persisted queries (Apollo Server's own, documented in docs/api.md, issue 19
// item 3): a client sends a query's SHA-256 instead of its text once the server has seen it.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const QUERY = "query Kind { __typename }";
const sha256Hash = createHash("sha256").update(QUERY).digest("hex");
const persisted = { persistedQuery: { version: 1, sha256Hash } };

const post = async (body: unknown) => {
  const response = await fetch(`${t.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
};

it("asks for the text of an unknown hash, then answers the hash alone, by POST and GET", async () => {
  const unknown = await post({ extensions: persisted });
  expect(unknown.body.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");

  const registered = await post({ query: QUERY, extensions: persisted });
  expect(registered.body).toEqual({ data: { __typename: "Query" } });

  expect((await post({ extensions: persisted })).body).toEqual({ data: { __typename: "Query" } });

  const url = `${t.url}/graphql?extensions=${encodeURIComponent(JSON.stringify(persisted))}`;
  const get = await fetch(url, { headers: { "apollo-require-preflight": "true" } });
  expect(get.status).toBe(200);
  expect(await get.json()).toEqual({ data: { __typename: "Query" } });
});

it("refuses a text that does not match its hash, or another version, as BAD_REQUEST", async () => {
  const wrong = await post({ query: "{ __typename }", extensions: persisted });
  expect(wrong.status).toBe(400);
  expect(wrong.body.errors[0].message).toMatch(/provided sha does not match query/i);
  expect(wrong.body.errors[0].extensions.code).toBe("BAD_REQUEST");
  const version = await post({ extensions: { persistedQuery: { version: 2, sha256Hash } } });
  expect(version.status).toBe(400);
  expect(version.body.errors[0].extensions.code).toBe("BAD_REQUEST");
});

it("holds a persisted query to the same limits (depth)", async () => {
  const deep = "{ " + "me { ".repeat(10) + "id" + " }".repeat(11);
  const hash = createHash("sha256").update(deep).digest("hex");
  const refused = await post({
    query: deep,
    extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
  });
  expect(refused.status).toBe(400);
  expect(refused.body.errors[0].message).toMatch(/nested 11 levels/);
});
