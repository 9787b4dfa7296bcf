import { singletonServer } from "../test/apollo";
import { meterFields, page, reading, submissionWindow, submitted } from "../test/fixtures";
import { offline } from "../test/scripted-link";
import {
  dismissOutcome,
  flushPendingReadings,
  forgetPendingReadings,
  queueReading,
  useOfflineReadings,
} from "./useOfflineReadings";

// The outbox sends through the app's one client: a scripted one here.
jest.mock("../apollo/client", () =>
  jest.requireActual("../test/apollo-singleton").scriptedSingleton(),
);
jest.mock("../apollo/session-link", () =>
  jest.requireActual("../test/apollo-singleton").scriptedSessionLink(),
);
jest.mock("idb-keyval", () => jest.requireActual("../test/idb-memory"));

const STORAGE_KEY = "gas.pendingReadings";
/** The server counted the reading in December: the announcement says so, not the phone's guess. */
const delivered = (id: string, value: string, period = "2026-12") => {
  const sent = reading(id, value, period, "SUBSCRIBER", false, `${period}-01T05:00:00.000Z`);
  return {
    data: submitted(
      sent,
      meterFields("m1", submissionWindow(1, value, null, period), page([sent], 1)),
    ),
  };
};

beforeEach(() => {
  forgetPendingReadings();
  singletonServer().answer({});
});

