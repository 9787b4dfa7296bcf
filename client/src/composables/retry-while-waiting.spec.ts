import { nextTick, ref } from "vue";
import { retryWhileWaiting } from "./retry-while-waiting";

let visibility: DocumentVisibilityState = "visible";
let online = true;
Object.defineProperty(document, "visibilityState", { get: () => visibility });
Object.defineProperty(navigator, "onLine", { get: () => online });

/** Runs the timers up to `ms` from now, and the promises they start. */
async function after(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
}

let random = 0;
jest.spyOn(Math, "random").mockImplementation(() => random);

beforeEach(() => {
  jest.useFakeTimers();
  visibility = "visible";
  online = true;
  random = 0; // the shortest delays; the spread has its own test
});
afterEach(() => jest.useRealTimers());

describe("retryWhileWaiting", () => {
  it("tries again after 5, 10, 20 and 40 s, then every minute, while something waits", async () => {
    const waiting = ref(true);
    const retry = jest.fn().mockResolvedValue(undefined);
    const stop = retryWhileWaiting(waiting, retry);
    await after(4_999);
    expect(retry).toHaveBeenCalledTimes(0);
    await after(1);
    expect(retry).toHaveBeenCalledTimes(1);
    await after(10_000);
    expect(retry).toHaveBeenCalledTimes(2);
    await after(20_000 + 40_000);
    expect(retry).toHaveBeenCalledTimes(4);
    await after(60_000 * 2);
    expect(retry).toHaveBeenCalledTimes(6);
    stop();
  });

  it("spreads the tries: each delay up to a fifth longer, never shorter (Retry-After holds)", async () => {
    random = 0.999;
    const waiting = ref(true);
    const retry = jest.fn().mockResolvedValue(undefined);
    const stop = retryWhileWaiting(waiting, retry);
    await after(5_990);
    expect(retry).toHaveBeenCalledTimes(0);
    await after(10);
    expect(retry).toHaveBeenCalledTimes(1);
    await after(11_980);
    expect(retry).toHaveBeenCalledTimes(1);
    await after(20);
    expect(retry).toHaveBeenCalledTimes(2);
    stop();
  });

  it("stops once nothing waits, and starts over from 5 s when something waits again", async () => {
    const waiting = ref(true);
    const retry = jest.fn(async () => {
      waiting.value = false;
    });
    const stop = retryWhileWaiting(waiting, retry);
    await after(5_000);
    expect(retry).toHaveBeenCalledTimes(1);
    await after(600_000);
    expect(retry).toHaveBeenCalledTimes(1);
    waiting.value = true;
    await nextTick();
    await after(5_000);
    expect(retry).toHaveBeenCalledTimes(2);
    stop();
  });

  it("a failed try is followed by the next; none while the phone is offline or the page hidden", async () => {
    const waiting = ref(true);
    const retry = jest.fn().mockRejectedValue(new Error("NETWORK"));
    const stop = retryWhileWaiting(waiting, retry);
    await after(5_000);
    expect(retry).toHaveBeenCalledTimes(1);
    online = false;
    await after(10_000);
    expect(retry).toHaveBeenCalledTimes(1);
    online = true;
    visibility = "hidden";
    await after(20_000);
    expect(retry).toHaveBeenCalledTimes(1);
    stop();
  });

  it("tries at once when the app is looked at again", async () => {
    const waiting = ref(true);
    const retry = jest.fn().mockResolvedValue(undefined);
    const stop = retryWhileWaiting(waiting, retry);
    visibility = "hidden";
    document.dispatchEvent(new Event("visibilitychange"));
    visibility = "visible";
    document.dispatchEvent(new Event("visibilitychange"));
    await after(0);
    expect(retry).toHaveBeenCalledTimes(1);
    stop();
    document.dispatchEvent(new Event("visibilitychange"));
    await after(600_000);
    expect(retry).toHaveBeenCalledTimes(1);
  });
});
