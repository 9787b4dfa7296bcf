import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestApp, type TestApp } from "../../test/test-app";

// Issue 19 item 3: GraphiQL at GET /graphql in development, under the service's CSP with a
// nonce per response. The page is a fixture shaped like Vite's build with `html.cspNonce`
// (client/explorer/vite.config.ts): the suite runs before anything is built.
const PAGE = `<!doctype html><html><head>
<meta property="csp-nonce" nonce="CSP_NONCE">
<script type="module" crossorigin src="/graphql/explorer/assets/index-1.js" nonce="CSP_NONCE"></script>
<link rel="stylesheet" crossorigin href="/graphql/explorer/assets/index-2.css" nonce="CSP_NONCE">
</head><body><div id="explorer"></div></body></html>`;

let dist: string;
let dev: TestApp;
let prod: TestApp;
let unbuilt: TestApp;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), "gas-explorer-"));
  mkdirSync(join(dist, "assets"));
  writeFileSync(join(dist, "index.html"), PAGE);
  writeFileSync(join(dist, "assets", "index-1.js"), "console.log('explorer');\n");
  dev = await startTestApp({ explorerDist: dist });
  prod = await startTestApp({
    explorerDist: dist,
    config: {
      nodeEnv: "production",
      isProduction: true,
      graphqlIntrospection: false,
      graphqlExplorer: false,
    },
  });
  unbuilt = await startTestApp({ explorerDist: null });
});
afterAll(async () => {
  await dev?.close();
  await prod?.close();
  await unbuilt?.close();
  rmSync(dist, { recursive: true, force: true });
});

const BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const open = (t: TestApp, path = "/graphql", accept = BROWSER) =>
  fetch(`${t.url}${path}`, { headers: { accept } });

const directives = (csp: string) =>
  Object.fromEntries(
    csp.split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );

describe("GET /graphql in a browser, explorer on (development)", () => {
  it("answers the page with a fresh nonce on its script and style, allowed by the CSP", async () => {
    const response = await open(dev);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("vary")).toMatch(/accept/);
    const html = await response.text();
    expect(html).not.toContain("CSP_NONCE");
    const nonces = [...html.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]);
    expect(nonces).toHaveLength(3);
    expect(new Set(nonces).size).toBe(1);
    const [nonce] = nonces;
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);

    const csp = directives(response.headers.get("content-security-policy") ?? "");
    expect(csp["script-src"]).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(csp["style-src"]).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(csp["font-src"]).toEqual(["'self'", "data:"]);
    // Everything else is the service's policy, unchanged.
    expect(csp["default-src"]).toEqual(["'self'"]);
    expect(csp["connect-src"]).toEqual(["'self'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(JSON.stringify(csp)).not.toMatch(/unsafe/);

    const again = await (await open(dev)).text();
    expect(again).not.toContain(nonce);
  });

  it("keeps the service's CSP (no nonce) on every other response", async () => {
    await open(dev);
    const health = await fetch(`${dev.url}/healthz`);
    expect(health.headers.get("content-security-policy")).toMatch(/script-src 'self';/);
    const api = await fetch(`${dev.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(api.headers.get("content-security-policy")).not.toMatch(/nonce/);
  });

  it("serves the explorer's own assets from the build", async () => {
    const asset = await fetch(`${dev.url}/graphql/explorer/assets/index-1.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toMatch(/immutable/);
    expect(await asset.text()).toContain("explorer");
    expect((await fetch(`${dev.url}/graphql/explorer/assets/nope.js`)).status).toBe(404);
  });

  it("still answers GraphQL to a GET carrying a query, or asking for JSON", async () => {
    const query = encodeURIComponent("{ __typename }");
    const withQuery = await fetch(`${dev.url}/graphql?query=${query}`, {
      headers: { accept: BROWSER, "apollo-require-preflight": "true" },
    });
    expect(await withQuery.json()).toEqual({ data: { __typename: "Query" } });
    const json = await open(dev, "/graphql", "application/json");
    expect(json.headers.get("content-type")).toMatch(/^application\/json/);
  });
});

describe("explorer off (production's default) or not built", () => {
  it("answers no page and no assets in production", async () => {
    const response = await open(prod);
    expect(response.headers.get("content-type")).not.toMatch(/text\/html/);
    expect(await response.text()).not.toMatch(/<html|sandbox|apollographql/i);
    expect((await fetch(`${prod.url}/graphql/explorer/assets/index-1.js`)).status).toBe(404);
  });

  it("says how to build it when it is on but not built", async () => {
    const response = await open(unbuilt);
    expect(response.status).toBe(503);
    expect(await response.text()).toMatch(/npm run build:explorer/);
  });
});
