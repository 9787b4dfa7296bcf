import type { NormalizedCacheObject } from "@apollo/client/core";
import { CachePersistor, type PersistentStorage } from "apollo3-cache-persist";
import { del, get, set } from "idb-keyval";
import type { UserFieldsFragment } from "../gql/graphql";
import { apolloClient } from "./client";
import { isRemembered, setRemembered } from "./remembered";

/**
 * The cache kept on the phone (IndexedDB) for a subscriber who chose «Запомнить меня», so the app
 * opens with no signal: their accounts, meters and history as of the last answer, and who they
 * are. Nothing is kept for anyone else, and a logout wipes it.
 */
const CACHE_KEY = "gas.cache";
const SNAPSHOT_KEY = "gas.session";

export interface SessionSnapshot {
  user: UserFieldsFragment;
  /** When the server last answered a query (ISO time): the "as of" of what is shown. */
  syncedAt: string | null;
}

const storage: PersistentStorage<string> = {
  getItem: async (key) => ((await get<string>(key)) ?? null) as string | null,
  setItem: (key, value) => set(key, value),
  removeItem: (key) => del(key),
};

let persistor: CachePersistor<NormalizedCacheObject> | null = null;
function cachePersistor(): CachePersistor<NormalizedCacheObject> {
  if (!persistor) {
    persistor = new CachePersistor({
      cache: apolloClient.cache,
      storage,
      key: CACHE_KEY,
      trigger: "write",
      debounce: 100,
      maxSize: 4 * 1024 * 1024,
    });
    persistor.pause();
    // A phone closes an app without warning: what the debounce still holds is written when the
    // page is hidden (switching apps, locking the screen).
    const kept = persistor;
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden" && isRemembered()) void kept.persist();
    });
  }
  return persistor;
}

/** Loads the kept cache into the client; the kept session, if any. */
export async function restorePersisted(): Promise<SessionSnapshot | null> {
  if (!isRemembered()) return null;
  try {
    const [kept] = await Promise.all([
      get<SessionSnapshot>(SNAPSHOT_KEY),
      cachePersistor().restore(),
    ]);
    snapshot = kept ?? null;
    return snapshot;
  } catch {
    return null; // IndexedDB unavailable (private mode): nothing kept
  }
}

/**
 * The session snapshot as last written. Its writes go one after another, so a later "as of" is
 * never overwritten by an earlier write that finished last.
 */
let snapshot: SessionSnapshot | null = null;
let writing: Promise<void> = Promise.resolve();
function writeSnapshot(next: SessionSnapshot | null): Promise<void> {
  snapshot = next;
  writing = writing
    .then(() => (next ? set(SNAPSHOT_KEY, next) : del(SNAPSHOT_KEY)))
    .catch(() => undefined);
  return writing;
}
const later = (a: string | null, b: string | null) => (a && b ? (a > b ? a : b) : (a ?? b));

/** From now on every write of the cache is kept, with who is logged in. */
export async function keepPersisted(
  user: UserFieldsFragment,
  syncedAt: Date | null,
): Promise<void> {
  try {
    setRemembered(true);
    cachePersistor().resume();
    const at = later(snapshot?.syncedAt ?? null, syncedAt?.toISOString() ?? null);
    await Promise.all([writeSnapshot({ user, syncedAt: at }), cachePersistor().persist()]);
  } catch {
    // Storage refused: the app works, only not offline from a cold start.
  }
}

export async function noteSynced(at: Date): Promise<void> {
  if (!isRemembered() || !snapshot) return;
  await writeSnapshot({ ...snapshot, syncedAt: later(snapshot.syncedAt, at.toISOString()) });
}

/** Nothing kept any more: the cache, the session snapshot and the choice itself. */
export async function wipePersisted(): Promise<void> {
  // Nothing was kept unless the subscriber chose to be remembered: IndexedDB is not opened
  // (opening it creates the database).
  if (!isRemembered()) return;
  setRemembered(false);
  const kept = cachePersistor();
  kept.pause();
  await Promise.all([kept.purge(), writeSnapshot(null)]).catch(() => undefined);
}
