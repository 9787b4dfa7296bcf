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
