import type { AppLocale } from "./i18n";

/** The language menu's short names, each in its own language. */
export const LANGUAGE_SHORT: Record<AppLocale, string> = { ru: "РУС", kk: "ҚАЗ", en: "ENG" };
/** Full names: what a screen reader says for the short ones. */
export const LANGUAGE_NAMES: Record<AppLocale, string> = {
  ru: "Русский",
  kk: "Қазақша",
  en: "English",
};
