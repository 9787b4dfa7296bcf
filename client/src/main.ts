import { createApp } from "vue";
import App from "./App.vue";
import { configureSessionRecovery } from "./api";
import { listenForInstallPrompt } from "./composables/useInstallPrompt";
import { sendPendingWhenOnline } from "./composables/useOfflineReadings";
import { applyLocale, initialLocale } from "./composables/useLocale";
import { clearSession, refreshSession } from "./composables/useSession";
import { i18n } from "./i18n";
import { router } from "./router";
import "./styles.css";

listenForInstallPrompt();
sendPendingWhenOnline();

configureSessionRecovery(
  () => refreshSession().catch(() => false),
  () => {
    clearSession();
    if (router.currentRoute.value.meta.requiresAuth) void router.push({ name: "login" });
  },
);

async function start(): Promise<void> {
  try {
    await applyLocale(initialLocale());
  } catch {
    // The locale chunk did not load (offline on first visit): the shell's message stays.
  }
  createApp(App).use(i18n).use(router).mount("#app");
}

void start();
