import type { DataSource } from "typeorm";
import { dialectOf } from "../db/dialect";
import { isPeriod } from "../core/almaty-time";
import { formatReadingMilli } from "../core/decimal";
import type { ReadingSource } from "../core/enums";
import { AppError, invalidField } from "../common/app-error";
import {
  advance,
  decodeFeedPosition,
  encodeFeedPosition,
  type FeedPosition,
  isPastTheEnd,
  unseenRanges,
} from "./feed-cursor.rules";
import { feedHeads } from "./feed-sequence";
import { CLIENT_CALLER_PREFIX, SenderKind, senderKindOf } from "./reading-sender.rules";
import { calendarDayOf, isTakenAfterVerificationDue } from "./verification.rules";

/** SQL's 1-based position of the API client's id in a partner's `caller`. */
const CALLER_ID_FROM = CLIENT_CALLER_PREFIX.length + 1;

export const EXPORT_DEFAULT_PAGE = 100;
export const EXPORT_MAX_PAGE = 1000;

/** A sending (subscriber or partner) as the billing system collects it. */
export interface ExportedReading {
  id: number;
  /** Position in the feed: increasing in commit order within its stream (feed-sequence.ts). */
  feedSeq: bigint;
  /** Where a reader is once it has seen this reading (and those before it on the page). */
  cursor: string;
  accountNumber: string;
  meterSerial: string;
  /** Canonical m³ with 3 decimals, e.g. "1488.700". */
  value: string;
  takenAt: Date;
  period: string;
  source: ReadingSource;
  isCorrection: boolean;
  /** Who sent it; for a partner, its API client's public id and name. */
  sentBy: { kind: SenderKind; apiClientId: string | null; apiClientName: string | null };
  /** The key the sender gave (`idempotencyKey`), null for sendings from before keys. */
  idempotencyKey: string | null;
  /** Taken after its meter's verification date (accepted all the same; billing decides). */
  meterVerificationOverdue: boolean;
}

export interface ExportPage {
  readings: ExportedReading[];
  /** Pass as `after` for the next page; when the page is empty, the cursor that was given. */
  endCursor: string | null;
  hasNextPage: boolean;
}

export function decodeFeedCursor(cursor: string, field = "after"): FeedPosition {
  const position = decodeFeedPosition(cursor);
  if (!position) throw invalidField(field, "The cursor is not valid.");
  return position;
}

export function exportPageSize(first: number | null | undefined, max = EXPORT_MAX_PAGE): number {
  if (first == null) return EXPORT_DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw invalidField("first", `first must be from 1 to ${max}.`);
  }
  return first;
}

/**
 * One page of the readings sent through this service (subscribers and partners), in feed order,
 * after a cursor; with `period`, only that month's. Each stream's numbers commit in order
 * (feed-sequence.ts), so `feed_seq > the cursor's position in its stream` never skips a reading
 * that commits later (CON-6) and never returns one twice (feed-cursor.rules.ts). Used by the
 * GraphQL export and by `npm run readings:export`.
 */
export async function exportReadings(
  dataSource: DataSource,
  options: { period?: string | null; after?: string | null; first?: number | null; max?: number },
): Promise<ExportPage> {
  const limit = exportPageSize(options.first, options.max);
  if (options.period != null && !isPeriod(options.period)) {
    throw invalidField("period", 'Period must be a month such as "2026-11".');
  }
  const start = options.after ? decodeFeedCursor(options.after) : new Map<bigint, bigint>();
  // The page's readings first, by the feed_seq index, then their meter, account and sender:
  // joined in one statement, MariaDB scanned every meter and sorted the whole feed per page.
  const query = (streams: bigint[]) => {
    const ranges = unseenRanges(streams, start);
    if (ranges.length === 0) return Promise.resolve([]);
    const params: Array<string | number> = [];
    const inRange = ranges
      .map(({ after, before }) => {
        params.push(after.toString(), before.toString());
        return "(feed_seq > ? AND feed_seq < ?)";
      })
      .join(" OR ");
    const inPeriod = options.period != null ? "period = ? AND " : "";
    if (options.period != null) params.unshift(options.period);
    params.push(limit + 1);
    return dataSource.query(
      `SELECT r.id AS id, r.feed_seq AS feed_seq, a.number AS account_number,
              m.serial_number AS meter_serial, m.verification_due AS verification_due,
              r.value_milli AS value_milli,
              r.taken_at AS taken_at, r.period AS period, r.source AS source,
              r.is_correction AS is_correction, r.idempotency_key AS idempotency_key,
              c.client_id AS api_client_id, c.name AS api_client_name
         FROM (SELECT id, feed_seq, meter_id, value_milli, taken_at, period, source,
                      is_correction, idempotency_key, caller
                 FROM readings WHERE ${inPeriod}(${inRange})
                ORDER BY feed_seq LIMIT ?) r
         JOIN meters m ON m.id = r.meter_id
         JOIN accounts a ON a.id = m.account_id
         -- A partner's caller is "client:<api_clients.id>": one primary-key seek per row.
         LEFT JOIN api_clients c
           ON r.source = 'PARTNER' AND c.id = CAST(SUBSTR(r.caller, ${CALLER_ID_FROM}) AS SIGNED)
        ORDER BY r.feed_seq`,
      params,
    ) as Promise<Array<Record<string, unknown>>>;
  };
  // SQLite shares one connection: read between transactions, never inside another's.
  const rows: Array<Record<string, unknown>> = await dialectOf(dataSource).inTurn(async () => {
    const heads = await feedHeads(dataSource);
    if (isPastTheEnd(start, heads)) throw new AppError("CURSOR_OUT_OF_RANGE", { field: "after" });
    return query([...heads.keys()]);
  });
  let position: FeedPosition = start;
  const page = rows.slice(0, limit).map((row): ExportedReading => {
    const feedSeq = BigInt(row.feed_seq as string | number);
    position = advance(position, feedSeq);
    const takenAt = asDate(row.taken_at);
    return {
      id: Number(row.id),
      feedSeq,
      cursor: encodeFeedPosition(position),
      accountNumber: String(row.account_number),
      meterSerial: String(row.meter_serial),
      value: formatReadingMilli(BigInt(row.value_milli as string | number)),
      takenAt,
      period: String(row.period),
      source: row.source as ReadingSource,
      isCorrection: Boolean(Number(row.is_correction)),
      sentBy: {
        kind: senderKindOf(row.source as ReadingSource) ?? SenderKind.SUBSCRIBER,
        apiClientId: row.api_client_id == null ? null : String(row.api_client_id),
        apiClientName: row.api_client_name == null ? null : String(row.api_client_name),
      },
      idempotencyKey: row.idempotency_key == null ? null : String(row.idempotency_key),
      meterVerificationOverdue: isTakenAfterVerificationDue(
        takenAt,
        calendarDayOf(row.verification_due),
      ),
    };
  });
  const last = page[page.length - 1];
  return {
    readings: page,
    endCursor: last ? last.cursor : (options.after ?? null),
    hasNextPage: rows.length > limit,
  };
}

/** Raw DATE values: UTC midnight from mysql2 (timezone "Z"), "YYYY-MM-DD" from SQLite. */
/** Raw datetime values: a Date from mysql2, "YYYY-MM-DD HH:MM:SS.mmm" (UTC) from SQLite. */
function asDate(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : text.replace(" ", "T") + "Z");
}
