import { isAppLocale, type AppLocale } from "./i18n";

/**
 * The token of a reminder's one-tap link, and the language of its e-mail: both travel in the
 * fragment (`/submit#token=…&lang=kk`), which reaches no server and no Referer.
 */
export interface LinkParams {
  token: string;
  lang: AppLocale | null;
}

export function linkFromFragment(hash: string): LinkParams | null {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const token = params.get("token")?.trim() ?? "";
  if (token === "") return null;
  const lang = params.get("lang");
  return { token, lang: isAppLocale(lang) ? lang : null };
}

/** The language a link asks for, if the address is one (read before the first screen). */
export const linkLocale = (hash: string): AppLocale | null => linkFromFragment(hash)?.lang ?? null;

const TAB_KEY = "gas.submitLink";

/**
 * The link of this tab: taken from the address bar once (the token then leaves the address, its
 * history entry and any screenshot of it) and kept for the tab's life, so a reload still works.
 */
export function takeLink(hash: string): LinkParams | null {
  const fromAddress = linkFromFragment(hash);
  if (fromAddress) {
    try {
      sessionStorage.setItem(TAB_KEY, JSON.stringify(fromAddress));
    } catch {
      // Storage disabled: the link lasts for this page only.
    }
    history.replaceState(history.state, "", location.pathname + location.search);
    return fromAddress;
  }
  try {
    const kept: unknown = JSON.parse(sessionStorage.getItem(TAB_KEY) ?? "null");
    const token = (kept as Partial<LinkParams> | null)?.token;
    return typeof token === "string" && token !== "" ? { token, lang: null } : null;
  } catch {
    return null;
  }
}
