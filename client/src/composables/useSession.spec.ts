import { getAccessToken, setAccessToken } from "../apollo/access-token";
import { apolloClient } from "../apollo/client";
import { toFailure } from "../apollo/failure";
import { configureSessionRecovery } from "../apollo/session-hooks";
import { MyAccountsQuery } from "../pages/accounts-page.query";
import { singletonServer } from "../test/apollo";
import { user } from "../test/fixtures";
import { store as kept } from "../test/idb-memory";
import { offline, type Answer } from "../test/scripted-link";
import { queueReading, useOfflineReadings } from "./useOfflineReadings";
import {
  clearSession,
  login,
  logout,
  reconnect,
  refreshSession,
  restoreSession,
  useSession,
} from "./useSession";

// The session talks to the server through the app's one client: a scripted one here.
jest.mock("../apollo/client", () =>
  jest.requireActual("../test/apollo-singleton").scriptedSingleton(),
);
jest.mock("../apollo/session-link", () =>
  jest.requireActual("../test/apollo-singleton").scriptedSessionLink(),
);
jest.mock("idb-keyval", () => jest.requireActual("../test/idb-memory"));
jest.mock("./useLocale", () => ({
  applyLocale: jest.fn().mockResolvedValue(undefined),
  fromApiLanguage: () => "ru",
}));

const payload = (accessToken: string) => ({
  __typename: "AuthPayload",
  accessToken,
  expiresAt: "2026-11-26T06:00:00Z",
  user,
});
const refreshed = (token = "token-1"): Answer => ({
  data: { refreshSession: payload(token) },
});
const loggedIn = (token = "token-1"): Answer => ({ data: { login: payload(token) } });
const settle = () => new Promise((done) => setTimeout(done, 0));

beforeEach(() => {
  singletonServer().answer({});
  localStorage.clear();
  kept.clear();
});
afterEach(async () => {
  clearSession();
  await settle();
});

