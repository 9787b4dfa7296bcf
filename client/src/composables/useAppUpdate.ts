import { ref } from "vue";

const waiting = ref<ServiceWorker | null>(null);
const updateReady = ref(false);

function offer(worker: ServiceWorker | null): void {
  if (!worker || !navigator.serviceWorker.controller) return; // first install: nothing to update
  waiting.value = worker;
  updateReady.value = true;
}

/**
 * Registers the service worker (offline shell for every route, installable app). A new version
 * waits until the subscriber chooses to reload: it is offered, never forced mid-form.
 */
export async function registerServiceWorker(): Promise<void> {
  if (!("serviceWorker" in navigator)) return;
  const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
  offer(registration.waiting);
  registration.addEventListener("updatefound", () => {
    const installing = registration.installing;
    installing?.addEventListener("statechange", () => {
      if (installing.state === "installed") offer(installing);
    });
  });
}

export function useAppUpdate() {
  return {
    updateReady,
    applyUpdate(): void {
      const worker = waiting.value;
      if (!worker) return;
      navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), {
        once: true,
      });
      worker.postMessage({ type: "SKIP_WAITING" });
    },
  };
}
