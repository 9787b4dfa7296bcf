import ipaddr from "ipaddr.js";

export const MAX_URL_LENGTH = 500;

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * The shape of a webhook URL before any lookup: https (http only to a loopback receiver when
 * the test-only setting allows it), a host, no credentials, no fragment.
 */
export function checkWebhookUrl(raw: string, allowLoopback: boolean): UrlCheck {
  if (raw.length > MAX_URL_LENGTH) {
    return { ok: false, reason: `The URL is longer than ${MAX_URL_LENGTH} characters.` };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "The URL is not valid." };
  }
  if (url.protocol !== "https:" && !(allowLoopback && url.protocol === "http:")) {
    return { ok: false, reason: "The URL must use https." };
  }
  if (url.username || url.password) {
    return { ok: false, reason: "The URL must not contain credentials." };
  }
  if (url.hash) return { ok: false, reason: "The URL must not contain a fragment." };
  if (!url.hostname) return { ok: false, reason: "The URL must name a host." };
  return { ok: true, url };
}

/** The host of a URL as an address when it is one (`[::1]` → `::1`), else null. */
export function literalAddress(url: URL): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  return ipaddr.isValid(host) ? host : null;
}

/**
 * Why the server must not call this address, or null when it may: only global unicast
 * addresses are called, so loopback, private, link-local (and with it the cloud metadata
 * address 169.254.169.254), carrier-grade NAT (100.100.100.200), unique-local (fd00:ec2::254),
 * multicast, reserved and the IPv6 ranges that embed an IPv4 address are all refused. An
 * IPv4-mapped IPv6 address is judged as the IPv4 address it maps. `allowLoopback` (tests only)
 * lets loopback through.
 */
export function refusedAddress(address: string, allowLoopback: boolean): string | null {
  if (!ipaddr.isValid(address)) return "not an IP address";
  const range = ipaddr.process(address).range();
  if (range === "unicast") return null;
  if (range === "loopback" && allowLoopback) return null;
  return `${address} is a ${range} address`;
}

/** Whether a plain-http URL may be called at this (already checked) address. */
export function plainHttpAllowed(url: URL, address: string, allowLoopback: boolean): boolean {
  return (
    url.protocol === "https:" ||
    (allowLoopback && ipaddr.isValid(address) && ipaddr.process(address).range() === "loopback")
  );
}
