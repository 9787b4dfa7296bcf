/**
 * This browser's side of web push: whether it can, its service worker's push subscription, and
 * the permission prompt (asked only from the Settings switch, never on a first visit).
 */
export function browserPushSupported(): boolean {
  return (
    typeof navigator !== "undefined" &&
    "serviceWorker" in navigator &&
    typeof window !== "undefined" &&
    "PushManager" in window &&
    "Notification" in window
  );
}

async function registration(): Promise<ServiceWorkerRegistration | undefined> {
  return navigator.serviceWorker.getRegistration("/");
}

/** This browser's subscription, when it has one and notifications are still allowed. */
export async function browserSubscription(): Promise<PushSubscription | null> {
  if (!browserPushSupported() || Notification.permission !== "granted") return null;
  return (await (await registration())?.pushManager.getSubscription()) ?? null;
}

/**
 * Asks for the permission, then subscribes with the server's key. Null when the subscriber
 * refuses or the browser has no service worker yet.
 */
export async function subscribeBrowser(publicKey: string): Promise<PushSubscription | null> {
  if ((await Notification.requestPermission()) !== "granted") return null;
  const ready = await registration();
  if (!ready) return null;
  return ready.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: fromBase64url(publicKey),
  });
}

/** At logout: this browser's subscription ends with the session (the server drops its copy). */
export async function forgetBrowserPush(): Promise<void> {
  try {
    await (await browserSubscription())?.unsubscribe();
  } catch {
    // Nothing to undo: the server no longer sends to it either.
  }
}

function fromBase64url(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
