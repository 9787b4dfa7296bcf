import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";

/** Paths the API owns: never answered with the app's index.html. */
const API_PATHS = /^\/(graphql|healthz|readyz)(\/|$|\?)/;
/** A request for a file (has an extension): a missing one is a 404, not the app. */
const FILE_PATH = /\/[^/]+\.[A-Za-z0-9]+$/;
/** Files that must be revalidated on every load so a new release reaches users. */
const NO_CACHE_FILES = /(^|\/)(index\.html|sw\.js|registerSW\.js|manifest\.webmanifest)$/;

/** The built subscriber app: `client/dist` from the sources or from the compiled server. */
export function findClientDist(): string | null {
  const candidates = [
    resolve(__dirname, "../../../client/dist"), // server/src/http
    resolve(__dirname, "../../../../client/dist"), // dist/server/src/http
    resolve(process.cwd(), "client/dist"),
  ];
  return candidates.find((dir) => existsSync(join(dir, "index.html"))) ?? null;
}

/**
 * Serves the single-page app at `/`: hashed assets cached for a year, the shell, service worker
 * and manifest always revalidated, and index.html for any other GET that is not the API's.
 */
export async function staticClient(fastify: FastifyInstance): Promise<void> {
  const root = findClientDist();
  if (!root) {
    const hint =
      "The subscriber app is not built: run `npm run build:client` (or `npm run build`).";
    fastify.log.warn(hint);
    fastify.get("/", async (_request, reply) => reply.code(503).type("text/plain").send(hint));
    return;
  }

  await fastify.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: (res, path) => {
      const immutable = /[\\/]assets[\\/]/.test(path) || /workbox-[0-9a-f]+\.js$/.test(path);
      res.setHeader(
        "cache-control",
        NO_CACHE_FILES.test(path.replace(/\\/g, "/"))
          ? "no-cache"
          : immutable
            ? "public, max-age=31536000, immutable"
            : "public, max-age=3600",
      );
    },
  });

  const sendShell = (reply: FastifyReply) =>
    reply.header("cache-control", "no-cache").sendFile("index.html");

  fastify.get("/", async (_request, reply) => sendShell(reply));
  fastify.get("/*", async (request, reply) => {
    const path = request.url.split("?")[0];
    if (API_PATHS.test(path) || FILE_PATH.test(path)) {
      return reply.code(404).send({ error: "Not Found" });
    }
    return sendShell(reply);
  });
}
