import { createRegistryAccount } from "../../test/factories";
import { createTestDatabase, type TestDatabase } from "../../test/test-database";
import { formatReadingMilli } from "../core/decimal";
import { ReadingSource } from "../core/enums";
import {
  countedSendings,
  latestReadings,
  latestReadingsAndCountedSendings,
} from "./readings.queries";
import { ReadingEntity } from "./reading.entity";

describe("latest readings", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it("picks the latest by time taken, then by id, for each meter", async () => {
    const { meters } = await createRegistryAccount(db.dataSource, {
      meters: [
        {
          readings: [
            ["100.000", "2026-08-20T05:00:00Z"],
            ["300.000", "2026-10-20T05:00:00Z"],
            ["200.000", "2026-09-20T05:00:00Z"],
          ],
        },
        { readings: [] },
        { readings: [["50.000", "2026-10-20T05:00:00Z"]] },
      ],
    });
    // The same instant twice: the later row (higher id) is the latest.
    const [tie] = meters.slice(2);
    await db.dataSource.getRepository(ReadingEntity).insert({
      ...(await db.dataSource.getRepository(ReadingEntity).findOneByOrFail({ meterId: tie.id })),
      id: undefined,
      valueMilli: 51_000n,
      externalId: "test:tie",
    });

    const latest = await latestReadings(
      db.dataSource.manager,
      meters.map((m) => m.id),
    );
    expect(formatReadingMilli(latest.get(meters[0].id)!.valueMilli)).toBe("300.000");
    expect(latest.has(meters[1].id)).toBe(false);
    expect(formatReadingMilli(latest.get(tie.id)!.valueMilli)).toBe("51.000");
  });

  it("answers for more meters than one statement holds", async () => {
    const { meters } = await createRegistryAccount(db.dataSource, {
      meters: Array.from({ length: 230 }, (_, i) => ({
        readings: [
          [`${i + 1}.000`, "2026-09-20T05:00:00Z"],
          [`${i + 2}.500`, "2026-10-20T05:00:00Z"],
        ] as Array<[string, string]>,
      })),
    });
    const latest = await latestReadings(
      db.dataSource.manager,
      meters.map((m) => m.id),
    );
    expect(latest.size).toBe(230);
    meters.forEach((meter, i) =>
      expect(formatReadingMilli(latest.get(meter.id)!.valueMilli)).toBe(`${i + 2}.500`),
    );
  });

  it("reads the latest readings and a month's sendings in one statement as each alone", async () => {
    const { meters } = await createRegistryAccount(db.dataSource, {
      meters: Array.from({ length: 210 }, (_, i) => ({
        readings: [[`${i + 1}.000`, "2026-10-20T05:00:00Z"]] as Array<[string, string]>,
      })),
    });
    const readings = db.dataSource.getRepository(ReadingEntity);
    // Sendings of November on every third meter, the correction (slot 2) stored first.
    for (const [i, meter] of meters.entries()) {
      if (i % 3 !== 0) continue;
      const imported = await readings.findOneByOrFail({ meterId: meter.id });
      for (const slot of [2, 1]) {
        await readings.insert({
          ...imported,
          id: undefined,
          valueMilli: BigInt((i + 10 + slot) * 1000),
          takenAt: new Date(`2026-11-0${slot}T05:00:00Z`),
          period: "2026-11",
          source: ReadingSource.SUBSCRIBER,
          slot,
          isCorrection: slot === 2,
          externalId: `test:sending:${meter.id}:${slot}`,
        });
      }
    }
    const ids = meters.map((m) => m.id);
    const together = await latestReadingsAndCountedSendings(db.dataSource.manager, ids, "2026-11");
    const latest = await latestReadings(db.dataSource.manager, ids);
    const sendings = await countedSendings(db.dataSource.manager, ids, "2026-11");
    expect(together.latest).toEqual(latest);
    expect(together.sendings).toEqual(sendings);
    expect(together.sendings.get(meters[0].id)!.map((r) => r.slot)).toEqual([1, 2]);
    expect(together.sendings.get(meters[1].id)).toEqual([]);
    expect(formatReadingMilli(together.latest.get(meters[0].id)!.valueMilli)).toBe("12.000");
  });
});
