import { setTimeout as sleep } from "node:timers/promises";
import { concurrencyLimit } from "./password-hasher";

describe("concurrencyLimit", () => {
  it("runs at most `limit` at once, the rest in arrival order, and passes results and errors", async () => {
    const limit = concurrencyLimit(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const job = (n: number) =>
      limit(async () => {
        started.push(n);
        running++;
        most = Math.max(most, running);
        await sleep(5);
        running--;
        if (n === 3) throw new Error("three");
        return n * 10;
      });
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map(job));
    expect(most).toBe(2);
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : "error"))).toEqual([
      10,
      20,
      "error",
      40,
      50,
    ]);
  });
});
