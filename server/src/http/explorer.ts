import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { join, resolve } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { contentSecurityPolicy } from "helmet";
import { CONTENT_SECURITY_POLICY } from "./hardening";

/** Where Vite's `html.cspNonce` put the nonce in the built page (client/explorer/vite.config.ts). */
const NONCE_PLACEHOLDER = /CSP_NONCE/g;
export const EXPLORER_ASSETS_PREFIX = "/graphql/explorer/assets/";

/** The built explorer (client/explorer/dist), from the sources or from the compiled server. */
export function findExplorerDist(): string | null {
  const candidates = [
    resolve(__dirname, "../../../client/explorer/dist"), // server/src/http
    resolve(__dirname, "../../../../client/explorer/dist"), // dist/server/src/http
    resolve(process.cwd(), "client/explorer/dist"),
  ];
  return candidates.find((dir) => existsSync(join(dir, "index.html"))) ?? null;
}

/** A browser opening the endpoint: a GET that prefers HTML and carries no operation. */
export function wantsExplorer(request: FastifyRequest): boolean {
  if (request.method !== "GET") return false;
  const query = request.query as Record<string, unknown> | undefined;
  if (query?.query !== undefined || query?.extensions !== undefined) return false;
  return /\btext\/html\b/.test(request.headers.accept ?? "");
}

const nonces = new WeakMap<ServerResponse, string>();
const nonceOf = (_req: unknown, res: ServerResponse) => `'nonce-${nonces.get(res) ?? ""}'`;

/**
 * The service's CSP (hardening.ts) with the response's nonce for scripts and styles, and data:
 * fonts (GraphiQL's stylesheet carries its fonts inline). Nothing else is loosened.
 */
const explorerPolicy = contentSecurityPolicy({
  useDefaults: false,
  directives: {
    ...CONTENT_SECURITY_POLICY,
    scriptSrc: ["'self'", nonceOf],
    styleSrc: ["'self'", nonceOf],
    fontSrc: ["'self'", "data:"],
  },
});

/**
 * The GraphQL explorer (GraphiQL, issue 19 item 3) at `GET /graphql` for a browser, when
 * GRAPHQL_EXPLORER is on (development's default). Its assets come from the project's own build
 * (`npm run build:explorer`), at /graphql/explorer/assets/, and the page runs under the
 * service's CSP with a fresh nonce per response. Returns the route's preHandler.
 */
export async function registerExplorer(
  fastify: FastifyInstance,
  root: string | null = findExplorerDist(),
): Promise<(request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | void>> {
  if (!root) {
    const hint = "The GraphQL explorer is not built: run `npm run build:explorer`.";
    return async (request, reply) => {
      if (wantsExplorer(request)) return reply.code(503).type("text/plain").send(hint);
    };
  }
  await fastify.register(fastifyStatic, {
    root: join(root, "assets"),
    prefix: EXPLORER_ASSETS_PREFIX,
    decorateReply: false,
    index: false,
    cacheControl: false,
    setHeaders: (res) => res.setHeader("cache-control", "public, max-age=31536000, immutable"),
  });
  const page = readFileSync(join(root, "index.html"), "utf8");
  return async (request, reply) => {
    if (!wantsExplorer(request)) return;
    const nonce = randomBytes(16).toString("base64");
    nonces.set(reply.raw, nonce);
    explorerPolicy(request.raw, reply.raw, () => undefined);
    return reply
      .header("cache-control", "no-store")
      .header("vary", "accept")
      .type("text/html; charset=utf-8")
      .send(page.replace(NONCE_PLACEHOLDER, nonce));
  };
}
