import type { EntityManager, ObjectLiteral } from "typeorm";
import type { Language } from "../core/enums";
import { calendarDayOf } from "../readings/verification.rules";
import { PushReminderStatus, ReminderChannel } from "./reminder.entity";

export interface Recipient {
  id: number;
  email: string;
  firstName: string;
  language: Language;
  personType: string;
  bin: string | null;
  /** E-mail reminders on and a confirmed address. */
  byEmail: boolean;
  /** Push reminders on and at least one device subscribed. */
  byPush: boolean;
}

export interface CandidateMeter {
  meterId: number;
  serialNumber: string;
  accountNumber: string;
  verificationDue: string | null;
}

const METER_COLUMNS =
  "SELECT m.id AS meter_id, m.serial_number AS serial_number, a.number AS account_number, " +
  "m.verification_due AS verification_due";

const candidateOf = (row: Record<string, unknown>): CandidateMeter => ({
  meterId: Number(row.meter_id),
  serialNumber: String(row.serial_number),
  accountNumber: String(row.account_number),
  verificationDue: calendarDayOf(row.verification_due),
});

/** A statement with `:named` parameters, dates written as the driver stores them (SQLite). */
function named<T>(manager: EntityManager, sql: string, parameters: ObjectLiteral): Promise<T> {
  const [query, values] = manager.connection.driver.escapeQueryWithParameters(sql, parameters, {});
  return manager.query(query, values);
}

const SUBSCRIBED = "EXISTS (SELECT 1 FROM push_subscriptions p WHERE p.user_id = u.id)";
const BY_EMAIL = "(u.reminder_email = 1 AND u.email_verified_at IS NOT NULL)";
const BY_PUSH = `(u.reminder_push = 1 AND ${SUBSCRIBED})`;

/** Subscribers reminded on some channel (e-mail, push), by id after `after`. */
export async function recipientsAfter(
  manager: EntityManager,
  after: number,
  limit: number,
): Promise<Recipient[]> {
  const rows: Array<Record<string, unknown>> = await manager.query(
    "SELECT u.id, u.email, u.first_name, u.language, u.person_type, u.bin, " +
      `CASE WHEN ${BY_EMAIL} THEN 1 ELSE 0 END AS by_email, ` +
      `CASE WHEN ${BY_PUSH} THEN 1 ELSE 0 END AS by_push FROM users u ` +
      `WHERE u.id > ? AND u.role = 'SUBSCRIBER' AND (${BY_EMAIL} OR ${BY_PUSH}) ` +
      "ORDER BY u.id LIMIT ?",
    [after, limit],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    email: String(row.email),
    firstName: String(row.first_name),
    language: String(row.language) as Language,
    personType: String(row.person_type),
    bin: row.bin === null ? null : String(row.bin),
    byEmail: Number(row.by_email) === 1,
    byPush: Number(row.by_push) === 1,
  }));
}

/** A meter with no counted sending this period: `?` the period. */
const NO_SENDING =
  "NOT EXISTS (SELECT 1 FROM readings r " +
  "  WHERE r.meter_id = m.id AND r.period = ? AND r.slot IS NOT NULL)";

/**
 * A meter is missing its reading for a user on a channel: in place, no counted sending this
 * period, that user not yet reminded of it on that channel that day (`?` period, channel, day).
 */
const missingFor = (userColumn: string) =>
  `m.removed_at IS NULL AND ${NO_SENDING} ` +
  "AND NOT EXISTS (SELECT 1 FROM reminders x " +
  `  WHERE x.meter_id = m.id AND x.user_id = ${userColumn} AND x.channel = ? AND x.day = ?)`;

/**
 * The meters each user should be reminded of on `channel`: an individual's linked accounts
 * (every linked subscriber), a legal entity's accounts of its BIN; two statements a batch.
 */
