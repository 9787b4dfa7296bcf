/** The events an endpoint can subscribe to, as they appear in a delivery's `type`. */
export const WEBHOOK_EVENTS = [
  "reading.submitted",
  "reading.corrected",
  "account.linked",
  "account.unlinked",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];
export type AccountEventType = Extract<WebhookEventType, `account.${string}`>;
/** Who linked or unlinked: the subscriber in the app (or at registration), or an operator. */
export type LinkedBy = "REGISTRATION" | "SUBSCRIBER" | "OPERATOR";

/** Attempts before a delivery is given up (FAILED); about 8 hours of backoff in all. */
export const MAX_ATTEMPTS = 10;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 2 * 60 * 60_000;

/**
 * The wait after the `attempts`-th failure: 30 s doubling up to 2 h, then a random point in its
 * upper half (`random` in [0, 1)), so endpoints that failed together do not retry together.
 */
export function retryDelayMs(attempts: number, random: number): number {
  const ceiling = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/** "a,b" or a list → the events, or the first unknown one; none at all is refused too. */
export function parseEvents(
  names: readonly string[],
): { events: WebhookEventType[] } | { unknown: string } {
  const unique = [...new Set(names.map((name) => name.trim()))];
  const unknown = unique.find((name) => !(WEBHOOK_EVENTS as readonly string[]).includes(name));
  if (unknown !== undefined || unique.length === 0) return { unknown: unknown ?? "" };
  return { events: unique as WebhookEventType[] };
}

/** The event a sending makes: the month's second sending corrects the first. */
export const readingEventType = (isCorrection: boolean): WebhookEventType =>
  isCorrection ? "reading.corrected" : "reading.submitted";

/** An event's id: the same for every endpoint and every attempt, so receivers can deduplicate. */
export const readingEventId = (readingId: number): string => `evt_reading_${readingId}`;

export interface WebhookReading {
  id: string;
  accountNumber: string;
  meterSerial: string;
  value: string;
  takenAt: string;
  period: string;
  source: string;
  isCorrection: boolean;
  /** Taken after the meter's verification date: accepted all the same; billing decides. */
  meterVerificationOverdue: boolean;
}

/**
 * The JSON body of a reading event. `cursor` is the feed's cursor just after this reading:
 * `readingsFeed(after: cursor)` continues from here, so the feed stays the source of truth.
 */
export function readingEventBody(event: {
  id: string;
  type: WebhookEventType;
  created: Date;
  cursor: string;
  reading: WebhookReading;
}): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    created: event.created.toISOString(),
    cursor: event.cursor,
    data: { reading: event.reading },
  });
}

/**
 * The JSON body of an account event: the account's number and who made the change, never who
 * the subscriber is. Not in the readings feed, so its `cursor` is null.
 */
export function accountEventBody(event: {
  id: string;
  type: AccountEventType;
  created: Date;
  accountNumber: string;
  by: LinkedBy;
}): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    created: event.created.toISOString(),
    cursor: null,
    data: { account: { number: event.accountNumber, by: event.by } },
  });
}
