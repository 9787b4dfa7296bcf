import { VerifiedTokens } from "./verified-tokens";

const at = (seconds: number) => new Date(seconds * 1000);

describe("VerifiedTokens", () => {
  const verified = { claims: { userId: 7 }, validFrom: 970, expiresAt: 1630 };

  it("verifies a token once, and checks its times again at every use", () => {
    const tokens = new VerifiedTokens<{ userId: number }>();
    const verify = jest.fn(() => verified);
    expect(tokens.check("a", at(1000), verify)).toEqual({ claims: { userId: 7 } });
    expect(tokens.check("a", at(1629), verify)).toEqual({ claims: { userId: 7 } });
    expect(verify).toHaveBeenCalledTimes(1);
    // jsonwebtoken's comparisons: refused before validFrom, expired from expiresAt on.
    expect(tokens.check("a", at(969), verify)).toEqual({ refusal: "TOKEN_INVALID" });
    expect(tokens.check("a", at(1630), verify)).toEqual({ refusal: "TOKEN_EXPIRED" });
    expect(tokens.size).toBe(0);
  });

  it("keeps no refused token", () => {
    const tokens = new VerifiedTokens<{ userId: number }>();
    const verify = jest.fn(() => ({ refusal: "TOKEN_INVALID" as const }));
    expect(tokens.check("forged", at(1000), verify)).toEqual({ refusal: "TOKEN_INVALID" });
    expect(tokens.check("forged", at(1000), verify)).toEqual({ refusal: "TOKEN_INVALID" });
    expect(verify).toHaveBeenCalledTimes(2);
    expect(tokens.size).toBe(0);
  });

  it("holds at most its capacity, the oldest going first", () => {
    const tokens = new VerifiedTokens<{ userId: number }>(2);
    const verify = jest.fn(() => verified);
    for (const token of ["a", "b", "c"]) tokens.check(token, at(1000), verify);
    expect(tokens.size).toBe(2);
    tokens.check("b", at(1000), verify);
    tokens.check("c", at(1000), verify);
    expect(verify).toHaveBeenCalledTimes(3);
    tokens.check("a", at(1000), verify);
    expect(verify).toHaveBeenCalledTimes(4);
  });
});
