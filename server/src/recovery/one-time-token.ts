import { createHash, randomBytes } from "node:crypto";

/** Reset links live 30 minutes (SECURITY REC-2). */
export const RESET_TOKEN_TTL_MS = 30 * 60_000;
/** Confirmation links live 3 days. */
export const CONFIRMATION_TOKEN_TTL_MS = 3 * 24 * 60 * 60_000;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** 32 CSPRNG bytes, base64url (43 characters); only the SHA-256 (hex) is stored. */
export function newOneTimeToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashOneTimeToken(token) };
}

export function hashOneTimeToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether a presented string can be a token at all (anything else is simply unknown). */
export const hasTokenShape = (token: string): boolean => TOKEN_SHAPE.test(token);
