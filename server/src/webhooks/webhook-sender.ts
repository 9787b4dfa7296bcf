import { lookup } from "node:dns/promises";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { setTimeout as sleep } from "node:timers/promises";
import { literalAddress, plainHttpAllowed, refusedAddress } from "./webhook-url.rules";

/** A name that does not resolve within this is refused (a request has 10 s in all). */
const LOOKUP_TIMEOUT_MS = 3000;
/** Of a receiver's answer, this much is kept (for `lastError`); the rest is not read. */
export const MAX_RESPONSE_BYTES = 4096;

export class AddressRefused extends Error {}

export interface SendResult {
  ok: boolean;
  /** Why it failed, for `lastError`; null when delivered. */
  error: string | null;
}

/**
 * The one address a webhook is sent to: the URL's host resolved (every address it has), each
 * one checked (webhook-url.rules.ts). The request then connects to this checked address, not to
 * the name again, so a DNS answer that changes between check and connect (rebinding) cannot
 * send it elsewhere. Throws AddressRefused.
 */
export async function resolveWebhookAddress(url: URL, allowLoopback: boolean): Promise<string> {
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

/**
 * POSTs `body` to `url` at the checked `address`. No redirect is followed (a 3xx is a failure:
 * its target was never checked); the whole exchange, connect to last byte, is cut at
 * `timeoutMs`; at most MAX_RESPONSE_BYTES of the answer are read. 2xx is success.
 */
export function sendWebhook(options: {
  url: URL;
  address: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}): Promise<SendResult> {
  const { url, address, body } = options;
  const isHttps = url.protocol === "https:";
  const send = isHttps ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(result);
    };
    const req = send({
      host: address,
      port: url.port || (isHttps ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method: "POST",
      setHost: false,
      // The certificate is checked against the name, while the socket goes to the address.
      ...(isHttps && !literalAddress(url) ? { servername: url.hostname } : {}),
      agent: false,
      headers: {
        ...options.headers,
        host: url.host,
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(body)),
        "user-agent": "gas-readings-webhooks/1",
      },
    });
    const timer = setTimeout(
      () => finish({ ok: false, error: `No answer within ${options.timeoutMs} ms.` }),
      options.timeoutMs,
    );
    req.on("error", (error) => finish({ ok: false, error: error.message }));
    req.on("response", (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        const text = Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString("utf8");
        if (status >= 200 && status < 300) return finish({ ok: true, error: null });
        const redirect = status >= 300 && status < 400 ? " (redirects are not followed)" : "";
        finish({ ok: false, error: `HTTP ${status}${redirect}${text ? `: ${text}` : ""}` });
      };
      res.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= MAX_RESPONSE_BYTES) done();
      });
      res.on("end", done);
      res.on("error", (error) => finish({ ok: false, error: error.message }));
    });
    req.end(body);
  });
}
