import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./server-process";

export const MAIN_SCRIPT = "dist/server/src/main.js";

/**
 * The Node options production starts the server with: `npm start` runs package.json's start
 * script, `node <options> dist/server/src/main.js`, and the container's CMD must say the same
 * (start-command.spec.ts). The benchmark and the replicas test read them here, so they measure
 * and test the server as it runs. Why each option is there: docs/operations.md, "Memory".
 */
export function startNodeOptions(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    scripts: { start: string };
  };
  const words = pkg.scripts.start.trim().split(/\s+/);
  if (words[0] !== "node" || words.at(-1) !== MAIN_SCRIPT) {
    throw new Error(`package.json's start script is not "node [options] ${MAIN_SCRIPT}"`);
  }
  return words.slice(1, -1);
}
