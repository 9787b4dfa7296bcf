import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { installClosingRefusal } from "./closing-refusal";
import { sendRefusal, SERVICE_RETRY_AFTER_SECONDS } from "./retry-refusal";

/**
 * FT-4 / FT-5: what listens while the database is being reached and migrated. `/healthz` says
 * alive, `/readyz` 503 "starting", GraphQL `SERVICE_UNAVAILABLE` (retryable), anything else 503.
 * main.ts closes it and opens the app on the same port once the database is ready.
 */
export function startingServer(log: Logger): FastifyInstance {
  const fastify = Fastify({ loggerInstance: log as FastifyBaseLogger, return503OnClosing: false });
  // The hand-over: requests that arrive while it closes get the GraphQL-shaped 503 too.
  installClosingRefusal(fastify);
  fastify.get("/healthz", async () => ({ status: "ok" }));
  fastify.get("/readyz", async (_request, reply) => reply.code(503).send({ status: "starting" }));
  fastify.all("/graphql", async (_request, reply) => sendRefusal(reply));
  fastify.setNotFoundHandler(async (_request, reply) =>
    reply
      .code(503)
      .header("retry-after", String(SERVICE_RETRY_AFTER_SECONDS))
      .send({ status: "starting" }),
  );
  return fastify;
}
