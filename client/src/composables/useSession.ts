import { computed, shallowRef } from "vue";
import { ApiFailure, NETWORK_ERROR, runMutation, setAccessToken, toFailure } from "../api";
import type { UserFieldsFragment } from "../gql/graphql";
import { prepareIntl } from "../intl-prepare";
import { LoginMutation, LogoutMutation, RefreshSessionMutation } from "../operations/session";
import { applyLocale, fromApiLanguage } from "./useLocale";
import { forgetPendingReadings } from "./useOfflineReadings";

const user = shallowRef<UserFieldsFragment | null>(null);
let refreshing: Promise<boolean> | null = null;
let restoring: Promise<void> | null = null;

interface AuthPayload {
  accessToken: string;
  user: UserFieldsFragment;
}

async function acceptSession(payload: AuthPayload): Promise<void> {
  setAccessToken(payload.accessToken);
  user.value = payload.user;
  await applyLocale(fromApiLanguage(payload.user.language));
}

/**
 * Trades the session cookie for a new access token. Single-flight: concurrent callers share
 * one request, so a burst of UNAUTHENTICATED answers rotates the cookie once.
 * Resolves false when there is no session; rejects with NETWORK when the server is unreachable.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const data = await runMutation(RefreshSessionMutation, undefined, { recover: false });
      await acceptSession(data.refreshSession);
      return true;
    } catch (error) {
      const failure = toFailure(error);
      if (failure.code === NETWORK_ERROR || failure.code === "SERVICE_UNAVAILABLE") throw failure;
      return false;
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** Forgets the session in this tab: token and user (nothing else is cached). */
export function clearSession(): void {
  setAccessToken(null);
  user.value = null;
}

/** On load: one attempt to resume the session from the cookie (remember-me). */
export function restoreSession(): Promise<void> {
  restoring ??= refreshSession().then(
    () => undefined,
    () => undefined, // offline: stay anonymous; the pages say there is no connection
  );
  return restoring;
}

export async function login(email: string, password: string, rememberMe: boolean): Promise<void> {
  prepareIntl();
  const data = await runMutation(
    LoginMutation,
    { input: { email: email.trim(), password, rememberMe } },
    { recover: false },
  );
  await acceptSession(data.login);
}

/** Ends the session on the server too; the local state goes even when the server is away. */
export async function logout(): Promise<void> {
  try {
    await runMutation(LogoutMutation, undefined, { recover: false });
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
  } finally {
    clearSession();
    forgetPendingReadings();
  }
}

export function setUser(next: UserFieldsFragment): void {
  user.value = next;
}

export function useSession() {
  return {
    user,
    isLoggedIn: computed(() => user.value !== null),
    login,
    logout,
    refreshSession,
    restoreSession,
    clearSession,
    setUser,
  };
}
