import { flushPromises } from "@vue/test-utils";
import { ApiFailure } from "../../api";
import { useOfflineReadings } from "../../composables/useOfflineReadings";
import { graphqlRefusal, mountRu, plain } from "../../test/mount";
import ReadingForm from "./ReadingForm.vue";

jest.mock("../../api", () => {
  const actual = jest.requireActual("../../api");
  return { ...actual, runMutation: jest.fn() };
});
// eslint-disable-next-line @typescript-eslint/no-require-imports
const api = require("../../api") as { runMutation: jest.Mock };

const submission = (remaining: number) => ({
  period: "2026-11",
  used: 2 - remaining,
  remaining,
  minimumValue: "5017.118",
  reopensAt: null,
});
const sent = {
  id: "r9",
  value: "5027.5",
  takenAt: "2026-11-26T05:00:00Z",
  source: "SUBSCRIBER",
  period: "2026-11",
  isCorrection: false,
};

function mountForm(typicalMilli = 0n, remaining = 2) {
  return mountRu(ReadingForm, {
    props: { meterId: "m1", submission: submission(remaining), typicalMilli },
  });
}

beforeEach(() => api.runMutation.mockReset());

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
    expect(plain(wrapper.get("[role=alert]").text())).toBe(
      "Показания не могут быть меньше предыдущих (5 017,118 м³).",
    );
    expect(wrapper.get("input").attributes("aria-invalid")).toBe("true");
    expect(api.runMutation).not.toHaveBeenCalled();
  });

  it("refuses a malformed number", async () => {
    const wrapper = mountForm();
    await wrapper.get("input").setValue("5017.1234");
    await wrapper.get("form").trigger("submit");
    expect(plain(wrapper.text())).toContain(
      "Введите показания числом, до трех знаков после запятой",
    );
  });

  it("sends the value with an idempotency key and reports the sent reading", async () => {
    api.runMutation.mockResolvedValue({ submitReading: sent });
    const wrapper = mountForm();
    await wrapper.get("input").setValue("5027,5");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    const variables = api.runMutation.mock.calls[0][1];
    expect(variables.input).toMatchObject({ meterId: "m1", value: "5027,5" });
    expect(variables.input.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(wrapper.emitted("sent")?.[0]).toEqual([sent]);
  });

  it("keeps a reading typed with no signal and sends it later with the same key", async () => {
    api.runMutation
      .mockRejectedValueOnce(new ApiFailure("NETWORK"))
      .mockResolvedValueOnce({ submitReading: sent });
    const wrapper = mountForm();
    await wrapper.get("input").setValue("5027,5");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.emitted("queued")).toHaveLength(1);
    const { pending, flushPendingReadings } = useOfflineReadings();
    expect(pending.value).toMatchObject([{ meterId: "m1", value: "5027,5" }]);
    expect(localStorage.getItem("gas.pendingReadings")).toContain("5027,5");
    await expect(flushPendingReadings()).resolves.toBe(1);
    const [first, second] = api.runMutation.mock.calls.map((call) => call[1].input.idempotencyKey);
    expect(second).toBe(first);
    expect(pending.value).toEqual([]);
    expect(localStorage.getItem("gas.pendingReadings")).toBeNull();
  });

  it("shows the server's refusal beside the field", async () => {
    api.runMutation.mockRejectedValue(
      graphqlRefusal("READING_BELOW_PREVIOUS", "value", { minimumValue: "5030" }),
    );
    const wrapper = mountForm();
    await wrapper.get("input").setValue("5020");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.get("#reading-m1-error").text()).toContain(
      "Показания не могут быть меньше предыдущих",
    );
  });

  it("asks to confirm a usage far above the usual month, and does not refuse it", async () => {
    api.runMutation.mockResolvedValue({ submitReading: sent });
    const wrapper = mountForm(1000n); // usual month: 1 m³
    await wrapper.get("input").setValue("5030");
    expect(plain(wrapper.text())).toContain("Расход намного больше обычного");
    expect(wrapper.get("button[type=submit]").attributes("disabled")).toBeDefined();
    await wrapper.get("input[type=checkbox]").setValue(true);
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(api.runMutation).toHaveBeenCalledTimes(1);
  });

  it("asks the page to reload when the month's limit was reached meanwhile", async () => {
    api.runMutation.mockRejectedValue(graphqlRefusal("MONTHLY_LIMIT_REACHED", "value"));
    const wrapper = mountForm(0n, 1);
    await wrapper.get("input").setValue("5020");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.emitted("stale")).toHaveLength(1);
    expect(plain(wrapper.text())).toContain("В этом месяце показания уже отправлены два раза.");
  });
});
