import fc from "fast-check";
import {
  advance,
  decodeFeedPosition,
  encodeFeedPosition,
  isPastTheEnd,
  STREAM_SIZE,
  streamOf,
  unseenRanges,
} from "./feed-cursor.rules";

const cursorText = (text: string) => Buffer.from(text, "utf8").toString("base64url");

describe("feed cursor", () => {
  it("on one server is the cursor it always was: feed:N", () => {
    expect(encodeFeedPosition(new Map([[0n, 42n]]))).toBe(cursorText("feed:42"));
    expect(decodeFeedPosition(cursorText("feed:42"))).toEqual(new Map([[0n, 42n]]));
  });

  it("keeps one position per stream, in stream order", () => {
    const position = advance(
      advance(advance(new Map(), 2n * STREAM_SIZE + 5n), 7n),
      STREAM_SIZE + 1n,
    );
    expect(Buffer.from(encodeFeedPosition(position), "base64url").toString()).toBe(
      `feed:7,${STREAM_SIZE + 1n},${2n * STREAM_SIZE + 5n}`,
    );
    expect(advance(position, 9n).get(0n)).toBe(9n);
    expect(position.get(0n)).toBe(7n); // positions are values
  });

  it("round-trips any position", () => {
    const entry = fc.tuple(fc.bigInt(0n, 1023n), fc.bigInt(0n, STREAM_SIZE - 1n));
    fc.assert(
      fc.property(
        fc.uniqueArray(entry, { selector: ([s]) => s, minLength: 1, maxLength: 8 }),
        (entries) => {
          const position = new Map(entries.map(([s, local]) => [s, s * STREAM_SIZE + local]));
          expect(decodeFeedPosition(encodeFeedPosition(position))).toEqual(position);
        },
      ),
    );
  });

  it("refuses what it did not give", () => {
    for (const text of [
      "feed:",
      "feed:x",
      "feed:1,,2",
      "feed:-1",
      "feed:1,2",
      "page:3",
      "feed:1 ",
    ]) {
      expect(decodeFeedPosition(cursorText(text))).toBeNull();
    }
    expect(decodeFeedPosition(cursorText(`feed:${1024n * STREAM_SIZE}`))).toBeNull();
  });

  it("asks each stream for what follows the reader's position in it", () => {
    expect(unseenRanges([0n, 1n, 2n], new Map([[1n, STREAM_SIZE + 9n]]))).toEqual([
      { after: 0n, before: STREAM_SIZE },
      { after: STREAM_SIZE + 9n, before: 2n * STREAM_SIZE },
      { after: 2n * STREAM_SIZE, before: 3n * STREAM_SIZE },
    ]);
    expect(streamOf(3n * STREAM_SIZE + 1n)).toBe(3n);
  });
});

describe("isPastTheEnd", () => {
  const heads = new Map([
    [0n, 40n],
    [1n, STREAM_SIZE + 3n],
  ]);

  it("accepts the exact end and anything before it, in every stream", () => {
    expect(isPastTheEnd(new Map(), heads)).toBe(false);
    expect(isPastTheEnd(new Map([[0n, 40n]]), heads)).toBe(false);
    expect(
      isPastTheEnd(
        new Map([
          [0n, 0n],
          [1n, STREAM_SIZE + 3n],
        ]),
        heads,
      ),
    ).toBe(false);
  });

  it("refuses a position beyond a stream's last number, or in a stream the feed lacks", () => {
    expect(isPastTheEnd(new Map([[0n, 41n]]), heads)).toBe(true);
    expect(
      isPastTheEnd(
        new Map([
          [0n, 1n],
          [1n, STREAM_SIZE + 4n],
        ]),
        heads,
      ),
    ).toBe(true);
    expect(isPastTheEnd(new Map([[2n, 2n * STREAM_SIZE + 1n]]), heads)).toBe(true);
  });

  it("is false exactly when every stream's position is at most its head", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 100n }),
        fc.bigInt({ min: 0n, max: 100n }),
        (seq, head) => {
          expect(isPastTheEnd(new Map([[0n, seq]]), new Map([[0n, head]]))).toBe(seq > head);
        },
      ),
    );
  });
});
