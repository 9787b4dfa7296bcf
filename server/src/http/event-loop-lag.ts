import { performance } from "node:perf_hooks";

const SAMPLE_MS = 20;

export interface EventLoopLag {
  /** How late the event loop runs now (ms): the last sample's lag, or how overdue the next is. */
  currentMs(): number;
  stop(): void;
}

/**
 * How long work waits for the event loop. A single slow request waiting on the database does
 * not raise it; a flood that the process cannot parse and answer as fast as it arrives does.
 */
export function watchEventLoopLag(now: () => number = () => performance.now()): EventLoopLag {
  let due = now() + SAMPLE_MS;
  let lastLagMs = 0;
  const timer = setInterval(() => {
    const at = now();
    lastLagMs = Math.max(0, at - due);
    due = at + SAMPLE_MS;
  }, SAMPLE_MS);
  timer.unref();
  return {
    currentMs: () => Math.max(lastLagMs, now() - due),
    stop: () => clearInterval(timer),
  };
}
