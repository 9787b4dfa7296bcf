import { i18n, INTL_TAGS, type AppLocale } from "./i18n";

/**
 * See prepareIntlFormatters: for the first screen of a logged-in user while its data travels,
 * and for the screen after logging in while the login request does. Where the formatting code
 * cannot load, nothing is lost.
 */
export function prepareIntl(locale = i18n.global.locale.value as AppLocale): void {
  const tag = INTL_TAGS[locale];
  import("./intl-formatters").then(
    ({ prepareIntlFormatters }) => prepareIntlFormatters({ words: tag, number: tag }),
    () => undefined,
  );
}
