import { computed, ref, shallowRef, type WritableComputedRef } from "vue";

interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: "accepted" | "dismissed" }>;
}

const deferredPrompt = shallowRef<BeforeInstallPromptEvent | null>(null);
const installed = ref(false);
/**
 * How often the home-screen offer was shown on this phone and whether it was turned down. It
 * is shown after registration and once more at most (the accounts screen after the first
 * login); «Позже» is final. A subscriber who registered elsewhere never sees it on accounts.
 */
interface OfferRecord {
  shows: number;
  dismissed: boolean;
}
export const OFFER_STORAGE_KEY = "gas.installOffer";
export const MAX_OFFER_SHOWS = 2;

function readRecord(): OfferRecord {
  try {
    const saved = JSON.parse(localStorage.getItem(OFFER_STORAGE_KEY) ?? "null") as unknown;
    if (saved && typeof saved === "object") {
      const { shows, dismissed } = saved as Partial<OfferRecord>;
      return { shows: Number(shows) || 0, dismissed: dismissed === true };
    }
  } catch {
    // Private mode or a broken value: as if never shown.
  }
  return { shows: 0, dismissed: false };
}

function writeRecord(record: OfferRecord): void {
  try {
    localStorage.setItem(OFFER_STORAGE_KEY, JSON.stringify(record));
  } catch {
    // Storage refused (private mode): the offer is then shown after registration only.
  }
}

/** The offer may appear again: shown once (after registration here) and not turned down. */
const mayShowAgain = () => {
  const record = readRecord();
  return !record.dismissed && record.shows > 0 && record.shows < MAX_OFFER_SHOWS;
};

const pending = ref(false);
/**
 * Set by the login: the accounts screen then offers the shortcut, but only the first time after
 * a registration on this phone. Cleared once that screen has shown it.
 */
const offerPending: WritableComputedRef<boolean> = computed({
  get: () => pending.value,
  set: (value) => {
    pending.value = value && mayShowAgain();
  },
});

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
    pending.value = false;
  }

  /** The offer may be drawn now: not turned down, not shown twice already. */
  function mayShow(): boolean {
    const record = readRecord();
    return !record.dismissed && record.shows < MAX_OFFER_SHOWS;
  }

  /** The offer was drawn: counted once per screen it appears on. */
  function recordShown(): void {
    const record = readRecord();
    writeRecord({ ...record, shows: record.shows + 1 });
  }

  return {
    canPrompt,
    alreadyInstalled,
    isIos: isIosSafari(),
    offerPending,
    install,
    mayShow,
    recordShown,
    /** The screen that showed it is left: the next login does not bring it back. */
    consumed: () => {
      pending.value = false;
    },
    /** «Позже»: remembered on this phone, the offer does not come back. */
    dismiss: () => {
      pending.value = false;
      writeRecord({ ...readRecord(), dismissed: true });
    },
  };
}
