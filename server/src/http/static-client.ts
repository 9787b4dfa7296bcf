import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import fastifyStatic from "@fastify/static";
import { SESSION_COOKIE_NAME } from "../auth/session-cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** Paths the API owns: never answered with the app's index.html. */
const API_PATHS = /^\/(graphql|healthz|readyz)(\/|$|\?)/;
/** A request for a file (has an extension): a missing one is a 404, not the app. */
const FILE_PATH = /\/[^/]+\.[A-Za-z0-9]+$/;
/** Files that must be revalidated on every load so a new release reaches users. */
const NO_CACHE_FILES =
  /(^|\/)(index\.html|sw\.js|push-sw\.js|registerSW\.js|manifest\.webmanifest)(\.br|\.gz)?$/;
/**
 * Text files the build also wrote as `.br` and `.gz` (client/scripts/precompress.mjs): which copy
 * is sent depends on Accept-Encoding, so caches must keep them apart.
 */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt|xml)(\.br|\.gz)?$/;

/** The built subscriber app: `client/dist` from the sources or from the compiled server. */
export function findClientDist(): string | null {
  const candidates = [
    resolve(__dirname, "../../../client/dist"), // server/src/http
    resolve(__dirname, "../../../../client/dist"), // dist/server/src/http
    resolve(process.cwd(), "client/dist"),
  ];
  return candidates.find((dir) => existsSync(join(dir, "index.html"))) ?? null;
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

/**
 * The shell's `Link` headers: for a visitor, for a subscriber who holds a session, and for a
 * reminder's one-tap link (`/submit`, no session).
 */
export interface ShellPreloads {
  visitor: string;
  subscriber: string;
  submitLink: string;
}

/**
 * The lazily loaded data layer (Apollo Client, client/src/apollo/load.ts), by the name of the
 * manual chunk the build puts it in (client/vite.config.ts).
 */
const DATA_LAYER_CHUNK = /(^|\/)data-layer-[\w-]+\.js$/;
/** The one-tap link's page (client/src/router.ts), by its source in the Vite manifest. */
const SUBMIT_LINK_PAGE = "src/pages/SubmitPage.vue";
/** The one-tap link's path: the page asks for the link's meter as soon as its code has run. */
const SUBMIT_LINK_PATH = "/submit";

/**
 * The app's entry script (and what it imports) and stylesheet, from the build's Vite manifest,
 * as a `Link` header for the shell: the browser starts fetching them with the HTML's headers
 * instead of once it has parsed the HTML. A subscriber's screens wait for the data layer (Apollo
 * Client, a chunk the login screen does without), so a request that carries the session cookie
 * gets it named too and it downloads beside the entry; a reminder's link (`/submit`) gets its
 * page's code named. Null without a manifest (an older build).
 */
export function shellPreloadLinks(root: string): ShellPreloads | null {
  let manifest: Record<string, ManifestChunk>;
  try {
    manifest = JSON.parse(readFileSync(join(root, ".vite", "manifest.json"), "utf8"));
  } catch {
    return null;
  }
  const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
  if (!entryKey) return null;
  const entry = manifest[entryKey];
  const importsOf = (chunk: ManifestChunk) =>
    (chunk.imports ?? [])
      .filter((key) => key !== entryKey)
      .map((key) => manifest[key]?.file)
      .filter((file): file is string => !!file);
  const scripts = [entry.file, ...importsOf(entry)];
  /** The entry's scripts, then a lazy chunk and what it imports. */
  const withChunk = (chunk: ManifestChunk | undefined) =>
    chunk ? [...new Set([...scripts, chunk.file, ...importsOf(chunk)])] : scripts;
  // `crossorigin` as on Vite's own tags, so the preloads are the requests the page makes.
  const header = (files: string[]) =>
    [
      ...files.map((file) => `</${file}>; rel=modulepreload; crossorigin`),
      ...(entry.css ?? []).map((file) => `</${file}>; rel=preload; as=style; crossorigin`),
    ].join(", ");
  const dataLayer = Object.values(manifest).find((chunk) => DATA_LAYER_CHUNK.test(chunk.file));
  return {
    visitor: header(scripts),
    subscriber: header(withChunk(dataLayer)),
    // The link's page and what it imports (the links its question goes through): asked for
    // only once the entry had run, they were a round trip before the question could leave.
    submitLink: header(withChunk(manifest[SUBMIT_LINK_PAGE])),
  };
}

/** The session cookie, by either of its names. */
const SESSION_COOKIE = new RegExp(`(?:^|;\\s*)(?:__Host-)?${SESSION_COOKIE_NAME}=`);

/** Which of the shell's `Link` headers a request for `path` gets. */
export function shellLinkFor(preloads: ShellPreloads, path: string, cookie = ""): string {
  if (path === SUBMIT_LINK_PATH) return preloads.submitLink;
  return SESSION_COOKIE.test(cookie) ? preloads.subscriber : preloads.visitor;
}

/**
 * Serves the single-page app at `/`: hashed assets cached for a year, the shell, service worker
 * and manifest always revalidated, and index.html for any other GET that is not the API's.
 * Text files go out Brotli- or gzip-compressed from the copies the build wrote beside them, and
 * the shell names the entry script and stylesheet in a `Link` header so they load right away
 * (with a session, the data layer too; on a reminder's link, that page's code).
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
    // The build's Brotli/gzip copies, sent as they are when the browser accepts them.
    preCompressed: true,
    setHeaders: (res, path) => {
      const immutable =
        /[\\/]assets[\\/]/.test(path) || /workbox-[0-9a-f]+\.js(\.br|\.gz)?$/.test(path);
      res.setHeader(
        "cache-control",
        NO_CACHE_FILES.test(path.replace(/\\/g, "/"))
          ? "no-cache"
          : immutable
            ? "public, max-age=31536000, immutable"
            : "public, max-age=3600",
      );
      if (COMPRESSIBLE.test(path)) res.setHeader("vary", "accept-encoding");
    },
  });

  const preloads = shellPreloadLinks(root);
  const sendShell = (request: FastifyRequest, reply: FastifyReply) => {
    if (preloads) {
      const path = request.url.split("?")[0];
      reply.header("link", shellLinkFor(preloads, path, request.headers.cookie));
      // The header differs by cookie: a shared cache must keep the two apart.
      reply.header("vary", "accept-encoding, cookie");
    }
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  };

  fastify.get("/", async (request, reply) => sendShell(request, reply));
  fastify.get("/*", async (request, reply) => {
    const path = request.url.split("?")[0];
    if (API_PATHS.test(path) || FILE_PATH.test(path)) {
      return reply.code(404).send({ error: "Not Found" });
    }
    return sendShell(request, reply);
  });
}
