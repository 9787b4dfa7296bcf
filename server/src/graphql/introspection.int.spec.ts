import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from "graphql";
import { startTestApp, type TestApp } from "../../test/test-app";

// Issue 19 item 3: tools (graphql-codegen, IDEs, the explorer) load the schema from a server
// with introspection on; its depth-15 query is exempt from the depth and token limits there.
let dev: TestApp;
let prod: TestApp;
let budgeted: TestApp;

beforeAll(async () => {
  dev = await startTestApp();
  budgeted = await startTestApp({ budgets: "real" });
  prod = await startTestApp({
    config: { nodeEnv: "production", isProduction: true, graphqlIntrospection: false },
  });
});
afterAll(async () => {
  await dev?.close();
  await prod?.close();
  await budgeted?.close();
});

async function post(t: TestApp, query: string) {
  const response = await fetch(`${t.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const FULL = {
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  oneOf: true,
};
const deep = (levels: number) => "{ " + "me { ".repeat(levels - 1) + "id" + " }".repeat(levels);

describe("introspection on (development)", () => {
  it.each([
    ["graphql's default introspection query (depth 15)", getIntrospectionQuery()],
    ["the variant codegen and GraphiQL send (every option)", getIntrospectionQuery(FULL)],
  ])("%s builds a client schema", async (_name, query) => {
    const { status, body } = await post(dev, query);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    const schema = buildClientSchema(body.data as IntrospectionQuery);
    expect(Object.keys(schema.getQueryType()!.getFields())).toContain("readingsFeed");
    expect(schema.getMutationType()!.getFields().submitReading.args[0].type.toString()).toBe(
      "SubmitReadingInput!",
    );
  });

  it("still refuses an ordinary query of the same depth", async () => {
    const { status, body } = await post(dev, deep(15));
    expect(status).toBe(400);
    expect(body.errors[0].message).toMatch(/nested 15 levels deep; at most 10/);
  });

  it("does not exempt a query that mixes introspection with data", async () => {
    const query = getIntrospectionQuery().replace("__schema {", `me { id } __schema {`);
    const { status, body } = await post(dev, query);
    expect(status).toBe(400);
    expect(body.errors[0].message).toMatch(/nested 15 levels/);
  });

  it("still holds an ordinary query to 1,000 tokens", async () => {
    const { status, body } = await post(dev, "{ " + "me { id } ".repeat(250) + " }");
    expect(status).toBe(400);
    expect(body.errors[0].message).toMatch(/more than 1000 tokens/);
  });

  it("still limits the aliases of an introspection query", async () => {
    const aliases = [1, 2, 3, 4, 5, 6].map((i) => `t${i}: __type(name: "User") { name }`);
    const { status, body } = await post(dev, `{ ${aliases.join(" ")} }`);
    expect(status).toBe(400);
    expect(body.errors[0].message).toMatch(/6 aliases/);
  });

  it("still charges the cost of the fields it touches (71 points of 300 a minute)", async () => {
    const query = getIntrospectionQuery();
    for (let i = 0; i < 4; i++) expect((await post(budgeted, query)).status).toBe(200);
    const { status, body } = await post(budgeted, query);
    expect(status).toBe(429);
    expect(body.errors[0].extensions.code).toBe("RATE_LIMITED");
  });
});

describe("introspection off (production)", () => {
  it.each([
    ["default", getIntrospectionQuery()],
    ["every option", getIntrospectionQuery(FULL)],
  ])("refuses the %s introspection query", async (_name, query) => {
    const { status, body } = await post(prod, query);
    expect(status).toBe(400);
    expect(JSON.stringify(body.errors)).toMatch(/introspection is not allowed/i);
  });
});
