import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Pending messages hold live links (reset tokens), so the outbox stores them sealed with
 * AES-256-GCM under a key derived from a server secret: a copy of the database alone cannot
 * reset anyone's password.
 */
export class OutboxSeal {
  private readonly key: Buffer;

  /** `purpose` keeps keys apart: the same secret seals the outbox and webhook secrets. */
  constructor(secret: string, purpose = "mail-outbox v1") {
    this.key = Buffer.from(hkdfSync("sha256", secret, "gas-readings", purpose, 32));
  }

  seal(value: unknown): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
  }

  open<T>(sealed: string): T {
    const raw = Buffer.from(sealed, "base64");
    const decipher = createDecipheriv("aes-256-gcm", this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const body = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
    return JSON.parse(body.toString("utf8")) as T;
  }
}
