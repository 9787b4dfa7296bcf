import { isValidBin, makeBin, normalizeBin } from "./bin";

const FIRST_PASS_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_PASS_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
const sumMod11 = (digits: string, weights: number[]) =>
  weights.reduce((sum, weight, i) => sum + weight * Number(digits[i]), 0) % 11;

// BINs that large Kazakh companies publish on their sites and invoices, and demo-data shapes
// (YYMM of registration, 4 = resident legal entity, 0, serial) completed by makeBin. Split by
// the pass that decides their check digit, because the two passes have different blind spots.
const FIRST_PASS_BINS = [
  "971240001315",
  "940140000385",
  "020240000555",
  "990740000683",
  "970740000838",
  makeBin("26014000123") as string,
  makeBin("98011240000") as string,
];
const SECOND_PASS_BINS = ["000740001307", makeBin("05124050001") as string];
const VALID_BINS = [...FIRST_PASS_BINS, ...SECOND_PASS_BINS];

describe("isValidBin", () => {
  it.each(VALID_BINS)("accepts %s", (bin) => {
    expect(isValidBin(bin)).toBe(true);
  });

  it("puts each example BIN in the right pass", () => {
    expect(FIRST_PASS_BINS.map((bin) => sumMod11(bin, FIRST_PASS_WEIGHTS) !== 10)).not.toContain(
      false,
    );
    expect(SECOND_PASS_BINS.map((bin) => sumMod11(bin, FIRST_PASS_WEIGHTS))).toEqual([10, 10]);
  });

  it.each([
    "",
    "97124000131",
    "9712400013150",
    "97124000131A",
    "971240001316",
    " 971240001315",
    "971240001315 ",
    "971 240 001 315",
    "９７１２４０００１３１５",
    "-71240001315",
    "+71240001315",
  ])("refuses %j", (input) => {
    expect(isValidBin(input)).toBe(false);
  });

  it.each(VALID_BINS)("refuses every change of the check digit of %s", (bin) => {
    expect(singleDigitChanges(bin, 11).filter(isValidBin)).toEqual([]);
  });

  // A change that moves the first pass onto or off 10 hands the decision to the other pass,
  // which matches the old check digit by chance (about 1 in 11): the algorithm allows that.
  it.each(FIRST_PASS_BINS)(
    "refuses every change of digits 1–10 of %s that the first pass also decides",
    (bin) => {
      const positions = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
      const changes = positions.flatMap((position) => singleDigitChanges(bin, position));
      const decidedByFirstPass = changes.filter((c) => sumMod11(c, FIRST_PASS_WEIGHTS) !== 10);
      expect(decidedByFirstPass.filter(isValidBin)).toEqual([]);
    },
  );

  // The official algorithm's blind spot: the 11th digit's first-pass weight, 11, is 0 mod 11.
  it.each(FIRST_PASS_BINS)("cannot see a change of the 11th digit of %s", (bin) => {
    expect(singleDigitChanges(bin, 10).every(isValidBin)).toBe(true);
  });

  it.each(SECOND_PASS_BINS)("sees every change of the 11th digit of %s", (bin) => {
    expect(singleDigitChanges(bin, 10).filter(isValidBin)).toEqual([]);
  });
});

describe("makeBin", () => {
  it("uses the second pass when the first gives 10", () => {
    const prefix = findPrefix((first, second) => first === 10 && second !== 10);
    const bin = makeBin(prefix);
    expect(bin).toBe(prefix + String(sumMod11(prefix, SECOND_PASS_WEIGHTS)));
    expect(isValidBin(bin as string)).toBe(true);
  });

  it("refuses a prefix for which both passes give 10", () => {
    const prefix = findPrefix((first, second) => first === 10 && second === 10);
    expect(makeBin(prefix)).toBeNull();
    for (let digit = 0; digit <= 9; digit += 1) {
      expect(isValidBin(prefix + String(digit))).toBe(false);
    }
  });

  it.each(["", "1234567890", "123456789012", "1234567890A"])("refuses the prefix %j", (input) => {
    expect(makeBin(input)).toBeNull();
  });
});

describe("normalizeBin", () => {
  it.each<[string, string]>([
    ["971 240 001 315", "971240001315"],
    [" 971240001315\t", "971240001315"],
    ["971\u00A0240\u00A0001\u00A0315", "971240001315"],
    ["971-240-001-315", "971-240-001-315"],
  ])("%j → %j", (input, expected) => {
    expect(normalizeBin(input)).toBe(expected);
  });
});

/** The nine numbers that differ from `bin` in the digit at `position` (0-based). */
function singleDigitChanges(bin: string, position: number): string[] {
  return "0123456789"
    .split("")
    .filter((digit) => digit !== bin[position])
    .map((digit) => bin.slice(0, position) + digit + bin.slice(position + 1));
}

/** The first 11-digit prefix (counting up from 10000000000) whose two pass results match. */
function findPrefix(matches: (first: number, second: number) => boolean): string {
  for (let n = 10_000_000_000; n < 10_001_000_000; n += 1) {
    const prefix = String(n);
    if (matches(sumMod11(prefix, FIRST_PASS_WEIGHTS), sumMod11(prefix, SECOND_PASS_WEIGHTS))) {
      return prefix;
    }
  }
  throw new Error("no such prefix in the searched range");
}
