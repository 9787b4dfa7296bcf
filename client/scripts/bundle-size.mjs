/* global console, process */
// Prints the initial JavaScript size, gzipped: the entry chunk plus everything it imports
// statically (lazy routes and locale files are not counted). Fails above the budget.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 150;
const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
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
let js = 0;
let css = 0;
for (const key of seen) {
  js += gzipKb(manifest[key].file);
  for (const file of manifest[key].css ?? []) css += gzipKb(file);
}
console.log(
  `initial JS: ${js.toFixed(1)} KB gzipped in ${seen.size} chunk(s) (budget ${BUDGET_KB} KB); initial CSS: ${css.toFixed(1)} KB gzipped`,
);
if (js > BUDGET_KB) {
  console.error(`initial JS is over the ${BUDGET_KB} KB budget`);
  process.exit(1);
}
