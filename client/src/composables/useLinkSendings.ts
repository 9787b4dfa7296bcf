import { ref } from "vue";
import { toFailure } from "../apollo/failure";
import type { SubmitReadingByLinkMutation as Answer } from "../gql/graphql";
import { SubmitReadingByLinkMutation } from "../components/submit-link/submit-link.operations";
import { AGAIN_LATER, markKept, type KeptReason } from "./kept-reason";

/**
 * Readings typed on a reminder's link page that did not go (no signal, no confirmation, a busy
 * server): kept on the phone with the key of the first attempt and sent again by themselves, as
 * the readings screen does, so a sending whose answer was lost never counts twice. The token is
 * kept with it (it is what sends) and dropped once the server has answered.
 */
export interface LinkSending {
  token: string;
  value: string;
  idempotencyKey: string;
  /** Why it waits, as the subscriber was told (absent on sendings kept before: no signal). */
  reason?: KeptReason;
}

export type LinkSent = Answer["submitReadingByLink"];

export interface LinkOutcome {
  token: string;
  idempotencyKey: string;
  value: string;
  sent?: LinkSent;
  code?: string;
  minimumValue?: string;
}

const STORAGE_KEY = "gas.pendingLinkReadings";

function read(): LinkSending[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]");
    return Array.isArray(parsed) ? (parsed as LinkSending[]) : [];
  } catch {
    return [];
  }
}

const pending = ref<LinkSending[]>(read());
const outcomes = ref<LinkOutcome[]>([]);
let flushing: Promise<void> | null = null;

function save(next: LinkSending[]): void {
  pending.value = next;
  try {
    if (next.length === 0) localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  } catch {
    // Storage full or disabled: the reading stays in memory for this visit.
  }
}

/**
 * The app's links alone, without Apollo Client and its cache (the data layer): the link page
 * asks one question and sends one reading, and stays as light as the login screen.
 */
export const linkSender = async () => (await import("../apollo/session-link")).sendThroughLinks;

/** Sends a reading through the link; the failure is the app's (`ApiFailure`). */
export async function sendByLink(sending: LinkSending): Promise<LinkSent> {
  const send = await linkSender();
  // The contract's input only, not what the phone notes for itself (`reason`).
  const { token, value, idempotencyKey } = sending;
  const input = { token, value, idempotencyKey };
  // No session here: an UNAUTHENTICATED is not a reason to refresh one.
  const data = await send(SubmitReadingByLinkMutation, { input }, { recover: false });
  return data.submitReadingByLink;
}

/** Keeps a sending (one per link: a newer value replaces the older) for the connection. */
export function queueLinkSending(sending: LinkSending): void {
  save([...pending.value.filter((item) => item.token !== sending.token), sending]);
}

/** Sends what waits, one flush at a time; what the server answered is in `outcomes`. */
export function flushLinkSendings(): Promise<void> {
  flushing ??= (async () => {
    for (const item of [...pending.value]) {
      let outcome: LinkOutcome;
      try {
        outcome = { ...item, sent: await sendByLink(item) };
      } catch (error) {
        const failure = toFailure(error);
        if (AGAIN_LATER.has(failure.code)) {
          save(markKept(pending.value, item, failure.code));
          break;
        }
        const minimum = failure.extensions.minimumValue;
        outcome = {
          ...item,
          code: failure.code,
          minimumValue: typeof minimum === "string" ? minimum : undefined,
        };
      }
      outcomes.value = [...outcomes.value, outcome];
      save(pending.value.filter((other) => other.idempotencyKey !== item.idempotencyKey));
    }
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

export function useLinkSendings() {
  return { pending, outcomes, queueLinkSending, flushLinkSendings, sendByLink };
}
