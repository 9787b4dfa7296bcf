import type { AppFigures } from "./scenarios/app";
import type { Comparison } from "./scenarios/context";
import type { ExplainedStatement } from "./scenarios/explain";
import type { FeedDrainFigures } from "./scenarios/feed-drain";
import type { ImportFigures } from "./scenarios/import";
import type { LoginFlood } from "./scenarios/login";
import type { MixedLoad } from "./scenarios/mixed";
import { type WebhookBench, webhookFailures, webhookMarkdown } from "./scenarios/webhooks";
import type { GaleraFigures } from "./scenarios/galera";
import { formatCpuShare } from "./scenarios/main-thread";
import { galeraFailures, galeraMarkdown } from "./report-galera";
import { floorChecks, floorFailures, floorMarkdown } from "./report-floor";
import type { FloorFigures } from "./scenarios/floor";

export interface BenchResults {
  date: string;
  database: string;
  quick: boolean;
  machine: string;
  comparisons: Comparison[];
  login?: { logins: Comparison; flood: LoginFlood };
  mixed?: MixedLoad;
  webhooks?: WebhookBench;
  explain: ExplainedStatement[];
  app?: AppFigures;
  import?: ImportFigures;
  galera?: GaleraFigures;
  floor?: FloorFigures;
  feedDrain?: FeedDrainFigures;
}

/** A target checked against a figure: printed, never asserted on (times are noise in CI). */
interface Check {
  what: string;
  figure: string;
  target: string;
  met: boolean;
}

const ms = (n: number) => n.toFixed(1);
const x = (n: number) => `${n.toFixed(2)}×`;
const count = (n: number) =>
  n >= 1_000_000
    ? `${+(n / 1_000_000).toFixed(1)}M`
    : n >= 1000
      ? `${+(n / 1000).toFixed(0)}k`
      : `${n}`;

function comparisonTable(comparisons: Comparison[]): string[] {
  const lines = [
    "| # | scenario | readings | full req/s | baseline req/s | ratio | full p50 / p99 ms | baseline p50 / p99 ms | SQL per request (full / baseline) | errors |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const c of comparisons) {
    const sql =
      c.full.statements === undefined
        ? "—"
        : `${c.full.statements.toFixed(1)} / ${c.baseline.statements?.toFixed(1)}`;
    lines.push(
      `| ${c.scenario} | ${c.name} | ${count(c.readings)} | ${c.full.rps.toFixed(0)} | ` +
        `${c.baseline.rps.toFixed(0)} | ${x(c.full.rps / c.baseline.rps)} | ` +
        `${ms(c.full.p50)} / ${ms(c.full.p99)} | ${ms(c.baseline.p50)} / ${ms(c.baseline.p99)} | ` +
        `${sql} | ${c.full.errors + c.baseline.errors} |`,
    );
  }
  return lines;
}

/** Scenario 4: each read and write's p50 at the largest stage over the smallest. */
function growth(comparisons: Comparison[]): Array<{ name: string; ratio: number; p50s: string }> {
  const byName = new Map<string, Comparison[]>();
  for (const c of comparisons) {
    if (c.scenario > 3) continue;
    const key = c.name.replace(/; limit .*/, "");
    byName.set(key, [...(byName.get(key) ?? []), c]);
  }
  return [...byName]
    .filter(([, list]) => list.length > 1)
    .map(([name, list]) => ({
      name,
      ratio: list[list.length - 1].full.p50 / list[0].full.p50,
      p50s: list.map((c) => `${count(c.readings)}: ${ms(c.full.p50)}`).join(", "),
    }));
}

