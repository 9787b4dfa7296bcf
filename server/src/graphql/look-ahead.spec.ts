import { buildSchema, graphql, type GraphQLResolveInfo } from "graphql";
import { Selection } from "./look-ahead";

const schema = buildSchema(`
  type Query { accounts: [Account!]! }
  type Account { number: String!, meters: [Meter!]! }
  type Meter { id: ID!, lastReading: Reading, submission: Window! }
  type Reading { value: String! }
  type Window { used: Int! }
`);

/** The selection that the `accounts` resolver sees in `query`. */
async function lookAhead(
  query: string,
  variableValues: Record<string, unknown> = {},
): Promise<Selection> {
  let seen: Selection | undefined;
  const result = await graphql({
    schema,
    source: query,
    variableValues,
    rootValue: {
      accounts: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
        seen = Selection.of(info);
        return [];
      },
    },
  });
  expect(result.errors).toBeUndefined();
  return seen!;
}

describe("Selection", () => {
  it("sees the fields under a field, level by level", async () => {
    const accounts = await lookAhead("{ accounts { number meters { id lastReading { value } } } }");
    expect(accounts.has("number")).toBe(true);
    expect(accounts.has("meters")).toBe(true);
    const meters = accounts.under("meters");
    expect(meters.has("lastReading")).toBe(true);
    expect(meters.has("submission")).toBe(false);
    expect(meters.under("lastReading").has("value")).toBe(true);
  });

  it("follows fragments, inline fragments and aliases", async () => {
    const meters = (
      await lookAhead(`
        query { accounts { ...Card } }
        fragment Card on Account { own: meters { ... on Meter { window: submission { used } } } }
      `)
    ).under("meters");
    expect(meters.has("submission")).toBe(true);
    expect(meters.has("window")).toBe(false);
    expect(meters.has("lastReading")).toBe(false);
  });

  it("leaves out what @skip and @include leave out", async () => {
    const query = `query ($full: Boolean!) {
      accounts { meters { id lastReading @include(if: $full) { value } submission @skip(if: $full) { used } } }
    }`;
    const full = (await lookAhead(query, { full: true })).under("meters");
    expect([full.has("lastReading"), full.has("submission")]).toEqual([true, false]);
    const brief = (await lookAhead(query, { full: false })).under("meters");
    expect([brief.has("lastReading"), brief.has("submission")]).toEqual([false, true]);
  });

  it("is empty under a field that is not selected", async () => {
    const accounts = await lookAhead("{ accounts { number } }");
    expect(accounts.has("meters")).toBe(false);
    expect(accounts.under("meters").has("id")).toBe(false);
  });
});
