import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { literalAddress } from "../common/public-address";

export type PushAnswer = { status: number } | { status: null; error: string };

/**
 * POSTs an encrypted push message to `url` at the already checked `address` (as the webhooks
 * do: the socket goes to the checked address, the certificate is checked against the name).
 * No redirect is followed; the exchange is cut at `timeoutMs`; the answer's body is not read.
 */
export function postPush(options: {
  url: URL;
  address: string;
  headers: Record<string, string | number>;
  body: Buffer;
  timeoutMs: number;
}): Promise<PushAnswer> {
  const { url, address, body } = options;
  const isHttps = url.protocol === "https:";
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: PushAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(answer);
    };
    const req = (isHttps ? httpsRequest : httpRequest)({
      host: address,
      port: url.port || (isHttps ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method: "POST",
      setHost: false,
      ...(isHttps && !literalAddress(url) ? { servername: url.hostname } : {}),
      agent: false,
      headers: { ...options.headers, host: url.host, "content-length": String(body.length) },
    });
    const timer = setTimeout(
      () => finish({ status: null, error: `No answer within ${options.timeoutMs} ms.` }),
      options.timeoutMs,
    );
    req.on("error", (error) => finish({ status: null, error: error.message }));
    req.on("response", (res: IncomingMessage) => finish({ status: res.statusCode ?? 0 }));
    req.end(body);
  });
}
