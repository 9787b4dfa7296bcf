import { fileURLToPath, URL } from "node:url";
import { defineConfig } from "vite";

/**
 * The GraphQL explorer (GraphiQL), built on its own into client/explorer/dist: the subscriber
 * app's build, bundle budget and service worker do not see it. Served at GET /graphql by
 * server/src/http/explorer.ts, which puts a fresh nonce where CSP_NONCE stands.
 */
export const CSP_NONCE_PLACEHOLDER = "CSP_NONCE";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/graphql/explorer/",
  html: { cspNonce: CSP_NONCE_PLACEHOLDER },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 4096,
  },
});
