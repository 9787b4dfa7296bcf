import { submissionWindow, type MeterMonth } from "../../server/src/readings/reading.rules";
import { periodEnd, periodOf } from "../../server/src/core/almaty-time";
import { formatReadingMilli } from "../../server/src/core/decimal";
import { type Sql, sqlTime } from "./database";
import {
  fail,
  inList,
  latestOf,
  type MeterRow,
  monthOf,
  type ReadingRow,
  readingView,
  sendingsOf,
  toDate,
  type Viewer,
} from "./rows";

function windowOf(month: MeterMonth, period: string) {
  const state = submissionWindow(month);
  return {
    period,
    used: state.used,
    remaining: state.remaining,
    minimumValue: formatReadingMilli(state.minimum),
    reopensAt: state.remaining === 0 ? periodEnd(period).toISOString() : null,
  };
}

/** The accounts screen in four statements: accounts, meters, latest readings, sendings. */
export async function accountsOf(db: Sql, viewer: Viewer) {
  const accounts = await db.all<{
    id: number;
    number: string;
    holder_name: string;
    address: string;
  }>(
    `SELECT a.id, a.number, a.holder_name, a.address FROM accounts a
       JOIN account_links l ON l.account_id = a.id WHERE l.user_id = ? ORDER BY l.created_at, l.id`,
    [viewer.id],
  );
  const meters = accounts.length
    ? await db.all<MeterRow>(
        `SELECT id, account_id, serial_number FROM meters WHERE account_id IN (${inList(
          accounts.map((a) => a.id),
        )}) ORDER BY installed_at, id`,
        accounts.map((a) => a.id),
      )
    : [];
  const meterIds = meters.map((m) => m.id);
  const period = periodOf(new Date());
  const [latest, sendings] = await Promise.all([
    latestOf(db, meterIds),
    sendingsOf(db, meterIds, period),
  ]);
  return accounts.map((a) => ({
    number: a.number,
    holderName: a.holder_name,
    address: a.address,
    meters: meters
      .filter((m) => m.account_id === a.id)
      .map((m) => {
        const last = latest.get(m.id);
        return {
          id: String(m.id),
          serialNumber: m.serial_number,
          lastReading: last ? readingView(last) : null,
          submission: windowOf(monthOf(last, sendings.get(m.id) ?? []), period),
        };
      }),
  }));
}

async function history(db: Sql, meterId: number, first = 20, after?: string) {
  if (!Number.isInteger(first) || first < 1 || first > 100) throw fail("VALIDATION_FAILED");
  const params: unknown[] = [meterId];
  let seek = "";
  if (after) {
    const match = /^(\d{1,15}):(\d{1,12})$/.exec(Buffer.from(after, "base64url").toString());
    if (!match) throw fail("VALIDATION_FAILED");
    const at = sqlTime(new Date(Number(match[1])));
    seek = "AND (taken_at < ? OR (taken_at = ? AND id < ?))";
    params.push(at, at, Number(match[2]));
  }
  const [rows, [{ total }]] = await Promise.all([
    db.all<ReadingRow>(
      `SELECT * FROM readings WHERE meter_id = ? ${seek} ORDER BY taken_at DESC, id DESC LIMIT ?`,
      [...params, first + 1],
    ),
    db.all<{ total: number }>("SELECT COUNT(*) AS total FROM readings WHERE meter_id = ?", [
      meterId,
    ]),
  ]);
  const edges = rows.slice(0, first).map((r) => ({
    cursor: Buffer.from(`${toDate(r.taken_at).getTime()}:${r.id}`).toString("base64url"),
    node: readingView(r),
  }));
  return {
    edges,
    totalCount: Number(total),
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

export async function account(db: Sql, viewer: Viewer, number: string) {
  const [found] = await db.all<{
    id: number;
    number: string;
    holder_name: string;
    address: string;
  }>(
    `SELECT a.id, a.number, a.holder_name, a.address FROM accounts a
       JOIN account_links l ON l.account_id = a.id AND l.user_id = ? WHERE a.number = ?`,
    [viewer.id, number],
  );
  if (!found) return null;
  const meters = await db.all<MeterRow>(
    "SELECT id, account_id, serial_number FROM meters WHERE account_id = ? ORDER BY installed_at, id",
    [found.id],
  );
  return {
    number: found.number,
    holderName: found.holder_name,
    address: found.address,
    meters: meters.map((m) => ({
      id: String(m.id),
      serialNumber: m.serial_number,
      readings: ({ first, after }: { first?: number; after?: string }) =>
        history(db, m.id, first ?? undefined, after ?? undefined),
    })),
  };
}
