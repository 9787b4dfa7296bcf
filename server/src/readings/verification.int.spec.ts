import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRegistryAccount, registration } from "../../test/factories";
import { integratorClient, UPSERT_METERS } from "../../test/integrator-operations";
import { registerAndLogin, SUBMIT } from "../../test/operations";
import { startTestApp, type TestApp } from "../../test/test-app";
import { FixedClock } from "../core/clock";
import { importRegistry } from "../registry/registry-import.service";
import { MeterEntity } from "./meter.entity";

// 2026-11-20 09:00 in Almaty.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ now: "2026-11-20T04:00:00Z" });
});
afterAll(() => t.close());

const METERS = /* GraphQL */ `
  query ($number: String!) {
    account(number: $number) {
      meters {
        id
        serialNumber
        verificationDue
        verification {
          due
          status
          daysLeft
        }
      }
    }
  }
`;
const PARTNER_METERS = /* GraphQL */ `
  query ($number: String!) {
    partnerAccount(number: $number) {
      meters {
        serialNumber
        verificationDue
        verification {
          status
          daysLeft
        }
      }
    }
  }
`;
const FEED = /* GraphQL */ `
  query ($after: String) {
    readingsFeed(after: $after, first: 500) {
      edges {
        node {
          id
          meterSerial
          meterVerificationOverdue
        }
      }
    }
  }
`;

const stored = async (serialNumber: string) =>
  (await t.db.dataSource.getRepository(MeterEntity).findOneByOrFail({ serialNumber }))
    .verificationDue;

describe("a meter's verification date (поверка)", () => {
  it("is synced, shown with its status, and flags (never refuses) an overdue meter's readings", async () => {
    const billing = await integratorClient(t, [
      "registry:write",
      "readings:read",
      "readings:submit",
    ]);
    const reading = [["1500", "2026-10-25T05:00:00Z"]] as Array<[string, string]>;
    const home = await createRegistryAccount(t.db.dataSource, {
      meters: ["V-OK", "V-SOON", "V-LATE"].map((serialNumber) => ({
        serialNumber,
        readings: reading,
      })),
    });
    const item = (serialNumber: string, verificationDue?: string | null) => ({
      accountNumber: home.account.number,
      serialNumber,
      installedAt: "2020-01-01T00:00:00Z",
      ...(verificationDue === undefined ? {} : { verificationDue }),
    });
    const upsert = async (items: object[]) =>
      (await billing.client.ok(UPSERT_METERS, { items })).upsertMeters;
    const dated = [
      item("V-OK", "2027-06-01"),
      item("V-SOON", "2026-12-15"),
      item("V-LATE", "2026-11-19"),
    ];

    expect(await upsert(dated)).toMatchObject({ updated: 3, rejected: 0 });
    expect(await upsert(dated)).toMatchObject({ unchanged: 3 });
    // Left out, the stored date stays.
    expect(await upsert([item("V-OK")])).toMatchObject({ unchanged: 1 });
    expect(await stored("V-OK")).toBe("2027-06-01");

    // Bad dates are refused with the field and change nothing.
    const bad = await upsert([
      item("V-OK", "2027-02-30"),
      item("V-OK", "01.06.2027"),
      item("V-OK", "2019-12-31"),
      item("V-OK", "2070-01-01"),
    ]);
    expect(bad.rejected).toBe(4);
    for (const refused of bad.items) {
      expect(refused).toMatchObject({ code: "VALIDATION_FAILED", field: "verificationDue" });
    }
    expect(await stored("V-OK")).toBe("2027-06-01");

    const phone = t.client();
    await registerAndLogin(phone, registration(home));
    const meters = (await phone.ok(METERS, { number: home.account.number })).account.meters;
    const bySerial = (serial: string) => meters.find((m: any) => m.serialNumber === serial);
    expect(bySerial("V-OK")).toMatchObject({
      verificationDue: "2027-06-01",
      verification: { due: "2027-06-01", status: "OK", daysLeft: 193 },
    });
    expect(bySerial("V-SOON").verification).toEqual({
      due: "2026-12-15",
      status: "DUE_SOON",
      daysLeft: 25,
    });
    expect(bySerial("V-LATE").verification).toEqual({
      due: "2026-11-19",
      status: "OVERDUE",
      daysLeft: -1,
    });
    const partner = (await billing.client.ok(PARTNER_METERS, { number: home.account.number }))
      .partnerAccount.meters;
    expect(partner.map((m: any) => [m.serialNumber, m.verification.status])).toEqual([
      ["V-OK", "OK"],
      ["V-SOON", "DUE_SOON"],
      ["V-LATE", "OVERDUE"],
    ]);

    // The overdue meter's reading is accepted, and the feed flags it for billing.
    const late = await phone.ok(SUBMIT, {
      input: { meterId: bySerial("V-LATE").id, value: "1510" },
    });
    const fine = await phone.ok(SUBMIT, {
      input: { meterId: bySerial("V-SOON").id, value: "1505" },
    });
    const feed = (await billing.client.ok(FEED, {})).readingsFeed.edges.map((e: any) => e.node);
    expect(feed.find((n: any) => n.id === late.submitReading.id)).toMatchObject({
      meterSerial: "V-LATE",
      meterVerificationOverdue: true,
    });
    expect(feed.find((n: any) => n.id === fine.submitReading.id)).toMatchObject({
      meterVerificationOverdue: false,
    });

    // null clears the date.
    expect(await upsert([item("V-LATE", null)])).toMatchObject({ updated: 1 });
    expect(await stored("V-LATE")).toBeNull();
    const cleared = (await phone.ok(METERS, { number: home.account.number })).account.meters;
    expect(cleared.find((m: any) => m.serialNumber === "V-LATE")).toMatchObject({
      verificationDue: null,
      verification: null,
    });
  });

  it("comes from the optional verification_due column of meters.csv", async () => {
    const folder = mkdtempSync(join(tmpdir(), "gas-registry-"));
    const clock = new FixedClock(t.clock.now());
    const write = (meters: string) => {
      writeFileSync(
        join(folder, "accounts.csv"),
        "number,holder_name,address,owner_bin\n9900000001,A,B,\n",
      );
      writeFileSync(join(folder, "meters.csv"), meters);
    };
    try {
      write(
        "account_number,serial_number,installed_at,verification_due\n9900000001,CSV-1,2021-03-01,2027-03-12\n9900000001,CSV-2,2021-03-01,\n",
      );
      expect((await importRegistry(t.db.dataSource, folder, { clock })).meters).toEqual({
        created: 2,
        updated: 0,
        unchanged: 0,
      });
      expect(await stored("CSV-1")).toBe("2027-03-12");
      expect(await stored("CSV-2")).toBeNull();

      // A file without the column keeps the stored dates: unchanged.
      write("account_number,serial_number,installed_at\n9900000001,CSV-1,2021-03-01\n");
      expect((await importRegistry(t.db.dataSource, folder, { clock })).meters.unchanged).toBe(1);
      expect(await stored("CSV-1")).toBe("2027-03-12");

      write(
        "account_number,serial_number,installed_at,verification_due\n9900000001,CSV-1,2021-03-01,2021-02-28\n",
      );
      await expect(importRegistry(t.db.dataSource, folder, { clock })).rejects.toThrow(
        /meters\.csv line 2: verification_due "2021-02-28" is before the meter's installation/,
      );
      expect(await stored("CSV-1")).toBe("2027-03-12");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
