import { meterFields, page, reading, submissionWindow } from "../../test/fixtures";
import { mountRu } from "../../test/mount";
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
    expect(items[0]).toContain("130,5 м³");
    expect(items[0]).toContain("20 ноября 2026 г.");
    expect(items[0]).toContain("Передал абонент в приложении · корректировка");
    expect(items[1]).not.toContain("корректировка");
    expect(items[2]).toContain("Снял контролер");
    expect(items[3]).toContain("Расчетное значение");
    expect(wrapper.text()).toContain("Всего 4 показания");
    expect(wrapper.get("h2").text()).toBe("История счетчика № G4-1");
  });

  it("chart: twelve months as SVG bars, described in words (a correction replaces the first sending)", () => {
    const wrapper = mountHistory();
    expect(wrapper.findAll("svg rect")).toHaveLength(12);
    const label = wrapper.get("svg").attributes("aria-label");
    expect(label).toContain("ноябрь 2026 г.: 30,5 м³");
    expect(label).toContain("октябрь 2026 г.: 10 м³");
  });

  it("draws the chart and the history each when the page says (render steps)", async () => {
    const wrapper = mountHistory({ chart: false, history: false }, false);
    expect(wrapper.find("svg").exists()).toBe(false);
    expect(wrapper.findAll(".history__item")).toHaveLength(0);
    expect(wrapper.get("h2").classes()).toContain("visually-hidden");
    await wrapper.setProps({ drawChart: true });
    expect(wrapper.find("svg").exists()).toBe(true);
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
