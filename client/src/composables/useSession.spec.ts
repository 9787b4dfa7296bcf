import { ApiFailure, hasAccessToken, runQuery, transport } from "../api";
import { MyAccountsQuery } from "../operations/accounts";
import { configureSessionRecovery } from "../api";
import { clearSession, logout, refreshSession, useSession } from "./useSession";

jest.mock("./useLocale", () => ({
  applyLocale: jest.fn().mockResolvedValue(undefined),
  fromApiLanguage: () => "ru",
}));

const user = {
  id: "1",
  email: "a@b.kz",
  lastName: "L",
  firstName: "F",
  phone: "+77011234567",
  personType: "INDIVIDUAL",
  bin: null,
  language: "RU",
  canLinkAccounts: true,
};
const auth = {
  refreshSession: { accessToken: "token-1", expiresAt: "2026-11-26T06:00:00Z", user },
};
const unauthenticated = () =>
  new ApiFailure("UNAUTHENTICATED", undefined, { code: "UNAUTHENTICATED" });

afterEach(() => {
  jest.restoreAllMocks();
  clearSession();
});

describe("session", () => {
  it("refreshes once for concurrent callers (single-flight) and keeps the token in memory only", async () => {
    const mutate = jest.spyOn(transport, "request").mockResolvedValue(auth as never);
    const results = await Promise.all([refreshSession(), refreshSession(), refreshSession()]);
    expect(results).toEqual([true, true, true]);
    expect(mutate).toHaveBeenCalledTimes(1);
    expect(hasAccessToken()).toBe(true);
    expect(useSession().user.value?.email).toBe("a@b.kz");
    expect(JSON.stringify({ ...localStorage })).not.toContain("token-1");
    expect(JSON.stringify({ ...sessionStorage })).not.toContain("token-1");
  });

  it("answers false when there is no session cookie", async () => {
    jest.spyOn(transport, "request").mockRejectedValue(unauthenticated());
    await expect(refreshSession()).resolves.toBe(false);
  });

  it("on UNAUTHENTICATED refreshes once and retries; when that fails, gives up", async () => {
    const refresh = jest.fn().mockResolvedValueOnce(true).mockResolvedValueOnce(false);
    const expired = jest.fn();
    configureSessionRecovery(refresh, expired);
    const query = jest
      .spyOn(transport, "request")
      .mockRejectedValueOnce(unauthenticated())
      .mockResolvedValueOnce({ me: null } as never);
    await expect(runQuery(MyAccountsQuery)).resolves.toEqual({ me: null });
    expect(refresh).toHaveBeenCalledTimes(1);

    query.mockRejectedValueOnce(unauthenticated());
    await expect(runQuery(MyAccountsQuery)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it("logout ends the session on the server and forgets everything here", async () => {
    const mutate = jest
      .spyOn(transport, "request")
      .mockResolvedValueOnce(auth as never)
      .mockResolvedValueOnce({ logout: true } as never);
    await refreshSession();
    expect(hasAccessToken()).toBe(true);
    await logout();
    expect(mutate).toHaveBeenCalledTimes(2);
    expect(hasAccessToken()).toBe(false);
    expect(useSession().user.value).toBeNull();
  });
});
