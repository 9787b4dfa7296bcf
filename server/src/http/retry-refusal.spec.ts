import { retryStatusOf } from "./retry-refusal";

const error = (code: string, retryAfterSeconds?: number) => ({
  extensions: { code, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) },
});

describe("retryStatusOf", () => {
  it.each([
    ["no errors", undefined, undefined],
    ["a contract refusal", [error("MONTHLY_LIMIT_REACHED")], undefined],
    ["the service", [error("SERVICE_UNAVAILABLE")], { status: 503, retryAfterSeconds: 5 }],
    ["a limit", [error("RATE_LIMITED", 120)], { status: 429, retryAfterSeconds: 120 }],
    ["a limit without a time", [error("RATE_LIMITED")], { status: 429, retryAfterSeconds: 1 }],
    [
      "the longest of two limits",
      [error("RATE_LIMITED", 3), error("RATE_LIMITED", 60)],
      { status: 429, retryAfterSeconds: 60 },
    ],
    [
      "the service over a limit",
      [error("RATE_LIMITED", 60), error("SERVICE_UNAVAILABLE")],
      { status: 503, retryAfterSeconds: 5 },
    ],
  ])("%s", (_name, errors, expected) => {
    expect(retryStatusOf(errors)).toEqual(expected);
  });
});
