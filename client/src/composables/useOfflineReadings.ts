import { ref } from "vue";
import { ApiFailure, NETWORK_ERROR, runMutation, toFailure } from "../api";
import { SubmitReadingMutation } from "../operations/readings";

/**
 * Readings typed with no signal (a basement, a stairwell): kept on the phone and sent when the
 * connection returns, with the idempotency key of the first attempt, so a sending whose answer
 * was lost is never counted twice.
 */
export interface PendingReading {
  meterId: string;
  value: string;
  idempotencyKey: string;
  savedAt: string;
}

export interface RefusedReading extends PendingReading {
  code: string;
  /** For READING_BELOW_PREVIOUS: the lowest value the server would take. */
  minimumValue?: string;
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

/** Sends what waits; returns how many went through. One flush at a time. */
export function flushPendingReadings(): Promise<number> {
  flushing ??= (async () => {
    let sent = 0;
    for (const item of [...pending.value]) {
      try {
        await runMutation(SubmitReadingMutation, {
          input: { meterId: item.meterId, value: item.value, idempotencyKey: item.idempotencyKey },
        });
        sent += 1;
      } catch (error) {
        const failure = toFailure(error);
        if (failure.code === NETWORK_ERROR || failure.code === "SERVICE_UNAVAILABLE") break;
        if (failure.code === "UNAUTHENTICATED") break; // sent after the next login
        if (failure instanceof ApiFailure) {
          const minimumValue = failure.extensions.minimumValue;
          refused.value = [
            ...refused.value,
            {
              ...item,
              code: failure.code,
              minimumValue: typeof minimumValue === "string" ? minimumValue : undefined,
            },
          ];
        }
      }
      save(pending.value.filter((other) => other.idempotencyKey !== item.idempotencyKey));
    }
    return sent;
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

export function forgetPendingReadings(): void {
  save([]);
  refused.value = [];
}

let listening = false;
/** Sends the queue whenever the browser comes back online. */
export function sendPendingWhenOnline(): void {
  if (listening) return;
  listening = true;
  window.addEventListener("online", () => void flushPendingReadings());
}

export function useOfflineReadings() {
  return { pending, refused, queueReading, flushPendingReadings, forgetPendingReadings };
}
