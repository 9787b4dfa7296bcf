import { parseArgs } from "node:util";
import { measureApp } from "./scenarios/app";
import { formatCpuShare } from "./scenarios/main-thread";

/**
 * Scenario 7 on its own: initial JS/CSS and Lighthouse mobile on the login and readings screens.
 * Usage (after `npm run build`): ts-node --transpile-only bench/app.bench.ts [--quick] [--reports DIR]
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { quick: { type: "boolean", default: false }, reports: { type: "string" } },
  });
  const figures = await measureApp({
    quick: values.quick ?? false,
    log: (line) => console.error(line),
    reportDir: values.reports,
  });
  console.log(
    `initial JS ${figures.initialJsGzipKb} KB gzipped (target ≤ 120), ` +
      `initial CSS ${figures.initialCssGzipKb} KB gzipped`,
  );
  console.table(
    figures.lighthouse.map((row) => ({
      screen: row.screen,
      "performance (≥ 95)": row.performance,
      "LCP ms (≤ 2000)": row.lcpMs,
      "TBT ms": row.tbtMs,
      "FCP ms": row.fcpMs,
      "every run": row.scores.join(" "),
      benchmarkIndex: row.benchmarkIndex,
      "main thread on CPU": formatCpuShare(row.mainThreadCpuShare),
    })),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
