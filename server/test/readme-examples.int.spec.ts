// Every README example of the API runs as written (issue 19 item 5): the ```sh blocks of the
// sections "API" and "Integrators" that call curl are run, in order, in one bash session against
// a real server on the demo registry (what `npm start` seeds), with a real API client's id and
// secret in place of `gci_…` and `gcs_…`. Every answer must be free of errors and REJECTED items.
// Runs on SQLite and, with a mysql DATABASE_URL, on MariaDB.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { SCOPES } from "../src/integrators/scopes";
import { seedDemoRegistry } from "../src/registry/demo-seed";
import { startTestApp, type TestApp } from "./test-app";

const README = join(__dirname, "..", "..", "README.md");
const SECTIONS = ["API", "Integrators"];
const README_URL = "http://localhost:4000/graphql";
/** Separates the answers in the log the `curl` wrapper keeps. */
const SEPARATOR = "\u001e";

/** The text of each level-2 section of `markdown` named in `names`. */
export function sections(markdown: string, names: readonly string[]): string[] {
  const parts = markdown.split(/^(?=## )/m);
  return parts.filter((part) => names.some((name) => part.startsWith(`## ${name}\n`)));
}

/** The ```sh blocks of `markdown` with a line that calls curl, in order. */
export function curlBlocks(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
  return blocks.filter((block) => /(^|[\s$(|;&])curl\s/m.test(block));
}

/**
 * The script run by bash: a `curl` function that keeps every answer in `$README_LOG` (and fails
 * on an HTTP error), then the examples with the test server's URL and the API client's
 * credentials.
 */
function script(blocks: string[], url: string, clientId: string, secret: string): string {
  const wrapper = [
    "set -euo pipefail",
    "curl() {",
    '  local out; out=$(command curl -sS "$@")',
    `  printf '%s\\n${SEPARATOR}\\n' "$out" >> "$README_LOG"`,
    "  printf '%s' \"$out\"",
    "}",
  ].join("\n");
  const examples = blocks
    .join("\n")
    .replaceAll(README_URL, url)
    .replaceAll("gci_…", clientId)
    .replaceAll("gcs_…", secret);
  return `${wrapper}\n${examples}\n`;
}

/** A function of the README's ```js blocks, to run it as a reader would copy it. */
function readmeFunction(markdown: string, name: string): (...args: unknown[]) => unknown {
  const block = [...markdown.matchAll(/^```js\n([\s\S]*?)^```$/gm)]
    .map((match) => match[1])
    .find((code) => code.includes(`function ${name}(`));
  if (!block) throw new Error(`no README function ${name}`);
  return new Function("require", `${block}\nreturn ${name};`)(require) as never;
}

const run = promisify(execFile);

let t: TestApp;
let dir: string;
beforeAll(async () => {
  // The examples' dates (a meter installed on 2026-11-19, …) are in the past of a real clock.
  // As the README's webhook example says to start the server: loopback receivers allowed.
  t = await startTestApp({
    now: new Date().toISOString(),
    config: { webhookAllowLoopback: true },
    webhookDispatcher: true,
  });
  expect(await seedDemoRegistry(t.db.dataSource, t.clock)).toBe(true);
  dir = mkdtempSync(join(tmpdir(), "gas-readme-"));
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("README examples", () => {
  const markdown = readFileSync(README, "utf8");
  const blocks = sections(markdown, SECTIONS).flatMap(curlBlocks);

  it("finds the curl examples of the API and Integrators sections", () => {
    expect(sections(markdown, SECTIONS)).toHaveLength(SECTIONS.length);
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    expect(blocks.join("\n")).toContain("issueApiToken");
  });

  it("run as written against the demo registry: no errors, nothing REJECTED", async () => {
    // Every scope, so that examples of any integrator operation run with the one token.
    const issued = await t.app.services.apiClients.create("README", [...SCOPES]);
    const file = join(dir, "examples.sh");
    const log = join(dir, "answers.log");
    writeFileSync(file, script(blocks, `${t.url}/graphql`, issued.client.clientId, issued.secret));
    writeFileSync(log, "");
    await run("bash", [file], { cwd: dir, env: { ...process.env, README_LOG: log } });

    const answers = readFileSync(log, "utf8")
      .split(`\n${SEPARATOR}\n`)
      .filter((text) => text.trim() !== "");
    // Every curl line ran (at least once: an example may call curl in a loop).
    const code = blocks.join("\n").replace(/^\s*#.*$/gm, "");
    const curlCalls = code.match(/(^|[\s$(|;&])curl\s/gm) ?? [];
    expect(answers.length).toBeGreaterThanOrEqual(curlCalls.length);
    // A line that shows a refusal on purpose ends with its code as a comment (`# CODE`).
    const shown = new Set(
      [...blocks.join("\n").matchAll(/#\s*([A-Z][A-Z_]{4,})\s*$/gm)].map((m) => m[1]),
    );
    for (const text of answers) {
      const answer = JSON.parse(text);
      const codes: string[] = (answer.errors ?? []).map(
        (e: { extensions?: { code?: string } }) => e.extensions?.code,
      );
      if (codes.length && codes.every((c) => shown.has(c))) continue;
      expect({ answer, errors: answer.errors }).toEqual({ answer, errors: undefined });
      expect(text).not.toContain('"REJECTED"');
      expect(answer.data).toBeTruthy();
    }

    // The webhook example's receiver got the correction, signed as the README's check expects.
    const registered = answers.map((text) => JSON.parse(text)).find((a) => a.data?.registerWebhook);
    const secret: string = registered.data.registerWebhook.secret;
    // Only what was sent after the registration: the correction, not the sendings before it.
    const [line, ...more] = readFileSync(join(dir, "hooks.log"), "utf8").trim().split("\n");
    expect(more).toEqual([]);
    const [signature, ...body] = line.split(" ");
    expect(JSON.parse(body.join(" "))).toMatchObject({ type: "reading.corrected" });
    const verify = readmeFunction(markdown, "verifyGasSignature");
    expect(verify(secret, signature, body.join(" "))).toBe(true);
    expect(verify(secret, signature, body.join(" ").replace("13.000", "14.000"))).toBe(false);
  });
});
