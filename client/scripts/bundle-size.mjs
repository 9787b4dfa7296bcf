/* global console, process */
// Prints the initial JavaScript size, gzipped: the entry chunk plus everything it imports
// statically (lazy routes and locale files are not counted). Fails above the budget.
// `initialBundleSize()` is also used by the benchmark (bench/scenarios/app.ts).
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 120;
const DIST = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");

/**
 * The entry chunk and its static imports, from Vite's manifest: JS and CSS in KB, gzipped at
 * level 9, and how many chunks that is.
 * @param {string} [dist] the built app (client/dist)
 * @returns {{ jsKb: number; cssKb: number; chunks: number }}
 */
export function initialBundleSize(dist = DIST) {
  const manifest = JSON.parse(readFileSync(join(dist, ".vite", "manifest.json"), "utf8"));
  const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
  if (!entry) throw new Error("no entry chunk in the Vite manifest");

  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key].imports ?? []) visit(imported);
  };
  visit(entry);

  const gzipKb = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024;
  let jsKb = 0;
  let cssKb = 0;
  for (const key of seen) {
    jsKb += gzipKb(manifest[key].file);
    for (const file of manifest[key].css ?? []) cssKb += gzipKb(file);
  }
  return { jsKb, cssKb, chunks: seen.size };
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { jsKb, cssKb, chunks } = initialBundleSize();
  console.log(
    `initial JS: ${jsKb.toFixed(1)} KB gzipped in ${chunks} chunk(s) (budget ${BUDGET_KB} KB); initial CSS: ${cssKb.toFixed(1)} KB gzipped`,
  );
  if (jsKb > BUDGET_KB) {
    console.error(`initial JS is over the ${BUDGET_KB} KB budget`);
    process.exit(1);
  }
}
