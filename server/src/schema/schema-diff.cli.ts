import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSchema } from "graphql";
import { schemaHistory } from "./schema-history";

/**
 * `npm run schema:diff`: schema.graphql against the last released schema
 * (schema/released.graphql). Fails on a breaking change that CHANGELOG.md's "Unreleased" section
 * does not name, or a removal that was not deprecated first with a removal date. At a release,
 * copy schema.graphql to schema/released.graphql and date the "Unreleased" section.
 */
const root = join(__dirname, "../../..");
const read = (file: string) => readFileSync(join(root, file), "utf8");

async function main(): Promise<void> {
  const report = await schemaHistory(
    buildSchema(read("schema/released.graphql")),
    buildSchema(read("schema.graphql")),
    read("CHANGELOG.md"),
    new Date(),
  );
  const list = (title: string, lines: string[]) => {
    if (lines.length > 0) console.log(`${title}:\n${lines.map((l) => `  - ${l}`).join("\n")}`);
  };
  list(
    "Breaking",
    report.breaking.map((c) => c.message),
  );
  list(
    "Dangerous",
    report.dangerous.map((c) => c.message),
  );
  list(
    "Safe",
    report.safe.map((c) => c.message),
  );
  if (report.problems.length > 0) {
    list("schema.graphql may not ship as it is", report.problems);
    process.exit(1);
  }
  console.log("schema.graphql keeps the released contract (schema/released.graphql).");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
