import { AsyncLocalStorage } from "node:async_hooks";

/**
 * A request's deadline as its transactions see it (issue 17 item 1): an answer that invites a
 * retry must mean "not stored". When the deadline passes, the request's open transactions are
 * interrupted and rolled back, none starts or commits afterwards, and the deadline's answer waits
 * for them to settle; it then knows whether anything of the request was committed.
 */
export class DeadlineScope {
  private readonly controller = new AbortController();
  private readonly open = new Set<Promise<unknown>>();
  /** A transaction of this request has committed (before or after the deadline). */
  committed = false;

  get passed(): boolean {
    return this.controller.signal.aborted;
  }

  pass(): void {
    this.controller.abort();
  }

  /** Calls `listener` when the deadline passes (at once if it has); answers the unsubscriber. */
  onPass(listener: () => void): () => void {
    if (this.passed) {
      listener();
      return () => undefined;
    }
    const signal = this.controller.signal;
    signal.addEventListener("abort", listener, { once: true });
    return () => signal.removeEventListener("abort", listener);
  }

  /** Follows a transaction of this request until it commits or rolls back. */
  track<T>(transaction: Promise<T>): Promise<T> {
    const followed = transaction.then(
      (result) => {
        this.committed = true;
        return result;
      },
      (error: unknown) => {
        throw error;
      },
    );
    const settled = followed.catch(() => undefined);
    this.open.add(settled);
    void settled.finally(() => this.open.delete(settled));
    return followed;
  }

  /** Waits for the open transactions, at most `ms`; answers whether all of them settled. */
  async settle(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((done) => (timer = setTimeout(() => done(false), ms)));
    try {
      for (;;) {
        if (this.open.size === 0) return true;
        const all = Promise.all([...this.open]).then(() => true as const);
        if (!(await Promise.race([all, timeout]))) return false;
      }
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The scope of the request being served (set by the deadline's onRequest hook). */
export const deadlineScope = new AsyncLocalStorage<DeadlineScope>();

/** Work refused or interrupted because the request's deadline passed: nothing of it is stored. */
export class DeadlinePassedError extends Error {
  constructor() {
    super("the request's deadline passed; the transaction was rolled back");
    this.name = "DeadlinePassedError";
  }
}
