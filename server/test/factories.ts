import type { DataSource } from "typeorm";
import { AccountEntity } from "../src/accounts/account.entity";
import { PaymentEntity } from "../src/accounts/payment.entity";
import { MeterEntity } from "../src/readings/meter.entity";
import { ReadingEntity } from "../src/readings/reading.entity";
import { periodOf } from "../src/core/almaty-time";
import { parseMoneyTiyn, parseReadingMilli } from "../src/core/decimal";
import { ReadingSource } from "../src/core/enums";

let sequence = 0;
const next = () => ++sequence;

export interface RegistryAccountOverrides {
  number?: string;
  holderName?: string;
  address?: string;
  ownerBin?: string | null;
  /** Payments oldest first; the last is the one that proves the account. */
  payments?: string[];
  /** Meters, each with its readings (oldest first) as [value, takenAt]. */
  meters?: Array<{ serialNumber?: string; readings?: Array<[string, string]> }>;
}

export interface RegistryAccount {
  account: AccountEntity;
  meters: MeterEntity[];
  lastPayment: string;
}

/** A registry account as the billing system would have it, with overrides for what a test needs. */
export async function createRegistryAccount(
  dataSource: DataSource,
  overrides: RegistryAccountOverrides = {},
): Promise<RegistryAccount> {
  const n = next();
  const now = new Date("2026-01-01T00:00:00Z");
  const account = await dataSource.getRepository(AccountEntity).save({
    number: overrides.number ?? `77${String(n).padStart(8, "0")}`,
    holderName: overrides.holderName ?? `Абонент ${n}`,
    address: overrides.address ?? `г. Алматы, ул. Абая, д. ${n}`,
    ownerBin: overrides.ownerBin ?? null,
    createdAt: now,
    updatedAt: now,
  });
  const payments = overrides.payments ?? ["4 500,00", `${1000 + n},37`];
  for (const [i, amount] of payments.entries()) {
    await dataSource.getRepository(PaymentEntity).insert({
      accountId: account.id,
      amountTiyn: parseMoneyTiyn(amount.replace(/\s/g, "").replace(",", "."))!,
      paidAt: new Date(Date.UTC(2026, 5 + i, 10)),
    });
  }
  const meters: MeterEntity[] = [];
  for (const spec of overrides.meters ?? [{ readings: [["1500.000", "2026-10-25T05:00:00Z"]] }]) {
    const meter = await dataSource.getRepository(MeterEntity).save({
      accountId: account.id,
      serialNumber: spec.serialNumber ?? `SN-${n}-${meters.length + 1}`,
      installedAt: new Date("2020-01-01T00:00:00Z"),
      removedAt: null,
    });
    for (const [value, takenAt] of spec.readings ?? []) {
      await dataSource.getRepository(ReadingEntity).insert({
        meterId: meter.id,
        valueMilli: parseReadingMilli(value)!,
        takenAt: new Date(takenAt),
        period: periodOf(new Date(takenAt)),
        source: ReadingSource.INSPECTOR,
        slot: null,
        isCorrection: false,
        previousValueMilli: null,
        submittedByUserId: null,
        caller: null,
        idempotencyKey: null,
        externalId: `test:${meter.id}:${takenAt}`,
        createdAt: new Date(takenAt),
      });
    }
    meters.push(meter);
  }
  return { account, meters, lastPayment: payments[payments.length - 1] };
}

let emailCounter = 0;

/** Registration input that passes every rule; override what the test is about. */
export function registration(account: RegistryAccount, overrides: Record<string, unknown> = {}) {
  emailCounter += 1;
  return {
    email: `user${emailCounter}.${Date.now()}@example.kz`,
    password: "Жасыл-алма-2026!",
    passwordConfirmation: "Жасыл-алма-2026!",
    lastName: "Сейткали",
    firstName: "Айгерим",
    phone: "8 701 123 45 67",
    personType: "INDIVIDUAL",
    accountNumber: account.account.number,
    lastPaymentAmount: account.lastPayment,
    acceptTerms: true,
    ...overrides,
  };
}
