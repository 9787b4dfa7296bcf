import fastifyCors from "@fastify/cors";
import fastifyHelmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";
import { sendRefusal } from "./retry-refusal";

/** GQL-5: a request that has not been answered in 10 s gets 503 SERVICE_UNAVAILABLE. */
export const REQUEST_DEADLINE_MS = 10_000;

/**
 * CSP for the Vite-built SPA served from this origin: everything from 'self', images also as
 * data: URLs, no framing, no <base>, forms only to us.
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
  await fastify.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: "no-referrer" },
    hsts: options.isProduction ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // The SPA loads nothing cross-origin; COEP would only get in the way of future images.
    crossOriginEmbedderPolicy: false,
  });
  // No origin listed: no CORS headers at all (same-origin SPA only). Listed: those, with cookies.
  await fastify.register(fastifyCors, {
    origin: options.corsOrigins.length > 0 ? options.corsOrigins : false,
    credentials: true,
    methods: ["GET", "POST"],
    allowedHeaders: ["content-type", "authorization", "apollo-require-preflight"],
    maxAge: 600,
  });
}

/** Answers 503 SERVICE_UNAVAILABLE to a request still unanswered after `ms` (GQL-5). */
export function installRequestDeadline(fastify: FastifyInstance, ms = REQUEST_DEADLINE_MS): void {
  const timers = new WeakMap<object, NodeJS.Timeout>();
  fastify.addHook("onRequest", (request, reply, done) => {
    const timer = setTimeout(() => {
      if (reply.sent) return;
      request.log.warn({ deadlineMs: ms }, "request deadline passed");
      void sendRefusal(reply);
    }, ms);
    timer.unref();
    timers.set(request, timer);
    done();
  });
  fastify.addHook("onResponse", (request, _reply, done) => {
    clearTimeout(timers.get(request));
    done();
  });
}
