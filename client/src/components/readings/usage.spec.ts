import { mergeSent } from "./merge-sent";
import { monthlyUsage, newIdempotencyKey, typicalUsageMilli } from "./usage";

const at = (period: string, value: string, day = "20") => ({
  value,
  period,
  takenAt: `${period}-${day}T10:00:00Z`,
});

describe("monthlyUsage", () => {
  it("takes the month's latest reading (a correction replaces the first) and subtracts exactly", () => {
    const months = monthlyUsage(
      [
        at("2026-09", "100.100"),
        at("2026-10", "150.000"),
        at("2026-11", "170.5", "01"),
        at("2026-11", "160.25", "02"),
      ],
      "2026-11",
      3,
    );
    expect(months).toEqual([
      { period: "2026-09", milli: null, missing: "previous" },
      { period: "2026-10", milli: 49900n },
      { period: "2026-11", milli: 10250n },
    ]);
  });

  it("spans year ends and leaves months without readings empty", () => {
    const months = monthlyUsage([at("2025-12", "10"), at("2026-01", "12.5")], "2026-02", 3);
    expect(months.map((m) => [m.period, m.milli])).toEqual([
      ["2025-12", null],
      ["2026-01", 2500n],
      ["2026-02", null],
    ]);
  });

  it("takes the median of known months as the usual month", () => {
    expect(
      typicalUsageMilli([
        { period: "a", milli: 5n },
        { period: "b", milli: 100n },
        { period: "c", milli: 7n },
        { period: "d", milli: null },
      ]),
    ).toBe(7n);
    expect(typicalUsageMilli([])).toBe(0n);
  });

  it("makes UUID idempotency keys", () => {
    expect(newIdempotencyKey()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe("mergeSent", () => {
  const reading = {
    id: "r2",
    value: "12.000",
    takenAt: "2026-11-26T05:00:00Z",
    source: "SUBSCRIBER" as const,
    period: "2026-11",
    isCorrection: false,
  };
  const window = (remaining: number) => ({
    period: "2026-11",
    used: 2 - remaining,
    remaining,
    minimumValue: "10.000",
    reopensAt: null,
  });
  const account = {
    number: "1",
    holderName: "H",
    address: "A",
    meters: [
      {
        id: "m1",
        serialNumber: "S",
        removedAt: null,
        submission: window(2),
        readings: {
          totalCount: 1,
          edges: [
            { node: { ...reading, id: "r1", value: "10.000", source: "INSPECTOR" as const } },
          ],
        },
      },
    ],
  };
  const windows = { number: "1", meters: [{ id: "m1", submission: window(1) }] };

  it("puts the new reading on top and takes the fresh window", () => {
    const merged = mergeSent(account, "m1", reading, windows);
    expect(merged.meters[0].readings.edges.map((e) => e.node.id)).toEqual(["r2", "r1"]);
    expect(merged.meters[0].readings.totalCount).toBe(2);
    expect(merged.meters[0].submission.remaining).toBe(1);
  });

  it("adds a reading returned again by an idempotent retry only once", () => {
    const once = mergeSent(account, "m1", reading, windows);
    const twice = mergeSent(once, "m1", reading, windows);
    expect(twice.meters[0].readings.edges).toHaveLength(2);
  });
});

describe("monthlyUsage: why a month has no number", () => {
  it("tells a month without a reading from one whose previous month has none", () => {
    const months = monthlyUsage(
      [
        { value: "100", takenAt: "2026-09-20T06:00:00Z", period: "2026-09" },
        { value: "120", takenAt: "2026-10-20T06:00:00Z", period: "2026-10" },
        { value: "150", takenAt: "2026-12-06T06:00:00Z", period: "2026-12" },
      ],
      "2026-12",
      4,
    );
    expect(months).toEqual([
      { period: "2026-09", milli: null, missing: "previous" },
      { period: "2026-10", milli: 20_000n },
      { period: "2026-11", milli: null, missing: "reading" },
      { period: "2026-12", milli: null, missing: "previous" },
    ]);
  });
});
