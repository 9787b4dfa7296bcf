import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { literalAddress } from "../common/public-address";

/** Of a receiver's answer, this much is kept (for `lastError`); the rest is not read. */
export const MAX_RESPONSE_BYTES = 4096;

export interface SendResult {
  ok: boolean;
  /** Why it failed, for `lastError`; null when delivered. */
  error: string | null;
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
