import type { SubmitLinkQuery } from "../../gql/graphql";

export type LinkView = SubmitLinkQuery["submitLink"];

/**
 * The last link's page, kept on the phone so that it opens with no signal: under the SHA-256 of
 * its token, never the token itself. One link at a time; the newest replaces it.
 */
const VIEW_KEY = "gas.submitLinkView";

interface Kept {
  key: string;
  view: LinkView;
  savedAt: string;
}

async function keyOf(token: string): Promise<string | null> {
  // Web Crypto exists only in secure contexts (https, localhost): elsewhere nothing is kept.
  if (!globalThis.crypto?.subtle) return null;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

export async function keepView(token: string, view: LinkView): Promise<void> {
  const key = await keyOf(token);
  if (!key) return;
  const kept: Kept = { key, view, savedAt: new Date().toISOString() };
  try {
    localStorage.setItem(VIEW_KEY, JSON.stringify(kept));
  } catch {
    // Storage full or disabled: the page needs the connection next time.
  }
}

export async function keptView(token: string): Promise<{ view: LinkView; savedAt: Date } | null> {
  try {
    const kept = JSON.parse(localStorage.getItem(VIEW_KEY) ?? "null") as Kept | null;
    if (!kept || kept.key !== (await keyOf(token))) return null;
    return { view: kept.view, savedAt: new Date(kept.savedAt) };
  } catch {
    return null;
  }
}

export function forgetView(): void {
  try {
    localStorage.removeItem(VIEW_KEY);
  } catch {
    // nothing kept
  }
}
