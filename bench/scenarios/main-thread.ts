/**
 * How much of the page's main-thread task time after first paint was spent on the CPU, from a
 * Lighthouse trace. Lighthouse's simulated throttling multiplies each task's wall time by 4; a
 * task that waited for a core (this machine has two, shared with Chromium's other processes and
 * the server) counts its waiting as work. A low share says the host was busy, not the page.
 */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { data?: { documentLoaderURL?: string } };
}

const TOP_LEVEL_TASKS = new Set(["RunTask", "ThreadControllerImpl::RunTask"]);
/** Lighthouse's window for total blocking time ends at interactive; 5 s covers both screens. */
const WINDOW_US = 5_000_000;

/** CPU time ÷ wall time of the main thread's tasks in the 5 s after first paint; NaN if unknown. */
export function mainThreadCpuShare(events: TraceEvent[]): number {
  const navigation = events.find(
    (event) =>
      event.name === "navigationStart" &&
      (event.args?.data?.documentLoaderURL ?? "").startsWith("http"),
  );
  if (!navigation) return Number.NaN;
  const onMainThread = (event: TraceEvent) =>
    event.pid === navigation.pid && event.tid === navigation.tid;
  const paint = events.find(
    (event) =>
      event.name === "firstContentfulPaint" &&
      event.pid === navigation.pid &&
      event.ts >= navigation.ts,
  );
  if (!paint) return Number.NaN;
  let wall = 0;
  let cpu = 0;
  for (const event of events) {
    if (event.ph !== "X" || !TOP_LEVEL_TASKS.has(event.name) || !onMainThread(event)) continue;
    if (event.ts < paint.ts || event.ts > paint.ts + WINDOW_US) continue;
    wall += event.dur ?? 0;
    cpu += event.tdur ?? 0;
  }
  return wall > 0 ? cpu / wall : Number.NaN;
}

/** The share as a whole percentage, or "?" when the trace did not give one. */
export const formatCpuShare = (share: number): string =>
  Number.isFinite(share) ? `${Math.round(share * 100)}%` : "?";
