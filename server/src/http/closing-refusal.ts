import type { FastifyError, FastifyInstance } from "fastify";
import { sendRefusal } from "./retry-refusal";

/**
 * Fastify's own answer to a request that arrives while it closes is a plain
 * `{"error":"Service Unavailable"}` (`return503OnClosing`). Create the instance with
 * `return503OnClosing: false` and install this instead: the same 503, GraphQL-shaped, with
 * `Retry-After` and `Connection: close` (issue 17 item 3).
 */
export function installClosingRefusal(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook("preClose", (done) => {
    closing = true;
    done();
  });
  fastify.addHook("onRequest", (_request, reply, done) => {
    if (!closing) return done();
    void sendRefusal(reply.header("connection", "close"));
  });
}

/**
 * Refusals of the HTTP layer before GraphQL runs (a body over the limit, malformed JSON, an
 * unsupported content type) keep their 4xx status and get a GraphQL-shaped body with
 * `extensions.code` BAD_REQUEST, as Apollo's own bad requests have. Anything else is left to
 * Fastify's default handler.
 */
export function installProtocolErrors(fastify: FastifyInstance): void {
  fastify.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status < 400 || status >= 500) return reply.send(error);
    return reply
      .code(status)
      .header("content-type", "application/json; charset=utf-8")
      .send({
        errors: [
          {
            message:
              status === 413 ? "The request body is too large." : "The request is malformed.",
            extensions: { code: "BAD_REQUEST" },
          },
        ],
      });
  });
}
