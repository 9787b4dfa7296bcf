import { join } from "node:path";
import { type EntityTarget, type FindOptionsWhere, In, type ObjectLiteral } from "typeorm";
import { AccountEntity } from "../accounts/account.entity";
import { PaymentEntity } from "../accounts/payment.entity";
import { MeterEntity } from "../readings/meter.entity";
import { ReadingEntity } from "../readings/reading.entity";
import type { ReadingSource } from "../core/enums";
import { type Fields, problem, readCsvBatches, RowProblem } from "./csv-stream";
import { type RegistryFile, RegistryFileError } from "./registry-files";
import {
  ACCOUNT_CHANGES,
  CSV_READING_SOURCES,
  forbiddenCharacter,
  isBeforeInstallation,
  isInFuture,
  isLongerThan,
  MAX_LENGTH,
  METER_CHANGES,
  newAccountFields,
  newMeterFields,
  newReadingFields,
  parseAccountNumber,
  parseAmount,
  parseBin,
  parseInstant,
  parseReadingValue,
  parseVerificationDue,
  touchedAccountFields,
  verificationDueProblem,
} from "./registry-row.rules";

/**
 * The registry's CSV files as rows: each file's columns, how a row is parsed and checked, and
 * how it maps onto its table (`registry-import.service.ts` writes them).
 */

/**
 * The rows of one registry file as column → value (header checked, values trimmed, nothing else
 * validated), for tools and tests.
 */
