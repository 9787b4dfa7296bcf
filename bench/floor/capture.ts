import { type Connection, createConnection } from "mysql2/promise";
import type { LoadItem } from "../load/load";
import { parameterize, type Parameterized } from "./sql-parameters";

/** The statements the real server sent for one request, in order, ready to prepare. */
export type CapturedRequest = Parameterized[];

const MARK = "floor-capture-mark";
/** Work of the server's own background loops, not of the request (outbox, webhooks, leases). */
const BACKGROUND = /mail_outbox|webhook|lease|general_log/i;
const REQUEST_STATEMENT = /^(SELECT|INSERT|UPDATE|DELETE|START TRANSACTION|COMMIT|ROLLBACK)\b/i;

/**
 * Sends `items` to the server one at a time with MariaDB's general log on, a marker statement
 * between requests, and splits the log at the markers: the statements of each request exactly as
 * the server sent them (text protocol or prepared), never a hand-kept copy that could drift.
 */
export async function captureRequests(
  databaseUrl: string,
  serverUrl: string,
  items: LoadItem[],
): Promise<{ requests: CapturedRequest[]; failed: number }> {
  const db = await createConnection({ uri: databaseUrl });
  let failed = 0;
  try {
    await db.query("SET GLOBAL log_output = 'TABLE'");
    await db.query("TRUNCATE TABLE mysql.general_log");
    await db.query("SET GLOBAL general_log = 1");
    await closeIdleConnections(db);
    for (const item of items) {
      await db.query(`SELECT '${MARK}'`);
      if (!(await answeredWell(serverUrl, item))) failed += 1;
    }
    await db.query(`SELECT '${MARK}'`);
    await db.query("SET GLOBAL general_log = 0");
    await closeIdleConnections(db);
    const [rows] = await db.query(
      `SELECT argument AS statement FROM mysql.general_log
        WHERE command_type IN ('Query', 'Execute')`,
    );
    return { requests: splitAtMarks(rows as Array<{ statement: string | Buffer }>), failed };
  } finally {
    await db.query("SET GLOBAL general_log = 0").catch(() => undefined);
    await db.end();
  }
}

/**
 * MariaDB decides at PREPARE whether an executed statement is logged with its parameters: one
 * the server prepared before the log was on is logged with bare `?`. Its idle connections are
 * closed (the pools open new ones), so it prepares its statements again, with the log on; and
 * again after, so that the log's extra work does not stay in the measured runs.
 */
async function closeIdleConnections(db: Connection): Promise<void> {
  const [threads] = await db.query(
    "SELECT id FROM information_schema.processlist " +
      "WHERE id <> CONNECTION_ID() AND db = DATABASE() AND command = 'Sleep'",
  );
  for (const { id } of threads as Array<{ id: number }>) {
    await db.query(`KILL CONNECTION ${Number(id)}`).catch(() => undefined);
  }
}

async function answeredWell(serverUrl: string, item: LoadItem): Promise<boolean> {
  const response = await fetch(`${serverUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...item.headers },
    body: item.body,
  });
  const body = (await response.json()) as { errors?: unknown[] };
  return response.ok && !body.errors;
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
      current.push(parameterize(text));
    }
  }
  return requests;
}
