import { randomUUID } from "node:crypto";
import { decideSending } from "../../server/src/readings/reading.rules";
import { periodOf } from "../../server/src/core/almaty-time";
import { parseReadingMilli } from "../../server/src/core/decimal";
import { type BaselineDb, type Sql, sqlTime } from "./database";
import {
  fail,
  inList,
  latestOf,
  type MeterRow,
  monthOf,
  type ReadingRow,
  readingView,
  sendingsOf,
  type Viewer,
} from "./rows";

/** The same transaction as the service: lock the meter, count, decide, number, insert, audit. */
export async function submit(
  db: BaselineDb,
  viewer: Viewer,
  input: { meterId: string; value: string; idempotencyKey?: string | null },
  meta: { ip: string | null; userAgent: string | null },
) {
  const value = parseReadingMilli(input.value);
  if (value === null) throw fail("VALIDATION_FAILED");
  const [meter] = await db.all<MeterRow & { removed_at: string | null }>(
    `SELECT m.id, m.account_id, m.serial_number, m.removed_at FROM meters m
       JOIN account_links l ON l.account_id = m.account_id AND l.user_id = ? WHERE m.id = ?`,
    [viewer.id, Number(input.meterId)],
  );
  if (!meter || meter.removed_at) throw fail("METER_NOT_FOUND");
  const caller = `user:${viewer.id}`;
  const key = input.idempotencyKey ?? null;
  const byKey = (sql: Sql) =>
    sql.all<ReadingRow>("SELECT * FROM readings WHERE caller = ? AND idempotency_key = ?", [
      caller,
      key,
    ]);
  if (key) {
    const [replay] = await byKey(db);
    if (replay) return readingView(replay);
  }
  try {
    return await db.transaction(async (tx) => {
      await tx.all(`SELECT id FROM meters WHERE id = ? ${db.lock}`, [meter.id]);
      if (key) {
        const [again] = await byKey(tx);
        if (again) return readingView(again);
      }
      const now = new Date();
      const period = periodOf(now);
      const latest = (await latestOf(tx, [meter.id])).get(meter.id);
      const sendings = (await sendingsOf(tx, [meter.id], period)).get(meter.id) ?? [];
      const decision = decideSending(monthOf(latest, sendings), value);
      if (decision.kind === "refuse") throw fail(decision.code);
      await tx.run("UPDATE feed_sequence SET value = value + 1 WHERE name = 'readings'");
      const [{ value: seq }] = await tx.all<{ value: string }>(
        "SELECT value FROM feed_sequence WHERE name = 'readings'",
      );
      const row = {
        meter_id: meter.id,
        value_milli: value.toString(),
        taken_at: sqlTime(now),
        period,
        source: "SUBSCRIBER",
        slot: decision.slot,
        is_correction: decision.isCorrection ? 1 : 0,
        previous_value_milli: decision.previousValue?.toString() ?? null,
        submitted_by_user_id: viewer.id,
        caller,
        idempotency_key: key,
        created_at: sqlTime(now),
        feed_seq: seq,
      };
      await tx.run(
        `INSERT INTO readings (${Object.keys(row).join(", ")}) VALUES (${inList(
          Object.keys(row).map(() => 0),
        )})`,
        Object.values(row),
      );
      const [{ id }] = await tx.all<{ id: number }>(
        "SELECT id FROM readings WHERE meter_id = ? AND period = ? AND slot = ?",
        [meter.id, period, decision.slot],
      );
      await tx.run(
        `INSERT INTO audit_events (occurred_at, event_type, user_id, ip, user_agent, request_id, detail)
         VALUES (?, 'READING_SUBMITTED', ?, ?, ?, ?, ?)`,
        [
          sqlTime(now),
          viewer.id,
          meta.ip,
          meta.userAgent,
          randomUUID(),
          JSON.stringify({ readingId: id, meterId: meter.id, period }),
        ],
      );
      return readingView({ ...row, id, value_milli: row.value_milli } as unknown as ReadingRow);
    });
  } catch (error) {
    const { errno, code } = error as { errno?: number; code?: string };
    if (errno === 1062 || code === "SQLITE_CONSTRAINT_UNIQUE") throw fail("MONTHLY_LIMIT_REACHED");
    throw error;
  }
}
