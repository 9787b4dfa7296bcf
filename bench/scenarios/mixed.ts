import { setTimeout as sleep } from "node:timers/promises";
import { type LoadResult, runLoad } from "../load/load";
import { accountsScreenItems, historyItems, loginItems, mix, sendingItems } from "../operations";
import type { RunningServer } from "../servers";
import { resetSendings, type BenchContext } from "./context";

export interface MixedLoad {
  rate: number;
  seconds: number;
  full: LoadResult;
  baseline: LoadResult;
  rssMb: { before: number; peak: number; after: number };
}

/** Month-end proportions: screens and history, sendings, and now and then a login. */
const WEIGHTS = { accounts: 20, history: 10, sending: 4, login: 1 };

/** The month-end mix at `rate` requests a second against `server` (scenarios 6 and 12). */
export async function underLoad(context: BenchContext, server: RunningServer, rate: number) {
  const { data, options } = context;
  const total = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
  const items = mix(
    [
      [accountsScreenItems([...data.users.one, ...data.users.three]), WEIGHTS.accounts],
      [historyItems(data.users.deep), WEIGHTS.history],
      [
        sendingItems(data.sendingMeters, data.users.one, 2, ["MONTHLY_LIMIT_REACHED"]),
        WEIGHTS.sending,
      ],
      [loginItems(data.users.fifty), WEIGHTS.login],
    ],
    Math.ceil(rate * options.size.mixedSeconds * 1.2),
  );
  let peak = server.rssMb();
  const sampler = setInterval(() => (peak = Math.max(peak, server.rssMb())), 250);
  try {
    const result = await runLoad({
      url: server.url,
      connections: 50,
      rate,
      seconds: options.size.mixedSeconds,
      items,
    });
    return { result, peak, total };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * Scenario 6 (T21, docs/security.md): the same mixed load at the same rate on the baseline and on the
 * full stack; the full stack's resident memory before, at the peak and after.
 */
export async function mixedLoad(
  context: BenchContext,
  accountsRps: number,
  loginsPerSecond: number,
): Promise<MixedLoad> {
  const total = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
  // Logins at half of what bcrypt manages, screens at 40 % of their flat-out rate.
  const rate = Math.max(
    20,
    Math.round(Math.min(accountsRps * 0.4, (loginsPerSecond * 0.5 * total) / WEIGHTS.login)),
  );
  await resetSendings(context.dataSource);
  const baseline = await underLoad(context, context.servers.baseline, rate);
  await resetSendings(context.dataSource);
  const full = context.servers.full;
  const before = full.rssMb();
  const measured = await underLoad(context, full, rate);
  await sleep(5000);
  const after = full.rssMb();
  await resetSendings(context.dataSource);
  const result: MixedLoad = {
    rate,
    seconds: context.options.size.mixedSeconds,
    full: measured.result,
    baseline: baseline.result,
    rssMb: { before, peak: measured.peak, after },
  };
  context.log(
    `  mixed at ${rate}/s: full p95 ${measured.result.p95.toFixed(1)} ms, errors ` +
      `${measured.result.errors}; baseline p95 ${baseline.result.p95.toFixed(1)} ms; RSS ` +
      `${before.toFixed(0)} → ${measured.peak.toFixed(0)} → ${after.toFixed(0)} MB ` +
      JSON.stringify(measured.result.codes),
  );
  return result;
}
