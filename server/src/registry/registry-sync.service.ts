import type { EntityManager } from "typeorm";
import { AccountEntity } from "../accounts/account.entity";
import { PaymentEntity } from "../accounts/payment.entity";
import { MeterEntity } from "../readings/meter.entity";
import { ReadingEntity } from "../readings/reading.entity";
import { periodOf } from "../core/almaty-time";
import type { ReadingSource } from "../core/enums";
import type { ErrorCode } from "../core/error-codes";
import { formatReadingMilli } from "../core/decimal";
import { MINIMUM_SOURCES } from "../readings/reading.rules";
import {
  ACCOUNT_CHANGES,
  changedFields,
  isBeforeInstallation,
  MAX_LENGTH,
  METER_CHANGES,
  newAccountFields,
  meterUpdateFields,
  newMeterFields,
  newReadingFields,
  parseAmount,
  parseBin,
  parseReadingValue,
  REGISTRY_READING_SOURCES,
  sameInstant,
  touchedAccountFields,
} from "./registry-row.rules";
import {
  accountNumber,
  externalId,
  pastInstant,
  reject,
  requiredText,
  verificationDue,
} from "./registry-sync.checks";

export { ItemRejected } from "./registry-sync.checks";

/**
 * The registry sync's writes, an item at a time (integrators' `syncRegistry`). The field checks,
 * new rows' fields and updatable fields are the CSV import's (both use `registry-row.rules.ts`).
 */

export const MAX_BATCH_ITEMS = 1000;

export enum ItemStatus {
  CREATED = "CREATED",
  UPDATED = "UPDATED",
  UNCHANGED = "UNCHANGED",
  REJECTED = "REJECTED",
}

export interface ItemOutcome {
  status: ItemStatus;
  code?: ErrorCode;
  field?: string;
  message?: string;
}

async function accountIdOf(manager: EntityManager, number: string): Promise<number> {
  const account = await manager.getRepository(AccountEntity).findOneBy({ number });
  return account?.id ?? reject("ACCOUNT_NOT_FOUND", "accountNumber", `Unknown account ${number}.`);
}

// ---------------------------------------------------------------------------------------------

export interface AccountItem {
  number: string;
  holderName: string;
  address: string;
  ownerBin?: string | null;
}

/**
 * Creates or updates an account by its number. The accounts of a legal entity are those whose
 * `owner_bin` is its BIN, so a change of owner moves the account between their lists at once.
 */
export async function upsertAccount(
  manager: EntityManager,
  item: AccountItem,
  now: Date,
): Promise<ItemStatus> {
  const number = accountNumber(item.number, "number");
  const holderName = requiredText(item.holderName, "holderName", MAX_LENGTH.holderName);
  const address = requiredText(item.address, "address", MAX_LENGTH.address);
  const bin = (item.ownerBin ?? "").trim();
  const ownerBin =
    bin === ""
      ? null
      : (parseBin(bin) ?? reject("INVALID_BIN", "ownerBin", "The BIN is not valid."));
  const account = { number, holderName, address, ownerBin };
  const repo = manager.getRepository(AccountEntity);
  const current = await repo.findOneBy({ number });
  if (!current) {
    await repo.insert(newAccountFields(account, now));
    return ItemStatus.CREATED;
  }
  if (changedFields(current, account, ACCOUNT_CHANGES).length === 0) {
    return ItemStatus.UNCHANGED;
  }
  await repo.update(current.id, { holderName, address, ownerBin, ...touchedAccountFields(now) });
  return ItemStatus.UPDATED;
}

export interface MeterItem {
  accountNumber: string;
  serialNumber: string;
  installedAt: string;
  verificationDue?: string | null;
  /** The serial of the meter this one replaces on the same account: it is closed, not deleted. */
  replaces?: string | null;
}

/**
 * Creates or updates a meter by its serial number. With `replaces`, the old meter of the same
 * account gets `removed_at` = the new one's installation (its readings stay; it no longer takes
 * sendings); the new meter starts its own monthly limit.
 */
export async function upsertMeter(
  manager: EntityManager,
  item: MeterItem,
  now: Date,
): Promise<ItemStatus> {
  const number = accountNumber(item.accountNumber);
  const serialNumber = requiredText(item.serialNumber, "serialNumber", MAX_LENGTH.serialNumber);
  const installedAt = pastInstant(item.installedAt, "installedAt", now);
  const due = verificationDue(item.verificationDue, installedAt, now);
  const replaced = item.replaces
    ? requiredText(item.replaces, "replaces", MAX_LENGTH.serialNumber)
    : null;
  if (replaced === serialNumber) {
    reject("VALIDATION_FAILED", "replaces", "A meter cannot replace itself.");
  }
  const accountId = await accountIdOf(manager, number);
  const repo = manager.getRepository(MeterEntity);
  let old: MeterEntity | null = null;
  if (replaced) {
    old = await repo.findOneBy({ serialNumber: replaced });
    if (!old) reject("METER_NOT_FOUND", "replaces", `Unknown meter ${replaced}.`);
    if (old!.accountId !== accountId) {
      reject("VALIDATION_FAILED", "replaces", "The replaced meter is on another account.");
    }
  }
  const meter = { accountId, serialNumber, installedAt, verificationDue: due };
  const current = await repo.findOneBy({ serialNumber });
  let status: ItemStatus;
  if (!current) {
    await repo.insert(newMeterFields(meter));
    status = ItemStatus.CREATED;
  } else if (changedFields(current, meter, METER_CHANGES).length === 0) {
    status = ItemStatus.UNCHANGED;
  } else {
    await repo.update(current.id, meterUpdateFields(meter));
    status = ItemStatus.UPDATED;
  }
  if (old && !sameInstant(old.removedAt, installedAt)) {
    await repo.update(old.id, { removedAt: installedAt });
    if (status === ItemStatus.UNCHANGED) status = ItemStatus.UPDATED;
  }
  return status;
}

