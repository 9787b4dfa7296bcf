import type { IncomingMessage } from "node:http";
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

/** How long a refused body over the limit is read (and dropped) so that its answer can be read. */
const DRAIN_MS = 3000;

/** Whether the rest of a request's body arrived (and was dropped) within `ms`. */
function bodyDrained(request: IncomingMessage, ms: number): Promise<boolean> {
  if (request.readableEnded || request.destroyed) return Promise.resolve(request.readableEnded);
  return new Promise((resolve) => {
    const done = (ended: boolean) => {
      clearTimeout(timer);
      request.off("end", onEnd).off("close", onClose);
      resolve(ended);
    };
    const onEnd = () => done(true);
    const onClose = () => done(request.readableEnded);
    const timer = setTimeout(() => done(false), ms);
    request.on("end", onEnd).on("close", onClose);
    request.resume();
  });
}

/** What a refusal of the HTTP layer says, by Fastify's error code or the status. */
function protocolRefusal(error: FastifyError, status: number, bodyLimit: number) {
  if (status === 413) {
    return {
      message:
        `The request body is larger than ${bodyLimit} bytes; ` +
        "send fewer items per request (see the README, API).",
      extensions: { code: "PAYLOAD_TOO_LARGE", maxBytes: bodyLimit },
    };
  }
  const message =
    status === 415
      ? "Send GraphQL as a JSON body with content-type: application/json."
      : error.code === "FST_ERR_CTP_INVALID_JSON_BODY" ||
          error.code === "FST_ERR_CTP_EMPTY_JSON_BODY"
        ? "The request body is not valid JSON."
        : "The request is malformed.";
  return { message, extensions: { code: "BAD_REQUEST" } };
}

/**
 * Refusals of the HTTP layer before GraphQL runs keep their 4xx status and get a GraphQL-shaped
 * body, `{ errors: [{ message, extensions: { code } }] }`: a body over the limit is 413
 * PAYLOAD_TOO_LARGE (with `maxBytes`); malformed JSON (400) and an unsupported content type
 * (415) are BAD_REQUEST, as Apollo's own bad requests are. Anything else is left to Fastify's
 * default handler.
 */
export function installProtocolErrors(fastify: FastifyInstance): void {
  fastify.setErrorHandler(async (error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status < 400 || status >= 500) return reply.send(error);
    // A client that writes its whole body before it reads (Python's urllib and requests, most
    // HTTP libraries) would meet a closed socket instead of this answer: the rest of the body is
    // read and dropped first, for a few seconds at most, and the connection then stays open.
    if (await bodyDrained(request.raw, DRAIN_MS)) {
      reply.removeHeader("connection");
    }
    return reply
      .code(status)
      .header("content-type", "application/json; charset=utf-8")
      .send({ errors: [protocolRefusal(error, status, fastify.initialConfig.bodyLimit ?? 0)] });
  });
}
