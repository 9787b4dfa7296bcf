import type { EntityManager } from "typeorm";
import { hydrate, selectEntities } from "../db/hydrate";
import type { TimeIdPosition } from "../common/pagination";
import { columnParameter, placeholders } from "../db/parameters";
import { run } from "../db/sql";
import { MeterEntity } from "./meter.entity";
import { MINIMUM_SOURCES } from "./reading.rules";
import { ReadingEntity } from "./reading.entity";

const SEEKS_PER_STATEMENT = 200;

/** The sources that set the minimum (`MINIMUM_SOURCES`), as SQL literals of the enum. */
const ACTUAL_SOURCES_SQL = MINIMUM_SOURCES.map((source) => `'${source}'`).join(", ");

/**
 * The latest actual reading (by time taken, then id; estimates are skipped, see
 * `MINIMUM_SOURCES`) of each meter: one index seek per meter on (meter_id, taken_at, id),
 * joined back to its row, so the cost does not grow with a meter's history (a NOT EXISTS over
 * all of it did, quadratically). Parameters: the meter ids.
 */
function latestReadingsSql(meterCount: number): string {
  const seeks = Array.from(
    { length: meterCount },
    (_, i) =>
      `SELECT id FROM (SELECT id FROM readings WHERE meter_id = ? ` +
      `AND source IN (${ACTUAL_SOURCES_SQL}) ` +
      `ORDER BY taken_at DESC, id DESC LIMIT 1) AS seek${i}`,
  );
  return (
    `SELECT r.*, 'latest' AS reading_role FROM (${seeks.join(" UNION ALL ")}) AS latest ` +
    `INNER JOIN readings r ON r.id = latest.id`
  );
}

/** The counted sendings (slot 1 and 2) of meters in one period. Parameters: the ids, the period. */
function countedSendingsSql(meterCount: number): string {
  return (
    `SELECT r.*, 'sending' AS reading_role FROM readings r ` +
    `WHERE r.meter_id IN (${placeholders(meterCount)}) AND r.period = ? AND r.slot IS NOT NULL`
  );
}

/** `meterIds` in chunks a statement can hold (SQLite allows 500 SELECTs in one compound). */
function chunksOf(meterIds: readonly number[]): number[][] {
  const chunks: number[][] = [];
  for (let start = 0; start < meterIds.length; start += SEEKS_PER_STATEMENT) {
    chunks.push(meterIds.slice(start, start + SEEKS_PER_STATEMENT));
  }
  return chunks;
}

/** The latest actual reading (by time taken, then id; no estimate) of each meter. */
export async function latestReadings(
  manager: EntityManager,
  meterIds: readonly number[],
): Promise<Map<number, ReadingEntity>> {
  const latest = new Map<number, ReadingEntity>();
  for (const chunk of chunksOf(meterIds)) {
    const sql = latestReadingsSql(chunk.length);
    for (const reading of await selectEntities(manager, ReadingEntity, sql, chunk)) {
      latest.set(reading.meterId, reading);
    }
  }
  return latest;
}

/** The counted sendings (slot 1 and 2) of each meter in one period, in slot order. */
export async function countedSendings(
  manager: EntityManager,
  meterIds: readonly number[],
  period: string,
): Promise<Map<number, ReadingEntity[]>> {
  const byMeter = new Map<number, ReadingEntity[]>(meterIds.map((id) => [id, []]));
  if (meterIds.length === 0) return byMeter;
  const readings = await selectEntities(
    manager,
    ReadingEntity,
    `${countedSendingsSql(meterIds.length)} ORDER BY r.slot`,
    [...meterIds, period],
  );
  for (const reading of readings) {
    byMeter.get(reading.meterId)?.push(reading);
  }
  return byMeter;
}

/**
 * Both of the above in one statement per chunk of meters: the accounts screen's sending
 * windows need each meter's latest reading and its month's sendings, and one round trip to the
 * database costs less than two on both sides.
 */
