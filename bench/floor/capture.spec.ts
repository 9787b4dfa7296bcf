import { withoutNoise } from "./capture";

const statement = (sql: string) => ({ sql, params: [] });
const session = statement("SELECT u.* FROM users u INNER JOIN sessions s ON s.user_id = u.id");
/** One index seek per meter: the statement's tail grows with the account's meters. */
const latest = (meters: number) =>
  statement(
    "SELECT r.*, ? AS reading_role FROM (" +
      Array.from({ length: meters }, (_, i) => `SELECT id FROM readings AS seek${i}`).join(
        " UNION ALL ",
      ) +
      ")",
  );
const flush = statement("INSERT INTO rate_limits (`key`, points, expire) VALUES (?, ?, ?)");

describe("withoutNoise", () => {
  it("keeps a request's own statement whose tail varies with the data, drops a loop's", () => {
    const requests = [
      ...Array.from({ length: 46 }, () => [session, latest(1)]),
      ...Array.from({ length: 4 }, () => [session, latest(2)]),
    ];
    requests[7] = [session, flush, latest(1)];

    const kept = withoutNoise(requests);

    expect(kept[7]).toEqual([session, latest(1)]);
    expect(kept.slice(46)).toEqual(Array.from({ length: 4 }, () => [session, latest(2)]));
    expect(kept.every((request) => request.length === 2)).toBe(true);
  });
});
