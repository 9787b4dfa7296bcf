import type { FloorFigures, FloorRow } from "./scenarios/floor";

const cpu = (n: number | undefined, digits = 2) => (n === undefined ? "—" : n.toFixed(digits));

/** A floor target (issue 21): printed, never asserted on. */
export interface FloorCheck {
  what: string;
  figure: string;
  target: string;
  met: boolean;
}

/** Scenario 10's section of the results' Markdown. */
export function floorMarkdown(floor: FloorFigures): string[] {
  const lines = [
    "",
    "### Against the floors (scenario 10)",
    "",
    "Database floor: the statements the full stack sent for each request (MariaDB's general " +
      "log), replayed by a bare mysql2 pool as prepared statements at the same concurrency on " +
      "the same data (a sending's in its transaction). CPU: ms per request from `/proc/<pid>/stat` " +
      "(10 ms ticks). Pinned: the server alone on core 0; mysqld, the load generator and the " +
      "replaying client on core 1. Each row is the median of three rounds, a round being the " +
      "full stack, the bare baseline and the floor one after the other; the ratio is the median " +
      "of the rounds' ratios (in brackets).",
    "",
    "Bare baseline: the hand-written server of bench/baseline (plain `http` and mysql2's text " +
      "protocol with its own statements, no framework) under the same load, placed as the full " +
      "stack: how close to the floor code without the stack gets on this machine.",
    "",
    "| request | placement | full req/s | DB floor req/s | full ÷ DB floor | bare baseline ÷ DB floor | server CPU ms (full / bare) | mysqld CPU ms (full / floor) | statements (full / captured) |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of floor.rows) {
    lines.push(
      `| ${r.name} | ${r.pinned ? "pinned" : "unpinned"} | ${r.full.rps.toFixed(0)} | ` +
        `${r.floor.rps.toFixed(0)} | **${r.ratio.toFixed(2)}** ` +
        `(${r.roundRatios.map((x) => x.toFixed(2)).join(", ")}) | ` +
        `${(r.baseline.rps / r.floor.rps).toFixed(2)} | ` +
        `${cpu(r.full.serverCpuMs)} / ${cpu(r.baseline.serverCpuMs)} | ` +
        `${cpu(r.full.databaseCpuMs)} / ${cpu(r.floor.databaseCpuMs)} | ` +
        `${r.full.statements?.toFixed(1) ?? "—"} / ${r.floor.statements.toFixed(1)} |`,
    );
  }
  if (floor.replayErrors) {
    lines.push(
      "",
      `Floor replays that failed: ${floor.replayErrors} of ${floor.replayed} (first: ${floor.firstError}).`,
    );
  }
  for (const h of floor.http) {
    lines.push(
      "",
      `HTTP floor${h.pinned ? " (pinned)" : ""}: Fastify answering the accounts screen's ` +
        `${h.bytes} bytes: ${h.rps.toFixed(0)} req/s, ${cpu(h.cpuMs, 3)} ms CPU per request.`,
    );
  }
  for (const pinned of [false, true]) {
    const [anonymous, signedIn] = (["anonymous", "signed in"] as const).map((request) =>
      floor.stack.find((s) => s.request === request && s.pinned === pinned),
    );
    if (!anonymous || !signedIn) continue;
    lines.push(
      "",
      `Stack floor${pinned ? " (pinned)" : ""}: the full stack answering \`{ __typename }\` ` +
        `(no resolver of ours): anonymous ${anonymous.rps.toFixed(0)} req/s, ` +
        `${cpu(anonymous.cpuMs, 3)} ms CPU per request; signed in (token verified, session ` +
        `row read) ${signedIn.rps.toFixed(0)} req/s, ${cpu(signedIn.cpuMs, 3)} ms.`,
    );
  }
  lines.push(...cpuSharesMarkdown(floor));
  return lines;
}

/** A request's server CPU split into what the stack and the driver cost bare, and the rest. */
export interface CpuShare {
  name: string;
  pinned: boolean;
  server: number;
  /** The stack floor, anonymous: HTTP, Fastify, Apollo Server, graphql-js; no statement. */
  stack: number;
  /** The floor's replaying client for the same statements: driver and kernel, no code around. */
  driver: number;
  /**
   * What is left: our context, resolvers, rules, statements' building and the answer, under-
   * stated by what a busy server saves on wake-ups (it can come out below zero).
   */
  rest: number;
  /** The stack floor plus the request's statements at the cheapest round trip's CPU each. */
  cheapest?: number;
}

export function cpuShares(floor: FloorFigures): CpuShare[] {
  const out: CpuShare[] = [];
  for (const r of floor.rows) {
    const stack = floor.stack.find((s) => s.request === "anonymous" && s.pinned === r.pinned);
    const server = r.full.serverCpuMs;
    const driver = r.floor.clientCpuMs;
    if (server === undefined || driver === undefined || stack?.cpuMs === undefined) continue;
    const rest = server - stack.cpuMs - driver;
    const trip = floor.roundTrip.find((t) => t.pinned === r.pinned)?.cpuMs;
    const cheapest = trip === undefined ? undefined : stack.cpuMs + r.floor.statements * trip;
    out.push({
      name: r.name,
      pinned: r.pinned,
      server,
      stack: stack.cpuMs,
      driver,
      rest,
      cheapest,
    });
  }
  return out;
}

