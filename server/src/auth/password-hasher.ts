import { createHmac } from "node:crypto";
import { availableParallelism } from "node:os";
import bcrypt from "bcrypt";

/**
 * At most one hash per core but one at a time: bcrypt runs on libuv's pool (4 threads), and four
 * hashes on a two-core machine starve the event loop that serves every other request.
 */
export const HASHES_AT_ONCE = Math.max(1, availableParallelism() - 1);

/** Runs work `limit` at a time, the rest in arrival order. */
export function concurrencyLimit(limit: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((start) => waiting.push(start));
    running++;
    try {
      return await work();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/**
 * bcrypt over base64(HMAC-SHA-384(password, pepper)): the pre-hash is 64 ASCII bytes, so long
 * Cyrillic or Kazakh passwords lose nothing to bcrypt's 72-byte cut, and a stolen table
 * without the pepper is useless. Native bcrypt hashes on libuv's pool, off the event loop.
 */
export class PasswordHasher {
  private dummyHash?: Promise<string>;
  private readonly inTurn = concurrencyLimit(HASHES_AT_ONCE);

  constructor(
    private readonly pepper: string,
    private readonly cost: number,
  ) {}

  hash(password: string): Promise<string> {
    return this.inTurn(() => bcrypt.hash(this.prehash(password), this.cost));
  }

  verify(password: string, hash: string): Promise<boolean> {
    return this.inTurn(() => bcrypt.compare(this.prehash(password), hash));
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
