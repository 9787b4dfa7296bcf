import { setTimeout as sleep } from "node:timers/promises";
import { createPool, type PoolConnection } from "mysql2/promise";
import type { ReplayJob, ReplayResult } from "./replay";

const CONTROL = /^(START TRANSACTION|COMMIT|ROLLBACK)\b/i;

/**
 * The database floor's client, in its own process like the load generator: a bare mysql2 pool
 * runs each captured request's statements in order on one connection, prepared (`execute`,
 * mysql2's per-connection statement cache), the transaction control statements as they came.
 */
async function replay(job: ReplayJob): Promise<ReplayResult> {
  const pool = createPool({
    uri: job.databaseUrl,
    connectionLimit: job.connections,
    maxPreparedStatements: 1000,
  });
  const requests = job.requests.map((statements) =>
    statements.map(({ sql, params }) => ({
      sql,
      control: CONTROL.test(sql),
      params: params.map((p) => (p instanceof Uint8Array ? Buffer.from(p) : p)),
    })),
  );
  // Every connection opened and warmed before the clock starts, as the server's pool is.
  const warm = await Promise.all(
    Array.from({ length: job.connections }, () => pool.getConnection()),
  );
  warm.forEach((c) => c.release());

  let next = 0;
  let answered = 0;
  let errors = 0;
  let gaveUp = 0;
  let firstError: string | undefined;
  const total = job.amount ?? Infinity;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const deadline = job.seconds ? started + job.seconds * 1000 : Infinity;
  let lastAt = started;

  // As the server does (db/transaction.ts): a deadlock or lock wait rolls back and runs again.
  const runOne = async (connection: PoolConnection, index: number) => {
    const statements = requests[index % requests.length];
    for (let attempt = 1; ; attempt++) {
      let running = statements[0];
      try {
        for (const s of statements) {
          running = s;
          if (s.control) await connection.query(s.sql);
          else await connection.execute(s.sql, s.params);
        }
        return;
      } catch (error) {
        await connection.query("ROLLBACK").catch(() => undefined);
        const errno = (error as { errno?: number }).errno;
        if (errno === 1213 || errno === 1205) {
          if (attempt < 10) {
            await sleep(Math.random() * 5 * attempt);
            continue;
          }
          gaveUp += 1; // a lock conflict, not a wrong statement
          return;
        }
        errors += 1;
        firstError ??=
          `${(error as Error).message} in ${running.sql.slice(0, 300)} ` +
          `(${running.params.length} parameters)`;
        return;
      }
    }
  };
  await Promise.all(
    Array.from({ length: job.connections }, async () => {
      while (next < total && performance.now() < deadline) {
        const index = next++;
        const connection = await pool.getConnection();
        try {
          await runOne(connection, index);
        } finally {
          connection.release();
        }
        answered += 1;
        lastAt = performance.now();
      }
    }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  await pool.end();
  const seconds = Math.max(lastAt - started, 1) / 1000;
  const cpuMs = answered ? (cpu.user + cpu.system) / 1000 / answered : undefined;
  return {
    requests: answered,
    seconds,
    rps: answered / seconds,
    cpuMs,
    errors,
    gaveUp,
    firstError,
  };
}

process.on("message", (job: ReplayJob) => {
  replay(job).then(
    (result) => process.send!({ result }),
    (error: unknown) => process.send!({ error: String(error) }),
  );
});
