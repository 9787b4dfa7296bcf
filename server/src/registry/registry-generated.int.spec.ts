import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase, type TestDatabase } from "../../test/test-database";
import { AccountEntity } from "../accounts/account.entity";
import { ReadingEntity } from "../readings/reading.entity";
import { isValidBin } from "../core/bin";
import { FixedClock } from "../core/clock";
import { importRegistry } from "./registry-import.service";
import { writeRegistry } from "./write-registry";

const ACCOUNTS = 20_000;
let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), "gas-generated-"));
  await writeRegistry(dir, { accounts: ACCOUNTS, months: 12, until: "2026-10", seed: 7 });
}, 60_000);

afterAll(async () => {
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("a generated 20,000-account registry", () => {
  it("imports whole, then changes nothing when imported again", async () => {
    const clock = new FixedClock(new Date("2026-11-01T00:00:00Z"));
    const first = await importRegistry(db.dataSource, dir, { clock });
    expect(first.accounts).toEqual({ created: ACCOUNTS, updated: 0, unchanged: 0 });
    expect(first.readings.created).toBeGreaterThanOrEqual(ACCOUNTS * 12);
    expect(first.payments.created).toBe(ACCOUNTS * 3);

    const companies = await db.dataSource
      .getRepository(AccountEntity)
      .createQueryBuilder("a")
      .select("a.owner_bin", "bin")
      .addSelect("COUNT(*)", "accounts")
      .where("a.owner_bin IS NOT NULL")
      .groupBy("a.owner_bin")
      .getRawMany<{ bin: string; accounts: string }>();
    expect(companies.length).toBeGreaterThan(5);
    expect(companies.every(({ bin }) => isValidBin(bin))).toBe(true);
    expect(Math.max(...companies.map((c) => Number(c.accounts)))).toBeGreaterThan(4);

    const reading = await db.dataSource.getRepository(ReadingEntity).findOneByOrFail({ id: 1 });
    expect(reading.period).toMatch(/^2025-11$/);

    const again = await importRegistry(db.dataSource, dir, { clock });
    expect(again.accounts).toEqual({ created: 0, updated: 0, unchanged: ACCOUNTS });
    expect(again.readings).toEqual({ created: 0, updated: 0, unchanged: first.readings.created });
  }, 300_000);
});
