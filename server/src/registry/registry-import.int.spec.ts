import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase, type TestDatabase } from "../../test/test-database";
import { AccountEntity } from "../accounts/account.entity";
import { PaymentEntity } from "../accounts/payment.entity";
import { MeterEntity } from "../readings/meter.entity";
import { ReadingEntity } from "../readings/reading.entity";
import { FixedClock } from "../core/clock";
import { ReadingSource } from "../core/enums";
import { DEMO_REGISTRY_DIR, demoCredentials, seedDemoRegistry } from "./demo-seed";
import { readRegistryFile } from "./registry-csv";
import {
  type ImportReport,
  REGISTRY_FILES,
  RegistryError,
  type RegistryFile,
  RegistryFileError,
} from "./registry-files";
import { importRegistry } from "./registry-import.service";

let db: TestDatabase;
const clock = new FixedClock(new Date("2026-11-01T08:00:00.000Z"));
const folders: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db.drop();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A temporary registry folder holding the given files. */
function registry(files: Partial<Record<RegistryFile, string | Buffer>>): string {
  const folder = mkdtempSync(join(tmpdir(), "gas-registry-"));
  folders.push(folder);
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(folder, `${name}.csv`), content);
  }
  return folder;
}

const demoFile = (name: RegistryFile) =>
  readFileSync(join(DEMO_REGISTRY_DIR, `${name}.csv`), "utf8");
const run = (dir: string) => importRegistry(db.dataSource, dir, { clock });
const counts = (created: number, updated: number, unchanged: number) => ({
  created,
  updated,
  unchanged,
});
const none = counts(0, 0, 0);

async function tableCounts(): Promise<Record<RegistryFile, number>> {
  const manager = db.dataSource.manager;
  return {
    accounts: await manager.count(AccountEntity),
    meters: await manager.count(MeterEntity),
    payments: await manager.count(PaymentEntity),
    readings: await manager.count(ReadingEntity),
  };
}

/** Runs the import expecting a RegistryFileError, which it returns. */
async function failure(dir: string): Promise<RegistryFileError> {
  const error = await run(dir).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RegistryFileError);
  return error as RegistryFileError;
}

