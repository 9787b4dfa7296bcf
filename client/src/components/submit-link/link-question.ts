// Statically: the links' chunk is then fetched together with this one, not after it.
import { sendThroughLinks } from "../../apollo/session-link";
import type { LinkView } from "./link-view-cache";
import { SubmitLinkQuery } from "./submit-link.operations";

/** An answer this fresh is the page's too: the router asked while the page's code loaded. */
const FRESH_MS = 5_000;
let asked: { token: string; at: number; answer: Promise<LinkView> } | null = null;

/** The link's meter and window, asked once for the router's prefetch and the page together. */
export function askLink(token: string): Promise<LinkView> {
  if (asked && asked.token === token && Date.now() - asked.at < FRESH_MS) return asked.answer;
  // No session here: an UNAUTHENTICATED is not a reason to refresh one.
  const answer = sendThroughLinks(SubmitLinkQuery, { token }, { recover: false }).then(
    (data) => data.submitLink,
  );
  asked = { token, at: Date.now(), answer };
  return answer;
}

/** Asking again (a retry, a window that moved): a new question, not the earlier answer. */
export function forgetAsked(): void {
  asked = null;
}
