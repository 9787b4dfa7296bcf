import { meterFields, page, reading, submissionWindow } from "../../test/fixtures";
import { mountRu, plain } from "../../test/mount";
import MeterHistory from "./MeterHistory.vue";

const history = page(
  [
    reading("r3", "130.5", "2026-11", "SUBSCRIBER", true),
    reading("r2", "125", "2026-11", "SUBSCRIBER", false, "2026-11-19T06:00:00.000Z"),
    reading("r1", "100", "2026-10"),
    reading("r0", "90", "2026-09", "ESTIMATE"),
  ],
  4,
);
const meter = meterFields("m1", submissionWindow(0), history);

const mountHistory = (draw: { chart?: boolean; history?: boolean } = {}, showSerial = true) =>
  mountRu(MeterHistory, {
    props: {
      meter,
      showSerial,
      drawChart: draw.chart ?? true,
      drawHistory: draw.history ?? true,
    },
  });

describe("MeterHistory", () => {
  it("history: value, date and who took it, in words; corrections marked", () => {
    const wrapper = mountHistory();
    const items = wrapper.findAll(".history__item").map((item) => item.text());
    expect(items).toHaveLength(4);
    expect(items[0]).toContain("130,5\u00a0м³"); // the unit never wraps alone
    expect(items[0]).toContain("20.11.2026");
    expect(items[0]).toContain("Передал абонент в приложении · корректировка");
    expect(items[1]).not.toContain("корректировка");
    expect(items[2]).toContain("Снял контролер");
    // An estimate above a later actual reading does not set the next minimum: the row says so.
    expect(items[3]).toContain("Расчетное значение · не считается предыдущим показанием");
    expect(items[2]).not.toContain("не считается");
    expect(wrapper.text()).toContain("Всего 4 показания");
    expect(wrapper.get("h2").text()).toBe("История счетчика № G4-1");
  });

  it("chart: twelve months, each with its number or «нет показаний», described in words (a correction replaces the first sending)", () => {
    const wrapper = mountHistory();
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

  it("draws the chart and the history each when the page says (render steps)", async () => {
    const wrapper = mountHistory({ chart: false, history: false }, false);
    expect(wrapper.find(".chart__row").exists()).toBe(false);
    expect(wrapper.findAll(".history__item")).toHaveLength(0);
    expect(wrapper.get("h2").classes()).toContain("visually-hidden");
    await wrapper.setProps({ drawChart: true });
    expect(wrapper.find(".chart__row").exists()).toBe(true);
    expect(wrapper.findAll(".history__item")).toHaveLength(0);
    await wrapper.setProps({ drawHistory: true });
    expect(wrapper.findAll(".history__item")).toHaveLength(4);
  });

  it("says when there is no history yet", () => {
    const wrapper = mountRu(MeterHistory, {
      props: {
        meter: meterFields("m2", submissionWindow(2), page([])),
        showSerial: false,
        drawChart: true,
        drawHistory: true,
      },
    });
    expect(wrapper.text()).toContain("Показаний пока нет.");
  });
});
