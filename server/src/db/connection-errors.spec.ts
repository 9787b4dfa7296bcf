import { GraphQLError } from "graphql";
import { QueryFailedError } from "typeorm";
import { isConnectionError, retryRead } from "./transaction";

const driver = (code: string, message = code) => Object.assign(new Error(message), { code });
const queryFailed = (inner: Error) => new QueryFailedError("SELECT 1", [], inner);

// docs/security.md FT-1 / FT-2: outages are told apart from bugs; reads retry once on a broken link.
describe("isConnectionError", () => {
  it.each([
    ["a refused connection", driver("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:3306")],
    ["a lost connection", queryFailed(driver("PROTOCOL_CONNECTION_LOST"))],
    ["a reset", queryFailed(driver("ECONNRESET"))],
    ["a broken pipe", driver("EPIPE")],
    ["a timeout", driver("ETIMEDOUT")],
    ["mysql2's full queue (FT-1)", new Error("Queue limit reached.")],
    ["a closed pool", new Error("Pool is closed.")],
    [
      "a context failure",
      new GraphQLError("Context creation failed", { originalError: driver("ECONNREFUSED") }),
    ],
  ])("recognises %s", (_name, error) => {
    expect(isConnectionError(error)).toBe(true);
  });

  it.each([
    ["a missing table", queryFailed(driver("ER_NO_SUCH_TABLE"))],
    ["a duplicate key", queryFailed(driver("ER_DUP_ENTRY"))],
    ["a plain bug", new TypeError("x is undefined")],
  ])("does not take %s for an outage", (_name, error) => {
    expect(isConnectionError(error)).toBe(false);
  });
});

describe("retryRead", () => {
  it("sends a read again once when its connection broke", async () => {
    const read = jest
      .fn<Promise<string>, []>()
      .mockRejectedValueOnce(queryFailed(driver("PROTOCOL_CONNECTION_LOST")))
      .mockResolvedValueOnce("rows");
    await expect(retryRead(read)).resolves.toBe("rows");
    expect(read).toHaveBeenCalledTimes(2);
  });

  it("retries only once, and not on other errors", async () => {
    const lost = jest.fn().mockRejectedValue(queryFailed(driver("ECONNRESET")));
    await expect(retryRead(lost)).rejects.toThrow();
    expect(lost).toHaveBeenCalledTimes(2);
    const refused = jest.fn().mockRejectedValue(driver("ECONNREFUSED"));
    await expect(retryRead(refused)).rejects.toThrow();
    expect(refused).toHaveBeenCalledTimes(1);
    const bug = jest.fn().mockRejectedValue(queryFailed(driver("ER_NO_SUCH_TABLE")));
    await expect(retryRead(bug)).rejects.toThrow();
    expect(bug).toHaveBeenCalledTimes(1);
  });
});