export async function readRegistryFile(dir: string, name: RegistryFile): Promise<Fields[]> {
  const rows: Fields[] = [];
  try {
    const file = join(dir, `${name}.csv`);
    for await (const batch of readCsvBatches(
      file,
      SPECS[name].columns,
      1000,
      undefined,
      SPECS[name].optionalColumns,
    )) {
      for (const row of batch) rows.push(row.fields);
    }
  } catch (error) {
    if (!(error instanceof RowProblem)) throw error;
    throw new RegistryFileError(`${name}.csv`, error.line ?? null, error.message, false);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Field checks (the rules are registry-row.rules.ts): each returns the field's value or throws
// a RowProblem naming the column.

const quoted = (value: string) => JSON.stringify(value);

function text(fields: Fields, column: string, maxLength: number): string {
  const value = fields[column];
  if (value === "") problem(`${column} is empty`);
  const forbidden = forbiddenCharacter(value);
  if (forbidden) problem(`${column} has a control or bidi character (${forbidden})`);
  if (isLongerThan(value, maxLength)) problem(`${column} is longer than ${maxLength} characters`);
  return value;
}

function parsed<T>(fields: Fields, column: string, what: string, parser: (s: string) => T | null) {
  return parser(fields[column]) ?? problem(`${column} ${quoted(fields[column])} is not ${what}`);
}

/** A date not in the future (registry-row.rules.ts `isInFuture`). */
function date(fields: Fields, column: string, now: Date): Date {
  const instant = parsed(fields, column, "an ISO 8601 date", parseInstant);
  if (isInFuture(instant, now)) problem(`${column} ${quoted(fields[column])} is in the future`);
  return instant;
}

/**
 * The optional `verification_due` of a meter: undefined when the file has no such column (the
 * stored date stays), null when the cell is empty (no date).
 */
function verificationDue(fields: Fields, installedAt: Date, now: Date): string | null | undefined {
  const value = fields.verification_due;
  if (value === undefined) return undefined;
  if (value === "") return null;
  const due = parsed(fields, "verification_due", "a date (YYYY-MM-DD)", parseVerificationDue);
  const wrong = verificationDueProblem(due, installedAt, now);
  if (wrong) problem(`verification_due ${quoted(value)} ${wrong}`);
  return due;
}

/** A row an earlier file imported: its id and the fields the spec's `reference.also` names. */
export type Referenced = ObjectLiteral & { id: number };

/** The row an earlier file imported, by the natural key in `column`. */
function referencedRow(fields: Fields, column: string, rows: Map<string, Referenced>): Referenced {
  const value = text(fields, column, Infinity);
  return rows.get(value) ?? problem(`unknown ${column} ${quoted(value)}`);
}

/** The id of the row an earlier file imported, by the natural key in `column`. */
const referenced = (fields: Fields, column: string, rows: Map<string, Referenced>): number =>
  referencedRow(fields, column, rows).id;

// ---------------------------------------------------------------------------------------------
// The files

/**
 * How one file maps onto one table. `R` is the part of the entity `E` the file sets, so `key`
 * and the `mutable` fields read a parsed row and a stored entity alike.
 */
export interface FileSpec<E extends ObjectLiteral & { id: number }, R> {
  entity: EntityTarget<E>;
  columns: readonly string[];
  /** Columns a file may leave out: its rows then keep the stored value (`changedFields`). */
  optionalColumns?: readonly string[];
  /** The columns of the natural key (for the duplicate-row message). */
  keyColumns: readonly string[];
  /**
   * A column naming a row of an earlier file: its values are looked up (the id, and the fields
   * in `also`) before parsing.
   */
  reference?: {
    column: string;
    entity: EntityTarget<ObjectLiteral>;
    field: string;
    also?: readonly string[];
  };
  /** `now` is the import's clock (dates may not be later). */
  parse(fields: Fields, references: Map<string, Referenced>, now: Date): R;
  key(row: R): string;
  /** A query that finds (at least) the stored rows with the natural keys of `rows`. */
  stored(rows: R[]): FindOptionsWhere<E>;
  /** Fields the registry may change on a stored row. */
  mutable: readonly (keyof R & keyof E)[];
  inserted(row: R, now: Date): Partial<E>;
  /** Extra fields set on an update. */
  touched?(now: Date): Partial<E>;
}

type AccountRow = Pick<AccountEntity, "number" | "holderName" | "address" | "ownerBin">;
type MeterRow = Pick<MeterEntity, "accountId" | "serialNumber" | "installedAt"> & {
  verificationDue?: string | null;
};
type PaymentRow = Pick<PaymentEntity, "accountId" | "amountTiyn" | "paidAt">;
type ReadingRow = Pick<ReadingEntity, "meterId" | "valueMilli" | "takenAt" | "source"> & {
  externalId: string;
};

const accountRef = { column: "account_number", entity: AccountEntity, field: "number" };

const accounts: FileSpec<AccountEntity, AccountRow> = {
  entity: AccountEntity,
  columns: ["number", "holder_name", "address", "owner_bin"],
  keyColumns: ["number"],
  parse: (fields) => ({
    number: parsed(
      fields,
      "number",
      "an account number (up to 32 letters, digits, dashes)",
      parseAccountNumber,
    ),
    holderName: text(fields, "holder_name", MAX_LENGTH.holderName),
    address: text(fields, "address", MAX_LENGTH.address),
    ownerBin: fields.owner_bin === "" ? null : parsed(fields, "owner_bin", "a valid BIN", parseBin),
  }),
  key: (row) => row.number,
  stored: (rows) => ({ number: In(rows.map((row) => row.number)) }),
  mutable: ACCOUNT_CHANGES,
  inserted: newAccountFields,
  touched: touchedAccountFields,
};

const meters: FileSpec<MeterEntity, MeterRow> = {
  entity: MeterEntity,
  columns: ["account_number", "serial_number", "installed_at"],
  optionalColumns: ["verification_due"],
  keyColumns: ["serial_number"],
  reference: accountRef,
  parse: (fields, accountIds, now) => {
    const installedAt = date(fields, "installed_at", now);
    return {
      accountId: referenced(fields, "account_number", accountIds),
      serialNumber: text(fields, "serial_number", MAX_LENGTH.serialNumber),
      installedAt,
      verificationDue: verificationDue(fields, installedAt, now),
    };
  },
  key: (row) => row.serialNumber,
  stored: (rows) => ({ serialNumber: In(rows.map((row) => row.serialNumber)) }),
  mutable: METER_CHANGES,
  inserted: newMeterFields,
};

const payments: FileSpec<PaymentEntity, PaymentRow> = {
  entity: PaymentEntity,
  columns: ["account_number", "amount", "paid_at"],
  keyColumns: ["account_number", "amount", "paid_at"],
  reference: accountRef,
  parse: (fields, accountIds, now) => ({
    accountId: referenced(fields, "account_number", accountIds),
    amountTiyn: parsed(fields, "amount", "an amount in tenge (at most 2 decimals)", parseAmount),
    paidAt: date(fields, "paid_at", now),
  }),
  key: (row) => `${row.accountId}|${row.paidAt.getTime()}|${row.amountTiyn}`,
  stored: (rows) => ({
    accountId: In(rows.map((row) => row.accountId)),
    paidAt: In(rows.map((row) => row.paidAt)),
  }),
  mutable: [],
  inserted: (row) => row,
};

const readings: FileSpec<ReadingEntity, ReadingRow> = {
  entity: ReadingEntity,
  columns: ["serial_number", "value", "taken_at", "source"],
  keyColumns: ["serial_number", "taken_at", "source"],
  reference: {
    column: "serial_number",
    entity: MeterEntity,
    field: "serialNumber",
    also: ["installedAt"],
  },
  parse: (fields, meters, now) => {
    const meter = referencedRow(fields, "serial_number", meters);
    const takenAt = date(fields, "taken_at", now);
    if (isBeforeInstallation(takenAt, meter.installedAt)) {
      problem(`taken_at ${quoted(fields.taken_at)} is before the meter's installed_at`);
    }
    const source = parsed(fields, "source", [...CSV_READING_SOURCES].join("/"), (s) =>
      CSV_READING_SOURCES.has(s) ? (s as ReadingSource) : null,
    );
    return {
      meterId: meter.id,
      valueMilli: parsed(
        fields,
        "value",
        "a reading in m³ (at most 3 decimals)",
        parseReadingValue,
      ),
      takenAt,
      source,
      externalId: `registry:${fields.serial_number}:${takenAt.toISOString()}:${source}`,
    };
  },
  key: (row) => row.externalId,
  stored: (rows) => ({ externalId: In(rows.map((row) => row.externalId)) }),
  mutable: ["valueMilli"],
  inserted: newReadingFields,
};

// The table's entries differ in their row types; the import only relies on FileSpec's shape.
export type AnySpec = FileSpec<ObjectLiteral & { id: number }, ObjectLiteral>;
export const SPECS: Record<RegistryFile, AnySpec> = { accounts, meters, payments, readings };
