import { computed, ref, shallowRef } from "vue";

interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: "accepted" | "dismissed" }>;
}

const deferredPrompt = shallowRef<BeforeInstallPromptEvent | null>(null);
const installed = ref(false);
/** Set after registration and after login: the next screen offers the home-screen shortcut. */
const offerPending = ref(false);

/** Called once at start-up, before the browser fires the event. */
export function listenForInstallPrompt(): void {
  window.addEventListener("beforeinstallprompt", (event) => {
    event.preventDefault();
    deferredPrompt.value = event as BeforeInstallPromptEvent;
  });
  window.addEventListener("appinstalled", () => {
    installed.value = true;
    deferredPrompt.value = null;
  });
}

function isStandalone(): boolean {
  const nav = navigator as Navigator & { standalone?: boolean };
  return nav.standalone === true || window.matchMedia?.("(display-mode: standalone)").matches;
}

function isIosSafari(): boolean {
  const ua = navigator.userAgent;
  return /iPhone|iPad|iPod/.test(ua) && /Safari/.test(ua) && !/CriOS|FxiOS/.test(ua);
}

export function useInstallPrompt() {
  const canPrompt = computed(() => deferredPrompt.value !== null);
  const alreadyInstalled = computed(() => installed.value || isStandalone());

  async function install(): Promise<void> {
    const event = deferredPrompt.value;
    if (!event) return;
    await event.prompt();
    const choice = await event.userChoice;
    deferredPrompt.value = null;
    if (choice.outcome === "accepted") installed.value = true;
    offerPending.value = false;
  }

  return {
    canPrompt,
    alreadyInstalled,
    isIos: isIosSafari(),
    offerPending,
    install,
    dismiss: () => {
      offerPending.value = false;
    },
  };
}
