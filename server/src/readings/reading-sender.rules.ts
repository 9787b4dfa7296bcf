import { ReadingSource } from "../core/enums";

/** Who sent a counted sending: the subscriber in the app, or a partner's API client. */
export enum SenderKind {
  SUBSCRIBER = "SUBSCRIBER",
  PARTNER = "PARTNER",
}

/** `readings.caller` of a partner's sending is this prefix and `api_clients.id`. */
export const CLIENT_CALLER_PREFIX = "client:";

export const clientCaller = (apiClientId: number) => `${CLIENT_CALLER_PREFIX}${apiClientId}`;
/** `readings.caller` of a subscriber's sending. */
export const userCaller = (userId: number) => `user:${userId}`;
/** `readings.caller` of a sending through a one-tap link (`submit_links.id`): keys per link. */
export const linkCaller = (submitLinkId: number) => `link:${submitLinkId}`;

/** The source a sending is stored with, by who sent it (`ReadingsService`'s `Caller`). */
export const SOURCE_OF_CALLER = {
  user: ReadingSource.SUBSCRIBER,
  client: ReadingSource.PARTNER,
  link: ReadingSource.REMINDER_LINK,
} as const;

/** The sender's kind of a reading's source; null for registry readings (inspector, estimate…). */
export function senderKindOf(source: ReadingSource): SenderKind | null {
  if (source === ReadingSource.SUBSCRIBER || source === ReadingSource.REMINDER_LINK) {
    return SenderKind.SUBSCRIBER;
  }
  if (source === ReadingSource.PARTNER) return SenderKind.PARTNER;
  return null;
}

/** `api_clients.id` of a partner's caller ("client:12" → 12), or null for anything else. */
export function apiClientIdOfCaller(caller: string | null): number | null {
  const match = caller === null ? null : /^client:([1-9]\d{0,9})$/.exec(caller);
  return match ? Number(match[1]) : null;
}
