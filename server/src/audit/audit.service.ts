import type { DataSource, EntityManager } from "typeorm";
import { insertEntity } from "../db/bulk-insert";
import { withTransaction } from "../db/transaction";
import type { Clock } from "../core/clock";
import { AuditEventEntity } from "./audit-event.entity";
import { NO_REQUEST, type RequestMeta } from "./request-meta";

/** What the audit log records (SECURITY AUTH-5). Extend freely; never rename. */
export const AUDIT_EVENT_TYPES = [
  "LOGIN_SUCCEEDED",
  "LOGIN_FAILED",
  "REGISTERED",
  "EMAIL_CONFIRMED",
  "ACCOUNT_LINKED",
  "ACCOUNT_UNLINKED",
  "PASSWORD_CHANGED",
  "PASSWORD_RESET_REQUESTED",
  "PASSWORD_RESET",
  "PASSWORD_RESET_FAILED",
  /** A rotated session token was presented again; the session was revoked (SES-4). */
  "SESSION_TOKEN_REUSED",
  "READING_SUBMITTED",
  /** A rate limiter refused a request (RL-*). */
  "RATE_LIMIT_TRIPPED",
  /** An operator lifted a limiter block. */
  "BLOCK_LIFTED",
  "API_CLIENT_CHANGED",
  /** An operator started the day's reminders (`runRemindersNow`). */
  "REMINDERS_RUN",
  /** An API client registered or deleted a webhook (a way to make the server call out). */
  "WEBHOOK_REGISTERED",
  "WEBHOOK_DELETED",
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** Detail values are small scalars: ids, codes, flags. */
export type AuditDetail = Record<string, string | number | boolean | null>;

export interface AuditEvent {
  type: AuditEventType;
  userId?: number | null;
  meta?: RequestMeta;
  detail?: AuditDetail;
}

/**
 * Keys whose values must never reach the log (passwords, amounts, tokens, links, keys). A
 * detail with such a key is a programming error: the key is dropped, whatever its value.
 */
const SECRET_KEY =
  /pass|token|secret|pepper|amount|payment|link|url|cookie|authori[sz]ation|credential/i;
const MAX_DETAIL_CHARS = 1000;
const MAX_VALUE_CHARS = 120;

/** Printable text of bounded length: control characters (CR/LF included) become spaces. */
export function cleanText(value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  // eslint-disable-next-line no-control-regex
  const printable = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ");
  return [...printable].slice(0, max).join("") || null;
}

/** The detail as stored: secret-looking keys dropped, strings cut short, at most 1,000 chars. */
export function auditDetailJson(detail: AuditDetail | undefined): string | null {
  if (!detail) return null;
  const kept: AuditDetail = {};
  for (const [key, value] of Object.entries(detail)) {
    if (SECRET_KEY.test(key)) continue;
    kept[key] = typeof value === "string" ? cleanText(value, MAX_VALUE_CHARS) : value;
  }
  if (Object.keys(kept).length === 0) return null;
  const json = JSON.stringify(kept);
  return json.length <= MAX_DETAIL_CHARS ? json : JSON.stringify({ truncated: true });
}

/**
 * The audit log: one row per security-relevant event, with the user, client address, user agent,
 * request id and UTC time. Events that belong to a change are written in that change's
 * transaction (pass its manager); refusals are written on their own.
 */
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(event: AuditEvent, manager?: EntityManager): Promise<void> {
    const meta = event.meta ?? NO_REQUEST;
    const row: AuditEventEntity = Object.assign(new AuditEventEntity(), {
      occurredAt: this.clock.now(),
      eventType: event.type,
      userId: event.userId ?? null,
      ip: cleanText(meta.ip, 45),
      userAgent: cleanText(meta.userAgent, 255),
      requestId: cleanText(meta.requestId, 64),
      detail: auditDetailJson(event.detail),
    });
    if (manager) {
      await insertEntity(manager, AuditEventEntity, row);
      return;
    }
    // In a transaction of its own: on SQLite a bare insert could land in (and roll back with)
    // another request's open transaction on the shared connection.
    await withTransaction(this.dataSource, (m) => insertEntity(m, AuditEventEntity, row));
  }

  /** A user's events, newest first (operators and tests). */
  async eventsOf(userId: number): Promise<AuditEventEntity[]> {
    return this.dataSource
      .getRepository(AuditEventEntity)
      .find({ where: { userId }, order: { occurredAt: "DESC", id: "DESC" } });
  }
}
