import {
  ApiFailure,
  NETWORK_ERROR,
  prefetchQuery,
  takeArrived,
  runMutation,
  runQuery,
  setAccessToken,
} from "./api";
import { MyAccountsQuery } from "./operations/accounts";
import { AccountReadingsQuery } from "./operations/readings";
import { LoginMutation } from "./operations/session";

/** A fetch Response as the server sends it (jsdom has no Response). */
const reply = (status: number, body: unknown, json = true) =>
  ({
    status,
    ok: status >= 200 && status < 300,
    json: json ? async () => body : async () => JSON.parse("<html>"),
  }) as unknown as Response;

let fetchMock: jest.Mock;
beforeEach(() => {
  fetchMock = jest.fn();
  global.fetch = fetchMock;
});
afterEach(() => setAccessToken(null));

const failureOf = async (promise: Promise<unknown>): Promise<ApiFailure> => {
  try {
    await promise;
  } catch (error) {
    return error as ApiFailure;
  }
  throw new Error("expected a failure");
};

describe("the GraphQL transport", () => {
  it("posts the operation as JSON to /graphql with its name, variables and the access token", async () => {
    fetchMock.mockResolvedValue(reply(200, { data: { me: null } }));
    setAccessToken("token-1");
    await expect(runQuery(MyAccountsQuery, undefined, { recover: false })).resolves.toEqual({
      me: null,
    });
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe("/graphql");
    expect(init.method).toBe("POST");
    expect(init.credentials).toBe("same-origin");
    const headers = init.headers as Record<string, string>;
    expect(headers["content-type"]).toBe("application/json");
    expect(headers.authorization).toBe("Bearer token-1");
    const body = JSON.parse(String(init.body));
    expect(body.operationName).toBe("MyAccounts");
    expect(body.query).toContain("query MyAccounts");
    expect(body.query).toContain("fragment AccountCard on Account");
    expect(body.variables).toEqual({});
  });

  it("sends no authorization header without a token", async () => {
    fetchMock.mockResolvedValue(reply(200, { data: { me: null } }));
    await runQuery(MyAccountsQuery, undefined, { recover: false });
    const headers = (fetchMock.mock.calls[0][1] as RequestInit).headers as Record<string, string>;
    expect(headers.authorization).toBeUndefined();
  });

  it("turns a GraphQL refusal into its code, field and extensions", async () => {
    fetchMock.mockResolvedValue(
      reply(200, {
        data: null,
        errors: [
          { message: "no", extensions: { code: "VALIDATION_FAILED", field: "input.email" } },
        ],
      }),
    );
    const failure = await failureOf(
      runMutation(
        LoginMutation,
        { input: { email: "a", password: "b", rememberMe: false } },
        { recover: false },
      ),
    );
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure.code).toBe("VALIDATION_FAILED");
    expect(failure.field).toBe("input.email");
  });

  it("reads the code of an error sent with an HTTP error status", async () => {
    fetchMock.mockResolvedValue(
      reply(429, {
        errors: [
          { message: "slow down", extensions: { code: "RATE_LIMITED", retryAfterSeconds: 60 } },
        ],
      }),
    );
    const failure = await failureOf(runQuery(MyAccountsQuery, undefined, { recover: false }));
    expect(failure.code).toBe("RATE_LIMITED");
    expect(failure.extensions.retryAfterSeconds).toBe(60);
  });

  it("names an error without a code INTERNAL", async () => {
    fetchMock.mockResolvedValue(reply(200, { errors: [{ message: "?" }] }));
    expect((await failureOf(runQuery(MyAccountsQuery))).code).toBe("INTERNAL");
  });

  it.each([
    [429, "RATE_LIMITED"],
    [502, "SERVICE_UNAVAILABLE"],
    [503, "SERVICE_UNAVAILABLE"],
    [404, NETWORK_ERROR],
  ])("answers a non-JSON HTTP %i with %s", async (status, code) => {
    fetchMock.mockResolvedValue(reply(status, null, false));
    expect((await failureOf(runQuery(MyAccountsQuery))).code).toBe(code);
  });

  it("answers an unreachable server with NETWORK", async () => {
    fetchMock.mockRejectedValue(new TypeError("Failed to fetch"));
    expect((await failureOf(runQuery(MyAccountsQuery))).code).toBe(NETWORK_ERROR);
  });
});

