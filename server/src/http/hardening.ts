import fastifyCors from "@fastify/cors";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import helmet from "helmet";
import { DeadlineScope, deadlineScope } from "../db/deadline-scope";
import { sendRefusal } from "./retry-refusal";

/** GQL-5: a request that has not been answered in 10 s gets 503 SERVICE_UNAVAILABLE. */
export const REQUEST_DEADLINE_MS = 10_000;

/**
 * CSP for the Vite-built SPA served from this origin: everything from 'self', images also as
 * data: URLs, no framing, no <base>, forms only to us. The development GraphQL explorer's page
 * adds a per-response nonce for its script and style, and data: fonts (explorer.ts).
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  manifestSrc: ["'self'"],
  workerSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
};

/** Security headers (helmet), HSTS in production only, and CORS closed unless configured. */
export async function registerHttpHardening(
  fastify: FastifyInstance,
  options: { isProduction: boolean; corsOrigins: string[] },
): Promise<void> {
  const securityHeaders = headersOf(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
      referrerPolicy: { policy: "no-referrer" },
      strictTransportSecurity: options.isProduction
        ? { maxAge: 31_536_000, includeSubDomains: true }
        : false,
      // The SPA loads nothing cross-origin; COEP would only get in the way of future images.
      crossOriginEmbedderPolicy: false,
    }),
  );
  fastify.addHook("onRequest", (_request, reply, done) => {
    for (const [name, value] of securityHeaders) reply.raw.setHeader(name, value);
    done();
  });
  // No origin listed: no CORS at all (same-origin SPA only), and no hook asked on every request.
  // Listed: those, with cookies.
  if (options.corsOrigins.length === 0) return;
  await fastify.register(fastifyCors, {
    origin: options.corsOrigins,
    credentials: true,
    methods: ["GET", "POST"],
    allowedHeaders: ["content-type", "authorization", "apollo-require-preflight"],
    maxAge: 600,
  });
}

type HelmetMiddleware = ReturnType<typeof helmet>;

/**
 * The headers helmet's middleware sets, taken once: they are the same for every response (no
 * directive is a function), and running its dozen middlewares per request cost more than the
 * rest of the hooks together (issue 21). A middleware that would do anything else fails here.
 */
function headersOf(middleware: HelmetMiddleware): Array<[string, string]> {
  const headers = new Map<string, string>();
  let called = false;
  const response = {
    setHeader: (name: string, value: string) => void headers.set(name, String(value)),
    removeHeader: (name: string) => void headers.delete(name),
  };
  middleware({} as never, response as never, (error?: unknown) => {
    if (error) throw error as Error;
    called = true;
  });
  if (!called) throw new Error("helmet's middleware did not finish synchronously");
  return [...headers];
}

/** After the deadline, how long its answer waits for the request's transactions to roll back. */
const SETTLE_MS = 2000;

/**
 * GQL-5: a request still unanswered after `ms` gets 503. Its transactions are interrupted and
 * rolled back first (db/deadline-scope.ts), so SERVICE_UNAVAILABLE means "nothing stored"; if
 * one committed, or they do not settle in time, the answer is OUTCOME_UNKNOWN (retry with the
 * same key). Issue 17 item 1.
 */
export function installRequestDeadline(fastify: FastifyInstance, ms = REQUEST_DEADLINE_MS): void {
  const timers = new WeakMap<object, NodeJS.Timeout>();
  fastify.addHook("onRequest", (request, reply, done) => {
    const scope = new DeadlineScope();
    const timer = setTimeout(() => void answerAtDeadline(request, reply, scope, ms), ms);
    timer.unref();
    timers.set(request, timer);
    deadlineScope.run(scope, done);
  });
  fastify.addHook("onResponse", (request, _reply, done) => {
    clearTimeout(timers.get(request));
    done();
  });
  // An answer on its way (its onSend hooks run before `reply.sent`): the deadline must not send
  // a second one over it, whose body would go out under the first one's Content-Encoding.
  fastify.addHook("onSend", (request, _reply, payload, done) => {
    clearTimeout(timers.get(request));
    answering.add(request);
    done(null, payload);
  });
}

const answering = new WeakSet<FastifyRequest>();

async function answerAtDeadline(
  request: FastifyRequest,
  reply: FastifyReply,
  scope: DeadlineScope,
  ms: number,
): Promise<void> {
  if (reply.sent || answering.has(request)) return;
  scope.pass();
  const settled = await scope.settle(SETTLE_MS);
  if (reply.sent || answering.has(request)) return;
  const stored = !settled || scope.committed;
  request.log.warn(
    { deadlineMs: ms, settled, committed: scope.committed },
    "request deadline passed",
  );
  // The connection ends with this answer: a body still trickling in would otherwise hold the
  // socket until Node's own timeouts, about a minute later (issue 17 item 6).
  void sendRefusal(
    reply.header("connection", "close"),
    stored ? "OUTCOME_UNKNOWN" : "SERVICE_UNAVAILABLE",
  );
}
