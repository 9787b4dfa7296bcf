import { flushPromises } from "@vue/test-utils";
import { apolloClient } from "../../apollo/client";
import { useOfflineReadings } from "../../composables/useOfflineReadings";
import { useSession } from "../../composables/useSession";
import { provideClient, singletonServer } from "../../test/apollo";
import { meterFields, page, reading, submissionWindow, submitted, user } from "../../test/fixtures";
import { mountRu, plain } from "../../test/mount";
import { offline, type Answer } from "../../test/scripted-link";
import ReadingForm from "./ReadingForm.vue";

// The form sends through the client it is given; the outbox (a reading typed with no signal)
// through the app's one client. Both are the same scripted client here.
jest.mock("../../apollo/client", () =>
  jest.requireActual("../../test/apollo-singleton").scriptedSingleton(),
);
jest.mock("../../apollo/session-link", () =>
  jest.requireActual("../../test/apollo-singleton").scriptedSessionLink(),
);
jest.mock("idb-keyval", () => jest.requireActual("../../test/idb-memory"));

const sent = reading("r9", "5027.5", "2026-11", "SUBSCRIBER", false, "2026-11-26T05:00:00.000Z");
const accepted: Answer = {
  data: submitted(
    sent,
    meterFields(
      "m1",
      submissionWindow(1, "5027.5"),
      page([sent, reading("r8", "5017.118", "2026-10")], 2),
    ),
  ),
};

function mountForm(typicalMilli = 0n, remaining = 2) {
  return mountRu(ReadingForm, {
    props: { meterId: "m1", submission: submissionWindow(remaining, "5017.118"), typicalMilli },
    global: { provide: provideClient(apolloClient) },
  });
}
const submissions = () => singletonServer().named("SubmitReading");

beforeEach(() => {
  singletonServer().answer({});
  useOfflineReadings().forgetPendingReadings();
});