describe("prefetching a page's query", () => {
  afterEach(() => jest.useRealTimers());

  it("hands the answer to the page's own query once, without asking again", async () => {
    fetchMock.mockResolvedValue(reply(200, { data: { me: null } }));
    setAccessToken("token-1");
    prefetchQuery(MyAccountsQuery);
    prefetchQuery(MyAccountsQuery); // the router asks again while it is on its way: no new request
    await expect(runQuery(MyAccountsQuery)).resolves.toEqual({ me: null });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await runQuery(MyAccountsQuery); // taken once: a later load asks the server
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it("keeps answers apart by variables", async () => {
    fetchMock.mockResolvedValue(reply(200, { data: { account: null } }));
    setAccessToken("token-1");
    prefetchQuery(AccountReadingsQuery, { number: "0012345678" });
    await runQuery(AccountReadingsQuery, { number: "1002003004" });
    expect(fetchMock).toHaveBeenCalledTimes(2);
    const variables = fetchMock.mock.calls.map(
      ([, init]) => JSON.parse(String((init as RequestInit).body)).variables.number,
    );
    expect(variables).toEqual(["0012345678", "1002003004"]);
  });

  it("does not hand over an answer older than ten seconds, nor one from before a logout", async () => {
    jest.useFakeTimers({ now: Date.parse("2026-11-26T08:00:00Z") });
    fetchMock.mockResolvedValue(reply(200, { data: { me: null } }));
    setAccessToken("token-1");
    prefetchQuery(MyAccountsQuery);
    jest.setSystemTime(Date.parse("2026-11-26T08:00:11Z"));
    await runQuery(MyAccountsQuery);
    expect(fetchMock).toHaveBeenCalledTimes(2);

    prefetchQuery(MyAccountsQuery);
    setAccessToken(null);
    setAccessToken("token-2");
    await runQuery(MyAccountsQuery);
    expect(fetchMock).toHaveBeenCalledTimes(4);
  });

  it("hands an answer that has arrived to the page's first render, once", async () => {
    fetchMock.mockResolvedValue(reply(200, { data: { me: null } }));
    setAccessToken("token-1");
    const settled = prefetchQuery(MyAccountsQuery);
    expect(takeArrived(MyAccountsQuery)).toBeUndefined(); // still on its way
    await settled;
    expect(takeArrived(AccountReadingsQuery, { number: "0012345678" })).toBeUndefined();
    expect(takeArrived(MyAccountsQuery)).toEqual({ me: null });
    expect(takeArrived(MyAccountsQuery)).toBeUndefined();
    await runQuery(MyAccountsQuery); // taken: the page's own load asks the server
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it("settles a failed prefetch without an answer, and the page's query gets the failure", async () => {
    fetchMock.mockRejectedValue(new TypeError("Failed to fetch"));
    setAccessToken("token-1");
    await expect(prefetchQuery(MyAccountsQuery)).resolves.toBeUndefined();
    expect(takeArrived(MyAccountsQuery)).toBeUndefined();
    expect((await failureOf(runQuery(MyAccountsQuery))).code).toBe(NETWORK_ERROR);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("gives the page the failure of a prefetched query", async () => {
    fetchMock.mockRejectedValue(new TypeError("Failed to fetch"));
    setAccessToken("token-1");
    prefetchQuery(MyAccountsQuery);
    expect((await failureOf(runQuery(MyAccountsQuery))).code).toBe(NETWORK_ERROR);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
