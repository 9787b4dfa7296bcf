import type { EntityManager } from "typeorm";
import type { Language } from "../core/enums";

export interface Recipient {
  id: number;
  email: string;
  firstName: string;
  language: Language;
  personType: string;
  bin: string | null;
}

export interface CandidateMeter {
  meterId: number;
  serialNumber: string;
  accountNumber: string;
}

/** Subscribers with e-mail reminders on and a confirmed address, by id after `after`. */
export async function recipientsAfter(
  manager: EntityManager,
  after: number,
  limit: number,
): Promise<Recipient[]> {
  const rows: Array<Record<string, unknown>> = await manager.query(
    "SELECT id, email, first_name, language, person_type, bin FROM users " +
      "WHERE id > ? AND reminder_email = 1 AND email_verified_at IS NOT NULL " +
      "AND role = 'SUBSCRIBER' ORDER BY id LIMIT ?",
    [after, limit],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    email: String(row.email),
    firstName: String(row.first_name),
    language: String(row.language) as Language,
    personType: String(row.person_type),
    bin: row.bin === null ? null : String(row.bin),
  }));
}

/** A meter is missing its reading: in place, no counted sending this period, not yet reminded. */
const MISSING =
  "m.removed_at IS NULL " +
  "AND NOT EXISTS (SELECT 1 FROM readings r " +
  "  WHERE r.meter_id = m.id AND r.period = ? AND r.slot IS NOT NULL) " +
  "AND NOT EXISTS (SELECT 1 FROM reminders x " +
  "  WHERE x.meter_id = m.id AND x.channel = 'EMAIL' AND x.day = ?)";

/**
 * The meters each user should be reminded of: an individual's linked accounts, a legal
 * entity's accounts of its BIN; two statements for the whole batch.
 */
export async function candidateMeters(
  manager: EntityManager,
  users: Recipient[],
  period: string,
  day: string,
): Promise<Map<number, CandidateMeter[]>> {
  const individuals = users.filter((u) => u.personType === "INDIVIDUAL").map((u) => u.id);
  const entities = users.filter((u) => u.personType === "LEGAL_ENTITY" && u.bin !== null);
  const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ");
  const select =
    "SELECT m.id AS meter_id, m.serial_number AS serial_number, a.number AS account_number";
  const rows: Array<Record<string, unknown>> = [];
  if (individuals.length > 0) {
    rows.push(
      ...(await manager.query(
        `${select}, l.user_id AS user_id FROM account_links l ` +
          "INNER JOIN accounts a ON a.id = l.account_id " +
          "INNER JOIN meters m ON m.account_id = a.id " +
          `WHERE l.user_id IN (${marks(individuals.length)}) AND ${MISSING} ` +
          "ORDER BY l.user_id, a.number, m.serial_number",
        [...individuals, period, day],
      )),
    );
  }
  if (entities.length > 0) {
    const byBin = new Map(entities.map((u) => [u.bin!, u.id]));
    const found: Array<Record<string, unknown>> = await manager.query(
      `${select}, a.owner_bin AS owner_bin FROM accounts a ` +
        "INNER JOIN meters m ON m.account_id = a.id " +
        `WHERE a.owner_bin IN (${marks(byBin.size)}) AND ${MISSING} ` +
        "ORDER BY a.owner_bin, a.number, m.serial_number",
      [...byBin.keys(), period, day],
    );
    rows.push(...found.map((row) => ({ ...row, user_id: byBin.get(String(row.owner_bin)) })));
  }
  const byUser = new Map<number, CandidateMeter[]>();
  for (const row of rows) {
    const userId = Number(row.user_id);
    const list = byUser.get(userId) ?? [];
    list.push({
      meterId: Number(row.meter_id),
      serialNumber: String(row.serial_number),
      accountNumber: String(row.account_number),
    });
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

/** A day's reminder e-mails sent and given up so far. */
export async function reminderCounts(
  manager: EntityManager,
  day: string,
): Promise<{ delivered: number; failed: number }> {
  const rows: Array<{ status: string; n: unknown }> = await manager.query(
    "SELECT status, COUNT(*) AS n FROM mail_outbox WHERE ref LIKE ? GROUP BY status",
    [`reminder:${day}:%`],
  );
  const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
  return { delivered: count("SENT"), failed: count("FAILED") };
}
