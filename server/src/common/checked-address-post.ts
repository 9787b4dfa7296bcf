import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { literalAddress } from "./public-address";

/** The status and at most `readBytes` of the body; or why there was no answer. */
export type PostAnswer = { status: number; text: string } | { status: null; error: string };

/**
 * POSTs `body` to `url` at the already checked `address`: the socket goes to that address while
 * the certificate is checked against the name, so DNS cannot move it (webhooks, web push). No
 * redirect is followed; the whole exchange, connect to last byte, is cut at `timeoutMs`; of the
 * answer at most `readBytes` are read.
 */
export function postToCheckedAddress(options: {
  url: URL;
  address: string;
  headers: Record<string, string | number>;
  body: string | Buffer;
  timeoutMs: number;
  readBytes: number;
}): Promise<PostAnswer> {
  const { url, address, body, readBytes } = options;
  const isHttps = url.protocol === "https:";
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: PostAnswer) => {
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
      headers: {
        ...options.headers,
        host: url.host,
        "content-length": String(Buffer.byteLength(body)),
      },
    });
    const timer = setTimeout(
      () => finish({ status: null, error: `No answer within ${options.timeoutMs} ms.` }),
      options.timeoutMs,
    );
    req.on("error", (error) => finish({ status: null, error: error.message }));
    req.on("response", (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () =>
        finish({ status, text: Buffer.concat(chunks).subarray(0, readBytes).toString("utf8") });
      if (readBytes <= 0) return done();
      res.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= readBytes) done();
      });
      res.on("end", done);
      res.on("error", (error) => finish({ status: null, error: error.message }));
    });
    req.end(body);
  });
}
