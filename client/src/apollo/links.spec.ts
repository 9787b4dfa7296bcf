import { ApolloError } from "@apollo/client/core";
import { clearSession, refreshSession } from "../composables/useSession";
import { MyAccountsQuery } from "../pages/accounts-page.query";
import { AccountReadingsQuery } from "../pages/readings-page.query";
import { LoginMutation } from "../operations/session";
import { scriptedClient, singletonServer } from "../test/apollo";
import { offline, type Answer } from "../test/scripted-link";
import { user } from "../test/fixtures";
import { setAccessToken } from "./access-token";
import { apolloClient, createApolloClient } from "./client";
import { ApiFailure, NETWORK_ERROR, toFailure } from "./failure";
import { configureSessionRecovery, onServerAnswer } from "./session-hooks";

// The session's single-flight refresh goes through the app's one client: a scripted one here.
jest.mock("./client", () => jest.requireActual("../test/apollo-singleton").scriptedSingleton());
jest.mock("./session-link", () =>
  jest.requireActual("../test/apollo-singleton").scriptedSessionLink(),
);
jest.mock("idb-keyval", () => jest.requireActual("../test/idb-memory"));
jest.mock("../composables/useLocale", () => ({
  applyLocale: jest.fn().mockResolvedValue(undefined),
  fromApiLanguage: () => "ru",
}));

const unauthenticated: () => Answer = () => ({ refusal: { code: "UNAUTHENTICATED" } });
const noAccounts: Answer = { data: { me: null } };

/** What a request failed with, as the app sees it (`toFailure` of what Apollo rejected with). */
async function failureOf(promise: Promise<unknown>): Promise<ApiFailure> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApolloError);
    // The failure link made it an ApiFailure already: toFailure finds it, it does not guess.
    expect((error as ApolloError).networkError).toBeInstanceOf(ApiFailure);
    return toFailure(error);
  }
  throw new Error("expected a failure");
}

afterEach(() => {
  setAccessToken(null);
  configureSessionRecovery(
    async () => false,
    () => undefined,
  );
});

describe("failure link: every error is an ApiFailure with the contract's code", () => {
  it("keeps a GraphQL refusal's code, field and extensions", async () => {
    const { client } = scriptedClient({
      Login: [{ refusal: { code: "VALIDATION_FAILED", field: "input.email", limit: 3 } }],
    });
    const failure = await failureOf(
      client.mutate({
        mutation: LoginMutation,
        variables: { input: { email: "a", password: "b", rememberMe: false } },
      }),
    );
    expect(failure).toMatchObject({ code: "VALIDATION_FAILED", field: "input.email" });
    expect(failure.extensions).toMatchObject({ code: "VALIDATION_FAILED", limit: 3 });
  });

  it("names a refusal without a code INTERNAL", async () => {
    const { client } = scriptedClient({
      MyAccounts: () => ({ refusal: { code: undefined as unknown as string } }),
    });
    expect((await failureOf(client.query({ query: MyAccountsQuery }))).code).toBe("INTERNAL");
  });

  it("says NETWORK when the server was not reached", async () => {
    const { client } = scriptedClient({ MyAccounts: [offline()] });
    expect((await failureOf(client.query({ query: MyAccountsQuery }))).code).toBe(NETWORK_ERROR);
  });
});

