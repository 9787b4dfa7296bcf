import { ref } from "vue";
import { toFailure } from "../apollo/failure";
import { loadDataLayer } from "../apollo/load";
import { AGAIN_LATER, markKept, type KeptReason } from "./kept-reason";

/**
 * Readings typed with no signal (a basement, a stairwell): kept on the phone and sent when the
 * connection returns, with the idempotency key of the first attempt, so a sending whose answer
 * was lost is never counted twice. What happened to each is announced on whatever screen is open.
 */
export interface PendingReading {
  meterId: string;
  value: string;
  idempotencyKey: string;
  savedAt: string;
  /**
   * Who queued it: sent only in their session. On a shared phone another subscriber's login
   * neither sends it (refused, it would be lost) nor is told of it. Absent on readings kept
   * before it was recorded: sent by whoever logs in, as then.
   */
  userId?: string;
  /** Why it waits, as the subscriber was told (absent on readings kept before: no signal). */
  reason?: KeptReason;
}

export interface RefusedReading extends PendingReading {
  code: string;
  /** For READING_BELOW_PREVIOUS: the lowest value the server would take. */
  minimumValue?: string;
}

export interface DeliveredReading extends PendingReading {
  /** The month the server counted it in. */
  period: string;
}

const STORAGE_KEY = "gas.pendingReadings";

function read(): PendingReading[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]");
    return Array.isArray(parsed) ? (parsed as PendingReading[]) : [];
  } catch {
    return [];
  }
}

const pending = ref<PendingReading[]>(read());
const refused = ref<RefusedReading[]>([]);
const delivered = ref<DeliveredReading[]>([]);
let flushing: Promise<number> | null = null;

function save(next: PendingReading[]): void {
  pending.value = next;
  try {
    if (next.length === 0) localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  } catch {
    // Storage full or disabled: the reading stays in memory for this visit.
  }
}

export function queueReading(reading: Omit<PendingReading, "savedAt">): void {
  const others = pending.value.filter((item) => item.meterId !== reading.meterId);
  save([...others, { ...reading, savedAt: new Date().toISOString() }]);
}

/** Readings this subscriber may send and be told of. */
export const queuedBy = (userId: string | undefined) => (item: PendingReading) =>
  item.userId === undefined || item.userId === userId;

/** Sends what this subscriber queued; returns how many went through. One flush at a time. */
export function flushPendingReadings(userId: string): Promise<number> {
  flushing ??= (async () => {
    let sent = 0;
    const { apolloClient, SubmitReadingMutation } = await loadDataLayer();
    /** A refusal means the meter's window or minimum moved on the server: shown after the flush. */
    let movedOnServer = false;
    for (const item of pending.value.filter(queuedBy(userId))) {
      try {
        const { data } = await apolloClient.mutate({
          mutation: SubmitReadingMutation,
          variables: {
            input: {
              meterId: item.meterId,
              value: item.value,
              idempotencyKey: item.idempotencyKey,
            },
          },
        });
        sent += 1;
        if (data)
          delivered.value = [...delivered.value, { ...item, period: data.submitReading.period }];
      } catch (error) {
        const failure = toFailure(error);
        // Not stored, or not known to be: sent again later with the same key.
        if (AGAIN_LATER.has(failure.code)) {
          save(markKept(pending.value, item, failure.code));
          break;
        }
        const minimumValue = failure.extensions.minimumValue;
        refused.value = [
          ...refused.value,
          {
            ...item,
            code: failure.code,
            minimumValue: typeof minimumValue === "string" ? minimumValue : undefined,
          },
        ];
        movedOnServer = true;
      }
      save(pending.value.filter((other) => other.idempotencyKey !== item.idempotencyKey));
    }
    if (movedOnServer) void apolloClient.reFetchObservableQueries();
    return sent;
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

/**
 * Forgets kept readings: a subscriber's (a logout; with those kept before readings had an owner),
 * or with no one named, all of them.
 */
export function forgetPendingReadings(userId?: string): void {
  save(userId === undefined ? [] : pending.value.filter((item) => !queuedBy(userId)(item)));
  refused.value = [];
  delivered.value = [];
}

export function dismissOutcome(idempotencyKey: string): void {
  refused.value = refused.value.filter((item) => item.idempotencyKey !== idempotencyKey);
  delivered.value = delivered.value.filter((item) => item.idempotencyKey !== idempotencyKey);
}

export function useOfflineReadings() {
  return {
    pending,
    refused,
    delivered,
    queueReading,
    flushPendingReadings,
    forgetPendingReadings,
    dismissOutcome,
  };
}
