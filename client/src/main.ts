import { createApp, watch } from "vue";
import type { Router } from "vue-router";
import App from "./App.vue";
import { configureSessionRecovery } from "./api";
import { listenForInstallPrompt } from "./composables/useInstallPrompt";
import { sendPendingWhenOnline } from "./composables/useOfflineReadings";
import { applyLocale, initialLocale } from "./composables/useLocale";
import { clearSession, refreshSession, restoreSession, useSession } from "./composables/useSession";
import { i18n } from "./i18n";
import { prepareIntl } from "./intl-prepare";
import { createAppRouter, preloadPage } from "./router";
import "./styles.css";

listenForInstallPrompt();
sendPendingWhenOnline();

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
  const { requiresAuth, guestOnly, prefetch } = target.meta;
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
  }
  // The session check is on its way; the other requests start in a task of their own.
  await nextTask();
  const locale = initialLocale();
  // Dates and amounts: ICU is set up in a worker while the first screen's data travels.
  if (requiresAuth) {
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
  await nextTask();
  app.use(appRouter);
  await nextTask();
  app.mount("#app");
}

// The service worker (offline shell, installable app) once the page has loaded: its precache
// downloads never compete with the first screen.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => undefined);
  });
}

// In a task of its own: evaluating the app's code and starting the first screen's requests
// are two shorter tasks rather than one long one that keeps a slow phone busy.
setTimeout(() => void start(), 0);