export async function candidateMeters(
  manager: EntityManager,
  users: Recipient[],
  period: string,
  day: string,
  channel: ReminderChannel,
): Promise<Map<number, CandidateMeter[]>> {
  const individuals = users.filter((u) => u.personType === "INDIVIDUAL").map((u) => u.id);
  const entities = users
    .filter((u) => u.personType === "LEGAL_ENTITY" && u.bin !== null)
    .map((u) => u.id);
  const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ");
  const query = async (from: string, user: string, ids: number[]) =>
    ids.length === 0
      ? []
      : ((await manager.query(
          `${METER_COLUMNS}, ${user} AS user_id ${from} ` +
            `WHERE ${user} IN (${marks(ids.length)}) AND ${missingFor(user)} ` +
            `ORDER BY ${user}, a.number, m.serial_number`,
          [...ids, period, channel, day],
        )) as Array<Record<string, unknown>>);
  const rows = [
    ...(await query(
      "FROM account_links l INNER JOIN accounts a ON a.id = l.account_id " +
        "INNER JOIN meters m ON m.account_id = a.id",
      "l.user_id",
      individuals,
    )),
    ...(await query(
      "FROM users u INNER JOIN accounts a ON a.owner_bin = u.bin " +
        "INNER JOIN meters m ON m.account_id = a.id",
      "u.id",
      entities,
    )),
  ];
  const byUser = new Map<number, CandidateMeter[]>();
  for (const row of rows) {
    const userId = Number(row.user_id);
    const list = byUser.get(userId) ?? [];
    list.push(candidateOf(row));
    byUser.set(userId, list);
  }
  return byUser;
}

/** Whether one of the meters a user was reminded of on `day` still has no sending. */
export async function stillMissing(
  manager: EntityManager,
  userId: number,
  day: string,
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    "SELECT 1 AS one FROM reminders x WHERE x.user_id = ? AND x.day = ? AND x.channel = 'EMAIL' " +
      "AND NOT EXISTS (SELECT 1 FROM readings r " +
      "  WHERE r.meter_id = x.meter_id AND r.period = ? AND r.slot IS NOT NULL) LIMIT 1",
    [userId, day, day.slice(0, 7)],
  );
  return rows.length > 0;
}

/** A day's reminder e-mails, and push messages (one per subscriber), sent and given up so far. */
export async function reminderCounts(
  manager: EntityManager,
  day: string,
): Promise<{ delivered: number; failed: number; pushesSent: number; pushesFailed: number }> {
  const mails: Array<{ status: string; n: unknown }> = await manager.query(
    "SELECT status, COUNT(*) AS n FROM mail_outbox WHERE ref LIKE ? GROUP BY status",
    [`reminder:${day}:%`],
  );
  const pushes: Array<{ status: string; n: unknown }> = await manager.query(
    "SELECT status, COUNT(DISTINCT user_id) AS n FROM reminders " +
      "WHERE day = ? AND channel = 'PUSH' AND status IN (?, ?) GROUP BY status",
    [day, PushReminderStatus.SENT, PushReminderStatus.FAILED],
  );
  const count = (rows: typeof mails, status: string) =>
    Number(rows.find((r) => r.status === status)?.n ?? 0);
  return {
    delivered: count(mails, "SENT"),
    failed: count(mails, "FAILED"),
    pushesSent: count(pushes, PushReminderStatus.SENT),
    pushesFailed: count(pushes, PushReminderStatus.FAILED),
  };
}

/** Subscribers with a day's push reminder waiting and not claimed by a sender now. */
export async function pushesDue(
  manager: EntityManager,
  day: string,
  now: Date,
  limit: number,
): Promise<number[]> {
  const rows: Array<{ user_id: unknown }> = await named(
    manager,
    "SELECT DISTINCT user_id FROM reminders WHERE day = :day AND channel = 'PUSH' " +
      "AND status = :pending AND (claimed_until IS NULL OR claimed_until < :now) " +
      `ORDER BY user_id LIMIT ${Number(limit)}`,
    { day, pending: PushReminderStatus.PENDING, now },
  );
  return rows.map((row) => Number(row.user_id));
}

/** The meters of a user's claimed push reminder of `day` that still have no sending. */
export async function claimedPushMeters(
  manager: EntityManager,
  userId: number,
  day: string,
  claimedUntil: Date,
): Promise<CandidateMeter[]> {
  const rows: Array<Record<string, unknown>> = await named(
    manager,
    `${METER_COLUMNS} FROM reminders x ` +
      "INNER JOIN meters m ON m.id = x.meter_id INNER JOIN accounts a ON a.id = m.account_id " +
      "WHERE x.user_id = :userId AND x.day = :day AND x.channel = 'PUSH' " +
      "AND x.status = :pending AND x.claimed_until = :claimedUntil AND m.removed_at IS NULL " +
      "AND NOT EXISTS (SELECT 1 FROM readings r " +
      "  WHERE r.meter_id = m.id AND r.period = :period AND r.slot IS NOT NULL) " +
      "ORDER BY a.number, m.serial_number",
    { userId, day, pending: PushReminderStatus.PENDING, claimedUntil, period: day.slice(0, 7) },
  );
  return rows.map(candidateOf);
}
