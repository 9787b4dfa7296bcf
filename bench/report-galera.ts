import type { GaleraFigures } from "./scenarios/galera";

const ms = (n: number) => n.toFixed(1);
const x = (n: number) => `${n.toFixed(2)}×`;

/** Scenario 9's section of the results' Markdown. */
export function galeraMarkdown(galera: GaleraFigures): string[] {
  const lines = ["", "### Galera cluster (scenario 9)", ""];
  if ("skipped" in galera) {
    lines.push(`Skipped: ${galera.skipped}.`);
    return lines;
  }
  lines.push(
    `${galera.processes} app processes (built, production) on a three-node MariaDB Galera cluster ` +
      `on this machine: first all on node 1, then each on its own node. No hand-written baseline: ` +
      `the ratio is the same full stack on 3 nodes ÷ on 1 node (higher is better). Accounts ` +
      `screen: ${galera.users} users with 3 accounts; sending: ${galera.meters} meters, each ` +
      `sent and then corrected. Conflict aborts: Galera's certification failures and ` +
      `brute-force aborts over all nodes during the run, per request.`,
    "",
    "| app processes on | accounts screen req/s | p50 / p99 ms | aborts per screen | sending req/s | p50 / p99 ms | aborts per sending | refused, sent again | limit held | errors |",
    "|---|---|---|---|---|---|---|---|---|---|",
  );
  for (const run of galera.runs) {
    lines.push(
      `| ${run.nodes === 1 ? "node 1 (all three)" : "each its own node"} | ` +
        `${run.screen.rps.toFixed(0)} | ${ms(run.screen.p50)} / ${ms(run.screen.p99)} | ` +
        `${run.abortsPerScreen.toFixed(3)} | ${run.sending.rps.toFixed(0)} | ` +
        `${ms(run.sending.p50)} / ${ms(run.sending.p99)} | ${run.abortsPerSending.toFixed(3)} | ` +
        `${run.refused}${run.resendFailures.length ? ` (${run.resendFailures.length} still refused)` : ""} | ` +
        `${run.limitHeld ? "yes" : "**BROKEN**"} | ${run.screen.errors + run.sending.errors} |`,
    );
  }
  const one = galera.runs.find((r) => r.nodes === 1);
  const three = galera.runs.find((r) => r.nodes === 3);
  if (one && three) {
    lines.push(
      `| **3 nodes ÷ 1 node** | **${x(three.screen.rps / one.screen.rps)}** | | | ` +
        `**${x(three.sending.rps / one.sending.rps)}** | | | | | |`,
    );
  }
  lines.push(
    "",
    `Cluster start ${galera.clusterStartSeconds.toFixed(0)} s; the whole scenario ` +
      `${galera.seconds.toFixed(0)} s.`,
  );
  return lines;
}

/** Scenario 9's wrong answers (never its times). */
export function galeraFailures(galera: GaleraFigures | undefined): string[] {
  if (!galera || "skipped" in galera) return [];
  const failures: string[] = [];
  for (const run of galera.runs) {
    const where = `Galera, ${run.nodes} node${run.nodes > 1 ? "s" : ""}`;
    if (run.screen.errors) failures.push(`${where}: accounts screen errors`);
    if (run.sending.errors) failures.push(`${where}: sending errors`);
    if (run.resendFailures.length) failures.push(`${where}: sendings refused for good`);
    if (!run.limitHeld) failures.push(`${where}: monthly limit BROKEN`);
  }
  return failures;
}
