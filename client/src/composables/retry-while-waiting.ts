import { watch, type WatchSource } from "vue";

/** After a failed try: 5 s, 10, 20, 40, then every minute. */
export const RETRY_DELAYS_MS = [5_000, 10_000, 20_000, 40_000, 60_000];
/**
 * Each delay is lengthened by up to this share, at random: phones that a busy server turned away
 * at the same moment (SERVICE_UNAVAILABLE, Retry-After 5 s) do not all come back at once.
 */
export const RETRY_SPREAD = 0.2;

const delayOf = (attempt: number): number => {
  const base = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)];
  return base + Math.floor(Math.random() * base * RETRY_SPREAD);
};

/**
 * Sendings kept for the connection are tried again without waiting for an `online` event: a
 * phone on a weak signal, or behind a captive portal, says it is online all along, so none comes.
 * While `waiting` holds, `retry` runs after 5, 10, 20 and 40 s, then every minute (each up to a
 * fifth longer, at random), and at once
 * whenever the app is looked at again; never while the page is hidden or the phone is offline
 * (the `online` event is the callers' own). Returns what stops it (a page that unmounts).
 */
export function retryWhileWaiting(
  waiting: WatchSource<boolean>,
  retry: () => Promise<unknown>,
): () => void {
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let stillWaiting = false;

  const schedule = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!stillWaiting) return;
    timer = setTimeout(run, delayOf(attempt));
    attempt += 1;
  };
  async function run(): Promise<void> {
    if (running) return;
    running = true;
    try {
      if (stillWaiting && navigator.onLine && document.visibilityState !== "hidden") await retry();
    } catch {
      // The next try is scheduled all the same.
    } finally {
      running = false;
      schedule();
    }
  }
  const onVisible = () => {
    if (document.visibilityState !== "visible" || !stillWaiting) return;
    attempt = 0;
    void run();
  };

  const stopWatching = watch(
    waiting,
    (now) => {
      stillWaiting = now;
      attempt = 0;
      schedule();
    },
    { immediate: true },
  );
  document.addEventListener("visibilitychange", onVisible);
  return () => {
    stopWatching();
    stillWaiting = false;
    clearTimeout(timer);
    document.removeEventListener("visibilitychange", onVisible);
  };
}
