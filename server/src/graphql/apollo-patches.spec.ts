import { execFileSync } from "node:child_process";
import { resolve } from "node:path";

// patches/README.md: what Apollo Server does for every request must not include work whose
// answer never changes. Counted in a plain Node process: jest's module registry would hide
// Node's own `require` and give Apollo its own copy of negotiator.
const run = <T>(script: string): T =>
  JSON.parse(
    execFileSync(process.execPath, ["-e", script], {
      cwd: resolve(__dirname, "../../.."),
      encoding: "utf8",
    }),
  ) as T;

const COUNT_CRYPTO_REQUIRES = `
const Module = require("node:module");
const { createHash } = require("@apollo/utils.createhash");
let requires = 0;
const original = Module.prototype.require;
Module.prototype.require = function (id) {
  if (id === "crypto" || id === "node:crypto") requires++;
  return original.apply(this, arguments);
};
const digest = createHash("sha256").update("{ __typename }").digest("hex");
for (let i = 0; i < 50; i++) createHash("sha256").update("query " + i).digest("hex");
process.stdout.write(JSON.stringify({ requires, digest }));
`;

const COUNT_NEGOTIATIONS = `
const Negotiator = require("negotiator");
let negotiations = 0;
const mediaType = Negotiator.prototype.mediaType;
Negotiator.prototype.mediaType = function () {
  negotiations++;
  return mediaType.apply(this, arguments);
};
const { ApolloServer, HeaderMap } = require("@apollo/server");
(async () => {
  const server = new ApolloServer({ typeDefs: "type Query { a: Int }", resolvers: { Query: { a: () => 1 } } });
  await server.start();
  const ask = async (accept) => {
    const headers = new HeaderMap([["content-type", "application/json"]]);
    if (accept) headers.set("accept", accept);
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: "POST", headers, search: "", body: { query: "{ a }" } },
      context: async () => ({}),
    });
    return response.headers.get("content-type");
  };
  const types = [];
  for (let i = 0; i < 20; i++) {
    types.push(await ask("application/graphql-response+json, application/json;q=0.9"));
    types.push(await ask(undefined));
    types.push(await ask("application/json"));
  }
  await server.stop();
  process.stdout.write(JSON.stringify({ negotiations, types: [...new Set(types)] }));
})();
`;

describe("Apollo Server (patched)", () => {
  it("resolves crypto for its query hash once, not per hash", () => {
    const { requires, digest } = run<{ requires: number; digest: string }>(COUNT_CRYPTO_REQUIRES);
    expect(requires).toBe(0);
    expect(digest).toBe("7f56e67dd21ab3f30d1ff8b7bed08893f0a0db86449836189b361dd1e56ddb4b");
  });

  it("negotiates each distinct Accept header once, with the same answers", () => {
    const { negotiations, types } = run<{ negotiations: number; types: string[] }>(
      COUNT_NEGOTIATIONS,
    );
    // Three headers (one absent), each negotiated for the response type and for incremental
    // delivery: 60 requests, 5 negotiations (none for the response type of a missing header).
    expect(negotiations).toBe(5);
    expect(types).toEqual([
      "application/graphql-response+json; charset=utf-8",
      "application/json; charset=utf-8",
    ]);
  });
});
