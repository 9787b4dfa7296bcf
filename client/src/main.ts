import { createApp, watch } from "vue";
import type { Router } from "vue-router";
import App from "./App.vue";
import { hostDataLayer, loadDataLayer } from "./apollo/load";
import { configureSessionRecovery } from "./apollo/session-hooks";
import { registerServiceWorker } from "./composables/useAppUpdate";
import { listenForInstallPrompt } from "./composables/useInstallPrompt";
import { flushPendingReadings, useOfflineReadings } from "./composables/useOfflineReadings";
import { retryWhileWaiting } from "./composables/retry-while-waiting";
import { applyLocale, initialLocale } from "./composables/useLocale";
import {
  clearSession,
  reconnect,
  refreshSession,
  restoreSession,
  useSession,
} from "./composables/useSession";
import { i18n } from "./i18n";
import { prepareIntl } from "./intl-prepare";
import { createAppRouter, preloadPage, signedInTarget } from "./router";
import "./styles.css";

listenForInstallPrompt();
// Back online: a logout made offline reaches the server, a session shown from the phone (or one
// that could not be checked) resumes, then the readings kept offline are sent (and announced on
// whatever screen is open). A session resumed on the login screen goes where it was.
async function backOnline(): Promise<void> {
  await reconnect();
  const { user } = useSession();
  if (!user.value) return;
  const route = router?.currentRoute.value;
  if (route?.meta.guestOnly) void router?.replace(signedInTarget(route));
  await flushPendingReadings(user.value.id);
}
window.addEventListener("online", () => void backOnline());
// On a weak signal no `online` event comes: while readings wait (anyone's: on the login screen
// the session that would send them is not known yet), or the screen shows the data kept on the
// phone, the connection is tried again now and then.
const { pending } = useOfflineReadings();
retryWhileWaiting(() => pending.value.length > 0 || useSession().fromCache.value, backOnline);

/** Made in start(), in a task of its own. */
let router: Router | null = null;

configureSessionRecovery(
  () => refreshSession().catch(() => false),
  () => {
    clearSession();
    if (router?.currentRoute.value.meta.requiresAuth) void router.push({ name: "login" });
  },
);

const nextTask = () => new Promise<void>((resume) => setTimeout(resume, 0));

/**
 * The first screen, started in several tasks of a few milliseconds each rather than a few long
 * ones: on a slow phone each step is cold code (compiled on its first call), and a long task keeps
 * the screen from answering a tap.
 */
async function start(): Promise<void> {
  const appRouter = (router = createAppRouter());
  await nextTask();
  // The first screen waits for the session check (the router's guard), its messages and its
  // page's code: all are asked for at once, not one round trip after another.
  const path = location.pathname + location.search + location.hash;
  const target = appRouter.resolve(path);
  const { requiresAuth, guestOnly, prefetch, formats } = target.meta;
  if (requiresAuth && prefetch) {
    // A logged-in page's data too, as soon as the session is back (the user's messages may
    // still be loading).
    const stop = watch(
      useSession().user,
      (user) => {
        if (!user) return;
        stop();
        void prefetch(target);
      },
      { flush: "sync" },
    );
    void restoreSession().finally(stop);
  } else if (requiresAuth || guestOnly) {
    void restoreSession();
  } else if (prefetch) {
    // A page without a session (a reminder's link): its question leaves at once.
    void prefetch(target);
  }
  // The session check is on its way; the other requests start in a task of their own.
  await nextTask();
  const locale = initialLocale();
  // Dates and amounts: ICU is set up in a worker while the first screen's data travels.
  if (requiresAuth || formats) {
    prepareIntl(
      locale,
      () => new Worker(new URL("./intl-worker.ts", import.meta.url), { type: "module" }),
    );
  }
  const messages = applyLocale(locale);
  preloadPage(appRouter, path);
  try {
    await messages;
  } catch {
    // The locale chunk did not load (offline on first visit): the shell's message stays.
  }
  // Mounted while the session and the first page's data travel; the page itself is drawn once
  // both are here (the router's guard), and the splash shows until then.
  const app = createApp(App).use(i18n);
  hostDataLayer(app);
  await nextTask();
  app.use(appRouter);
  await nextTask();
  app.mount("#app");
  // Readings kept from an earlier visit go as soon as the session is back.
  const { user, fromCache } = useSession();
  if (navigator.onLine && user.value && !fromCache.value) void flushPendingReadings(user.value.id);
}

// The service worker (offline shell, installable app) once the page has loaded: its precache
// downloads never compete with the first screen.
window.addEventListener("load", () => void registerServiceWorker().catch(() => undefined));

// A visitor's login screen is drawn without the data layer; it loads at the first touch or key,
// while the e-mail is being typed, rather than competing with the first screen.
for (const event of ["pointerdown", "keydown", "focusin"]) {
  window.addEventListener(event, () => void loadDataLayer(), { once: true, passive: true });
}

// In a task of its own: evaluating the app's code and starting the first screen's requests
// are two shorter tasks rather than one long one that keeps a slow phone busy.
setTimeout(() => void start(), 0);
