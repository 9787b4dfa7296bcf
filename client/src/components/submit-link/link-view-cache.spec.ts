import { webcrypto } from "node:crypto";
import { TextEncoder } from "node:util";
import { forgetView, keepView, keptView, type LinkView } from "./link-view-cache";

const TOKEN = "q3Zb0n4kT1e-_xYhL2mW8vPa9sRcD5fGuJ6iK7oN0tE";
const VIEW: LinkView = {
  meterSerial: "G4-20-0077310",
  accountNumber: "0045678912",
  holderNameMasked: "К*** О. В.",
  lastReading: { value: "4174.495", takenAt: "2026-10-25T05:00:00.000Z" },
  submission: {
    period: "2026-12",
    used: 0,
    remaining: 2,
    minimumValue: "4174.495",
    reopensAt: null,
  },
};

describe("the link page kept on the phone", () => {
  // jsdom has no Web Crypto digest: Node's, as a browser in a secure context has it.
  beforeAll(() => {
    Object.defineProperty(globalThis.crypto, "subtle", {
      value: webcrypto.subtle,
      configurable: true,
    });
    Object.assign(globalThis, { TextEncoder });
  });
  beforeEach(() => localStorage.clear());

  it("is found again with the same token, as of when it was kept", async () => {
    await keepView(TOKEN, VIEW);
    const kept = await keptView(TOKEN);
    expect(kept?.view).toEqual(VIEW);
    expect(kept?.savedAt).toBeInstanceOf(Date);
  });

  it("is kept under the token's SHA-256, never the token", async () => {
    await keepView(TOKEN, VIEW);
    const stored = localStorage.getItem("gas.submitLinkView") ?? "";
    expect(stored).not.toContain(TOKEN);
    expect(stored).toMatch(/[0-9a-f]{64}/);
  });

  it("is not shown for another link, nor after it is forgotten", async () => {
    await keepView(TOKEN, VIEW);
    expect(await keptView(`${TOKEN.slice(1)}x`)).toBeNull();
    forgetView();
    expect(await keptView(TOKEN)).toBeNull();
  });
});
