import { decideSending, MeterMonth, submissionWindow } from "./reading.rules";

const month = (latestValue: bigint | null, ...sendings: Array<bigint | null>): MeterMonth => ({
  latestValue,
  sendings: sendings.map((previousValue, i) => ({ slot: i + 1, previousValue })),
});

describe("submissionWindow", () => {
  it.each([
    ["a new meter", month(null), { used: 0, remaining: 2, minimum: 0n }],
    ["a meter with history", month(1500n), { used: 0, remaining: 2, minimum: 1500n }],
    ["after the first sending", month(1800n, 1500n), { used: 1, remaining: 1, minimum: 1500n }],
    ["after both sendings", month(1700n, 1500n, 1500n), { used: 2, remaining: 0, minimum: 1500n }],
    ["a first sending on a new meter", month(300n, null), { used: 1, remaining: 1, minimum: 0n }],
  ])("%s", (_name, state, expected) => {
    expect(submissionWindow(state)).toEqual(expected);
  });
});

describe("decideSending", () => {
  it.each([
    [
      "first sending above the latest",
      month(1500n),
      1600n,
      { kind: "accept", slot: 1, isCorrection: false, previousValue: 1500n },
    ],
    [
      "first sending equal to the latest",
      month(1500n),
      1500n,
      { kind: "accept", slot: 1, isCorrection: false, previousValue: 1500n },
    ],
    [
      "first sending on a new meter",
      month(null),
      0n,
      { kind: "accept", slot: 1, isCorrection: false, previousValue: null },
    ],
    [
      "first sending below the latest",
      month(1500n),
      1499n,
      { kind: "refuse", code: "READING_BELOW_PREVIOUS", minimum: 1500n },
    ],
    // The correction may go below the first sending but not below what came before it.
    [
      "correction below the first sending",
      month(1800n, 1500n),
      1600n,
      { kind: "accept", slot: 2, isCorrection: true, previousValue: 1500n },
    ],
    [
      "correction below the reading before",
      month(1800n, 1500n),
      1400n,
      { kind: "refuse", code: "READING_BELOW_PREVIOUS", minimum: 1500n },
    ],
    [
      "third sending",
      month(1600n, 1500n, 1500n),
      9999n,
      { kind: "refuse", code: "MONTHLY_LIMIT_REACHED" },
    ],
    [
      "third sending below the minimum still says the limit",
      month(1600n, 1500n, 1500n),
      1n,
      { kind: "refuse", code: "MONTHLY_LIMIT_REACHED" },
    ],
  ])("%s", (_name, state, value, expected) => {
    expect(decideSending(state, value)).toEqual(expected);
  });
});
