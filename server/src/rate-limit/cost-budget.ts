import type { Logger } from "pino";
import type { WindowCharge } from "../db/limiter-table";
import type { Budget } from "./budgets";
import type { LimiterStore } from "./limiter-store";

/** How often a replica writes what it charged and reads the shared totals back. */
export const COST_FLUSH_MS = 200;

interface Window {
  /** The shared total as last read (every replica's charges). */
  known: number;
  /** Charged here since, on its way to the table. */
  sending: number;
  /** Charged here since, not yet sent. */
  pending: number;
  /** When the window ends (epoch ms). */
  end: number;
}

/**
 * RL-7's per-minute cost budget, shared by every replica through the limiter table without a
 * statement per request (one a request cost the reads 15 % of their rate): a replica decides from
 * the total it last read plus what it has charged since, and every COST_FLUSH_MS writes all it
 * charged in one upsert and reads the totals back. A caller who has a fifth of the budget unsent
 * here waits for a flush first, so with N replicas the budget holds to within N × (a fifth + one
 * request). While the table cannot be reached, each replica keeps counting on its own.
 */
export class CostBudget {
  private readonly windows = new Map<string, Window>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  /** The latest time a charge was made at: the flushes' "now", on the charges' clock. */
  private latest = 0;

  constructor(
    private readonly store: LimiterStore,
    private readonly budget: Budget,
    private readonly log: Logger,
    private readonly flushMs = COST_FLUSH_MS,
  ) {}

  /** Charges `cost` to `key`'s window: null if it fits, else the milliseconds until it ends. */
  async charge(key: string, cost: number, now: number): Promise<number | null> {
    this.latest = Math.max(this.latest, now);
    if (this.windowOf(key, now).pending + cost > this.budget.points / 5) await this.flush(now);
    const window = this.windowOf(key, now);
    // Refused or not, the next flush tells this replica what the others charged meanwhile.
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.flushMs).unref();
    // Counted even when refused (as the other limiters count): an operation over the budget
    // spends it.
    window.pending += cost;
    if (window.known + window.sending + window.pending > this.budget.points) {
      return Math.max(1000, window.end - now);
    }
    return null;
  }

  private windowOf(key: string, now: number): Window {
    let window = this.windows.get(key);
    if (!window || window.end <= now) {
      window = { known: 0, sending: 0, pending: 0, end: now + this.durationMs() };
      this.windows.set(key, window);
    }
    return window;
  }

  /** Sends what was charged here and reads the shared totals back (one flush at a time). */
  flush(now = this.latest): Promise<void> {
    this.flushing ??= this.send(now).finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** Stops the timer and sends what is left (at shutdown). */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }

  private async send(now: number): Promise<void> {
    const charges: WindowCharge[] = [];
    for (const [key, window] of this.windows) {
      if (window.end <= now && window.pending === 0) {
        this.windows.delete(key);
      } else if (window.pending > 0 || window.known >= this.budget.points / 2) {
        // A caller past half its budget is read back even with nothing new from here.
        charges.push({ key, cost: window.pending, end: window.end });
        window.sending = window.pending;
        window.pending = 0;
      }
    }
    if (charges.length === 0) return;
    try {
      const totals = await this.store.run(() => this.store.addToWindows(charges, now));
      for (const { key } of charges) {
        const window = this.windows.get(key);
        const total = totals.get(key);
        if (window && total) Object.assign(window, { known: total.points, end: total.expire });
      }
    } catch (err) {
      this.log.warn(
        { err: (err as Error)?.message },
        "limiter store failed; cost budget kept here",
      );
      for (const { key } of charges) {
        const window = this.windows.get(key);
        if (window) window.pending += window.sending;
      }
    } finally {
      for (const { key } of charges) {
        const window = this.windows.get(key);
        if (window) window.sending = 0;
      }
    }
  }

  private durationMs(): number {
    return this.budget.durationSeconds * 1000;
  }
}
