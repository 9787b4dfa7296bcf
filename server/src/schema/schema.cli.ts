import "reflect-metadata";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { printSchema } from "graphql";
import { graphqlSchema } from "../graphql/schema";

/** `npm run schema:emit` writes schema.graphql; `schema:check` fails when it is stale. */
const file = join(__dirname, "../../../schema.graphql");
const printed = printSchema(graphqlSchema()) + "\n";

if (process.argv.includes("--check")) {
  let committed = "";
  try {
    committed = readFileSync(file, "utf8");
  } catch {
    // treated as stale below
  }
  if (committed !== printed) {
    console.error("schema.graphql is stale: run `npm run schema:emit` and commit it.");
    process.exit(1);
  }
  console.log("schema.graphql is up to date.");
} else {
  writeFileSync(file, printed);
  console.log(`Wrote ${file}`);
}