export async function latestReadingsAndCountedSendings(
  manager: EntityManager,
  meterIds: readonly number[],
  period: string,
): Promise<{ latest: Map<number, ReadingEntity>; sendings: Map<number, ReadingEntity[]> }> {
  const latest = new Map<number, ReadingEntity>();
  const sendings = new Map<number, ReadingEntity[]>(meterIds.map((id) => [id, []]));
  for (const chunk of chunksOf(meterIds)) {
    const rows = await run<Array<Record<string, unknown>>>(
      manager,
      `${latestReadingsSql(chunk.length)} UNION ALL ${countedSendingsSql(chunk.length)}`,
      [...chunk, ...chunk, period],
    );
    hydrate(manager, ReadingEntity, rows).forEach((reading, i) => {
      if (rows[i].reading_role === "latest") latest.set(reading.meterId, reading);
      else sendings.get(reading.meterId)?.push(reading);
    });
  }
  for (const meterSendings of sendings.values()) {
    meterSendings.sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0));
  }
  return { latest, sendings };
}

/** What one sending of a meter needs to know (`sendingState`). */
export interface SendingState {
  latest: ReadingEntity | undefined;
  /** The period's counted sendings, in slot order. */
  sendings: ReadingEntity[];
  /** The reading the caller already sent with the same idempotency key: this is a retry. */
  replay: ReadingEntity | null;
}

/**
 * The meter's latest actual reading, its counted sendings of the period and the caller's
 * reading with this idempotency key, in one statement: a round trip fewer for every sending.
 */
export async function sendingState(
  manager: EntityManager,
  meterId: number,
  period: string,
  caller: string,
  key: string | null,
): Promise<SendingState> {
  const rows = await run<Array<Record<string, unknown>>>(
    manager,
    `${latestReadingsSql(1)} UNION ALL ${countedSendingsSql(1)} UNION ALL ` +
      "SELECT r.*, 'replay' AS reading_role FROM readings r " +
      "WHERE r.caller = ? AND r.idempotency_key = ?",
    [meterId, meterId, period, caller, key],
  );
  const state: SendingState = { latest: undefined, sendings: [], replay: null };
  hydrate(manager, ReadingEntity, rows).forEach((reading, i) => {
    const role = rows[i].reading_role;
    if (role === "latest") state.latest = reading;
    else if (role === "sending") state.sendings.push(reading);
    else state.replay = reading;
  });
  state.sendings.sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0));
  return state;
}

/** The meters of some accounts, each account's in order of installation. */
export async function metersOfAccounts(
  manager: EntityManager,
  accountIds: readonly number[],
): Promise<MeterEntity[]> {
  if (accountIds.length === 0) return [];
  return selectEntities(
    manager,
    MeterEntity,
    `SELECT m.* FROM meters m WHERE m.account_id IN (${placeholders(accountIds.length)}) ` +
      "ORDER BY m.installed_at, m.id",
    [...accountIds],
  );
}

/**
 * Up to `count` readings of a meter, newest first (by time taken, then id), after `position`,
 * and how many readings the meter has in all: one statement (the count rides on each row), so
 * a history page is one round trip. The count is known only when the page has a row: an empty
 * page after a position asks for it on its own.
 */
export async function historyPage(
  manager: EntityManager,
  meterId: number,
  count: number,
  position: TimeIdPosition | null,
): Promise<{ readings: ReadingEntity[]; totalCount: number }> {
  // A literal: a `?` would go as a DOUBLE in a prepared statement (db/sql.ts).
  if (!Number.isSafeInteger(count) || count < 1) throw new Error(`bad page size ${count}`);
  const select =
    "SELECT r.*, (SELECT COUNT(*) FROM readings c WHERE c.meter_id = ?) AS total_count " +
    "FROM readings r WHERE r.meter_id = ?";
  const order = `ORDER BY r.taken_at DESC, r.id DESC LIMIT ${count}`;
  let rows: Array<Record<string, unknown>>;
  if (!position) {
    rows = await run(manager, `${select} ${order}`, [meterId, meterId]);
  } else {
    const at = columnParameter(manager, ReadingEntity, "takenAt", position.at);
    rows = await run(
      manager,
      `${select} AND (r.taken_at < ? OR (r.taken_at = ? AND r.id < ?)) ${order}`,
      [meterId, meterId, at, at, position.id],
    );
  }
  const readings = hydrate(manager, ReadingEntity, rows);
  if (rows.length > 0) return { readings, totalCount: Number(rows[0].total_count) };
  return { readings, totalCount: position ? await readingCount(manager, meterId) : 0 };
}

/** How many readings a meter has. */
async function readingCount(manager: EntityManager, meterId: number): Promise<number> {
  const [row] = await run<Array<{ n: number | string }>>(
    manager,
    "SELECT COUNT(*) AS n FROM readings r WHERE r.meter_id = ?",
    [meterId],
  );
  return Number(row.n);
}
