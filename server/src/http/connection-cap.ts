import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";

/** Drops are logged at most this often, with their count: a flood must not flood the log. */
const DROP_LOG_INTERVAL_MS = 10_000;

/**
 * Issue 17 item 6: one process holds at most `max` connections (idle keep-alive ones included);
 * Node closes any connection beyond that as soon as it is accepted, before a byte is read, so
 * a flood of slow or idle clients cannot exhaust the process's file descriptors. A load balancer
 * sees the reset and tries another replica.
 */
export function capConnections(fastify: FastifyInstance, max: number, log: Logger): void {
  fastify.server.maxConnections = max;
  let dropped = 0;
  let timer: NodeJS.Timeout | undefined;
  fastify.server.on("drop", () => {
    dropped++;
    timer ??= setTimeout(() => {
      log.warn({ dropped, maxConnections: max }, "connections over the cap were closed");
      dropped = 0;
      timer = undefined;
    }, DROP_LOG_INTERVAL_MS);
    timer.unref();
  });
}