function checks(results: BenchResults): Check[] {
  const out: Check[] = [];
  const largest = Math.max(...results.comparisons.map((c) => c.readings));
  for (const c of results.comparisons.filter((c) => c.readings === largest)) {
    const ratio = c.full.rps / c.baseline.rps;
    const floor = c.scenario === 2 ? 0.7 : 0.8;
    out.push({
      what: `${c.name} (${count(c.readings)} readings)`,
      figure: x(ratio),
      target: `≥ ${floor}× baseline`,
      met: ratio >= floor && !c.name.includes("BROKEN"),
    });
  }
  const screens = results.comparisons.filter((c) => c.scenario === 1);
  const one = screens.find((c) => c.name.endsWith(" 1 account"));
  const fifty = screens.find((c) => c.name.endsWith("50 accounts"));
  if (one?.full.statements !== undefined && fifty?.full.statements !== undefined) {
    out.push({
      what: "SQL statements, accounts screen 1 vs 50 accounts",
      figure: `${one.full.statements.toFixed(1)} vs ${fifty.full.statements.toFixed(1)}`,
      target: "the same",
      met: Math.abs(one.full.statements - fifty.full.statements) < 0.5,
    });
  }
  for (const g of growth(results.comparisons)) {
    out.push({
      what: `growth: ${g.name} p50`,
      figure: x(g.ratio),
      target: "≤ 1.3×",
      met: g.ratio <= 1.3,
    });
  }
  if (results.login) {
    const { flood } = results.login;
    const ratio = flood.p99DuringLogins / flood.p99Alone;
    out.push({
      what: `accounts screen p99 during ${flood.loginsPerSecond.toFixed(1)} logins/s`,
      figure: x(ratio),
      target: "≤ 2× without logins",
      met: ratio <= 2 && flood.errors === 0,
    });
  }
  if (results.mixed) {
    const { mixed } = results;
    out.push({
      what: `mixed load ${mixed.seconds} s: errors`,
      figure: String(mixed.full.errors),
      target: "0",
      met: mixed.full.errors === 0,
    });
    out.push({
      what: "mixed load: RSS at peak",
      figure: `${mixed.rssMb.peak.toFixed(0)} MB`,
      target: "≤ 300 MB",
      met: mixed.rssMb.peak <= 300,
    });
    const ratio = mixed.full.p95 / mixed.baseline.p95;
    out.push({
      what: "mixed load: p95 vs baseline (T21)",
      figure: x(ratio),
      target: "≤ 1.5×",
      met: ratio <= 1.5,
    });
  }
  if (results.app) {
    const { app } = results;
    out.push({
      what: "initial JavaScript, gzipped",
      figure: `${app.initialJsGzipKb.toFixed(1)} KB`,
      target: "≤ 120 KB",
      met: app.initialJsGzipKb <= 120,
    });
    for (const run of app.lighthouse) {
      out.push({
        what: `Lighthouse mobile, ${run.screen} screen`,
        figure: `${run.performance} (LCP ${(run.lcpMs / 1000).toFixed(2)} s, TBT ${run.tbtMs.toFixed(0)} ms)`,
        target: "≥ 95, LCP ≤ 2.0 s",
        met: run.performance >= 95 && run.lcpMs <= 2000,
      });
    }
  }
  if (results.import) {
    const ratio = results.import.importSeconds / results.import.loadDataSeconds;
    out.push({
      what: `import of ${count(results.import.accounts)} accounts vs LOAD DATA`,
      figure: `${results.import.importSeconds.toFixed(1)} s vs ${results.import.loadDataSeconds.toFixed(1)} s = ${x(ratio)}`,
      target: "≤ 3×",
      met: ratio <= 3,
    });
  }
  return [...out, ...floorChecks(results.floor)];
}

