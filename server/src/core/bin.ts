/**
 * Kazakhstan BIN/IIN: 12 digits, the last one a check digit over the first 11 (weights 1..11,
 * mod 11; on 10 a second pass with weights 3..11,1,2; on 10 again the number is not issued).
 * This is the official algorithm, weak spots included: in the first pass the 11th digit weighs
 * 11 ≡ 0 (mod 11), so a mistyped 11th digit usually still passes; the registry lookup that
 * follows is what catches it.
 */

const FIRST_PASS_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_PASS_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

const weightedSumMod11 = (digits: string, weights: readonly number[]): number =>
  weights.reduce((sum, weight, i) => sum + weight * Number(digits[i]), 0) % 11;

/** The check digit for 11 digits, or null when both passes give 10. */
function checkDigit(first11: string): number | null {
  const first = weightedSumMod11(first11, FIRST_PASS_WEIGHTS);
  if (first !== 10) return first;
  const second = weightedSumMod11(first11, SECOND_PASS_WEIGHTS);
  return second === 10 ? null : second;
}

/** Exactly 12 ASCII digits with a correct check digit; the caller normalizes first. */
export function isValidBin(s: string): boolean {
  if (!/^[0-9]{12}$/.test(s)) return false;
  return checkDigit(s.slice(0, 11)) === Number(s[11]);
}

/** Removes the spaces people type between digit groups ("123 456 789 012"). */
export function normalizeBin(input: string): string {
  return input.replace(/\s+/g, "");
}

/** Appends the check digit to 11 digits (demo data); null when no check digit exists. */
export function makeBin(first11: string): string | null {
  if (!/^[0-9]{11}$/.test(first11)) return null;
  const digit = checkDigit(first11);
  return digit === null ? null : first11 + String(digit);
}
