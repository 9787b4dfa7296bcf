import { computed } from "vue";
import { i18n, INTL_TAGS, isAppLocale, loadLocaleMessages, type AppLocale } from "../i18n";
import { linkLocale } from "../link-fragment";

const STORAGE_KEY = "gas.locale";

function storedLocale(): AppLocale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isAppLocale(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * The language before anything is known: the one an e-mail's link says (a reminder opens in the
 * e-mail's language), else the stored choice, else the browser's, else Russian.
 */
export function initialLocale(): AppLocale {
  const linked = linkLocale(location.hash);
  if (linked) return linked;
  const stored = storedLocale();
  if (stored) return stored;
  const browser = (navigator.language ?? "").slice(0, 2).toLowerCase();
  return isAppLocale(browser) ? browser : "ru";
}

let latestRequest = 0;

/**
 * Switches the UI language: loads its messages, sets `<html lang>`, remembers the choice.
 * The last request wins: the start-up guess and the logged-in user's language load in parallel,
 * and a guess that arrives late must not undo the user's language.
 */
export async function applyLocale(locale: AppLocale): Promise<void> {
  const request = ++latestRequest;
  await loadLocaleMessages(locale);
  if (request !== latestRequest) return;
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode: the choice lasts for this visit only.
  }
}

export const toApiLanguage = (locale: AppLocale) => locale.toUpperCase() as "RU" | "KK" | "EN";
export const fromApiLanguage = (language: string): AppLocale => {
  const locale = language.toLowerCase();
  return isAppLocale(locale) ? locale : "ru";
};

export function useLocale() {
  const locale = computed(() => i18n.global.locale.value as AppLocale);
  const intlTag = computed(() => INTL_TAGS[locale.value]);
  return { locale, intlTag, applyLocale };
}
