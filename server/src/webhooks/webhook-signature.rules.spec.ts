import { createHmac } from "node:crypto";
import fc from "fast-check";
import { signatureHeader, verifySignature } from "./webhook-signature.rules";

const SECRET = "whsec_test";

describe("webhook signature", () => {
  it("is Stripe's scheme: t=<unix>,v1=<hex HMAC-SHA256 of t.body>", () => {
    const body = '{"id":"evt_reading_1"}';
    const expected = createHmac("sha256", SECRET).update(`1700000000.${body}`).digest("hex");
    expect(signatureHeader(SECRET, 1700000000, body)).toBe(`t=1700000000,v1=${expected}`);
  });

  it("verifies what it signs, and nothing changed in body, time or secret", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1e9, max: 2e9 }), (body, t) => {
        const header = signatureHeader(SECRET, t, body);
        expect(verifySignature(SECRET, header, body, t)).toBe(true);
        expect(verifySignature(SECRET, header, body + " ", t)).toBe(false);
        expect(verifySignature("whsec_other", header, body, t)).toBe(false);
        expect(verifySignature(SECRET, header.replace(`t=${t}`, `t=${t + 1}`), body, t)).toBe(
          false,
        );
      }),
    );
  });

  it("refuses an old timestamp (a replayed capture) and a malformed header", () => {
    const header = signatureHeader(SECRET, 1_700_000_000, "{}");
    expect(verifySignature(SECRET, header, "{}", 1_700_000_000 + 301)).toBe(false);
    expect(verifySignature(SECRET, header, "{}", 1_700_000_000 + 299)).toBe(true);
    expect(verifySignature(SECRET, "v1=abc", "{}", 1_700_000_000)).toBe(false);
    expect(verifySignature(SECRET, "t=1700000000,v1=zz", "{}", 1_700_000_000)).toBe(false);
  });
});
