/**
 * Issue 17 item 5: shed by how long requests wait for a database connection, not by how many
 * wait. Measured, not estimated: an estimate from hold times counts the event loop's lag once
 * per connection and refused a third of 400 reads that all fit in 1.5 s.
 */

/** Where a request stands when it asks. */
export type Asker = "new request" | "admitted request";

/**
 * A new request is refused while the one waiting longest for a connection has waited longer
 * than the budget: the queue is not draining in time. A request already admitted gets twice
 * the budget for each of its later statements, so the work begun is finished rather than
 * thrown away (refusing it then would only trade an answer for a refusal).
 */
export function refusedByQueueTime(oldestWaitMs: number, budgetMs: number, asker: Asker): boolean {
  return oldestWaitMs > (asker === "new request" ? budgetMs : 2 * budgetMs);
}
