import { createI18n } from "vue-i18n";

export const LOCALES = ["ru", "kk", "en"] as const;
export type AppLocale = (typeof LOCALES)[number];

export const isAppLocale = (value: unknown): value is AppLocale =>
  typeof value === "string" && (LOCALES as readonly string[]).includes(value);

/** BCP 47 tags for Intl: the app's locale plus the country whose conventions it follows. */
export const INTL_TAGS: Record<AppLocale, string> = { ru: "ru-RU", kk: "kk-KZ", en: "en-GB" };

/**
 * One lazy chunk per language: only the current one is downloaded. In the build the JSON
 * arrives precompiled by @intlify/unplugin-vue-i18n, so no message compiler is shipped.
 */
const loaders: Record<AppLocale, () => Promise<{ default: unknown }>> = {
  ru: () => import("./locales/ru.json"),
  kk: () => import("./locales/kk.json"),
  en: () => import("./locales/en.json"),
};

/** Made on first use: the first Intl object sets up ICU, which the login screen never needs. */
let russianRules: Intl.PluralRules | null = null;

/** Russian messages list three forms, "one | few | many" (1 показание, 2 показания, 5 показаний). */
export function russianPluralIndex(choice: number, choicesLength: number): number {
  if (choicesLength < 3) return choice === 1 ? 0 : 1;
  russianRules ??= new Intl.PluralRules("ru");
  const form = russianRules.select(Math.abs(choice));
  return form === "one" ? 0 : form === "few" ? 1 : 2;
}

export const i18n = createI18n({
  legacy: false,
  locale: "ru",
  fallbackLocale: false,
  messages: {},
  missingWarn: false,
  fallbackWarn: false,
  // English keeps vue-i18n's default rule (one | other). Kazakh nouns do not change after a
  // numeral: one form.
  pluralRules: { ru: russianPluralIndex, kk: () => 0 },
});

export async function loadLocaleMessages(locale: AppLocale): Promise<void> {
  if (i18n.global.availableLocales.includes(locale)) return;
  const messages = await loaders[locale]();
  i18n.global.setLocaleMessage(locale, messages.default as never);
}
