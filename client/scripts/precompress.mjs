/* global console, process */
// Writes a Brotli (.br) and a gzip (.gz) copy beside every text file of the built app, so the
// server sends them as they are (@fastify/static `preCompressed`) instead of compressing on
// every request or not at all. Run by the Vite build (vite.config.ts) after the service worker
// is generated; also runnable on its own: node client/scripts/precompress.mjs [dist]
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** Text formats worth compressing (images and fonts are compressed already). */
export const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt|xml)$/;
/** Below this, the headers cost more than compression saves. */
const MIN_BYTES = 1024;

/**
 * @param {string} dist the built app
 * @returns {{ files: number; bytes: number; brotliBytes: number; gzipBytes: number }}
 */
export function precompress(dist) {
  const totals = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== ".vite") walk(path);
        continue;
      }
      if (!COMPRESSIBLE.test(entry.name)) continue;
      const source = readFileSync(path);
      // A copy from an earlier build of a file that changed must not outlive it.
      for (const suffix of [".br", ".gz"]) rmSync(path + suffix, { force: true });
      if (source.length < MIN_BYTES) continue;
      const brotli = brotliCompressSync(source, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        },
      });
      const gzip = gzipSync(source, { level: 9 });
      // Only a copy that is actually smaller is worth sending.
      if (brotli.length < source.length) writeFileSync(path + ".br", brotli);
      if (gzip.length < source.length) writeFileSync(path + ".gz", gzip);
      totals.files += 1;
      totals.bytes += source.length;
      totals.brotliBytes += Math.min(brotli.length, source.length);
      totals.gzipBytes += Math.min(gzip.length, source.length);
    }
  };
  if (!statSync(dist).isDirectory()) throw new Error(`${dist} is not a folder`);
  walk(dist);
  return totals;
}

/** @param {ReturnType<typeof precompress>} totals */
export const describe = (totals) =>
  `precompressed ${totals.files} file(s): ${(totals.bytes / 1024).toFixed(1)} KB → ` +
  `${(totals.brotliBytes / 1024).toFixed(1)} KB br, ${(totals.gzipBytes / 1024).toFixed(1)} KB gz`;

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const dist = resolve(
    process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), "..", "dist"),
  );
  console.log(describe(precompress(dist)));
}
