import { PasswordResetTokenStatus, resetTokenStatus } from "./reset-token-status";

const now = new Date("2026-11-15T06:00:00Z");
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);

describe("resetTokenStatus", () => {
  it.each([
    ["unknown", null, PasswordResetTokenStatus.INVALID],
    ["live", { usedAt: null, expiresAt: at(1) }, PasswordResetTokenStatus.VALID],
    ["expiring this instant", { usedAt: null, expiresAt: at(0) }, PasswordResetTokenStatus.EXPIRED],
    ["expired", { usedAt: null, expiresAt: at(-60_000) }, PasswordResetTokenStatus.EXPIRED],
    ["spent", { usedAt: at(-1), expiresAt: at(60_000) }, PasswordResetTokenStatus.USED],
    ["spent, then expired", { usedAt: at(-2), expiresAt: at(-1) }, PasswordResetTokenStatus.USED],
  ])("%s → %s", (_name, row, expected) => {
    expect(resetTokenStatus(row, now)).toBe(expected);
  });
});
