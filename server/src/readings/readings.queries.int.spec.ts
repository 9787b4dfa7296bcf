import { createRegistryAccount } from "../../test/factories";
import { createTestDatabase, type TestDatabase } from "../../test/test-database";
import { formatReadingMilli } from "../shared/decimal";
import { latestReading, latestReadings } from "./readings.queries";
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
    for (const meter of meters) {
      const single = await latestReading(db.dataSource.manager, meter.id);
      expect(single?.id).toBe(latest.get(meter.id)?.id);
    }
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
});
