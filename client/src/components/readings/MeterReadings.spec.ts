import type { ReadingSource } from "../../gql/graphql";
import { afterRenderSteps, mountRu, plain } from "../../test/mount";
import MeterReadings from "./MeterReadings.vue";
import SubmissionStatus from "./SubmissionStatus.vue";

jest.mock("../../api", () => ({ ...jest.requireActual("../../api"), runMutation: jest.fn() }));

const reading = (
  id: string,
  value: string,
  period: string,
  source: ReadingSource = "INSPECTOR",
  isCorrection = false,
) => ({
  id,
  value,
  takenAt: `${period}-20T06:00:00Z`,
  source,
  period,
  isCorrection,
});
const history = [
  reading("r3", "130.5", "2026-11", "SUBSCRIBER", true),
  reading("r2", "125", "2026-11", "SUBSCRIBER"),
  reading("r1", "100", "2026-10"),
  reading("r0", "90", "2026-09", "ESTIMATE"),
];

function meter(remaining: number, reopensAt: string | null = null) {
  return {
    id: "m1",
    serialNumber: "G4-1",
    removedAt: null,
    submission: {
      period: "2026-11",
      used: 2 - remaining,
      remaining,
      minimumValue: "100",
      reopensAt,
    },
    readings: { totalCount: history.length, edges: history.map((node) => ({ node })) },
  };
}

describe("readings screen states", () => {
  it("open month: the form, and the rule of two sendings", async () => {
    const wrapper = mountRu(MeterReadings, { props: { meter: meter(2), showSerial: false } });
    expect(wrapper.find("form").exists()).toBe(false); // drawn a task after the status
    await afterRenderSteps(1);
    expect(wrapper.find("form").exists()).toBe(true);
    expect(wrapper.text()).toContain(
      "В текущем месяце вы можете отправить показания только два раза",
    );
  });

  it("after the first sending: one correction left", async () => {
    const wrapper = mountRu(MeterReadings, { props: { meter: meter(1), showSerial: false } });
    await afterRenderSteps();
    expect(wrapper.find("form").exists()).toBe(true);
    expect(wrapper.get("[data-testid=submission-one-left]").text()).toBe(
      "Показания за ноябрь 2026 г. отправлены. Вы можете скорректировать их еще один раз.",
    );
  });

  it("after two sendings: the form gives way to a notice with the reopening date", async () => {
    const wrapper = mountRu(MeterReadings, {
      props: { meter: meter(0, "2026-11-30T19:00:00.000Z"), showSerial: false },
    });
    await afterRenderSteps();
    expect(wrapper.find("form").exists()).toBe(false);
    const notice = wrapper.get("[data-testid=submission-closed]").text();
    expect(notice).toContain("Вы уже отправили показания два раза");
    expect(notice).toContain("Передача показаний откроется 1 декабря 2026 г.");
  });

  it("history: value, date and who took it, in words; corrections marked", async () => {
    const wrapper = mountRu(MeterReadings, { props: { meter: meter(0), showSerial: true } });
    expect(wrapper.findAll(".history__item")).toHaveLength(0); // below the fold: drawn later
    await afterRenderSteps();
    const items = wrapper.findAll(".history__item").map((item) => item.text());
    expect(items[0]).toContain("130,5\u00a0м³"); // the unit never wraps alone
    expect(items[0]).toContain("20.11.2026");
    expect(items[0]).toContain("Передал абонент в приложении · корректировка");
    expect(items[2]).toContain("Снял контролер");
    expect(items[3]).toContain("Расчетное значение");
    expect(wrapper.text()).toContain("Всего 4 показания");
    expect(wrapper.get("h2").text()).toBe("Счетчик № G4-1");
  });

  it("chart: twelve months, each with its number or «нет показаний», described in words", async () => {
    const wrapper = mountRu(MeterReadings, { props: { meter: meter(2), showSerial: false } });
    await afterRenderSteps();
    const rows = wrapper.findAll(".chart__row");
    expect(rows).toHaveLength(12);
    expect(wrapper.findAll(".chart__bar")).toHaveLength(2);
    expect(
      rows.map((row) =>
        row.find(".chart__value").exists() ? plain(row.get(".chart__value").text()) : "—",
      ),
    ).toEqual([...Array(10).fill("—"), "10", "30,5"]);
    expect(rows[0].find(".chart__gap").text()).toBe("нет показаний");
    const spoken = rows.map((row) => plain(row.get(".visually-hidden").text()));
    expect(spoken).toContain("ноябрь 2026 г.: 30,5 м³");
    expect(spoken).toContain("октябрь 2026 г.: 10 м³");
    expect(spoken).toContain("сентябрь 2026 г.: не с чем сравнить");
  });

  it("counts the days until sending reopens with Russian plural forms", () => {
    jest.useFakeTimers().setSystemTime(new Date("2026-11-26T05:00:00Z"));
    const submission = {
      period: "2026-11",
      used: 2,
      remaining: 0,
      minimumValue: "1",
      reopensAt: "2026-11-30T19:00:00.000Z",
    };
    expect(mountRu(SubmissionStatus, { props: { submission } }).text()).toContain("(через 5 дней)");
    jest.setSystemTime(new Date("2026-11-28T05:00:00Z"));
    expect(mountRu(SubmissionStatus, { props: { submission } }).text()).toContain("(через 3 дня)");
    jest.setSystemTime(new Date("2026-11-30T05:00:00Z"));
    expect(mountRu(SubmissionStatus, { props: { submission } }).text()).toContain("(через 1 день)");
    jest.useRealTimers();
  });
});
