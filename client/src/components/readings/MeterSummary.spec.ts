import { flushPromises } from "@vue/test-utils";
import { queueReading, useOfflineReadings } from "../../composables/useOfflineReadings";
import { scriptedClient } from "../../test/apollo";
import { meterFields, page, reading, submissionWindow, submitted } from "../../test/fixtures";
import { mountRu, plain } from "../../test/mount";
import MeterSummary from "./MeterSummary.vue";
import SubmissionStatus from "./SubmissionStatus.vue";

const october = reading("r1", "100", "2026-10");
const first = reading("r2", "125", "2026-11", "SUBSCRIBER", false, "2026-11-20T06:00:00.000Z");
const second = reading("r3", "130.5", "2026-11", "SUBSCRIBER", true, "2026-11-21T06:00:00.000Z");

const openMonth = () => meterFields("m1", submissionWindow(2, "100"), page([october]));
const sentOnce = () => meterFields("m1", submissionWindow(1, "125"), page([first, october]));
const sentTwice = () =>
  meterFields(
    "m1",
    submissionWindow(0, "130.5", "2026-11-30T19:00:00.000Z"),
    page([second, first, october]),
  );

function mountSummary(meter: ReturnType<typeof meterFields>, drawForm = true) {
  const scripted = scriptedClient();
  const wrapper = mountRu(MeterSummary, {
    props: { meter, showSerial: false, drawForm },
    global: { provide: scripted.provide },
  });
  return { wrapper, scripted };
}

beforeEach(() => useOfflineReadings().forgetPendingReadings());

describe("MeterSummary: the month's state and the form", () => {
  it("open month: the form (once the page draws it), and the rule of two sendings", async () => {
    const { wrapper } = mountSummary(openMonth(), false);
    expect(wrapper.find("form").exists()).toBe(false);
    expect(wrapper.text()).toContain(
      "В текущем месяце вы можете отправить показания только два раза",
    );
    expect(wrapper.find("[data-testid=sent-summary]").exists()).toBe(false);
    await wrapper.setProps({ drawForm: true });
    expect(wrapper.find("form").exists()).toBe(true);
  });

  it("after the first sending: what was sent, and the form folded behind «Исправить»", async () => {
    const { wrapper } = mountSummary(sentOnce());
    expect(plain(wrapper.get("[data-testid=sent-summary]").text())).toContain(
      "125 м³ за ноябрь 2026 г. переданы.",
    );
    expect(wrapper.text()).toContain("Осталась одна корректировка.");
    expect(wrapper.find("[data-testid=submission-one-left]").exists()).toBe(false);
    expect(wrapper.find("form").exists()).toBe(false);
    const correct = wrapper.findAll("button").find((button) => button.text() === "Исправить");
    expect(correct).toBeDefined();
    await correct?.trigger("click");
    expect(wrapper.find("form").exists()).toBe(true);
    expect(wrapper.findAll("button").some((button) => button.text() === "Исправить")).toBe(false);
  });

  it("after two sendings: the correction summed up, no form, the reopening date", () => {
    const { wrapper } = mountSummary(sentTwice());
    expect(plain(wrapper.get("[data-testid=sent-summary]").text())).toContain(
      "130,5 м³ за ноябрь 2026 г. переданы с исправлением.",
    );
    expect(wrapper.findAll("button").some((button) => button.text() === "Исправить")).toBe(false);
    expect(wrapper.find("form").exists()).toBe(false);
    const notice = wrapper.get("[data-testid=submission-closed]").text();
    expect(notice).toContain("Вы уже отправили показания два раза");
    expect(notice).toContain("Передача показаний откроется 1 декабря 2026 г.");
  });

  it("a sending folds the form once the meter's new state arrives", async () => {
    const { wrapper, scripted } = mountSummary(openMonth());
    scripted.server.answer({ SubmitReading: [{ data: submitted(first, sentOnce()) }] });
    await wrapper.get("input").setValue("125");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(scripted.named("SubmitReading")).toHaveLength(1);
    await wrapper.setProps({ meter: sentOnce() }); // what the page's query now reads from the cache
    expect(wrapper.find("form").exists()).toBe(false);
    expect(wrapper.find("[data-testid=sent-summary]").exists()).toBe(true);
  });

  it("a refused correction keeps the form and the typed value, with the reason, and tells the page", async () => {
    const { wrapper, scripted } = mountSummary(sentOnce());
    scripted.server.answer({
      SubmitReading: [{ refusal: { code: "MONTHLY_LIMIT_REACHED", field: "value" } }],
    });
    await wrapper
      .findAll("button")
      .find((button) => button.text() === "Исправить")
      ?.trigger("click");
    await wrapper.get("input").setValue("126");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    // The page refetches: the window is closed now, yet the reason stays on screen.
    await wrapper.setProps({ meter: sentTwice() });
    expect(wrapper.find("form").exists()).toBe(true);
    expect((wrapper.get("input").element as HTMLInputElement).value).toBe("126");
    expect(wrapper.text()).toContain("В этом месяце показания уже отправлены два раза.");
    expect(wrapper.emitted("refused")?.[0]).toEqual(["MONTHLY_LIMIT_REACHED"]);
  });

  it("shows the meter's reading kept on the phone", async () => {
    queueReading({ meterId: "m1", value: "5027,5", idempotencyKey: "k-1" });
    queueReading({ meterId: "m2", value: "7", idempotencyKey: "k-2" });
    const { wrapper } = mountSummary(openMonth());
    const kept = wrapper.findAll(".notice--info").map((notice) => plain(notice.text()));
    expect(kept).toEqual([
      "Нет связи: показания 5 027,5 м³ сохранены на телефоне и будут переданы автоматически, когда появится связь.",
    ]);
  });

  it("names the meter only when the account has several", async () => {
    const { wrapper } = mountSummary(openMonth());
    expect(wrapper.get("h2").classes()).toContain("visually-hidden");
    await wrapper.setProps({ showSerial: true });
    expect(wrapper.get("h2").text()).toBe("Счетчик № G4-1");
    expect(wrapper.get("h2").classes()).not.toContain("visually-hidden");
  });
});

describe("SubmissionStatus", () => {
  afterEach(() => jest.useRealTimers());

  it("says a correction is left after the first sending", () => {
    const wrapper = mountRu(SubmissionStatus, { props: { submission: submissionWindow(1) } });
    expect(wrapper.get("[data-testid=submission-one-left]").text()).toBe(
      "Показания за ноябрь 2026 г. отправлены. Вы можете скорректировать их еще один раз.",
    );
  });

  it("counts the days until sending reopens with Russian plural forms", () => {
    jest.useFakeTimers().setSystemTime(new Date("2026-11-26T05:00:00Z"));
    const submission = submissionWindow(0, "1", "2026-11-30T19:00:00.000Z");
    expect(mountRu(SubmissionStatus, { props: { submission } }).text()).toContain("(через 5 дней)");
    jest.setSystemTime(new Date("2026-11-28T05:00:00Z"));
    expect(mountRu(SubmissionStatus, { props: { submission } }).text()).toContain("(через 3 дня)");
    jest.setSystemTime(new Date("2026-11-30T05:00:00Z"));
    expect(mountRu(SubmissionStatus, { props: { submission } }).text()).toContain("(через 1 день)");
  });
});
