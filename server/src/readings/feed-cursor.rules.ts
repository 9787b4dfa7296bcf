/**
 * Where a feed reader is: for each stream of feed positions, the last position it has seen.
 *
 * One database server numbers the feed in one stream (0): positions 1, 2, 3… taken under the
 * counter's row lock, so they become visible in order (feed-sequence.ts). On a Galera cluster
 * that one row would be written by every node and every concurrent sending would conflict at
 * commit, so each node numbers its own stream: stream k's positions are k·2⁴⁰ + 1, + 2, …,
 * ordered by that node's row lock, and a reader keeps one position per stream.
 *
 * The cursor is `feed:` and the last position seen in each stream, comma-separated; with only
 * stream 0 that is `feed:N`, the cursor one server always gave.
 */
export const STREAM_SIZE = 1n << 40n;
const MAX_STREAM = 1023n;

export type FeedPosition = ReadonlyMap<bigint, bigint>;

export const streamOf = (seq: bigint): bigint => seq / STREAM_SIZE;

export function encodeFeedPosition(position: FeedPosition): string {
  const seen = [...position.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, seq]) => seq);
  return Buffer.from(`feed:${seen.join(",")}`, "utf8").toString("base64url");
}

/** The position a cursor names, or null when it is not one this service gave. */
export function decodeFeedPosition(cursor: string): FeedPosition | null {
  const match = /^feed:(\d{1,18}(?:,\d{1,18}){0,63})$/.exec(
    Buffer.from(cursor, "base64url").toString("utf8"),
  );
  if (!match) return null;
  const position = new Map<bigint, bigint>();
  for (const part of match[1].split(",")) {
    const seq = BigInt(part);
    const stream = streamOf(seq);
    if (stream > MAX_STREAM || position.has(stream)) return null;
    position.set(stream, seq);
  }
  return position;
}

/** The position once `seq` has been seen too. */
export function advance(position: FeedPosition, seq: bigint): FeedPosition {
  const next = new Map(position);
  next.set(streamOf(seq), seq);
  return next;
}

/**
 * Whether a reader's position lies past the feed's end: beyond the last number a stream has
 * given (`heads`), or in a stream the feed does not have. Such a cursor comes from a database
 * since restored to an earlier state (or was never given); reading on from it would skip the
 * readings that take those numbers again.
 */
export function isPastTheEnd(position: FeedPosition, heads: FeedPosition): boolean {
  for (const [stream, seq] of position) {
    const head = heads.get(stream);
    if (head === undefined || seq > head) return true;
  }
  return false;
}

/** For each stream, the positions a reader at `position` has not seen: `after` < seq < `before`. */
export function unseenRanges(
  streams: readonly bigint[],
  position: FeedPosition,
): Array<{ after: bigint; before: bigint }> {
  return streams.map((stream) => ({
    after: position.get(stream) ?? stream * STREAM_SIZE,
    before: (stream + 1n) * STREAM_SIZE,
  }));
}
