import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseRegistryDate, periodOf } from "../core/almaty-time";
import { isValidBin, makeBin } from "../core/bin";
import { parseMoneyTiyn, parseReadingMilli } from "../core/decimal";
import { ReadingSource } from "../core/enums";
import { DEMO_REGISTRY_DIR } from "./demo-seed";
import { readRegistryFile } from "./registry-csv";

type Rows = Awaited<ReturnType<typeof readRegistryFile>>;
let accounts: Rows, meters: Rows, payments: Rows, readings: Rows;

beforeAll(async () => {
  [accounts, meters, payments, readings] = await Promise.all(
    (["accounts", "meters", "payments", "readings"] as const).map((name) =>
      readRegistryFile(DEMO_REGISTRY_DIR, name),
    ),
  );
});

const countBy = (values: string[]) =>
  values.reduce((counts, v) => counts.set(v, (counts.get(v) ?? 0) + 1), new Map<string, number>());

describe("demo registry", () => {
  it("lives in server/src/registry/demo of the project", () => {
    expect(DEMO_REGISTRY_DIR).toBe(join(__dirname, "demo"));
    expect(existsSync(join(DEMO_REGISTRY_DIR, "accounts.csv"))).toBe(true);
  });

  it("has one legal entity with a valid BIN owning three accounts, each with one meter", () => {
    const bins = [...new Set(accounts.map((a) => a.owner_bin).filter(Boolean))];
    expect(bins).toEqual(["080540003125"]);
    expect(isValidBin(bins[0])).toBe(true);
    expect(makeBin(bins[0].slice(0, 11))).toBe(bins[0]);
    const owned = accounts.filter((a) => a.owner_bin === bins[0]).map((a) => a.number);
    expect(owned).toHaveLength(3);
    const metersPerAccount = countBy(meters.map((m) => m.account_number));
    for (const number of owned) expect(metersPerAccount.get(number)).toBe(1);
  });

  it("has individuals with 10-digit numbers (leading zeros too), one of them with two meters", () => {
    expect(accounts.every((a) => /^[0-9]{10}$/.test(a.number))).toBe(true);
    expect(accounts.some((a) => a.number.startsWith("00"))).toBe(true);
    const individuals = accounts.filter((a) => a.owner_bin === "").map((a) => a.number);
    expect(individuals.length).toBeGreaterThanOrEqual(8);
    const metersPerAccount = countBy(meters.map((m) => m.account_number));
    expect(individuals.filter((n) => metersPerAccount.get(n) === 2)).toHaveLength(1);
    expect(individuals.every((n) => (metersPerAccount.get(n) ?? 0) >= 1)).toBe(true);
    expect(accounts.map((a) => a.address)).toContain('г. Алматы, ул. "Толе би", д. 101, кв. 5');
  });

  it("parses: every date, amount, value and source is valid and every reference resolves", () => {
    const numbers = new Set(accounts.map((a) => a.number));
    const serials = new Set(meters.map((m) => m.serial_number));
    expect(numbers.size).toBe(accounts.length);
    expect(serials.size).toBe(meters.length);
    for (const m of meters) {
      expect(numbers.has(m.account_number)).toBe(true);
      expect(parseRegistryDate(m.installed_at)).not.toBeNull();
    }
    for (const p of payments) {
      expect(numbers.has(p.account_number)).toBe(true);
      expect(parseMoneyTiyn(p.amount)).not.toBeNull();
      expect(parseRegistryDate(p.paid_at)?.getUTCFullYear()).toBe(2026);
    }
    for (const r of readings) {
      expect(serials.has(r.serial_number)).toBe(true);
      expect(parseReadingMilli(r.value)).not.toBeNull();
      expect(parseRegistryDate(r.taken_at)).not.toBeNull();
      expect(Object.values(ReadingSource)).toContain(r.source);
    }
    const sources = countBy(readings.map((r) => r.source));
    expect(sources.get("ESTIMATE")).toBe(1);
    expect(sources.get("SUBSCRIBER")).toBeGreaterThan(1);
    expect(sources.get("INSPECTOR")).toBeGreaterThan(readings.length / 2);
  });

  it("gives every meter twelve increasing monthly readings, 2025-11 through 2026-10", () => {
    const months = Array.from({ length: 12 }, (_, i) =>
      i < 2 ? `2025-${11 + i}` : `2026-${String(i - 1).padStart(2, "0")}`,
    );
    for (const { serial_number } of meters) {
      const history = readings.filter((r) => r.serial_number === serial_number);
      expect(history.map((r) => periodOf(parseRegistryDate(r.taken_at) as Date))).toEqual(months);
      const values = history.map((r) => parseReadingMilli(r.value) as bigint);
      expect(values.every((v, i) => i === 0 || v > values[i - 1])).toBe(true);
    }
  });

  it("gives every account payments whose latest one is unambiguous", () => {
    for (const { number } of accounts) {
      const times = payments
        .filter((p) => p.account_number === number)
        .map((p) => (parseRegistryDate(p.paid_at) as Date).getTime())
        .sort((a, b) => b - a);
      expect(times.length).toBeGreaterThanOrEqual(2);
      expect(times[0]).toBeGreaterThan(times[1]);
    }
  });
});