export function markdown(results: BenchResults): string {
  const lines = [
    `## npm run bench — ${results.date}, ${results.database}${results.quick ? ", --quick" : ""}`,
    "",
    `Machine: ${results.machine}. Ratios are full stack ÷ baseline measured in the same run.`,
    "",
    ...comparisonTable([...results.comparisons, ...(results.login ? [results.login.logins] : [])]),
  ];
  const grown = growth(results.comparisons);
  if (grown.length) {
    lines.push("", "### Growth (scenario 4): full stack p50 by readings in the database", "");
    lines.push("| scenario | p50 ms by stage | largest ÷ smallest |", "|---|---|---|");
    for (const g of grown) lines.push(`| ${g.name} | ${g.p50s} | ${x(g.ratio)} |`);
  }
  if (results.login) {
    const { flood } = results.login;
    lines.push(
      "",
      `### Login flood (scenario 5)`,
      "",
      `Accounts screen at ${flood.rate}/s: p99 ${ms(flood.p99Alone)} ms alone, ` +
        `${ms(flood.p99DuringLogins)} ms while ${flood.loginsPerSecond.toFixed(1)} logins/s ran ` +
        `(${x(flood.p99DuringLogins / flood.p99Alone)}); errors ${flood.errors}.`,
    );
  }
  if (results.mixed) {
    const { mixed } = results;
    lines.push(
      "",
      "### Mixed month-end load (scenario 6, T21)",
      "",
      "| server | rate | requests | errors | p50 / p95 / p99 ms | answers |",
      "|---|---|---|---|---|---|",
    );
    for (const [name, r] of [
      ["full stack", mixed.full],
      ["baseline", mixed.baseline],
    ] as const) {
      lines.push(
        `| ${name} | ${mixed.rate}/s | ${r.requests} | ${r.errors} | ${ms(r.p50)} / ${ms(r.p95)} / ${ms(r.p99)} | ${JSON.stringify(r.codes)} |`,
      );
    }
    lines.push(
      "",
      `Full stack RSS: ${mixed.rssMb.before.toFixed(0)} MB before, ${mixed.rssMb.peak.toFixed(0)} MB at peak, ${mixed.rssMb.after.toFixed(0)} MB after.`,
    );
  }
  if (results.app) {
    lines.push(
      "",
      "### App (scenario 7)",
      "",
      "| screen | performance | LCP | TBT | FCP | every run's score | benchmarkIndex | main thread on CPU |",
      "|---|---|---|---|---|---|---|---|",
    );
    for (const run of results.app.lighthouse) {
      lines.push(
        `| ${run.screen} | ${run.performance} | ${(run.lcpMs / 1000).toFixed(2)} s | ${run.tbtMs.toFixed(0)} ms | ${(run.fcpMs / 1000).toFixed(2)} s | ${run.scores.join(", ")} | ${run.benchmarkIndex} | ${formatCpuShare(run.mainThreadCpuShare)} |`,
      );
    }
    lines.push(
      "",
      `Initial JavaScript ${results.app.initialJsGzipKb.toFixed(1)} KB gzipped, CSS ${results.app.initialCssGzipKb.toFixed(1)} KB.`,
    );
  }
  if (results.floor) lines.push(...floorMarkdown(results.floor));
  lines.push(...webhookMarkdown(results.webhooks));
  if (results.galera) lines.push(...galeraMarkdown(results.galera));
  if (results.feedDrain) lines.push(...feedDrainMarkdown(results.feedDrain));
  lines.push("", "### Targets", "", "| target | figure | wanted | met |", "|---|---|---|---|");
  for (const check of checks(results)) {
    lines.push(
      `| ${check.what} | ${check.figure} | ${check.target} | ${check.met ? "yes" : "**no**"} |`,
    );
  }
  if (results.explain.length) {
    lines.push(
      "",
      `### EXPLAIN at ${count(Math.max(...results.comparisons.map((c) => c.readings)))} readings`,
      "",
    );
    for (const e of results.explain) {
      lines.push(
        `- **${e.operation}**: \`${e.sql.slice(0, 160)}${e.sql.length > 160 ? "…" : ""}\``,
      );
      for (const p of e.plan) lines.push(`  - ${p}`);
    }
  }
  return lines.join("\n") + "\n";
}

/** Failures that are not about time: wrong answers, a broken limit. */
export function correctnessFailures(results: BenchResults): string[] {
  const failures: string[] = [];
  for (const c of [...results.comparisons, ...(results.login ? [results.login.logins] : [])]) {
    if (c.full.errors || c.baseline.errors) failures.push(`${c.name}: unexpected errors`);
    if (c.name.includes("BROKEN")) failures.push(`${c.name}`);
  }
  if (results.login?.flood.errors) failures.push("login flood: errors");
  if (results.mixed?.full.errors) failures.push("mixed load: errors");
  return [
    ...failures,
    ...webhookFailures(results.webhooks),
    ...galeraFailures(results.galera),
    ...floorFailures(results.floor),
  ];
}

const kb = (bytes: number | undefined) =>
  bytes === undefined || Number.isNaN(bytes) ? "—" : `${(bytes / 1024).toFixed(1)} KB`;

function feedDrainMarkdown(f: FeedDrainFigures): string[] {
  const hours = (f.secondsAtRefillRate / 3600).toFixed(2);
  return [
    "",
    "## Feed drain (scenario 11)",
    "",
    `| readings | pages of ${f.pageSize} | drain time | points charged | points/row | empty poll | at the refill rate | a page: JSON / br |`,
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    `| ${f.readings.toLocaleString("en")} | ${f.pages} | ${f.seconds.toFixed(1)} s | ${f.points.toLocaleString("en")} | ${f.pointsPerRow.toFixed(3)} | ${f.emptyPollPoints} | ${f.secondsAtRefillRate.toFixed(0)} s (${hours} h) | ${kb(f.pageBytes)} / ${kb(f.pageBytesBr)} |`,
  ];
}