export interface PaymentItem {
  externalId: string;
  accountNumber: string;
  amount: string;
  paidAt: string;
}

/**
 * Records a payment by the integrator's external id (a correction of amount or date updates it).
 * A payment already known by its natural key (account, time, amount) — e.g. from the CSV import —
 * takes the external id and is unchanged.
 */
export async function recordPayment(
  manager: EntityManager,
  item: PaymentItem,
  now: Date,
): Promise<ItemStatus> {
  const id = externalId(item.externalId);
  const number = accountNumber(item.accountNumber);
  const amountTiyn =
    parseAmount(item.amount.trim()) ??
    reject("VALIDATION_FAILED", "amount", "An amount in tenge with at most 2 decimals.");
  const paidAt = pastInstant(item.paidAt, "paidAt", now);
  const accountId = await accountIdOf(manager, number);
  const repo = manager.getRepository(PaymentEntity);
  const current = await repo.findOneBy({ externalId: id });
  if (current) {
    if (current.accountId !== accountId) {
      reject("VALIDATION_FAILED", "externalId", "This externalId is a payment of another account.");
    }
    if (current.amountTiyn === amountTiyn && sameInstant(current.paidAt, paidAt)) {
      return ItemStatus.UNCHANGED;
    }
    await repo.update(current.id, { amountTiyn, paidAt });
    return ItemStatus.UPDATED;
  }
  const natural = await repo.findOneBy({ accountId, paidAt, amountTiyn });
  if (natural) {
    if (natural.externalId === null) await repo.update(natural.id, { externalId: id });
    return ItemStatus.UNCHANGED;
  }
  await repo.insert({ accountId, amountTiyn, paidAt, externalId: id });
  return ItemStatus.CREATED;
}

export interface ReadingItem {
  externalId: string;
  meterSerial: string;
  value: string;
  takenAt: string;
  source: ReadingSource;
}

/**
 * Records an inspector, operator or estimate reading by the integrator's external id. These do
 * not count against the subscribers' monthly limit and are not in the sendings feed.
 */
export async function recordReading(
  manager: EntityManager,
  item: ReadingItem,
  now: Date,
): Promise<ItemStatus> {
  const id = externalId(item.externalId);
  const serialNumber = requiredText(item.meterSerial, "meterSerial", MAX_LENGTH.serialNumber);
  const valueMilli =
    parseReadingValue(item.value.trim()) ??
    reject("VALIDATION_FAILED", "value", "A reading in m³ with at most 3 decimals.");
  const takenAt = pastInstant(item.takenAt, "takenAt", now);
  if (!(REGISTRY_READING_SOURCES as readonly string[]).includes(item.source)) {
    reject("VALIDATION_FAILED", "source", "The source is INSPECTOR, OPERATOR or ESTIMATE.");
  }
  const meter = await manager.getRepository(MeterEntity).findOneBy({ serialNumber });
  if (!meter) reject("METER_NOT_FOUND", "meterSerial", `Unknown meter ${serialNumber}.`);
  if (isBeforeInstallation(takenAt, meter!.installedAt)) {
    reject("VALIDATION_FAILED", "takenAt", "takenAt is before the meter's installedAt.");
  }
  const repo = manager.getRepository(ReadingEntity);
  const current = await repo.findOneBy({ externalId: id });
  if (current && (current.meterId !== meter!.id || current.slot !== null)) {
    reject("VALIDATION_FAILED", "externalId", "This externalId is a reading of another meter.");
  }
  const previous = await previousActualReading(manager, meter!.id, takenAt, current?.id ?? null);
  if (previous && valueMilli < previous.valueMilli) {
    const minimum = formatReadingMilli(previous.valueMilli);
    reject(
      "READING_BELOW_PREVIOUS",
      "value",
      `The reading is below ${minimum}, the meter's previous actual reading (taken at ` +
        `${previous.takenAt.toISOString()}).`,
    );
  }
  if (current) {
    if (
      current.valueMilli === valueMilli &&
      sameInstant(current.takenAt, takenAt) &&
      current.source === item.source
    ) {
      return ItemStatus.UNCHANGED;
    }
    await repo.update(current.id, {
      valueMilli,
      takenAt,
      period: periodOf(takenAt),
      source: item.source,
    });
    return ItemStatus.UPDATED;
  }
  await repo.insert(
    newReadingFields(
      { meterId: meter!.id, valueMilli, takenAt, source: item.source, externalId: id },
      now,
    ),
  );
  return ItemStatus.CREATED;
}

/**
 * The meter's latest actual reading (not an ESTIMATE, see `readings/reading.rules.ts`) taken at
 * or before `takenAt`, other than the reading being corrected: a registry reading may not be
 * below it.
 */
function previousActualReading(
  manager: EntityManager,
  meterId: number,
  takenAt: Date,
  except: number | null,
): Promise<ReadingEntity | null> {
  const query = manager
    .getRepository(ReadingEntity)
    .createQueryBuilder("r")
    .where("r.meter_id = :meterId AND r.taken_at <= :takenAt", { meterId, takenAt })
    .andWhere("r.source IN (:...sources)", { sources: MINIMUM_SOURCES })
    .orderBy("r.taken_at", "DESC")
    .addOrderBy("r.id", "DESC")
    .limit(1);
  if (except !== null) query.andWhere("r.id <> :except", { except });
  return query.getOne();
}
