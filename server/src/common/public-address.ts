import { lookup } from "node:dns/promises";
import { setTimeout as sleep } from "node:timers/promises";
import ipaddr from "ipaddr.js";

export const MAX_URL_LENGTH = 500;

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * Addresses the server calls that someone else chose (webhook URLs, web push endpoints): the
 * shape of the URL, then every address its host resolves to, must be public.
 */

/**
 * The shape of such a URL before any lookup: https (http only to a loopback receiver when the
 * test-only setting allows it), a host, no credentials, no fragment.
 */
export function checkPublicUrl(raw: string, allowLoopback: boolean): UrlCheck {
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

/** A name that does not resolve within this is refused (a request has 10 s in all). */
const LOOKUP_TIMEOUT_MS = 3000;

export class AddressRefused extends Error {}

/**
 * The one address a request is sent to: the URL's host resolved (every address it has), each
 * one checked (above). The request then connects to this checked address, not to
 * the name again, so a DNS answer that changes between check and connect (rebinding) cannot
 * send it elsewhere. Throws AddressRefused.
 */
export async function resolvePublicAddress(url: URL, allowLoopback: boolean): Promise<string> {
  const literal = literalAddress(url);
  let addresses: string[];
  if (literal) {
    addresses = [literal];
  } else {
    try {
      addresses = await Promise.race([
        lookup(url.hostname, { all: true, verbatim: true }).then((all) =>
          all.map((a) => a.address),
        ),
        sleep(LOOKUP_TIMEOUT_MS, undefined, { ref: false }).then(() =>
          Promise.reject(new Error("no answer in time")),
        ),
      ]);
    } catch (error) {
      throw new AddressRefused(`${url.hostname} does not resolve (${(error as Error).message})`);
    }
  }
  for (const address of addresses) {
    const reason = refusedAddress(address, allowLoopback);
    if (reason) throw new AddressRefused(`${url.hostname}: ${reason}`);
  }
  if (addresses.length === 0) throw new AddressRefused(`${url.hostname} has no address`);
  if (!plainHttpAllowed(url, addresses[0], allowLoopback)) {
    throw new AddressRefused("The URL must use https.");
  }
  return addresses[0];
}
