import { createHmac } from "node:crypto";
import bcrypt from "bcrypt";

/**
 * bcrypt over base64(HMAC-SHA-384(password, pepper)): the pre-hash is 64 ASCII bytes, so long
 * Cyrillic or Kazakh passwords lose nothing to bcrypt's 72-byte cut, and a stolen table
 * without the pepper is useless. Native bcrypt hashes on libuv's pool, off the event loop.
 */
export class PasswordHasher {
  private dummyHash?: Promise<string>;

  constructor(
    private readonly pepper: string,
    private readonly cost: number,
  ) {}

  hash(password: string): Promise<string> {
    return bcrypt.hash(this.prehash(password), this.cost);
  }

  verify(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(this.prehash(password), hash);
  }

  /** Same work as a real check, for an unknown e-mail, so timing tells nothing. */
  async verifyAgainstDummy(password: string): Promise<false> {
    this.dummyHash ??= this.hash("dummy password that never matches");
    await this.verify(password, await this.dummyHash);
    return false;
  }

  needsRehash(hash: string): boolean {
    return bcrypt.getRounds(hash) < this.cost;
  }

  private prehash(password: string): string {
    return createHmac("sha384", this.pepper).update(password, "utf8").digest("base64");
  }
}