describe("readings kept offline", () => {
  it("keeps a reading on the phone, one per meter (a newer value replaces the older)", () => {
    const { pending } = useOfflineReadings();
    queueReading({ meterId: "m1", value: "5027,5", idempotencyKey: "k-1" });
    queueReading({ meterId: "m2", value: "10", idempotencyKey: "k-2" });
    queueReading({ meterId: "m1", value: "5028", idempotencyKey: "k-3" });
    expect(pending.value.map((item) => [item.meterId, item.value, item.idempotencyKey])).toEqual([
      ["m2", "10", "k-2"],
      ["m1", "5028", "k-3"],
    ]);
    expect(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]")).toHaveLength(2);
  });

  it("sends each with the key of its first attempt and announces the month the server counted", async () => {
    const server = singletonServer();
    server.answer({ SubmitReading: [delivered("r9", "5027.5")] });
    queueReading({ meterId: "m1", value: "5027,5", idempotencyKey: "k-1" });
    await expect(flushPendingReadings("u1")).resolves.toBe(1);
    expect(server.named("SubmitReading").map((sent) => sent.variables)).toEqual([
      { input: { meterId: "m1", value: "5027,5", idempotencyKey: "k-1" } },
    ]);
    const outbox = useOfflineReadings();
    expect(outbox.delivered.value).toMatchObject([
      { meterId: "m1", value: "5027,5", idempotencyKey: "k-1", period: "2026-12" },
    ]);
    expect(outbox.pending.value).toEqual([]);
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
    dismissOutcome("k-1");
    expect(outbox.delivered.value).toEqual([]);
  });

  it("records a refusal with its code, takes it off the queue, and goes on with the others", async () => {
    const server = singletonServer();
    server.answer({
      SubmitReading: [
        { refusal: { code: "MONTHLY_LIMIT_REACHED", field: "value" } },
        { refusal: { code: "READING_BELOW_PREVIOUS", field: "value", minimumValue: "20.5" } },
        delivered("r9", "30", "2026-11"),
      ],
    });
    queueReading({ meterId: "m1", value: "5030", idempotencyKey: "k-1" });
    queueReading({ meterId: "m2", value: "20", idempotencyKey: "k-2" });
    queueReading({ meterId: "m3", value: "30", idempotencyKey: "k-3" });
    await expect(flushPendingReadings("u1")).resolves.toBe(1);
    const { refused, pending, delivered: announced } = useOfflineReadings();
    expect(refused.value).toMatchObject([
      { meterId: "m1", value: "5030", idempotencyKey: "k-1", code: "MONTHLY_LIMIT_REACHED" },
      {
        meterId: "m2",
        idempotencyKey: "k-2",
        code: "READING_BELOW_PREVIOUS",
        minimumValue: "20.5",
      },
    ]);
    expect(refused.value[0].minimumValue).toBeUndefined();
    expect(announced.value).toMatchObject([{ idempotencyKey: "k-3", period: "2026-11" }]);
    expect(pending.value).toEqual([]);
    expect(server.named("SubmitReading")).toHaveLength(3);
  });

  it("sends only what this subscriber queued: another's waits for them, untold (a shared phone)", async () => {
    const server = singletonServer();
    server.answer({ SubmitReading: [delivered("r8", "10"), delivered("r9", "20")] });
    queueReading({ meterId: "m1", value: "10", idempotencyKey: "k-1", userId: "u1" });
    queueReading({ meterId: "m2", value: "20", idempotencyKey: "k-2", userId: "u2" });
    await expect(flushPendingReadings("u2")).resolves.toBe(1);
    expect(server.named("SubmitReading").map((sent) => sent.variables)).toEqual([
      { input: { meterId: "m2", value: "20", idempotencyKey: "k-2" } },
    ]);
    const { pending, delivered: announced } = useOfflineReadings();
    expect(announced.value).toMatchObject([{ idempotencyKey: "k-2" }]);
    expect(pending.value).toMatchObject([{ idempotencyKey: "k-1", userId: "u1" }]);
    expect(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]")).toMatchObject([
      { idempotencyKey: "k-1", userId: "u1" },
    ]);
    await expect(flushPendingReadings("u1")).resolves.toBe(1);
    expect(pending.value).toEqual([]);
  });

  it("stops at NETWORK and keeps the queue for the next connection", async () => {
    const server = singletonServer();
    server.answer({ SubmitReading: [offline()] });
    queueReading({ meterId: "m1", value: "5027,5", idempotencyKey: "k-1" });
    queueReading({ meterId: "m2", value: "10", idempotencyKey: "k-2" });
    await expect(flushPendingReadings("u1")).resolves.toBe(0);
    const { pending, refused, delivered: announced } = useOfflineReadings();
    expect(pending.value.map((item) => item.idempotencyKey)).toEqual(["k-1", "k-2"]);
    expect(localStorage.getItem(STORAGE_KEY)).toContain("k-1");
    expect(refused.value).toEqual([]);
    expect(announced.value).toEqual([]);
    expect(server.named("SubmitReading")).toHaveLength(1); // the second was not tried

    // The connection returns: the same keys go out.
    server.answer({ SubmitReading: [delivered("r9", "5027.5"), delivered("r10", "10")] });
    await expect(flushPendingReadings("u1")).resolves.toBe(2);
    expect(server.named("SubmitReading").map((sent) => sent.variables)).toMatchObject([
      { input: { idempotencyKey: "k-1" } },
      { input: { idempotencyKey: "k-2" } },
    ]);
    expect(pending.value).toEqual([]);
  });

  it.each([
    ["SERVICE_UNAVAILABLE", "busy"],
    ["RATE_LIMITED", "offline"],
    ["OUTCOME_UNKNOWN", "unconfirmed"],
  ])(
    "keeps the queue on %s too (not the reading's fault), its notice saying %s",
    async (code, reason) => {
      singletonServer().answer({ SubmitReading: [{ refusal: { code } }] });
      queueReading({ meterId: "m1", value: "5027,5", idempotencyKey: "k-1", reason: "offline" });
      await expect(flushPendingReadings("u1")).resolves.toBe(0);
      const { pending, refused } = useOfflineReadings();
      expect(pending.value).toMatchObject([{ idempotencyKey: "k-1", reason }]);
      expect(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]")).toMatchObject([{ reason }]);
      expect(refused.value).toEqual([]);
    },
  );

  it("flushes one at a time: a second call while sending shares the first", async () => {
    const server = singletonServer();
    server.answer({ SubmitReading: [delivered("r9", "5027.5")] });
    queueReading({ meterId: "m1", value: "5027,5", idempotencyKey: "k-1" });
    const [first, second] = await Promise.all([
      flushPendingReadings("u1"),
      flushPendingReadings("u1"),
    ]);
    expect([first, second]).toEqual([1, 1]);
    expect(server.named("SubmitReading")).toHaveLength(1);
  });

  it("forgets everything at logout", async () => {
    singletonServer().answer({ SubmitReading: [{ refusal: { code: "METER_REMOVED" } }] });
    queueReading({ meterId: "m1", value: "1", idempotencyKey: "k-1" });
    await flushPendingReadings("u1");
    queueReading({ meterId: "m2", value: "2", idempotencyKey: "k-2" });
    forgetPendingReadings();
    const { pending, refused } = useOfflineReadings();
    expect(pending.value).toEqual([]);
    expect(refused.value).toEqual([]);
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
  });
});