function cpuSharesMarkdown(floor: FloorFigures): string[] {
  const shares = cpuShares(floor);
  if (!shares.length) return [];
  const trips = floor.roundTrip.map(
    (t) =>
      `Cheapest round trip${t.pinned ? " (pinned)" : ""}: the replaying client sending a ` +
      `prepared \`SELECT 1\` as fast as MariaDB answers: ${t.rps.toFixed(0)}/s, ` +
      `${cpu(t.cpuMs, 3)} ms of its CPU each.`,
  );
  return [
    "",
    ...trips.flatMap((line) => [line, ""]),
    "Where the server's CPU goes, ms per request. _Stack + driver_ estimates what a request " +
      "of the kind costs on this stack and machine before any code of ours: the stack floor " +
      "(anonymous `{ __typename }`) plus the floor's replaying client running the same statements " +
      "bare (mysql2 and the kernel's share of each round trip). The rest is the request's " +
      "context, resolvers, rules, the statements' building and the answer. The bare client waits " +
      "idle for each answer and pays a wake-up for it, where a busy server often takes several " +
      "answers per wake-up: so the estimate leans high, and the rest can understate our code, " +
      "down to below zero. _Stack + cheapest round trips_ leans the other way: the stack floor " +
      "plus the request's statements at the cheapest round trip's CPU, about the least any code on " +
      "this stack could spend here.",
    "",
    "| request | placement | server CPU | stack floor | bare client, same statements | stack + driver | the rest | stack + cheapest round trips |",
    "|---|---|---|---|---|---|---|---|",
    ...shares.map(
      (s) =>
        `| ${s.name} | ${s.pinned ? "pinned" : "unpinned"} | ${cpu(s.server)} | ` +
        `${cpu(s.stack, 3)} | ${cpu(s.driver, 3)} | ${cpu(s.stack + s.driver)} | ${cpu(s.rest)} | ` +
        `${cpu(s.cheapest)} |`,
    ),
  ];
}

const row = (floor: FloorFigures, prefix: string, pinned: boolean): FloorRow | undefined =>
  floor.rows.find((r) => r.name.startsWith(prefix) && r.pinned === pinned);

/** Issue 21's targets. */
export function floorChecks(floor: FloorFigures | undefined): FloorCheck[] {
  if (!floor) return [];
  const out: FloorCheck[] = [];
  const ratio = (r: FloorRow | undefined, what: string, target: number) => {
    if (r) {
      out.push({
        what,
        figure: r.ratio.toFixed(2),
        target: `≥ ${target}`,
        met: r.ratio >= target,
      });
    }
  };
  const serverCpu = (r: FloorRow | undefined, what: string, target: number) => {
    if (r?.full.serverCpuMs !== undefined) {
      out.push({
        what,
        figure: `${r.full.serverCpuMs.toFixed(2)} ms`,
        target: `≤ ${target} ms`,
        met: r.full.serverCpuMs <= target,
      });
    }
  };
  const screen = row(floor, "accounts", false);
  ratio(screen, "accounts screen: full ÷ DB floor, unpinned", 0.5);
  ratio(row(floor, "accounts", true), "accounts screen: full ÷ DB floor, pinned", 0.75);
  serverCpu(screen, "accounts screen: server CPU per request", 0.35);
  const sending = row(floor, "sending", false);
  ratio(sending, "sending: full ÷ DB floor", 0.5);
  serverCpu(sending, "sending: server CPU per sending", 1.0);
  // The same with the server alone on its core (`--pin`): what it costs without sharing one.
  serverCpu(row(floor, "accounts", true), "accounts screen: server CPU per request, pinned", 0.35);
  serverCpu(row(floor, "sending", true), "sending: server CPU per sending, pinned", 1.0);
  if (sending?.full.statements !== undefined) {
    out.push({
      what: "sending: statements per sending",
      figure: sending.full.statements.toFixed(1),
      target: "≤ 9",
      met: sending.full.statements <= 9,
    });
  }
  ratio(row(floor, "history", false), "history: full ÷ DB floor", 0.5);
  return out;
}

/** Scenario 10's wrong answers: the server failing a request, or the floor failing a replay. */
export function floorFailures(floor: FloorFigures | undefined): string[] {
  if (!floor) return [];
  const failures: string[] = [];
  if (floor.captureFailures)
    failures.push(
      `floor: ${floor.captureFailures} captured requests failed (first: ${floor.firstCaptureFailure})`,
    );
  for (const s of floor.stack) {
    if (s.errors > s.requests / 100) {
      failures.push(`stack floor, ${s.request}: ${s.errors} of ${s.requests} requests failed`);
    }
  }
  // A refused request (a spent budget: 429) is no measurement of the full stack.
  for (const r of floor.rows) {
    if (r.full.errors > r.full.requests / 100) {
      failures.push(
        `floor: ${r.name}${r.pinned ? " (pinned)" : ""}: ${r.full.errors} of the full stack's ` +
          `${r.full.requests} measured requests failed (${JSON.stringify(r.full.firstCodes)})`,
      );
    }
  }
  // A replayed statement that fails is the floor's error, not the server's: a few (a captured
  // sending that meets its twin's row) are reported; more than 1 % means the capture is wrong.
  if (floor.replayErrors > Math.max(1, floor.replayed / 100)) {
    failures.push(`floor: ${floor.replayErrors} replays failed (${floor.firstError})`);
  }
  return failures;
}
