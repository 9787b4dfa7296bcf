import type { FastifyRequest } from "fastify";
import type { RequestMeta } from "../audit/request-meta";

/**
 * The services' view of a request. `request.ip` is the socket address unless TRUST_PROXY names
 * the proxy that connected: a client's own X-Forwarded-For never changes it (RL-4).
 */
export function requestMetaOf(request: FastifyRequest): RequestMeta {
  const userAgent = request.headers["user-agent"];
  return {
    ip: request.ip || null,
    userAgent: typeof userAgent === "string" ? userAgent : null,
    requestId: request.id,
  };
}
