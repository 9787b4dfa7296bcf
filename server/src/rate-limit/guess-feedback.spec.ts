import { remainingAttempts } from "./guess-feedback";

// [consumed, remaining] per budget: account (5), IP hour (20), IP day (100), user day (10).
const uses = (...pairs: Array<[number, number]>) =>
  pairs.map(([consumed, remaining]) => ({ consumed, remaining }));

describe("remainingAttempts", () => {
  it.each([
    ["no budgets", uses(), undefined],
    ["1st failure on a number", uses([1, 4], [1, 19], [1, 99], [1, 9]), undefined],
    ["2nd failure on a number", uses([2, 3], [2, 18], [2, 98], [2, 8]), undefined],
    ["3rd failure on a number", uses([3, 2], [3, 17], [3, 97], [3, 7]), 2],
    ["4th failure on a number", uses([4, 1], [4, 16], [4, 96], [4, 6]), 1],
    ["5th: the next attempt is refused", uses([5, 0], [5, 15], [5, 95], [5, 5]), 0],
    ["others' failures on the number count", uses([3, 2], [1, 19], [1, 99], [1, 9]), 2],
    ["a user's 8th failure, 1st on this number", uses([1, 4], [1, 19], [1, 99], [8, 2]), 2],
    ["the nearest lock has only 1 failure", uses([1, 4], [15, 5], [15, 85]), undefined],
    ["equal remaining: the one with 3 failures", uses([1, 4], [6, 4]), 4],
    ["registration (no user budget)", uses([3, 2], [3, 17], [3, 97]), 2],
  ])("%s", (_name, charged, expected) => {
    expect(remainingAttempts(charged)).toBe(expected);
  });
});
