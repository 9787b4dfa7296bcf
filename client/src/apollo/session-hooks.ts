/**
 * What the data layer asks of the session, plugged in by the app: how to refresh (single-flight),
 * what to do when the session is over, and who wants to know when the server last answered.
 * Kept apart from the links so the first screen's code does not include Apollo.
 */
type Refresher = () => Promise<boolean>;
type Expired = () => void;
type SyncListener = (at: Date) => void;

export const sessionHooks = {
  refresh: (async () => false) as Refresher,
  expired: (() => undefined) as Expired,
  synced: (() => undefined) as SyncListener,
};

export function configureSessionRecovery(refresh: Refresher, expired: Expired): void {
  sessionHooks.refresh = refresh;
  sessionHooks.expired = expired;
}

export function onServerAnswer(listener: SyncListener): void {
  sessionHooks.synced = listener;
}
