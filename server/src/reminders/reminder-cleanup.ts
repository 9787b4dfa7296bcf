import {
  LessThan,
  type DataSource,
  type EntityTarget,
  type FindOptionsWhere,
  type ObjectLiteral,
} from "typeorm";
import { localDate } from "../core/almaty-time";
import { SubmitLinkEntity } from "../submit-links/submit-link.entity";
import { ReminderEntity } from "./reminder.entity";
import { ReminderRunEntity } from "./reminder-run.entity";

/** Reminders (and runs) are kept this many months: a year back and the month before it. */
export const KEEP_REMINDERS_MONTHS = 13;
/** Expired links are kept this many days (a late tap still answers INVALID_LINK either way). */
export const KEEP_EXPIRED_LINKS_DAYS = 7;
const ROWS_PER_DELETE = 1000;

export interface CleanedUp {
  reminders: number;
  links: number;
}

/** The first Almaty day of reminders kept at `now`. */
export function oldestKeptDay(now: Date): string {
  const then = new Date(now);
  then.setUTCMonth(then.getUTCMonth() - KEEP_REMINDERS_MONTHS);
  return localDate(then);
}

/**
 * Deletes reminders older than KEEP_REMINDERS_MONTHS and links expired KEEP_EXPIRED_LINKS_DAYS
 * ago, ROWS_PER_DELETE at a time (no long lock, no huge undo log); `afterBatch` between batches
 * (the run renews its lease there).
 */
export async function cleanUp(
  dataSource: DataSource,
  now: Date,
  afterBatch: () => Promise<void>,
): Promise<CleanedUp> {
  const day = oldestKeptDay(now);
  const expired = new Date(now.getTime() - KEEP_EXPIRED_LINKS_DAYS * 86_400_000);
  const reminders = await deleteInBatches(
    dataSource,
    ReminderEntity,
    { day: LessThan(day) },
    afterBatch,
  );
  await dataSource.getRepository(ReminderRunEntity).delete({ day: LessThan(day) });
  const links = await deleteInBatches(
    dataSource,
    SubmitLinkEntity,
    { expiresAt: LessThan(expired) },
    afterBatch,
  );
  return { reminders, links };
}

async function deleteInBatches<E extends ObjectLiteral & { id: number }>(
  dataSource: DataSource,
  target: EntityTarget<E>,
  where: FindOptionsWhere<E>,
  afterBatch: () => Promise<void>,
): Promise<number> {
  const rows = dataSource.getRepository(target);
  let deleted = 0;
  for (;;) {
    const batch = await rows.find({ select: ["id"], where, take: ROWS_PER_DELETE });
    if (batch.length === 0) return deleted;
    await rows.delete(batch.map((row) => row.id));
    deleted += batch.length;
    await afterBatch();
    if (batch.length < ROWS_PER_DELETE) return deleted;
  }
}
