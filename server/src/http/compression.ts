import { constants } from "node:zlib";
import fastifyCompress from "@fastify/compress";
import type { FastifyInstance } from "fastify";

/** Smaller bodies gain less than the work of compressing them. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/**
 * Issue 19: responses in `br` or `gzip`, as the client's Accept-Encoding prefers (a 500-row feed
 * page is about 107 KB as JSON). Brotli at quality 4: most of its gain on JSON for a fraction of
 * the default quality 11's CPU, which would be spent on the event loop. The app's files leave
 * precompressed (`.br`, `.gz`, http/static-client.ts) with their Content-Encoding set, and an
 * encoded body is never compressed again.
 */
export async function registerCompression(fastify: FastifyInstance): Promise<void> {
  await fastify.register(fastifyCompress, {
    encodings: ["br", "gzip"],
    threshold: COMPRESSION_THRESHOLD_BYTES,
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
}