describe("the HTTP transport (the app's HttpLink, fetch stubbed)", () => {
  const reply = (status: number, body: unknown) =>
    ({
      status,
      ok: status >= 200 && status < 300,
      headers: { get: (name: string) => (name === "content-type" ? "application/json" : null) },
      text: async () => (typeof body === "string" ? body : JSON.stringify(body)),
    }) as unknown as Response;
  let fetchMock: jest.Mock;
  const realFetch = globalThis.fetch;
  beforeEach(() => {
    fetchMock = jest.fn();
    globalThis.fetch = fetchMock;
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });
  const query = () =>
    createApolloClient().query({ query: MyAccountsQuery, context: { recover: false } });

  it("posts the operation as JSON to /graphql with its name, the cookie and the access token", async () => {
    fetchMock.mockResolvedValue(reply(200, { data: { me: null } }));
    setAccessToken("token-1");
    await expect(query()).resolves.toMatchObject({ data: { me: null } });
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe("/graphql");
    expect(init.method).toBe("POST");
    expect(init.credentials).toBe("same-origin");
    const headers = init.headers as Record<string, string>;
    expect(headers["content-type"]).toBe("application/json"); // the server's CSRF prevention
    expect(headers.authorization).toBe("Bearer token-1");
    const body = JSON.parse(String(init.body)) as { operationName: string; query: string };
    expect(body.operationName).toBe("MyAccounts");
    expect(body.query).toContain("fragment AccountCard on Account");
  });

  it("sends no authorization header without a token", async () => {
    fetchMock.mockResolvedValue(reply(200, { data: { me: null } }));
    await query();
    const headers = (fetchMock.mock.calls[0][1] as RequestInit).headers as Record<string, string>;
    expect(headers.authorization).toBeUndefined();
  });

  it.each([
    [429, "RATE_LIMITED", { retryAfterSeconds: 60 }],
    [503, "SERVICE_UNAVAILABLE", { retryAfterSeconds: 30 }],
  ])("keeps the code of a GraphQL body sent with HTTP %i", async (status, code, extra) => {
    fetchMock.mockResolvedValue(
      reply(status, { errors: [{ message: "wait", extensions: { code, ...extra } }] }),
    );
    const failure = await failureOf(query());
    expect(failure.code).toBe(code);
    expect(failure.extensions).toMatchObject(extra);
  });

  it.each([
    [429, "RATE_LIMITED"],
    [502, "SERVICE_UNAVAILABLE"],
    [503, "SERVICE_UNAVAILABLE"],
    [404, NETWORK_ERROR],
  ])("answers a non-JSON HTTP %i with %s", async (status, code) => {
    fetchMock.mockResolvedValue(reply(status, "<html>proxy error</html>"));
    expect((await failureOf(query())).code).toBe(code);
  });

  it("answers a fetch that failed (no signal) with NETWORK", async () => {
    fetchMock.mockRejectedValue(new TypeError("Failed to fetch"));
    expect((await failureOf(query())).code).toBe(NETWORK_ERROR);
  });
});

