import { setTimeout as sleep } from "node:timers/promises";
import type { DataSource } from "typeorm";
import { periodOf } from "../../server/src/core/almaty-time";
import { RATE_LIMIT_TABLE } from "../../server/src/db/limiter-table";
import { COST_FLUSH_MS } from "../../server/src/rate-limit/cost-budget";
import type { BenchData } from "../data";
import { type LoadJob, type LoadResult, runLoad } from "../load/load";
import { accountsScreenItems } from "../operations";
import type { BenchOptions } from "../options";
import type { RunningServer } from "../servers";

export interface Figures {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** SQL statements the database received per request (MariaDB's `Questions`). */
  statements?: number;
  codes: Record<string, number>;
}

/** One measurement of the full stack against the baseline. */
export interface Comparison {
  scenario: number;
  name: string;
  /** Readings in the database when measured. */
  readings: number;
  full: Figures;
  baseline: Figures;
}

export interface BenchContext {
  options: BenchOptions;
  data: BenchData;
  dataSource: DataSource;
  servers: { full: RunningServer; baseline: RunningServer };
  readings: number;
  log: (line: string) => void;
}

export const toFigures = (result: LoadResult, statements?: number): Figures => ({
  requests: result.requests,
  rps: result.rps,
  p50: result.p50,
  p95: result.p95,
  p99: result.p99,
  errors: result.errors,
  statements,
  codes: result.codes,
});

async function questions(dataSource: DataSource): Promise<number | null> {
  if (dataSource.options.type !== "mysql") return null;
  const [row] = await dataSource.query("SHOW GLOBAL STATUS LIKE 'Questions'");
  return Number(row.Value);
}

/** A load run against one server, with a short warm-up first and statements counted. */
export async function measure(
  context: BenchContext,
  server: RunningServer,
  job: Omit<LoadJob, "url">,
  warmUp = true,
): Promise<Figures> {
  if (warmUp) {
    const amount = context.options.size.warmUpRequests;
    await runLoad({ ...job, url: server.url, seconds: undefined, amount });
  }
  const before = await questions(context.dataSource);
  const result = await runLoad({ ...job, url: server.url });
  const after = await questions(context.dataSource);
  // Two statements are the probe's own SHOW STATUS.
  const statements =
    before === null || after === null ? undefined : (after - before - 1) / result.requests;
  return toFigures(result, statements);
}

/** Baseline first, then the full stack, with the same job. */
export async function compare(
  context: BenchContext,
  scenario: number,
  name: string,
  job: Omit<LoadJob, "url">,
  { between, warmUp = true }: { between?: () => Promise<void>; warmUp?: boolean } = {},
): Promise<Comparison> {
  await between?.();
  const baseline = await measure(context, context.servers.baseline, job, warmUp);
  await between?.();
  const full = await measure(context, context.servers.full, job, warmUp);
  await between?.();
  const comparison = { scenario, name, readings: context.readings, full, baseline };
  context.log(
    `  ${name}: full ${full.rps.toFixed(0)}/s p99 ${full.p99.toFixed(1)} ms, ` +
      `baseline ${baseline.rps.toFixed(0)}/s p99 ${baseline.p99.toFixed(1)} ms` +
      (full.errors || baseline.errors
        ? `  ERRORS full ${JSON.stringify(full.codes)} baseline ${JSON.stringify(baseline.codes)}`
        : ""),
  );
  return comparison;
}

/** Removes this month's sendings, so that each run meets the same state. */
export async function resetSendings(dataSource: DataSource): Promise<void> {
  await dataSource.query("DELETE FROM readings WHERE period = ? AND slot IS NOT NULL", [
    periodOf(new Date()),
  ]);
}

/**
 * Every subscriber's per-minute cost budget whole again, before a measured run or a scenario
 * (the benchmark's bookkeeping, like resetSendings): emptying the table is not enough, as the
 * server keeps what it learnt of each budget until its next flush (COST_FLUSH_MS after a
 * charge), so one request makes that flush happen and the run waits for it.
 */
export async function freshBudgets(context: BenchContext): Promise<void> {
  await context.dataSource.query(`DELETE FROM ${RATE_LIMIT_TABLE}`);
  const [item] = accountsScreenItems(context.data.users.one.slice(0, 1));
  await runLoad({ url: context.servers.full.url, connections: 1, amount: 1, items: [item] });
  await sleep(COST_FLUSH_MS * 2);
}
