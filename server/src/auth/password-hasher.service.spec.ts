import { spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism, getPriority } from "node:os";
import bcrypt from "bcrypt";
import { NICE_INCREMENT } from "./password-hash.worker";
import { PasswordHasher } from "./password-hasher.service";

const PEPPER = "test pepper";
const onLinux = process.platform === "linux" ? it : it.skip;

interface ThreadStat {
  tid: number;
  nice: number;
  cpuTicks: number;
}

/** This process's threads, from /proc/self/task/<tid>/stat. */
function threads(): ThreadStat[] {
  return readdirSync("/proc/self/task").flatMap((tid) => {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    } catch {
      return []; // the thread ended meanwhile
    }
    // After "(comm) " the fields start at the 3rd: utime is the 14th, stime the 15th, nice the 19th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const cpuTicks = Number(fields[11]) + Number(fields[12]);
    return [{ tid: Number(tid), nice: Number(fields[16]), cpuTicks }];
  });
}

const mainNice = getPriority();
const hashingNice = Math.min(mainNice + NICE_INCREMENT, 19);
const nicedThreads = () => threads().filter((t) => t.nice === hashingNice).length;

describe("PasswordHasher", () => {
  const hasher = new PasswordHasher(PEPPER, 4);
  afterAll(() => hasher.close());

  it("verifies the password it hashed and refuses another", async () => {
    const hash = await hasher.hash("Қазақстан 2026 пароль");
    expect(hash).toMatch(/^\$2b\$04\$/);
    await expect(hasher.verify("Қазақстан 2026 пароль", hash)).resolves.toBe(true);
    await expect(hasher.verify("Қазақстан 2026 парол", hash)).resolves.toBe(false);
    await expect(hasher.verifyAgainstDummy("Қазақстан 2026 пароль")).resolves.toBe(false);
  });

  it("hashes many at once, each result to its own caller", async () => {
    const passwords = Array.from({ length: 3 * availableParallelism() }, (_, i) => `password ${i}`);
    const hashes = await Promise.all(passwords.map((p) => hasher.hash(p)));
    const checks = await Promise.all(hashes.map((h, i) => hasher.verify(passwords[i], h)));
    expect(checks.every(Boolean)).toBe(true);
    await expect(hasher.verify(passwords[1], hashes[0])).resolves.toBe(false);
  });

  it("needs a rehash only below its cost", async () => {
    const hash = await hasher.hash("secret");
    expect(hasher.needsRehash(hash)).toBe(false);
    expect(new PasswordHasher(PEPPER, 5).needsRehash(hash)).toBe(true);
  });

  it("does not verify a hash made with another pepper", async () => {
    const other = new PasswordHasher("another pepper", 4);
    try {
      const hash = await hasher.hash("secret");
      await expect(other.verify("secret", hash)).resolves.toBe(false);
      await expect(other.verify("secret", await other.hash("secret"))).resolves.toBe(true);
    } finally {
      await other.close();
    }
  });

  it("keeps the stored format: bcrypt of base64 HMAC-SHA-384, made on the main thread", async () => {
    const password = "Алматы, көктем 2025";
    const prehash = createHmac("sha384", PEPPER).update(password, "utf8").digest("base64");
    const storedBefore = bcrypt.hashSync(prehash, 4);
    await expect(hasher.verify(password, storedBefore)).resolves.toBe(true);
    expect(bcrypt.compareSync(prehash, await hasher.hash(password))).toBe(true);
  });

  onLinux("hashes on threads of lower priority and leaves the main thread's alone", async () => {
    // Cost 12 (a quarter second of CPU) sets the hashing thread apart from the rest.
    const slow = new PasswordHasher(PEPPER, 12);
    try {
      await slow.verify("warm-up", bcrypt.hashSync("x", 4)); // starts a thread
      const before = new Map(threads().map((t) => [t.tid, t.cpuTicks]));
      await slow.hash("secret");
      const [busiest] = threads()
        .map((t) => ({ ...t, used: t.cpuTicks - (before.get(t.tid) ?? 0) }))
        .sort((a, b) => b.used - a.used);
      expect(busiest.used).toBeGreaterThan(0);
      expect(busiest.tid).not.toBe(process.pid);
      expect(busiest.nice).toBe(hashingNice);
      expect(hashingNice).toBeGreaterThan(mainNice);
      expect(threads().find((t) => t.tid === process.pid)?.nice).toBe(mainNice);
      expect(getPriority()).toBe(mainNice);
    } finally {
      await slow.close();
    }
  });

  onLinux("ends its threads on close()", async () => {
    const before = nicedThreads();
    const closing = new PasswordHasher(PEPPER, 4);
    await Promise.all([closing.hash("a"), closing.hash("b")]);
    expect(nicedThreads()).toBeGreaterThan(before);
    await closing.close();
    // close() resolves once the pool has told its threads to end; on Node 24 the last one can
    // still be listed for a moment after: wait for it (bounded), then the count must be back.
    for (let waited = 0; nicedThreads() !== before && waited < 2_000; waited += 50) {
      await new Promise((resume) => setTimeout(resume, 50));
    }
    expect(nicedThreads()).toBe(before);
  });

  it("lets a process that never calls close() exit once its hashes are done", () => {
    const script = `
      const { PasswordHasher } = require(${JSON.stringify(require.resolve("./password-hasher.service"))});
      new PasswordHasher("pepper", 4).hash("secret").then((hash) => console.log(hash.slice(0, 7)));
    `;
    const tsNode = require.resolve("ts-node/register/transpile-only");
    const child = spawnSync(process.execPath, ["-r", tsNode, "-e", script], {
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(child.stderr).toBe("");
    expect(child.stdout.trim()).toBe("$2b$04$");
    expect(child.status).toBe(0);
  });
});