describe("refresh on UNAUTHENTICATED", () => {
  it("refreshes once and sends the operation again with the new bearer token", async () => {
    const { client, named } = scriptedClient({ MyAccounts: [unauthenticated(), noAccounts] });
    setAccessToken("expired");
    const refresh = jest.fn(async () => {
      setAccessToken("renewed");
      return true;
    });
    const expired = jest.fn();
    configureSessionRecovery(refresh, expired);
    await expect(client.query({ query: MyAccountsQuery })).resolves.toMatchObject({
      data: { me: null },
    });
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(expired).not.toHaveBeenCalled();
    expect(named("MyAccounts").map((sent) => sent.headers.authorization)).toEqual([
      "Bearer expired",
      "Bearer renewed",
    ]);
  });

  it("retries only once: UNAUTHENTICATED again ends the session", async () => {
    const { client, named } = scriptedClient({
      MyAccounts: [unauthenticated(), unauthenticated(), noAccounts],
    });
    const refresh = jest.fn().mockResolvedValue(true);
    const expired = jest.fn();
    configureSessionRecovery(refresh, expired);
    expect((await failureOf(client.query({ query: MyAccountsQuery }))).code).toBe(
      "UNAUTHENTICATED",
    );
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(expired).toHaveBeenCalledTimes(1);
    expect(named("MyAccounts")).toHaveLength(2);
  });

  it("calls the expiry callback and fails when the refresh fails", async () => {
    const { client, named } = scriptedClient({ MyAccounts: [unauthenticated(), noAccounts] });
    const expired = jest.fn();
    configureSessionRecovery(jest.fn().mockResolvedValue(false), expired);
    expect((await failureOf(client.query({ query: MyAccountsQuery }))).code).toBe(
      "UNAUTHENTICATED",
    );
    expect(expired).toHaveBeenCalledTimes(1);
    expect(named("MyAccounts")).toHaveLength(1);
  });

  it("leaves an operation sent with `recover: false` alone (login, refresh, logout)", async () => {
    const { client, named } = scriptedClient({ MyAccounts: [unauthenticated(), noAccounts] });
    const refresh = jest.fn().mockResolvedValue(true);
    const expired = jest.fn();
    configureSessionRecovery(refresh, expired);
    const failure = await failureOf(
      client.query({ query: MyAccountsQuery, context: { recover: false } }),
    );
    expect(failure.code).toBe("UNAUTHENTICATED");
    expect(refresh).not.toHaveBeenCalled();
    expect(expired).not.toHaveBeenCalled();
    expect(named("MyAccounts")).toHaveLength(1);
  });

  it("does not refresh on other refusals", async () => {
    const { client } = scriptedClient({ MyAccounts: [{ refusal: { code: "FORBIDDEN" } }] });
    const refresh = jest.fn().mockResolvedValue(true);
    configureSessionRecovery(refresh, jest.fn());
    expect((await failureOf(client.query({ query: MyAccountsQuery }))).code).toBe("FORBIDDEN");
    expect(refresh).not.toHaveBeenCalled();
  });

  it("single-flight: two operations refused at once share one refresh (the cookie rotates once)", async () => {
    const server = singletonServer();
    server.answer({
      MyAccounts: [unauthenticated(), noAccounts],
      AccountReadings: [unauthenticated(), { data: { account: null } }],
      RefreshSession: [
        {
          data: {
            refreshSession: {
              __typename: "AuthPayload",
              accessToken: "renewed",
              expiresAt: "2026-11-26T06:00:00Z",
              user,
            },
          },
        },
      ],
    });
    setAccessToken("expired");
    const expired = jest.fn();
    configureSessionRecovery(() => refreshSession().catch(() => false), expired);
    const [accounts, readings] = await Promise.all([
      apolloClient.query({ query: MyAccountsQuery }),
      apolloClient.query({ query: AccountReadingsQuery, variables: { number: "1002003004" } }),
    ]);
    expect(accounts.data.me).toBeNull();
    expect(readings.data.account).toBeNull();
    expect(server.named("RefreshSession")).toHaveLength(1);
    // The refresh itself is never recovered (it would refresh to refresh).
    expect(server.named("RefreshSession")[0].context.recover).toBe(false);
    const retries = server.sent.filter((sent) => sent.operationName !== "RefreshSession").slice(2);
    expect(retries.map((sent) => sent.headers.authorization)).toEqual([
      "Bearer renewed",
      "Bearer renewed",
    ]);
    expect(expired).not.toHaveBeenCalled();
    clearSession();
  });
});

describe("sync link", () => {
  it("notes when the server last answered a query, not a mutation", async () => {
    const heard = jest.fn();
    onServerAnswer(heard);
    const { client } = scriptedClient({
      MyAccounts: [noAccounts],
      Login: [{ refusal: { code: "INVALID_CREDENTIALS" } }],
    });
    await client.query({ query: MyAccountsQuery });
    expect(heard).toHaveBeenCalledTimes(1);
    expect(heard.mock.calls[0][0]).toBeInstanceOf(Date);
    await client
      .mutate({
        mutation: LoginMutation,
        variables: { input: { email: "a@b.kz", password: "x", rememberMe: false } },
      })
      .catch(() => undefined);
    expect(heard).toHaveBeenCalledTimes(1);
  });
});
