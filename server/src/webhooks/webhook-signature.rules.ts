import { createHmac, timingSafeEqual } from "node:crypto";

/** The header every delivery carries (Stripe's scheme): `t=<unix seconds>,v1=<hex HMAC>`. */
export const SIGNATURE_HEADER = "Gas-Signature";
/** How old a signed timestamp a receiver should accept, against replays of a captured request. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** HMAC-SHA256 with the endpoint's secret over `<t>.<body>`, hex. */
export function signaturePayload(secret: string, unixSeconds: number, body: string): string {
  return createHmac("sha256", secret).update(`${unixSeconds}.${body}`, "utf8").digest("hex");
}

export function signatureHeader(secret: string, unixSeconds: number, body: string): string {
  return `t=${unixSeconds},v1=${signaturePayload(secret, unixSeconds, body)}`;
}

/**
 * What a receiver does (README "Webhooks"): the header's `t` is recent and one of its `v1`
 * values is the HMAC of `<t>.<body>`, compared in constant time.
 */
export function verifySignature(
  secret: string,
  header: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): boolean {
  const parts = header.split(",").map((part) => part.trim().split("="));
  const t = Number(parts.find(([key]) => key === "t")?.[1]);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signaturePayload(secret, t, body), "hex");
  return parts.some(([key, value]) => {
    if (key !== "v1" || !/^[0-9a-f]{64}$/.test(value ?? "")) return false;
    return timingSafeEqual(Buffer.from(value, "hex"), expected);
  });
}