describe("importRegistry", () => {
  it("imports the demo folder, reporting one created row per CSV row", async () => {
    const progress: string[] = [];
    const report = await importRegistry(db.dataSource, DEMO_REGISTRY_DIR, {
      clock,
      onProgress: (file, { rows, done }) => progress.push(`${file} ${rows}${done ? " done" : ""}`),
    });
    const rowsInFiles: Record<string, number> = {};
    for (const name of REGISTRY_FILES) {
      rowsInFiles[name] = (await readRegistryFile(DEMO_REGISTRY_DIR, name)).length;
    }
    expect(report).toEqual(
      Object.fromEntries(REGISTRY_FILES.map((name) => [name, counts(rowsInFiles[name], 0, 0)])),
    );
    expect(await tableCounts()).toEqual(rowsInFiles);
    expect(progress).toContain(`readings.csv ${rowsInFiles.readings} done`);
    expect(progress.filter((line) => line.startsWith("accounts.csv"))).toEqual([
      "accounts.csv 0",
      "accounts.csv 11",
      "accounts.csv 11 done",
    ]);
  });

  it("changes nothing when the same folder is imported again", async () => {
    const before = await tableCounts();
    const report = await run(DEMO_REGISTRY_DIR);
    for (const name of REGISTRY_FILES) expect(report[name]).toEqual(counts(0, 0, before[name]));
    expect(await tableCounts()).toEqual(before);
  });

  it("keeps account numbers, names and quoted addresses exactly", async () => {
    const accounts = db.dataSource.getRepository(AccountEntity);
    const seitkali = await accounts.findOneByOrFail({ number: "0012345678" });
    expect(seitkali.holderName).toBe("Сейткали Айгерим Нурлановна");
    expect(seitkali.address).toBe("г. Алматы, мкр. Самал-2, д. 58, кв. 14");
    expect(seitkali.ownerBin).toBeNull();
    expect(seitkali.createdAt).toEqual(clock.now());
    const ivanov = await accounts.findOneByOrFail({ number: "1002003004" });
    expect(ivanov.address).toBe('г. Алматы, ул. "Толе би", д. 101, кв. 5');
    const bakery = await accounts.findBy({ ownerBin: "080540003125" });
    expect(bakery.map((a) => a.holderName)).toEqual(Array(3).fill('ТОО "Алматы Нан"'));
  });

  it("reads a bare date as Almaty midnight and stores readings as registry readings", async () => {
    const meter = await db.dataSource
      .getRepository(MeterEntity)
      .findOneByOrFail({ serialNumber: "G4-19-0045123" });
    const takenAt = new Date("2026-10-24T19:00:00.000Z"); // 2026-10-25 in the file
    const reading = await db.dataSource
      .getRepository(ReadingEntity)
      .findOneByOrFail({ meterId: meter.id, takenAt });
    expect(reading).toMatchObject({
      valueMilli: 5017118n,
      period: "2026-10",
      source: ReadingSource.INSPECTOR,
      slot: null,
      isCorrection: false,
      previousValueMilli: null,
      submittedByUserId: null,
      caller: null,
      idempotencyKey: null,
      externalId: "registry:G4-19-0045123:2026-10-24T19:00:00.000Z:INSPECTOR",
    });
  });

  it("keeps money exact", async () => {
    const account = await db.dataSource
      .getRepository(AccountEntity)
      .findOneByOrFail({ number: "0012345678" });
    const latest = await db.dataSource.getRepository(PaymentEntity).findOneOrFail({
      where: { accountId: account.id },
      order: { paidAt: "DESC" },
    });
    expect(latest.amountTiyn).toBe(1234567n);
    expect(latest.paidAt.toISOString()).toBe("2026-09-16T05:15:00.000Z"); // 10:15 in Almaty
  });

  it("updates a changed holder name and reading value, and only those", async () => {
    clock.set("2026-11-02T08:00:00.000Z");
    const accounts = demoFile("accounts").replace(
      "Ким Ольга Викторовна",
      "Ким-Пак Ольга Викторовна",
    );
    const readings = demoFile("readings").replace(
      "G4-19-0045123,5017.118,2026-10-25,INSPECTOR",
      "G4-19-0045123,5017.2,2026-10-25,INSPECTOR",
    );
    const report = await run(registry({ accounts, readings }));
    expect(report).toEqual<ImportReport>({
      accounts: counts(0, 1, 10),
      meters: none,
      payments: none,
      readings: counts(0, 1, 143),
    });
    const kim = await db.dataSource
      .getRepository(AccountEntity)
      .findOneByOrFail({ number: "0045678912" });
    expect(kim.holderName).toBe("Ким-Пак Ольга Викторовна");
    expect(kim.updatedAt).toEqual(new Date("2026-11-02T08:00:00.000Z"));
    expect(kim.createdAt).toEqual(new Date("2026-11-01T08:00:00.000Z"));
    const reading = await db.dataSource.getRepository(ReadingEntity).findOneByOrFail({
      externalId: "registry:G4-19-0045123:2026-10-24T19:00:00.000Z:INSPECTOR",
    });
    expect(reading.valueMilli).toBe(5017200n);
  });

  it("moves a meter to another account", async () => {
    const meters =
      "serial_number,installed_at,account_number\nG4-19-0045123,2019-06-14,0045678912\n";
    expect((await run(registry({ meters }))).meters).toEqual(counts(0, 1, 0));
    const meter = await db.dataSource
      .getRepository(MeterEntity)
      .findOneByOrFail({ serialNumber: "G4-19-0045123" });
    const kim = await db.dataSource
      .getRepository(AccountEntity)
      .findOneByOrFail({ number: "0045678912" });
    expect(meter.accountId).toBe(kim.id);
  });

  it("writes nothing of a file with a malformed row, keeping the files before it", async () => {
    const before = await tableCounts();
    const dir = registry({
      accounts: "number,holder_name,address,owner_bin\n0099000001,Новый Абонент,г. Алматы,\n",
      meters: [
        "account_number,serial_number,installed_at",
        "0099000001,NEW-0001,2026-01-10",
        "0012345678,NEW-0002,2026-01-11",
        "",
        "0099000001,NEW-0003,2026-01-12",
        "0099000001,NEW-0004,2026-01-13",
        "0001,NEW-0005,2026-01-14",
        "0099000001,NEW-0006,2026-01-15",
      ].join("\n"),
    });
    const error = await failure(dir);
    expect(error.file).toBe("meters.csv");
    expect(error.line).toBe(7);
    expect(error.message).toMatch(/^meters\.csv line 7: unknown account_number "0001"/);
    expect(error.message).toContain("earlier files were imported");
    expect(error.message).toContain("importing is idempotent");
    expect(await tableCounts()).toEqual({ ...before, accounts: before.accounts + 1 });
  });

  it("names the line a row starts on when quoted fields span lines (and refuses line breaks in texts)", async () => {
    const before = await tableCounts();
    const accounts =
      "\uFEFFowner_bin,number,holder_name,address\r\n" +
      "080540003125,0099000003,ТОО Верно,г. Алматы\r\n" +
      ',0099000002,"Multi\r\nLine","г. Алматы,\nул. ""Абая"""\r\n';
    const error = await failure(registry({ accounts }));
    expect(error.message).toMatch(
      /^accounts\.csv line 3: holder_name has a control or bidi character \(U\+000D\)/,
    );
    expect(error.message).not.toContain("earlier files");
    expect(await tableCounts()).toEqual(before);

    const fixed = accounts.replace("Multi\r\nLine", "Multi Line").replace(",\nул.", ", ул.");
    expect((await run(registry({ accounts: fixed }))).accounts).toEqual(counts(2, 0, 0));
    const multi = await db.dataSource
      .getRepository(AccountEntity)
      .findOneByOrFail({ number: "0099000002" });
    expect(multi).toMatchObject({ holderName: "Multi Line", address: 'г. Алматы, ул. "Абая"' });
  });

  it.each([
    ["holder_name", "Ivan\u202Eov", "U+202E"],
    ["holder_name", "Ivan\u0000", "U+0000"],
    ["address", "ул. Абая\u2066 1", "U+2066"],
  ])("refuses a control or bidi character in %s (%j)", async (column, value, code) => {
    const row = { number: "0099000009", holder_name: "Абонент", address: "г. Алматы" };
    const fields = { ...row, [column]: value };
    const accounts =
      "number,holder_name,address,owner_bin\n" +
      `${fields.number},${fields.holder_name},"${fields.address}",\n`;
    const error = await failure(registry({ accounts }));
    expect(error.message).toContain(`line 2: ${column} has a control or bidi character (${code})`);
  });

  it("refuses a reading taken before its meter's installation", async () => {
    const readings =
      "serial_number,value,taken_at,source\nG4-19-0045123,1.5,2019-06-13,INSPECTOR\n";
    const error = await failure(registry({ readings }));
    expect(error.message).toMatch(
      /^readings\.csv line 2: taken_at "2019-06-13" is before the meter's installed_at/,
    );
  });

  it("refuses dates in the future (5 minutes' allowance)", async () => {
    const payments = (paidAt: string) =>
      `account_number,amount,paid_at\n0012345678,100.00,${paidAt}\n`;
    const error = await failure(registry({ payments: payments("2031-01-01") }));
    expect(error.message).toMatch(/^payments\.csv line 2: paid_at "2031-01-01" is in the future/);
  });

  it.each([
    [
      "a missing column",
      "number,holder_name,address\n1,a,b\n",
      /^accounts\.csv line 1: .*owner_bin/,
    ],
    [
      "an unknown column",
      "number,holder_name,address,owner_bin,phone\n",
      /^accounts\.csv line 1: .*unknown column "phone"/,
    ],
    ["no header", "\n\n", /^accounts\.csv: the header row is missing/],
    ["a short row", "number,holder_name,address,owner_bin\n1,a,b\n", /^accounts\.csv line 2: /],
    [
      "an open quote",
      'number,holder_name,address,owner_bin\r\n1,"a\r\nb",c,\r\n\r\n2,"x,y,\r\n3,q,r,\r\n',
      /^accounts\.csv line 5: a quoted field is never closed/,
    ],
    [
      "a stray quote",
      'number,holder_name,address,owner_bin\n1,a"b,c,\n',
      /^accounts\.csv line 2: a quote inside an unquoted field/,
    ],
    [
      "a duplicate number",
      "number,holder_name,address,owner_bin\n0099000009,a,b,\n\n0099000009,c,d,\n",
      /^accounts\.csv line 4: same number as line 2/,
    ],
    [
      "an empty name",
      "number,holder_name,address,owner_bin\n0099000009, ,b,\n",
      /line 2: holder_name/,
    ],
    ["a long number", `number,holder_name,address,owner_bin\n${"1".repeat(33)},a,b,\n`, /line 2/],
  ])("refuses %s", async (_, accounts, message) => {
    const before = await tableCounts();
    expect((await failure(registry({ accounts }))).message).toMatch(message);
    expect(await tableCounts()).toEqual(before);
  });

  it.each([
    ["in the middle", Buffer.from([0xd0, 0xff, 0x2c, 0x61, 0x0a])],
    ["cut at the end of the file", Buffer.from([0xd0])],
  ])("refuses a file that is not UTF-8 (%s)", async (_, bytes) => {
    const before = await tableCounts();
    const header = Buffer.from("number,holder_name,address,owner_bin\n0099000009,Аня,b,\n");
    const error = await failure(registry({ accounts: Buffer.concat([header, bytes]) }));
    expect(error.message).toMatch(/^accounts\.csv: the file is not valid UTF-8 text/);
    expect(await tableCounts()).toEqual(before);
  });

  it.each([
    ["payments", "account_number,amount,paid_at\n0012345678,12345.678,2026-10-01\n", /amount/],
    ["payments", "account_number,amount,paid_at\n0012345678,-5,2026-10-01\n", /amount "-5"/],
    ["payments", "account_number,amount,paid_at\n0012345678,5,2026-02-30\n", /paid_at/],
    ["meters", "account_number,serial_number,installed_at\n0012345678,,2026-01-01\n", /serial/],
    ["readings", "serial_number,value,taken_at,source\nNOPE,1,2026-10-01,INSPECTOR\n", /NOPE/],
    [
      "readings",
      "serial_number,value,taken_at,source\nG4-19-0045123,1,2026-10-01,NEIGHBOUR\n",
      /source "NEIGHBOUR"/,
    ],
  ])("refuses a bad %s row", async (name, content, message) => {
    const before = await tableCounts();
    const error = await failure(registry({ [name]: content }));
    expect(error.message).toMatch(new RegExp(`^${name}\\.csv line 2: `));
    expect(error.message).toMatch(message);
    expect(await tableCounts()).toEqual(before);
  });

  it("refuses a folder without registry files", async () => {
    await expect(run(registry({}))).rejects.toThrow(RegistryError);
    await expect(run(registry({}))).rejects.toThrow(/No registry files/);
  });

  it("imports more rows than one batch", async () => {
    const lines = Array.from(
      { length: 1203 },
      (_, i) => `0098${String(i).padStart(6, "0")},Абонент ${i},г. Алматы,`,
    );
    const accounts = ["number,holder_name,address,owner_bin", ...lines].join("\n");
    const dir = registry({ accounts });
    expect((await run(dir)).accounts).toEqual(counts(1203, 0, 0));
    expect((await run(dir)).accounts).toEqual(counts(0, 0, 1203));
  });

  it("refuses a bad row batches after the first, written or not, and writes nothing", async () => {
    const lines = Array.from(
      { length: 3609 },
      (_, i) => `0097${String(i).padStart(6, "0")},Абонент ${i},г. Алматы,`,
    );
    const header = "number,holder_name,address,owner_bin";
    const before = await tableCounts();
    const duplicate = registry({ accounts: [header, ...lines, lines[0]].join("\n") });
    expect((await failure(duplicate)).message).toMatch(
      /^accounts\.csv line 3611: same number as line 2 /,
    );
    const malformed = registry({ accounts: [header, ...lines, "0097-bad-!,X,Y,"].join("\n") });
    expect((await failure(malformed)).message).toMatch(/^accounts\.csv line 3611: /);
    expect(await tableCounts()).toEqual(before);
  });
});

describe("demo seed", () => {
  let fresh: TestDatabase;

  beforeAll(async () => {
    fresh = await createTestDatabase();
  });

  afterAll(() => fresh.drop());

  it("seeds an empty database once", async () => {
    expect(await demoCredentials(fresh.dataSource)).toEqual([]);
    expect(await seedDemoRegistry(fresh.dataSource, clock)).toBe(true);
    expect(await seedDemoRegistry(fresh.dataSource, clock)).toBe(false);
    expect(await fresh.dataSource.getRepository(AccountEntity).count()).toBe(11);
  });

  it("lists the demo accounts with their latest payments", async () => {
    const demo = await demoCredentials(fresh.dataSource);
    expect(demo).toHaveLength(11);
    expect(demo[0]).toEqual({
      number: "0012345678",
      holderName: "Сейткали Айгерим Нурлановна",
      lastPayment: "12345.67",
      ownerBin: null,
    });
    expect(demo.filter((a) => a.ownerBin === "080540003125")).toHaveLength(3);
  });
});
