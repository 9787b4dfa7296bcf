import { parse } from "graphql";
import { operationCost } from "./cost";
import { graphqlSchema } from "./schema";

// RL-7's price list on the real schema: scalar 0, object 1, connection × first, mutation 10.
describe("operationCost", () => {
  const schema = graphqlSchema();
  it.each([
    ["a scalar-only object", "{ me { id email } }", 1],
    ["nested objects", "{ me { accounts { meters { id } } } }", 3],
    [
      "a connection: first × item",
      '{ account(number: "1") { meters { readings(first: 50) { totalCount edges { cursor node { id value } } pageInfo { hasNextPage } } } } }',
      52,
    ],
    [
      "the default page (20)",
      '{ account(number: "1") { meters { readings { edges { node { id } } } } } }',
      22,
    ],
    ["a mutation", "mutation { logout }", 10],
    [
      "a mutation and its payload",
      'mutation { login(input: {email: "a", password: "b", rememberMe: false}) { accessToken user { id } } }',
      11,
    ],
    [
      "first from a variable",
      'query ($n: Int) { account(number: "1") { meters { readings(first: $n) { edges { node { id } } } } } }',
      102,
    ],
  ])("%s", (_name, source, cost) => {
    expect(operationCost(schema, parse(source), { n: 100 }, undefined)).toBe(cost);
  });
});

describe("operationCost of a document asked again", () => {
  const schema = graphqlSchema();
  const document = parse(
    'query ($n: Int) { account(number: "1") { meters { readings(first: $n) { edges { node { id } } } } } }',
  );

  it("follows the variables of each request", () => {
    for (const [n, cost] of [
      [100, 102],
      [5, 7],
      [100, 102],
      [undefined, 22],
    ] as const) {
      expect(operationCost(schema, document, n === undefined ? {} : { n }, undefined)).toBe(cost);
    }
  });

  it("still answers after many different variables", () => {
    for (let n = 1; n <= 200; n++) {
      expect(operationCost(schema, document, { n }, undefined)).toBe(n + 2);
    }
    expect(operationCost(schema, document, { n: 3 }, undefined)).toBe(5);
  });
});

// Issue 19: a feed page is charged by the rows it returns (RowCost on the field).
describe("operationCost of a page charged by its rows", () => {
  const schema = graphqlSchema();
  const feed = (args: string) =>
    parse(
      `{ readingsFeed${args ? `(${args})` : ""} { edges { cursor node { id value } } pageInfo { endCursor } } }`,
    );

  it("counts `first` rows up front (a point per 10) and none once settled, plus 1 for the page", () => {
    expect(operationCost(schema, feed("first: 300"), {}, undefined)).toBe(31);
    expect(operationCost(schema, feed("first: 301"), {}, undefined)).toBe(32);
    expect(operationCost(schema, feed("first: 300"), {}, undefined, "none")).toBe(1);
    expect(operationCost(schema, feed(""), {}, undefined)).toBe(11); // default page: 100
  });

  it.each([
    ["first: 501", "first"],
    ["first: 0", "first"],
    ['after: "bm9wZQ"', "after"],
  ])("refuses %s as VALIDATION_FAILED on %s before any cost is known", (args, field) => {
    expect(() => operationCost(schema, feed(args), {}, undefined)).toThrow(
      expect.objectContaining({ extensions: { code: "VALIDATION_FAILED", field } }),
    );
  });
});

describe("operationCost known again for other variables", () => {
  const schema = graphqlSchema();

  it("is one cost for every account number, and follows first and @include", () => {
    const document = parse(
      "query ($number: String!, $n: Int, $more: Boolean!) { account(number: $number) " +
        "{ meters { readings(first: $n) { edges { node { id } } } " +
        "more: readings(first: 3) @include(if: $more) { edges { node { id } } } } } }",
    );
    const cost = (variables: Record<string, unknown>) =>
      operationCost(schema, document, variables, undefined);
    expect(cost({ number: "1", n: 10, more: false })).toBe(12);
    expect(cost({ number: "2", n: 10, more: false })).toBe(12);
    expect(cost({ number: "2", n: 10, more: true })).toBe(15);
    expect(cost({ number: "3", n: 40, more: true })).toBe(45);
  });

  it("still refuses variables that do not coerce once the cost is known", () => {
    const document = parse(
      "query ($number: String!) { account(number: $number) { meters { id } } }",
    );
    expect(operationCost(schema, document, { number: "1" }, undefined)).toBe(2);
    expect(() => operationCost(schema, document, { number: 5 }, undefined)).toThrow();
    expect(() => operationCost(schema, document, {}, undefined)).toThrow();
  });
});
