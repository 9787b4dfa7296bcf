import { computed, ref, shallowRef } from "vue";
import { setAccessToken } from "../apollo/access-token";
import { NETWORK_ERROR, toFailure } from "../apollo/failure";
import { loadDataLayer, loadSessionLink } from "../apollo/load";
import {
  hadSession,
  isRemembered,
  logoutPending,
  setHadSession,
  setLogoutPending,
} from "../apollo/remembered";
import { onServerAnswer } from "../apollo/session-hooks";
import type { UserFieldsFragment } from "../gql/graphql";
import { prepareIntl } from "../intl-prepare";
import { applyLocale, fromApiLanguage } from "./useLocale";
import { forgetBrowserPush } from "./useBrowserPush";
import { forgetPendingReadings } from "./useOfflineReadings";

const user = shallowRef<UserFieldsFragment | null>(null);
/** The remembered session opened with no connection: data as of `syncedAt`, no access token. */
const fromCache = ref(false);
/** When the server last answered a query. */
const syncedAt = ref<Date | null>(null);
let refreshing: Promise<boolean> | null = null;
let restoring: Promise<void> | null = null;

onServerAnswer((at) => {
  syncedAt.value = at;
  // Only a remembered session keeps its "as of" (and a page without one, as a reminder's link,
  // never loads the data layer for it).
  if (isRemembered()) void loadDataLayer().then((layer) => layer.noteSynced(at));
});

interface AuthPayload {
  accessToken: string;
  user: UserFieldsFragment;
}

async function acceptSession(payload: AuthPayload): Promise<void> {
  setAccessToken(payload.accessToken);
  setHadSession(true);
  user.value = payload.user;
  fromCache.value = false;
  if (isRemembered()) {
    void loadDataLayer().then((layer) => layer.keepPersisted(payload.user, syncedAt.value));
  }
  await applyLocale(fromApiLanguage(payload.user.language));
}

const isUnreachable = (code: string) => code === NETWORK_ERROR || code === "SERVICE_UNAVAILABLE";

/**
 * Trades the session cookie for a new access token. Single-flight: concurrent callers share
 * one request, so a burst of UNAUTHENTICATED answers rotates the cookie once.
 * Resolves false when there is no session; rejects with NETWORK when the server is unreachable.
 * Never after a logout made offline that has not reached the server yet.
 */
export function refreshSession(): Promise<boolean> {
  if (logoutPending()) return Promise.resolve(false);
  refreshing ??= (async () => {
    try {
      // The session lives in this module, not in the cache: it goes through the links alone.
      const { sendThroughLinks, RefreshSessionMutation } = await loadSessionLink();
      const data = await sendThroughLinks(RefreshSessionMutation, {}, { recover: false });
      await acceptSession(data.refreshSession);
      return true;
    } catch (error) {
      const failure = toFailure(error);
      if (isUnreachable(failure.code)) throw failure;
      setHadSession(false);
      return false;
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** Forgets the session on this phone: token, user, cached and kept data. */
export function clearSession(): void {
  setAccessToken(null);
  setHadSession(false);
  user.value = null;
  fromCache.value = false;
  void loadDataLayer().then(async (layer) => {
    await layer.apolloClient.clearStore();
    await layer.wipePersisted();
  });
}

/** A logout made offline reaches the server: the session cookie is spent. */
async function endPendingLogout(): Promise<void> {
  try {
    const { sendThroughLinks, LogoutMutation } = await loadSessionLink();
    await sendThroughLinks(LogoutMutation, {}, { recover: false });
    setLogoutPending(false);
  } catch (error) {
    if (!isUnreachable(toFailure(error).code)) setLogoutPending(false);
  }
}

/**
 * On load: a logout made offline is finished first (and nothing is refreshed); else one attempt
 * to resume the session from the cookie. With no connection, a remembered subscriber gets the
 * data kept on the phone. A phone that has had no session asks nothing.
 */
export function restoreSession(): Promise<void> {
  restoring ??= (async () => {
    if (logoutPending()) return endPendingLogout();
    if (!hadSession() && !isRemembered()) return;
    // The kept cache goes in before any answer is written to the cache, so it never overwrites
    // a fresher one (nor is the fresh one persisted over it half-made).
    const snapshot = isRemembered() ? await (await loadDataLayer()).restorePersisted() : null;
    try {
      const resumed = await refreshSession();
      if (!resumed && isRemembered()) await (await loadDataLayer()).wipePersisted();
    } catch {
      if (snapshot && !user.value) {
        user.value = snapshot.user;
        syncedAt.value = snapshot.syncedAt ? new Date(snapshot.syncedAt) : null;
        fromCache.value = true;
      }
    }
  })();
  return restoring;
}

/**
 * Back online: a pending logout is finished; a session shown from the phone is resumed, and so is
 * one that could not be checked at all (the tab opened or reloaded with no signal, not remembered):
 * its cookie may still be good, and readings kept offline wait for it.
 */
export async function reconnect(): Promise<void> {
  if (logoutPending()) return endPendingLogout();
  if (!fromCache.value) {
    if (!user.value && hadSession()) await refreshSession().catch(() => false);
    return;
  }
  try {
    if (await refreshSession())
      await (await loadDataLayer()).apolloClient.reFetchObservableQueries();
    else clearSession();
  } catch {
    // still unreachable: stay on the kept data
  }
}

export async function login(email: string, password: string, rememberMe: boolean): Promise<void> {
  prepareIntl();
  setLogoutPending(false);
  const { sendThroughLinks, LoginMutation } = await loadSessionLink();
  const data = await sendThroughLinks(
    LoginMutation,
    { input: { email: email.trim(), password, rememberMe } },
    { recover: false },
  );
  const layer = await loadDataLayer();
  if (rememberMe) await layer.keepPersisted(data.login.user, null);
  else await layer.wipePersisted();
  await acceptSession(data.login);
}

/**
 * Ends the session on the server and wipes this phone's copy. With no connection the wipe happens
 * at once and the server session ends when the connection returns; it is never refreshed before.
 */
export async function logout(): Promise<void> {
  try {
    const { sendThroughLinks, LogoutMutation } = await loadSessionLink();
    await sendThroughLinks(LogoutMutation, {}, { recover: false });
  } catch (error) {
    if (isUnreachable(toFailure(error).code)) setLogoutPending(true);
  } finally {
    forgetPendingReadings(user.value?.id);
    void forgetBrowserPush();
    clearSession();
  }
}

export function setUser(next: UserFieldsFragment): void {
  user.value = next;
}

export function useSession() {
  return {
    user,
    fromCache,
    syncedAt,
    isLoggedIn: computed(() => user.value !== null),
    login,
    logout,
    refreshSession,
    restoreSession,
    clearSession,
    setUser,
  };
}
