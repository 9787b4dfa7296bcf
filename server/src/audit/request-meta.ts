/**
 * Who sent a request, as the audit log records it. Built from the HTTP request by the GraphQL
 * context, so services stay free of Fastify types.
 */
export interface RequestMeta {
  /** The client address (Fastify's `request.ip`, which honours TRUST_PROXY only). */
  ip: string | null;
  userAgent: string | null;
  /** Fastify's request id, also in the request's log lines. */
  requestId: string | null;
}

/** For work that no request started (scripts, the mail dispatcher). */
export const NO_REQUEST: RequestMeta = Object.freeze({
  ip: null,
  userAgent: null,
  requestId: null,
});
