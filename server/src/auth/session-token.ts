import { createHash, randomBytes, randomUUID } from "node:crypto";

/** 256 random bits; only its SHA-256 is stored. */
export function newSessionToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashSessionToken(token) };
}

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export const newSessionId = (): string => randomUUID();
