import { setTimeout as sleep } from "node:timers/promises";
import { type Connection, createConnection } from "mysql2/promise";
import type { LoadItem } from "../load/load";
import { parameterize, type Parameterized, unloggedParameters } from "./sql-parameters";

/** The statements the real server sent for one request, in order, ready to prepare. */
export type CapturedRequest = Parameterized[];

const MARK = "floor-capture-mark";
/** Work of the server's own background loops, not of the request (outbox, webhooks, leases). */
const BACKGROUND = /mail_outbox|webhook|lease|general_log/i;
const REQUEST_STATEMENT = /^(SELECT|INSERT|UPDATE|DELETE|START TRANSACTION|COMMIT|ROLLBACK)\b/i;

/** A statement family met in fewer of a kind's requests than this is another loop's work. */
const NOISE_SHARE = 0.1;
const FAMILY_CHARS = 60;
/** How long a connection busy when the log went on is waited for before it is closed anyway. */
const BUSY_WAIT_MS = 5_000;

/**
 * Sends `items` to the server one at a time with MariaDB's general log on, a marker statement
 * between requests, and splits the log at the markers: the statements of each request exactly as
 * the server sent them (text protocol or prepared), never a hand-kept copy that could drift.
 * A request the server failed is sent once more and its failed attempt left out; statements
 * that met only a few requests (a background loop's tick) are left out too.
 */
export async function captureRequests(
  databaseUrl: string,
  serverUrl: string,
  items: LoadItem[],
): Promise<{ requests: CapturedRequest[]; failed: number; firstFailure?: string }> {
  const db = await createConnection({ uri: databaseUrl });
  let failed = 0;
  let firstFailure: string | undefined;
  const kept: boolean[] = [];
  try {
    await db.query("SET GLOBAL log_output = 'TABLE'");
    await db.query("TRUNCATE TABLE mysql.general_log");
    await db.query("SET GLOBAL general_log = 1");
    await closeOpenConnections(db);
    for (const item of items) {
      for (let attempt = 1; attempt <= 2; attempt += 1) {
        await db.query(`SELECT '${MARK}'`);
        const failure = await failureOf(serverUrl, item);
        kept.push(failure === null);
        if (failure === null) break;
        firstFailure ??= failure;
        if (attempt === 2) failed += 1;
      }
    }
    await db.query(`SELECT '${MARK}'`);
    await db.query("SET GLOBAL general_log = 0");
    await closeOpenConnections(db);
    const [rows] = await db.query(
      `SELECT argument AS statement FROM mysql.general_log
        WHERE command_type IN ('Query', 'Execute')`,
    );
    const attempts = splitAtMarks(rows as Array<{ statement: string | Buffer }>);
    if (attempts.length !== kept.length) {
      throw new Error(`floor capture: ${attempts.length} logged attempts, ${kept.length} sent`);
    }
    const requests = withoutNoise(attempts.filter((_, i) => kept[i]));
    return { requests, failed, firstFailure };
  } finally {
    await db.query("SET GLOBAL general_log = 0").catch(() => undefined);
    await db.end();
  }
}

/**
 * A statement's family: its first words. A request's own statement varies in its tail with the
 * data (one index seek per meter, an IN list per account), so its family is met in most
 * requests; a background loop's statement (a budget's flush, a metrics read) in few.
 */
const familyOf = (sql: string) => sql.slice(0, FAMILY_CHARS);

/** The requests without the statements of families met in fewer than NOISE_SHARE of them. */
export function withoutNoise(requests: CapturedRequest[]): CapturedRequest[] {
  const met = new Map<string, number>();
  for (const request of requests) {
    for (const family of new Set(request.map((statement) => familyOf(statement.sql)))) {
      met.set(family, (met.get(family) ?? 0) + 1);
    }
  }
  const least = requests.length * NOISE_SHARE;
  return requests.map((request) => request.filter((s) => (met.get(familyOf(s.sql)) ?? 0) >= least));
}

/**
 * MariaDB decides at PREPARE whether an executed statement is logged with its parameters: one
 * the server prepared before the log was on is logged with bare `?`. So every other connection
 * to the database open now is closed (the pools open new ones, which prepare again with the log
 * on): an idle one at once, a busy one (a background loop's statement) once it is idle, or after
 * BUSY_WAIT_MS whatever it is doing. A busy one left open would be the next free connection of
 * its pool, and every captured request would run on it. Done again once the log is off, so that
 * the log's extra work does not stay in the measured runs.
 */
async function closeOpenConnections(db: Connection): Promise<void> {
  const others = async () => {
    const [threads] = await db.query(
      "SELECT id, command FROM information_schema.processlist " +
        "WHERE id <> CONNECTION_ID() AND db = DATABASE()",
    );
    return threads as Array<{ id: number; command: string }>;
  };
  const open = new Set((await others()).map(({ id }) => Number(id)));
  const forceAt = Date.now() + BUSY_WAIT_MS;
  const giveUpAt = forceAt + BUSY_WAIT_MS;
  for (;;) {
    const left = (await others()).filter(({ id }) => open.has(Number(id)));
    if (left.length === 0) return;
    if (Date.now() > giveUpAt) {
      throw new Error(`floor capture: connections ${left.map((t) => t.id).join(", ")} stay open`);
    }
    for (const { id, command } of left) {
      if (command === "Sleep" || Date.now() > forceAt) {
        await db.query(`KILL CONNECTION ${Number(id)}`).catch(() => undefined);
      }
    }
    await sleep(20);
  }
}

/** Null when the server answered the request without errors; otherwise what it said. */
async function failureOf(serverUrl: string, item: LoadItem): Promise<string | null> {
  const response = await fetch(`${serverUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...item.headers },
    body: item.body,
  });
  const text = await response.text();
  const body = JSON.parse(text) as { errors?: unknown[] };
  return response.ok && !body.errors ? null : `HTTP ${response.status}: ${text.slice(0, 300)}`;
}

function splitAtMarks(rows: Array<{ statement: string | Buffer }>): CapturedRequest[] {
  const requests: CapturedRequest[] = [];
  let current: CapturedRequest | null = null;
  for (const row of rows) {
    const text = String(row.statement).replace(/\s+/g, " ").trim();
    if (text.includes(MARK)) {
      if (current) requests.push(current);
      current = [];
    } else if (current && REQUEST_STATEMENT.test(text) && !BACKGROUND.test(text)) {
      if (unloggedParameters(text) > 0) {
        throw new Error(`floor capture: logged without its parameters: ${text.slice(0, 200)}`);
      }
      current.push(parameterize(text));
    }
  }
  return requests;
}
