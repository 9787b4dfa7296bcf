import type { FastifyInstance } from "fastify";
import type { QueueGuard } from "../db/queue-budget";
import { watchEventLoopLag } from "./event-loop-lag";
import { sendRefusal } from "./retry-refusal";

/** Load shedding is for the API: health checks and the app's files are always answered. */
const SHED_PATH = "/graphql";

/**
 * Issue 17 item 5: a new GraphQL request is refused (503 + Retry-After) as it arrives, before
 * its body is parsed or any work is done, while work waits longer than the budget: for the
 * event loop (a flood the process cannot keep up with) or for a database connection
 * (db/queue-budget.ts). A flood is told "later" quickly instead of queueing into the deadline
 * and starving the requests already admitted.
 */
export function installQueueShedding(
  fastify: FastifyInstance,
  budgetMs: number,
  guard: QueueGuard | undefined,
): void {
  const lag = watchEventLoopLag();
  fastify.addHook("onClose", async () => lag.stop());
  fastify.addHook("onRequest", (request, reply, done) => {
    if (request.url.split("?")[0] !== SHED_PATH) return done();
    const lagMs = lag.currentMs();
    if (lagMs <= budgetMs && !guard?.refusesNewRequests()) return done();
    request.log.debug(
      { eventLoopLagMs: Math.round(lagMs), connectionWaitMs: guard?.oldestWaitMs() },
      "request shed",
    );
    void sendRefusal(reply);
  });
}