describe("ReadingForm", () => {
  it("has a decimal keyboard and shows the allowed minimum", () => {
    const wrapper = mountForm();
    const input = wrapper.get("input");
    expect(input.attributes("inputmode")).toBe("decimal");
    expect(plain(wrapper.text())).toContain("Не меньше предыдущих: 5 017,118 м³");
    expect(wrapper.get("button[type=submit]").text()).toBe("Передать показания");
  });

  it("shows the month's usage exactly as the user types", async () => {
    const wrapper = mountForm();
    await wrapper.get("input").setValue("5 027,5");
    expect(plain(wrapper.text())).toContain("Расход с предыдущих показаний: 10,382 м³");
  });

  it("refuses a value below the previous reading without asking the server, and says why", async () => {
    const wrapper = mountForm();
    await wrapper.get("input").setValue("5000");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(plain(wrapper.get("[role=alert]").text())).toBe(
      "Показания не могут быть меньше предыдущих (5 017,118 м³).",
    );
    expect(wrapper.get("input").attributes("aria-invalid")).toBe("true");
    expect(submissions()).toHaveLength(0);
  });

  it("refuses a malformed number without asking the server", async () => {
    const wrapper = mountForm();
    await wrapper.get("input").setValue("5017.1234");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(plain(wrapper.text())).toContain(
      "Введите показания числом, до трех знаков после запятой",
    );
    expect(submissions()).toHaveLength(0);
  });

  it("sends the value with an idempotency key and reports the sent reading", async () => {
    singletonServer().answer({ SubmitReading: [accepted] });
    const wrapper = mountForm();
    await wrapper.get("input").setValue("5027,5");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    const { input } = submissions()[0].variables as {
      input: { meterId: string; value: string; idempotencyKey: string };
    };
    expect(input).toMatchObject({ meterId: "m1", value: "5027,5" });
    expect(input.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(wrapper.emitted("sent")?.[0]).toEqual([
      expect.objectContaining({ id: "r9", value: "5027.5" }),
    ]);
    expect((wrapper.get("input").element as HTMLInputElement).value).toBe("");
  });

  it("keeps a reading typed with no signal, as its subscriber's, and sends it later with the same key", async () => {
    singletonServer().answer({ SubmitReading: [offline(), accepted] });
    const session = useSession();
    session.setUser(user);
    const wrapper = mountForm();
    await wrapper.get("input").setValue("5027,5");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.emitted("queued")).toHaveLength(1);
    expect(wrapper.find("[role=alert]").exists()).toBe(false); // kept, not refused
    const { pending, delivered, flushPendingReadings } = useOfflineReadings();
    expect(pending.value).toMatchObject([{ meterId: "m1", value: "5027,5", userId: "u1" }]);
    expect(localStorage.getItem("gas.pendingReadings")).toContain("5027,5");
    session.user.value = null;
    await expect(flushPendingReadings("u1")).resolves.toBe(1);
    const [first, second] = submissions().map(
      (item) => (item.variables.input as { idempotencyKey: string }).idempotencyKey,
    );
    expect(second).toBe(first);
    expect(pending.value).toEqual([]);
    expect(delivered.value).toMatchObject([{ idempotencyKey: first, period: "2026-11" }]);
    expect(localStorage.getItem("gas.pendingReadings")).toBeNull();
  });

  it("retries a refused sending of the same value with the same key, a new value with a new one", async () => {
    singletonServer().answer({
      SubmitReading: [{ refusal: { code: "RATE_LIMITED" } }, accepted, accepted],
    });
    const wrapper = mountForm();
    await wrapper.get("input").setValue("5027,5");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    await wrapper.get("input").setValue("5028");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    const keys = submissions().map(
      (item) => (item.variables.input as { idempotencyKey: string }).idempotencyKey,
    );
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[1]);
  });

  it.each([
    ["OUTCOME_UNKNOWN", "unconfirmed"],
    ["SERVICE_UNAVAILABLE", "busy"],
  ])(
    "after %s keeps the reading on the phone (%s) and sends it again by itself with the same key",
    async (code, reason) => {
      singletonServer().answer({ SubmitReading: [{ refusal: { code } }, accepted] });
      useSession().setUser(user);
      const wrapper = mountForm();
      await wrapper.get("input").setValue("5027,5");
      await wrapper.get("form").trigger("submit");
      await flushPromises();
      // Leaving the screen now loses nothing: the reading waits on the phone, not on the form.
      expect(wrapper.emitted("queued")).toHaveLength(1);
      expect(wrapper.find("[role=alert]").exists()).toBe(false);
      const { pending, delivered, flushPendingReadings } = useOfflineReadings();
      expect(pending.value).toMatchObject([{ value: "5027,5", userId: "u1", reason }]);
      wrapper.unmount();
      await expect(flushPendingReadings("u1")).resolves.toBe(1);
      const [first, second] = submissions().map(
        (item) => (item.variables.input as { idempotencyKey: string }).idempotencyKey,
      );
      expect(second).toBe(first);
      expect(delivered.value).toMatchObject([{ idempotencyKey: first }]);
    },
  );

  it("shows the server's refusal beside the field, with the server's minimum", async () => {
    singletonServer().answer({
      SubmitReading: [
        { refusal: { code: "READING_BELOW_PREVIOUS", field: "value", minimumValue: "5030" } },
      ],
    });
    const wrapper = mountForm();
    await wrapper.get("input").setValue("5020");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(plain(wrapper.get("#reading-m1-error").text())).toBe(
      "Показания не могут быть меньше предыдущих (5 030 м³).",
    );
    expect((wrapper.get("input").element as HTMLInputElement).value).toBe("5020"); // kept
    expect(wrapper.emitted("refused")?.[0]).toEqual(["READING_BELOW_PREVIOUS"]);
  });

  it("asks to confirm a usage far above the usual month, and does not refuse it", async () => {
    singletonServer().answer({ SubmitReading: [accepted] });
    const wrapper = mountForm(1000n); // usual month: 1 m³
    await wrapper.get("input").setValue("5030");
    expect(plain(wrapper.text())).toContain("Расход намного больше обычного");
    expect(wrapper.get("button[type=submit]").attributes("disabled")).toBeDefined();
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(submissions()).toHaveLength(0); // not without the confirmation
    await wrapper.get("input[type=checkbox]").setValue(true);
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(submissions()).toHaveLength(1);
  });

  it("tells the page when the month's limit was reached meanwhile", async () => {
    singletonServer().answer({
      SubmitReading: [{ refusal: { code: "MONTHLY_LIMIT_REACHED", field: "value" } }],
    });
    const wrapper = mountForm(0n, 1);
    await wrapper.get("input").setValue("5020");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.emitted("refused")?.[0]).toEqual(["MONTHLY_LIMIT_REACHED"]);
    expect(plain(wrapper.text())).toContain("В этом месяце показания уже отправлены два раза.");
  });

  it("writes the sending's answer to the cache: the meter's window and history", async () => {
    singletonServer().answer({ SubmitReading: [accepted] });
    const wrapper = mountForm();
    await wrapper.get("input").setValue("5027,5");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    const meter = apolloClient.cache.extract()['Meter:{"id":"m1"}'] as Record<string, unknown>;
    expect(meter.submission).toMatchObject({ used: 1, remaining: 1 });
    expect(meter.lastReading).toEqual({ __ref: 'Reading:{"id":"r9"}' });
  });
});
