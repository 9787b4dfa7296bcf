import { createHmac } from "node:crypto";
import { availableParallelism } from "node:os";
import { extname, join } from "node:path";
import bcrypt from "bcrypt";
import { Piscina } from "piscina";

// The worker next to this file: .js when built; .ts under ts-node and jest, where each thread
// compiles it with ts-node (built, threads keep node's own options).
const WORKER_FILE = join(__dirname, `password-hash.worker${extname(__filename)}`);
const WORKER_EXEC_ARGV =
  extname(__filename) === ".ts"
    ? ["--require", require.resolve("ts-node/register/transpile-only")]
    : undefined;

/**
 * bcrypt over base64(HMAC-SHA-384(password, pepper)): the pre-hash is 64 ASCII bytes, so long
 * Cyrillic or Kazakh passwords lose nothing to bcrypt's 72-byte cut, and a stolen table
 * without the pepper is useless. bcrypt runs on a pool of worker threads, one per core, that
 * lower their own priority (password-hash.worker.ts): a login flood uses the idle CPU but the
 * kernel runs the event loop and the database first. Idle threads keep no process alive.
 */
export class PasswordHasher {
  private dummyHash?: Promise<string>;
  private readonly pool = new Piscina({
    filename: WORKER_FILE,
    execArgv: WORKER_EXEC_ARGV,
    // The export a starting thread loads; without one piscina fails the thread.
    name: "hash",
    minThreads: 0,
    maxThreads: availableParallelism(),
    // Threads stay warm through a burst of logins and leave after a quiet minute.
    idleTimeout: 60_000,
  });

  constructor(
    private readonly pepper: string,
    private readonly cost: number,
  ) {}

  hash(password: string): Promise<string> {
    return this.pool.run({ prehashed: this.prehash(password), cost: this.cost }, { name: "hash" });
  }

  verify(password: string, hash: string): Promise<boolean> {
    return this.pool.run({ prehashed: this.prehash(password), hash }, { name: "compare" });
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

  /** Ends the threads (at shutdown); hashes still queued are rejected. */
  close(): Promise<void> {
    return this.pool.destroy();
  }

  private prehash(password: string): string {
    return createHmac("sha384", this.pepper).update(password, "utf8").digest("base64");
  }
}
