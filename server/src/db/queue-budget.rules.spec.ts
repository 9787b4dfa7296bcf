import { refusedByQueueTime } from "./queue-budget.rules";

// Issue 17 item 5, with a budget of 1 s.
describe("refusedByQueueTime", () => {
  it.each([
    ["no one waits", 0, "new request", false],
    ["the oldest waited 0.9 s", 900, "new request", false],
    ["the oldest waited exactly the budget", 1000, "new request", false],
    ["the oldest waited 1.2 s", 1200, "new request", true],
    ["the oldest waited 1.2 s, for one already admitted", 1200, "admitted request", false],
    ["the oldest waited 2.1 s, for one already admitted", 2100, "admitted request", true],
  ] as const)("%s: %s → refused %s", (_name, oldestWaitMs, asker, refused) => {
    expect(refusedByQueueTime(oldestWaitMs, 1000, asker)).toBe(refused);
  });
});
