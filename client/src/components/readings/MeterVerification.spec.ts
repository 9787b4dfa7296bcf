import { nextTick } from "vue";
import { i18n } from "../../i18n";
import kk from "../../locales/kk.json";
import { scriptedClient } from "../../test/apollo";
import { meterFields, page, reading, submissionWindow, verification } from "../../test/fixtures";
import { mountRu, plain } from "../../test/mount";
import MeterSummary from "./MeterSummary.vue";
import MeterVerification from "./MeterVerification.vue";

const show = (v: ReturnType<typeof verification>) =>
  mountRu(MeterVerification, { props: { verification: v } });

describe("MeterVerification: the meter's verification date", () => {
  it("far ahead: a quiet line with the date as on a receipt", () => {
    const wrapper = show(verification("2027-03-12", "OK", 96));
    const line = wrapper.get("[data-testid=verification-ok]");
    expect(line.text()).toBe("Поверка до 12.03.2027");
    expect(line.classes()).not.toContain("notice--warning");
  });

  it("within 60 days: a warning with the days left", () => {
    const wrapper = show(verification("2026-12-31", "DUE_SOON", 25));
    const notice = wrapper.get("[data-testid=verification-soon]");
    expect(notice.classes()).toContain("notice--warning");
    expect(plain(notice.text())).toBe(
      "Поверка до 31.12.2026 (через 25 дней). Закажите поверку счетчика заранее.",
    );
    const lastDay = show(verification("2026-12-06", "DUE_SOON", 0));
    expect(lastDay.text()).toContain("(сегодня последний день)");
  });

  it("passed: a warning that readings are still accepted", () => {
    const wrapper = show(verification("2026-11-30", "OVERDUE", -6));
    const notice = wrapper.get("[data-testid=verification-overdue]");
    expect(notice.classes()).toContain("notice--warning");
    expect(notice.get("strong").text()).toBe("Срок поверки истек 30.11.2026.");
    expect(notice.text()).toContain("Показания по-прежнему принимаются");
  });

  it("speaks Kazakh", async () => {
    const wrapper = show(verification("2026-11-30", "OVERDUE", -6));
    i18n.global.setLocaleMessage("kk", kk as never);
    i18n.global.locale.value = "kk";
    await nextTick();
    try {
      expect(wrapper.get("strong").text()).toBe("Салыстырып тексеру мерзімі 30.11.2026 өтті.");
    } finally {
      i18n.global.locale.value = "ru";
    }
  });

  it("sits on the meter's block when the registry has a date, and not otherwise", () => {
    const meter = meterFields(
      "m1",
      submissionWindow(2, "100"),
      page([reading("r1", "100", "2026-10")]),
    );
    const mountSummary = (m: typeof meter) =>
      mountRu(MeterSummary, {
        props: { meter: m, showSerial: false, drawForm: false },
        global: { provide: scriptedClient().provide },
      });
    expect(mountSummary(meter).find(".verification").exists()).toBe(false);
    const dated = { ...meter, verification: verification("2026-11-30", "OVERDUE", -6) };
    expect(mountSummary(dated).find("[data-testid=verification-overdue]").exists()).toBe(true);
  });
});
