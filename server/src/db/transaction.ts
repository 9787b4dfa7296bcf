import { setTimeout as sleep } from "node:timers/promises";
import type { DataSource, EntityManager } from "typeorm";
import { DeadlinePassedError, type DeadlineScope, deadlineScope } from "./deadline-scope";
import { type Dialect, dialectOf } from "./dialect";

const RETRYABLE_MYSQL_ERRNOS = new Set([1213 /* deadlock */, 1205 /* lock wait timeout */]);
const MAX_ATTEMPTS = 4;

/** The driver error behind a TypeORM QueryFailedError. */
export function driverError(error: unknown): { errno?: number; code?: string } {
  if (typeof error !== "object" || error === null) return {};
  const inner = (error as { driverError?: unknown }).driverError ?? error;
  return inner as { errno?: number; code?: string };
}

export function isUniqueViolation(error: unknown): boolean {
  const { errno, code } = driverError(error);
  return (
    errno === 1062 || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY"
  );
}

const GALERA_NOT_READY = 1047;

/** FT-2: the database is unreachable or the connection broke (not a refusal of the statement). */
const CONNECTION_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "PROTOCOL_CONNECTION_LOST",
  "PROTOCOL_SEQUENCE_TIMEOUT",
  "PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR",
]);
// Also by message: Apollo wraps a context failure whose error is not an `Error` of its realm
// (jest) as "Unexpected error value: Error: connect ECONNREFUSED …" without the original.
// A Galera node outside the primary component refuses every statement with 1047 "WSREP has not
// yet prepared node for application use": for the app, that database is not there.
const CONNECTION_ERROR_MESSAGES =
  /WSREP has not yet prepared node|Queue limit reached|Queue time budget exceeded|Pool is closed|connection is in closed state|Connection lost|\b(ECONNREFUSED|read ECONNRESET|write EPIPE|ETIMEDOUT|PROTOCOL_CONNECTION_LOST)\b/i;

export function isConnectionError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const { code, errno } = driverError(current);
    if (typeof code === "string" && CONNECTION_ERROR_CODES.has(code)) return true;
    if (errno === GALERA_NOT_READY) return true;
    const message = (current as { message?: unknown }).message;
    if (typeof message === "string" && CONNECTION_ERROR_MESSAGES.test(message)) return true;
    const next =
      (current as { driverError?: unknown }).driverError ??
      (current as { originalError?: unknown }).originalError ??
      (current as { cause?: unknown }).cause;
    if (next === current) break;
    current = next;
  }
  return false;
}

/** FT-2: a broken connection (not a refused one) that a read may be sent again over. */
const READ_RETRY_CODES = new Set(["PROTOCOL_CONNECTION_LOST", "ECONNRESET", "EPIPE", "ETIMEDOUT"]);

/** FT-2: a read retried once when its connection broke; writes go through CON-3 instead. */
export async function retryRead<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const { code } = driverError(error);
    if (typeof code !== "string" || !READ_RETRY_CODES.has(code)) throw error;
    return read();
  }
}

/** CON-2: a deadlock or lock wait timeout (a busy SQLite): the transaction may run again. */
export function isLockConflict(error: unknown): boolean {
  const { errno, code } = driverError(error);
  return (errno !== undefined && RETRYABLE_MYSQL_ERRNOS.has(errno)) || code === "SQLITE_BUSY";
}

/**
 * Runs `work` in one transaction; deadlocks and lock timeouts re-run it (jittered). Inside a
 * request, once its deadline passes the transaction is interrupted and rolled back, and none
 * starts or commits any more (DeadlinePassedError): a 503 then means "not stored".
 */
export async function withTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const dialect = dialectOf(dataSource);
  const scope = deadlineScope.getStore();
  for (let attempt = 1; ; attempt++) {
    try {
      if (scope?.passed) throw new DeadlinePassedError();
      const run = () =>
        dataSource.transaction((manager) => underDeadline(dialect, manager, scope, work));
      const running = dialect.inTurn(run);
      return await (scope ? scope.track(running) : running);
    } catch (error) {
      if (scope?.passed) throw new DeadlinePassedError();
      if (attempt >= MAX_ATTEMPTS || !isLockConflict(error)) throw error;
      await sleep(10 * attempt + Math.random() * 40);
    }
  }
}

async function underDeadline<T>(
  dialect: Dialect,
  manager: EntityManager,
  scope: DeadlineScope | undefined,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  if (!scope) return work(manager);
  let interrupting: Promise<void> | undefined;
  const stop = scope.onPass(() => {
    interrupting = dialect.interruptStatement(manager);
  });
  try {
    const result = await work(manager);
    if (scope.passed) throw new DeadlinePassedError(); // refuses the commit: rolled back
    return result;
  } finally {
    stop();
    // Before the connection goes back to the pool, where the KILL could hit someone else's.
    await interrupting;
  }
}
