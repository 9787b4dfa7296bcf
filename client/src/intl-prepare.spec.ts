import { intlWorkerDone, prepareIntl } from "./intl-prepare";

/** jsdom has no Worker: a stand-in that records what it is sent and answers when told to. */
class StandInWorker extends EventTarget {
  posted: unknown[] = [];
  terminated = false;
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  answer() {
    this.dispatchEvent(new Event("message"));
  }
}

const settled = async (promise: Promise<void>) => {
  let done = false;
  void promise.then(() => (done = true));
  await Promise.resolve();
  await Promise.resolve();
  return done;
};

describe("prepareIntl with a worker", () => {
  afterEach(() => jest.useRealTimers());

  it("sends the language's tags, and the first screen waits until the worker answers", async () => {
    const worker = new StandInWorker();
    prepareIntl("kk", () => worker as unknown as Worker);
    expect(worker.posted).toEqual([{ words: "kk-KZ", number: "kk-KZ" }]);
    expect(await settled(intlWorkerDone())).toBe(false);
    worker.answer();
    expect(await settled(intlWorkerDone())).toBe(true);
    expect(worker.terminated).toBe(true);
  });

  it("does not wait for a worker that cannot start", async () => {
    prepareIntl("ru", () => {
      throw new DOMException("refused", "SecurityError");
    });
    expect(await settled(intlWorkerDone())).toBe(true);
  });

  it("stops waiting for a worker that fails or never answers", async () => {
    const failing = new StandInWorker();
    prepareIntl("ru", () => failing as unknown as Worker);
    failing.dispatchEvent(new Event("error"));
    expect(await settled(intlWorkerDone())).toBe(true);
    expect(failing.terminated).toBe(true);

    jest.useFakeTimers();
    const silent = new StandInWorker();
    prepareIntl("ru", () => silent as unknown as Worker);
    expect(await settled(intlWorkerDone())).toBe(false);
    jest.advanceTimersByTime(2_000);
    expect(await settled(intlWorkerDone())).toBe(true);
    expect(silent.terminated).toBe(true);
  });
});
