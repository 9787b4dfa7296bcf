import { type ECDH, createECDH, createPublicKey, randomBytes, verify } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// http_ece (no types) is what web-push encrypts with; the test decrypts as a browser would.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ece = require("http_ece") as {
  decrypt(
    body: Buffer,
    params: { version: "aes128gcm"; privateKey: ECDH; authSecret: Buffer },
  ): Buffer;
};

export interface ReceivedPush {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A push service on a free loopback port (plain HTTP: the servers under test allow loopback):
 * it keeps what it receives and answers `status` (201 by default, as push services do).
 */
export async function startPushReceiver() {
  const received: ReceivedPush[] = [];
  const receiver = { origin: "", status: 201, received, close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(receiver.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

/** A browser's side of a subscription: a P-256 key pair and a 16-byte auth secret. */
export function browserKeys() {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    p256dh: ecdh.getPublicKey().toString("base64url"),
    auth: auth.toString("base64url"),
    /** Decrypts a push message body (RFC 8291, aes128gcm) with the browser's private key. */
    decrypt: (body: Buffer): string =>
      ece.decrypt(body, { version: "aes128gcm", privateKey: ecdh, authSecret: auth }).toString(),
  };
}

/**
 * Checks a VAPID `Authorization: vapid t=<JWT>, k=<key>` header (RFC 8292): the JWT is ES256,
 * signed by the key `k`; answers its claims, or throws.
 */
export function verifiedVapidClaims(header: string | undefined, publicKey: string) {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header ?? "");
  if (!match) throw new Error(`Not a VAPID header: ${header}`);
  const [, jwt, k] = match;
  if (k !== publicKey) throw new Error("The header names another key.");
  const [head, claims, signature] = jwt.split(".");
  const point = Buffer.from(k, "base64url");
  const key = createPublicKey({
    key: {
      kty: "EC",
      crv: "P-256",
      x: point.subarray(1, 33).toString("base64url"),
      y: point.subarray(33, 65).toString("base64url"),
    },
    format: "jwk",
  });
  const header_ = JSON.parse(Buffer.from(head, "base64url").toString());
  if (header_.alg !== "ES256") throw new Error(`alg ${header_.alg}`);
  const signed = verify(
    "sha256",
    Buffer.from(`${head}.${claims}`),
    { key, dsaEncoding: "ieee-p1363" },
    Buffer.from(signature, "base64url"),
  );
  if (!signed) throw new Error("The VAPID signature does not verify.");
  return JSON.parse(Buffer.from(claims, "base64url").toString()) as {
    aud: string;
    exp: number;
    sub: string;
  };
}

export const PUSH_PUBLIC_KEY = `query { pushPublicKey }`;
export const SUBSCRIBE_PUSH = `mutation($input: PushSubscriptionInput!) { subscribePush(input: $input) }`;
export const UNSUBSCRIBE_PUSH = `mutation($endpoint: String!) { unsubscribePush(endpoint: $endpoint) }`;
export const SEND_TEST_PUSH = `mutation { sendTestPush { sent removed failed } }`;