describe("session", () => {
  it("refreshes once for concurrent callers (single-flight) and keeps the token in memory only", async () => {
    const server = singletonServer();
    server.answer({ RefreshSession: [refreshed()] });
    const results = await Promise.all([refreshSession(), refreshSession(), refreshSession()]);
    expect(results).toEqual([true, true, true]);
    expect(server.named("RefreshSession")).toHaveLength(1);
    expect(server.named("RefreshSession")[0].context.recover).toBe(false);
    expect(getAccessToken()).toBe("token-1");
    expect(useSession().user.value?.email).toBe("a@b.kz");
    expect(JSON.stringify({ ...localStorage })).not.toContain("token-1");
    expect(JSON.stringify({ ...sessionStorage })).not.toContain("token-1");
  });

  it("answers false when there is no session cookie", async () => {
    singletonServer().answer({ RefreshSession: [{ refusal: { code: "UNAUTHENTICATED" } }] });
    await expect(refreshSession()).resolves.toBe(false);
    expect(getAccessToken()).toBeNull();
  });

  it("rejects with NETWORK when the server cannot be reached (the session may still be valid)", async () => {
    singletonServer().answer({ RefreshSession: [offline()] });
    await expect(refreshSession()).rejects.toMatchObject({ code: "NETWORK" });
  });

  it("as the app plugs it in: an expired token is refreshed once and the query retried; a lost session ends", async () => {
    const server = singletonServer();
    const expired = jest.fn(() => clearSession());
    configureSessionRecovery(() => refreshSession().catch(() => false), expired);
    setAccessToken("old");
    server.answer({
      MyAccounts: [{ refusal: { code: "UNAUTHENTICATED" } }, { data: { me: null } }],
      RefreshSession: [refreshed("token-2")],
    });
    await expect(
      apolloClient.query({ query: MyAccountsQuery, fetchPolicy: "network-only" }),
    ).resolves.toMatchObject({ data: { me: null } });
    expect(server.named("MyAccounts").map((sent) => sent.headers.authorization)).toEqual([
      "Bearer old",
      "Bearer token-2",
    ]);
    expect(expired).not.toHaveBeenCalled();

    server.answer({
      MyAccounts: [{ refusal: { code: "UNAUTHENTICATED" } }],
      RefreshSession: [{ refusal: { code: "UNAUTHENTICATED" } }],
    });
    await expect(
      apolloClient.query({ query: MyAccountsQuery, fetchPolicy: "network-only" }),
    ).rejects.toBeDefined();
    expect(expired).toHaveBeenCalledTimes(1);
    expect(useSession().user.value).toBeNull();
    expect(getAccessToken()).toBeNull();
  });

  it("logs in with the address trimmed, never recovering, and keeps nothing without «Запомнить меня»", async () => {
    const server = singletonServer();
    server.answer({ Login: [loggedIn()] });
    await login(" a@b.kz ", "secret-password", false);
    expect(server.named("Login")[0].variables).toEqual({
      input: { email: "a@b.kz", password: "secret-password", rememberMe: false },
    });
    expect(server.named("Login")[0].context.recover).toBe(false);
    expect(getAccessToken()).toBe("token-1");
    expect(useSession().isLoggedIn.value).toBe(true);
    await settle();
    expect(kept.size).toBe(0);
    expect(localStorage.getItem("gas.remembered")).toBeNull();
  });

  it("with «Запомнить меня» keeps who is logged in on the phone, never the token", async () => {
    singletonServer().answer({ Login: [loggedIn("secret-token")] });
    await login("a@b.kz", "secret-password", true);
    await settle();
    expect(localStorage.getItem("gas.remembered")).toBe("1");
    expect(kept.get("gas.session")).toMatchObject({ user: { email: "a@b.kz" } });
    expect(JSON.stringify([...kept.values()])).not.toContain("secret-token");
  });

  it("refuses a wrong password with its code", async () => {
    singletonServer().answer({ Login: [{ refusal: { code: "INVALID_CREDENTIALS" } }] });
    const code = await login("a@b.kz", "wrong", false).then(
      () => "logged in",
      (error: unknown) => toFailure(error).code,
    );
    expect(code).toBe("INVALID_CREDENTIALS");
    expect(useSession().isLoggedIn.value).toBe(false);
  });

  it("logout ends the session on the server and forgets everything here", async () => {
    const server = singletonServer();
    server.answer({ RefreshSession: [refreshed()], Logout: [{ data: { logout: true } }] });
    await refreshSession();
    queueReading({ meterId: "m1", value: "1", idempotencyKey: "k-1" });
    await logout();
    expect(server.named("Logout")).toHaveLength(1);
    expect(getAccessToken()).toBeNull();
    expect(useSession().user.value).toBeNull();
    expect(useOfflineReadings().pending.value).toEqual([]);
    expect(localStorage.getItem("gas.logoutPending")).toBeNull();
  });

  it("a logout forgets this subscriber's kept readings, not another's on a shared phone", async () => {
    const server = singletonServer();
    server.answer({ RefreshSession: [refreshed()], Logout: [{ data: { logout: true } }] });
    await refreshSession();
    queueReading({ meterId: "m1", value: "1", idempotencyKey: "k-1", userId: "u1" });
    queueReading({ meterId: "m9", value: "9", idempotencyKey: "k-9", userId: "u9" });
    await logout();
    expect(useOfflineReadings().pending.value).toMatchObject([{ idempotencyKey: "k-9" }]);
    useOfflineReadings().forgetPendingReadings();
  });

  it("a logout with no signal forgets at once, and no refresh revives the session until it reaches the server", async () => {
    const server = singletonServer();
    server.answer({ RefreshSession: [refreshed(), refreshed()], Logout: [offline()] });
    await refreshSession();
    await logout();
    expect(useSession().user.value).toBeNull();
    expect(localStorage.getItem("gas.logoutPending")).toBe("1");
    await expect(refreshSession()).resolves.toBe(false);
    expect(server.named("RefreshSession")).toHaveLength(1);
  });

  it("back online, a session that could not be checked offline resumes; with none, nothing is asked", async () => {
    const server = singletonServer();
    server.answer({ RefreshSession: [refreshed()] });
    await reconnect();
    expect(server.named("RefreshSession")).toHaveLength(0);
    // Not remembered, the tab reloaded with no signal: the cookie could not be tried.
    localStorage.setItem("gas.hadSession", "1");
    await reconnect();
    expect(server.named("RefreshSession")).toHaveLength(1);
    expect(useSession().user.value?.email).toBe("a@b.kz");
    expect(useSession().fromCache.value).toBe(false);
  });

  // Last: restoreSession runs once per page load (module state).
  it("opens a remembered session with no signal from what the phone kept, as of its last sync", async () => {
    localStorage.setItem("gas.remembered", "1");
    kept.set("gas.session", { user, syncedAt: "2026-11-25T10:00:00.000Z" });
    singletonServer().answer({ RefreshSession: [offline()] });
    await restoreSession();
    const { user: shown, fromCache, syncedAt } = useSession();
    expect(shown.value?.email).toBe("a@b.kz");
    expect(fromCache.value).toBe(true);
    expect(syncedAt.value?.toISOString()).toBe("2026-11-25T10:00:00.000Z");
    expect(getAccessToken()).toBeNull();
  });
});
