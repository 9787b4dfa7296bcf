import { createHash, randomBytes } from "node:crypto";

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** 32 CSPRNG bytes, base64url (43 characters), like the reset tokens; only the SHA-256 is kept. */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashLinkToken(token) };
}

export const hashLinkToken = (token: string): string =>
  createHash("sha256").update(token, "utf8").digest("hex");

/** Whether a presented string can be a token at all (anything else is simply unknown). */
export const hasLinkTokenShape = (token: string): boolean => TOKEN_SHAPE.test(token);
