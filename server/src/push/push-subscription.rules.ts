import { checkPublicUrl, MAX_URL_LENGTH } from "../common/public-address";
import { Language } from "../core/enums";

/** A subscription as a browser gives it (`PushSubscription.toJSON()`), plus a device name. */
export interface SubscriptionInput {
  endpoint: string;
  p256dh: string;
  auth: string;
  device?: string | null;
}

export interface CheckedSubscription {
  endpoint: URL;
  p256dh: string;
  auth: string;
  device: string | null;
}

export type SubscriptionCheck =
  { ok: true; value: CheckedSubscription } | { ok: false; field: string; reason: string };

export const MAX_DEVICE_LENGTH = 100;

/** What a notification says and where a tap on it leads (a path of this app). */
export interface PushMessage {
  title: string;
  body: string;
  /** A path of the app, such as `/accounts/1234567890`; anything else opens the app's start. */
  url: string;
  /**
   * Names the message (base64url, at most 32 characters): sent as the Topic header (a push
   * service replaces an undelivered message of the same topic) and the notification's tag (the
   * device replaces a shown one), so a message sent twice is seen once.
   */
  tag?: string;
}

const TAG_SHAPE = /^[A-Za-z0-9_-]{1,32}$/;

/** The readings screen of an account's meters (the client's route `/accounts/:number`). */
export const readingsScreenUrl = (accountNumber: string): string =>
  `/accounts/${encodeURIComponent(accountNumber)}`;

/** The push services accept about 4 kB of payload; this leaves room for the encryption. */
export const MAX_PAYLOAD_BYTES = 3000;

const base64urlOf = (value: string, bytes: number) =>
  /^[\w-]+={0,2}$/.test(value) && Buffer.from(value, "base64url").length === bytes;

/**
 * A browser's subscription before any lookup: the endpoint's shape (https, a host, no
 * credentials), the key an uncompressed P-256 point (65 bytes, 0x04 first), the auth secret
 * 16 bytes, a device name of at most MAX_DEVICE_LENGTH characters.
 */
export function checkSubscription(
  input: SubscriptionInput,
  allowLoopback: boolean,
): SubscriptionCheck {
  const url = checkPublicUrl(input.endpoint.trim(), allowLoopback);
  if (!url.ok) return { ok: false, field: "endpoint", reason: url.reason };
  if (url.url.href.length > MAX_URL_LENGTH) {
    // As stored: an international host name grows when written in punycode.
    return { ok: false, field: "endpoint", reason: "The endpoint is too long." };
  }
  const p256dh = input.p256dh.trim();
  if (!base64urlOf(p256dh, 65) || Buffer.from(p256dh, "base64url")[0] !== 0x04) {
    return { ok: false, field: "keys.p256dh", reason: "The key must be a P-256 public key." };
  }
  const auth = input.auth.trim();
  if (!base64urlOf(auth, 16)) {
    return { ok: false, field: "keys.auth", reason: "The auth secret must be 16 bytes." };
  }
  const device = input.device?.trim() || null;
  if (device && device.length > MAX_DEVICE_LENGTH) {
    return {
      ok: false,
      field: "device",
      reason: `The device name is longer than ${MAX_DEVICE_LENGTH} characters.`,
    };
  }
  return {
    ok: true,
    value: {
      endpoint: url.url,
      p256dh: p256dh.replace(/=+$/, ""),
      auth: auth.replace(/=+$/, ""),
      device,
    },
  };
}

/** The message's tag if it has a usable one (also its Topic header). */
export const pushTag = (message: PushMessage): string | undefined =>
  message.tag !== undefined && TAG_SHAPE.test(message.tag) ? message.tag : undefined;

/** The JSON the service worker receives (push-sw.js); a url that is not a path becomes "/". */
export function pushPayload(message: PushMessage): string {
  const url = /^\/(?!\/)/.test(message.url) ? message.url : "/";
  const tag = pushTag(message);
  const payload = JSON.stringify({ title: message.title, body: message.body, url, tag });
  if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
    throw new Error(`A push message is at most ${MAX_PAYLOAD_BYTES} bytes.`);
  }
  return payload;
}

/** The push service's answer that the subscription is gone for good (RFC 8030 §7.3). */
export const subscriptionGone = (status: number) => status === 404 || status === 410;

/** `sendTestPush`'s notification, in the subscriber's language; a tap opens Settings. */
export function testMessage(language: Language): PushMessage {
  const text = {
    [Language.RU]: [
      "Уведомления включены",
      "Напоминания о показаниях счётчика будут приходить на это устройство.",
    ],
    [Language.KK]: [
      "Хабарландырулар қосулы",
      "Есептегіш көрсеткіштері туралы еске салғыштар осы құрылғыға келеді.",
    ],
    [Language.EN]: [
      "Notifications are on",
      "Reminders to send your meter reading will come to this device.",
    ],
  }[language];
  return { title: text[0], body: text[1], url: "/settings" };
}
