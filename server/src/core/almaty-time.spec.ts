import {
  isPeriod,
  localDate,
  nextPeriod,
  parseRegistryDate,
  periodEnd,
  periodOf,
  periodStart,
  previousPeriod,
} from "./almaty-time";

const at = (iso: string): Date => new Date(iso);

describe("periodOf", () => {
  it.each<[string, string]>([
    ["2026-11-30T18:59:59.999Z", "2026-11"],
    ["2026-11-30T19:00:00Z", "2026-12"],
    ["2026-12-31T18:59:59Z", "2026-12"],
    ["2026-12-31T19:00:00Z", "2027-01"],
    // UTC+6 until 2024-03-01
    ["2023-12-31T17:59:59Z", "2023-12"],
    ["2023-12-31T18:00:00Z", "2024-01"],
    ["2024-01-31T17:59:59Z", "2024-01"],
    ["2024-01-31T18:00:00Z", "2024-02"],
    // 2024-03-01 00:00 (+06) became 2024-02-29 23:00 (+05): that hour of February happened twice
    ["2024-02-29T17:59:59Z", "2024-02"],
    ["2024-02-29T18:30:00Z", "2024-02"],
    ["2024-02-29T18:59:59Z", "2024-02"],
    ["2024-02-29T19:00:00Z", "2024-03"],
    ["2026-06-15T12:00:00+05:00", "2026-06"],
  ])("%s is in %s", (instant, period) => {
    expect(periodOf(at(instant))).toBe(period);
  });

  it("refuses an invalid Date", () => {
    expect(() => periodOf(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("periodStart and periodEnd", () => {
  it.each<[string, string]>([
    ["2026-12", "2026-11-30T19:00:00.000Z"],
    ["2026-11", "2026-10-31T19:00:00.000Z"],
    ["2027-01", "2026-12-31T19:00:00.000Z"],
    ["2024-01", "2023-12-31T18:00:00.000Z"],
    ["2024-02", "2024-01-31T18:00:00.000Z"],
    ["2024-03", "2024-02-29T19:00:00.000Z"],
    ["2024-04", "2024-03-31T19:00:00.000Z"],
    // summer time (UTC+7) before 2005
    ["2004-07", "2004-06-30T17:00:00.000Z"],
    ["2000-01", "1999-12-31T18:00:00.000Z"],
  ])("%s starts at %s", (period, instant) => {
    expect(periodStart(period).toISOString()).toBe(instant);
  });

  it.each<[string, string]>([
    ["2026-11", "2026-11-30T19:00:00.000Z"],
    ["2026-12", "2026-12-31T19:00:00.000Z"],
    ["2024-02", "2024-02-29T19:00:00.000Z"],
  ])("%s ends at %s", (period, instant) => {
    expect(periodEnd(period).toISOString()).toBe(instant);
  });

  it.each(["2023-11", "2024-02", "2024-03", "2026-12", "2027-01"])(
    "%s contains its start and not its end",
    (period) => {
      expect(periodOf(periodStart(period))).toBe(period);
      expect(periodOf(new Date(periodEnd(period).getTime() - 1))).toBe(period);
      expect(periodOf(periodEnd(period))).toBe(nextPeriod(period));
    },
  );

  it("makes February 2024 one hour longer than 29 days", () => {
    const hours = (periodEnd("2024-02").getTime() - periodStart("2024-02").getTime()) / 3_600_000;
    expect(hours).toBe(29 * 24 + 1);
  });

  it.each(["2026-13", "26-11", "2026-1", "", "2026-11-01"])("refuses the period %j", (period) => {
    expect(() => periodStart(period)).toThrow(RangeError);
  });
});

describe("nextPeriod and previousPeriod", () => {
  it.each<[string, string]>([
    ["2026-11", "2026-12"],
    ["2026-12", "2027-01"],
    ["2024-02", "2024-03"],
    ["2099-12", "2100-01"],
  ])("%s is followed by %s", (period, next) => {
    expect(nextPeriod(period)).toBe(next);
    expect(previousPeriod(next)).toBe(period);
  });
});

describe("isPeriod", () => {
  it.each<[string, boolean]>([
    ["2026-11", true],
    ["2000-01", true],
    ["2100-12", true],
    ["1999-12", false],
    ["2101-01", false],
    ["2026-00", false],
    ["2026-13", false],
    ["2026-1", false],
    ["2026/11", false],
    ["2026-11-01", false],
    [" 2026-11", false],
    ["２０２６-１１", false],
    ["", false],
  ])("%j → %p", (s, expected) => {
    expect(isPeriod(s)).toBe(expected);
  });
});

describe("localDate", () => {
  it.each<[string, string]>([
    ["2026-11-30T18:59:59Z", "2026-11-30"],
    ["2026-11-30T19:00:00Z", "2026-12-01"],
    ["2023-12-31T18:00:00Z", "2024-01-01"],
    ["2024-02-29T18:30:00Z", "2024-02-29"],
  ])("%s is %s in Almaty", (instant, date) => {
    expect(localDate(at(instant))).toBe(date);
  });
});

describe("parseRegistryDate", () => {
  it.each<[string, string]>([
    ["2026-11-15T10:30:00Z", "2026-11-15T10:30:00.000Z"],
    ["2026-11-15T10:30:00.123Z", "2026-11-15T10:30:00.123Z"],
    ["2026-11-15T10:30:00.1234567Z", "2026-11-15T10:30:00.123Z"],
    ["2026-11-15T15:30:00+05:00", "2026-11-15T10:30:00.000Z"],
    ["2026-11-15T04:30:00-06:00", "2026-11-15T10:30:00.000Z"],
    ["2026-11-15T10:30Z", "2026-11-15T10:30:00.000Z"],
    // bare date: local midnight
    ["2026-12-01", "2026-11-30T19:00:00.000Z"],
    ["2024-01-01", "2023-12-31T18:00:00.000Z"],
    ["2024-03-01", "2024-02-29T19:00:00.000Z"],
    ["2024-02-29", "2024-02-28T18:00:00.000Z"],
    // local date-time without offset
    ["2026-11-15T15:30", "2026-11-15T10:30:00.000Z"],
    ["2026-11-15T15:30:45", "2026-11-15T10:30:45.000Z"],
    ["2023-06-01T12:00:00", "2023-06-01T06:00:00.000Z"],
    // happened twice (2024-02-29 23:xx at +06 and at +05): the earlier one
    ["2024-02-29T23:30:00", "2024-02-29T17:30:00.000Z"],
    // never happened (summer time began 2004-03-28 02:00 → 03:00): shifted forward
    ["2004-03-28T02:30:00", "2004-03-27T20:30:00.000Z"],
  ])("%j is %s", (input, instant) => {
    expect(parseRegistryDate(input)?.toISOString()).toBe(instant);
  });

  it.each([
    "",
    "2026-02-30",
    "2026-02-29",
    "2026-13-01",
    "2026-00-10",
    "2026-11-31",
    "2026-11-15T24:00",
    "2026-11-15T10:60",
    "2026-11-15T10:30:60",
    "2026-11-15T10:30:00+15:00",
    "2026-11-15T10:30:00+05:60",
    "2026-11-15T10:30:00+0500",
    "2026-11-15 10:30:00",
    "2026-11-15T10",
    "2026-11-15Z",
    "2026-11-15+05:00",
    "15.11.2026",
    "2026/11/15",
    "2026-1-5",
    " 2026-11-15",
    "2026-11-15T10:30:00z",
    "1763202600000",
    "tomorrow",
  ])("refuses %j", (input) => {
    expect(parseRegistryDate(input)).toBeNull();
  });
});
