import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  type DataSource,
  type EntityManager,
  type EntityTarget,
  type FindOptionsWhere,
  In,
  type ObjectLiteral,
} from "typeorm";
import { AccountEntity } from "../accounts/account.entity";
import { PaymentEntity } from "../accounts/payment.entity";
import { bulkInsert } from "../db/bulk-insert";
import { withTransaction } from "../db/transaction";
import { MeterEntity } from "../readings/meter.entity";
import { ReadingEntity } from "../readings/reading.entity";
import { periodOf } from "../core/almaty-time";
import type { Clock } from "../core/clock";
import type { ReadingSource } from "../core/enums";
import {
  type CsvProgress,
  type CsvRow,
  type Fields,
  problem,
  readCsvBatches,
  RowProblem,
} from "./csv-stream";
import {
  CSV_READING_SOURCES,
  isLongerThan,
  MAX_LENGTH,
  parseAccountNumber,
  parseAmount,
  parseBin,
  parseInstant,
  parseReadingValue,
} from "./registry-row.rules";

/** The registry files, in the order they are imported (later files refer to earlier ones). */
export const REGISTRY_FILES = ["accounts", "meters", "payments", "readings"] as const;
export type RegistryFile = (typeof REGISTRY_FILES)[number];

export interface FileCounts {
  created: number;
  updated: number;
  unchanged: number;
}
export type ImportReport = Record<RegistryFile, FileCounts>;

const noCounts = (): FileCounts => ({ created: 0, updated: 0, unchanged: 0 });

export interface FileProgress {
  /** Data rows written so far. */
  rows: number;
  bytesRead: number;
  totalBytes: number;
  /** True once the whole file is written (its transaction is about to commit). */
  done: boolean;
}

export interface ImportOptions {
  clock: Clock;
  /** Called before the first batch of a file, after each batch, and at its end. */
  onProgress?: (file: string, progress: FileProgress) => void;
}

/**
 * Placeholders per statement: round trips dominate an import, so each batch is as large as both
 * databases allow (SQLite takes 32,766 parameters a statement, MySQL 65,535).
 */
const PARAMETERS_PER_STATEMENT = 24_000;

/** Rows loaded, compared and inserted per round trip for a table of `columns` columns. */
export const batchSize = (columns: number) => Math.floor(PARAMETERS_PER_STATEMENT / columns);

/** A registry that cannot be imported (no files, unreadable folder). */
export class RegistryError extends Error {
  override name = "RegistryError";
}

/** A malformed registry file: nothing of it was written. */
export class RegistryFileError extends RegistryError {
  override name = "RegistryFileError";

  constructor(
    readonly file: string,
    /** 1-based line of the offending row in the file; null when the file as a whole is wrong. */
    readonly line: number | null,
    readonly problem: string,
    earlierFilesImported: boolean,
  ) {
    super(
      `${file}${line === null ? "" : ` line ${line}`}: ${problem} — nothing of ${file} was written; ` +
        (earlierFilesImported ? "earlier files were imported; " : "") +
        "fix the file and run again — importing is idempotent",
    );
  }
}

/**
 * The rows of one registry file as column → value (header checked, values trimmed, nothing else
 * validated), for tools and tests.
 */
export async function readRegistryFile(dir: string, name: RegistryFile): Promise<Fields[]> {
  const rows: Fields[] = [];
  try {
    const file = join(dir, `${name}.csv`);
    for await (const batch of readCsvBatches(file, SPECS[name].columns, 1000)) {
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
  if (isLongerThan(value, maxLength)) problem(`${column} is longer than ${maxLength} characters`);
  return value;
}

function parsed<T>(fields: Fields, column: string, what: string, parser: (s: string) => T | null) {
  return parser(fields[column]) ?? problem(`${column} ${quoted(fields[column])} is not ${what}`);
}

const date = (fields: Fields, column: string): Date =>
  parsed(fields, column, "an ISO 8601 date", parseInstant);

/** The id of the row an earlier file imported, by the natural key in `column`. */
function referenced(fields: Fields, column: string, ids: Map<string, number>): number {
  const value = text(fields, column, Infinity);
  return ids.get(value) ?? problem(`unknown ${column} ${quoted(value)}`);
}

// ---------------------------------------------------------------------------------------------
// The files

/**
 * How one file maps onto one table. `R` is the part of the entity `E` the file sets, so `key`
 * and the `mutable` fields read a parsed row and a stored entity alike.
 */
interface FileSpec<E extends ObjectLiteral & { id: number }, R> {
  entity: EntityTarget<E>;
  columns: readonly string[];
  /** The columns of the natural key (for the duplicate-row message). */
  keyColumns: readonly string[];
  /** A column naming a row of an earlier file: its values are looked up before parsing. */
  reference?: { column: string; entity: EntityTarget<ObjectLiteral>; field: string };
  parse(fields: Fields, ids: Map<string, number>): R;
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
type MeterRow = Pick<MeterEntity, "accountId" | "serialNumber" | "installedAt">;
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
  mutable: ["holderName", "address", "ownerBin"],
  inserted: (row, now) => ({ ...row, createdAt: now, updatedAt: now }),
  touched: (now) => ({ updatedAt: now }),
};

const meters: FileSpec<MeterEntity, MeterRow> = {
  entity: MeterEntity,
  columns: ["account_number", "serial_number", "installed_at"],
  keyColumns: ["serial_number"],
  reference: accountRef,
  parse: (fields, accountIds) => ({
    accountId: referenced(fields, "account_number", accountIds),
    serialNumber: text(fields, "serial_number", MAX_LENGTH.serialNumber),
    installedAt: date(fields, "installed_at"),
  }),
  key: (row) => row.serialNumber,
  stored: (rows) => ({ serialNumber: In(rows.map((row) => row.serialNumber)) }),
  mutable: ["accountId", "installedAt"],
  inserted: (row) => ({ ...row, removedAt: null }),
};

const payments: FileSpec<PaymentEntity, PaymentRow> = {
  entity: PaymentEntity,
  columns: ["account_number", "amount", "paid_at"],
  keyColumns: ["account_number", "amount", "paid_at"],
  reference: accountRef,
  parse: (fields, accountIds) => ({
    accountId: referenced(fields, "account_number", accountIds),
    amountTiyn: parsed(fields, "amount", "an amount in tenge (at most 2 decimals)", parseAmount),
    paidAt: date(fields, "paid_at"),
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
  reference: { column: "serial_number", entity: MeterEntity, field: "serialNumber" },
  parse: (fields, meterIds) => {
    const meterId = referenced(fields, "serial_number", meterIds);
    const takenAt = date(fields, "taken_at");
    const source = parsed(fields, "source", [...CSV_READING_SOURCES].join("/"), (s) =>
      CSV_READING_SOURCES.has(s) ? (s as ReadingSource) : null,
    );
    return {
      meterId,
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
  inserted: (row, now) => ({
    ...row,
    period: periodOf(row.takenAt),
    slot: null,
    isCorrection: false,
    previousValueMilli: null,
    submittedByUserId: null,
    caller: null,
    idempotencyKey: null,
    createdAt: now,
  }),
};

// The table's entries differ in their row types; the loop below only relies on FileSpec's shape.
type AnySpec = FileSpec<ObjectLiteral & { id: number }, ObjectLiteral>;
const SPECS: Record<RegistryFile, AnySpec> = { accounts, meters, payments, readings };

// ---------------------------------------------------------------------------------------------
// Importing

/**
 * Imports the registry CSV files found in `dir` (accounts, meters, payments, readings, in that
 * order; a missing file is skipped). Each file is validated completely, then written in one
 * transaction; a malformed file throws RegistryFileError and writes nothing of it. Idempotent.
 */
export async function importRegistry(
  dataSource: DataSource,
  dir: string,
  options: ImportOptions,
): Promise<ImportReport> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new RegistryError(`Registry folder not found: ${dir}`);
  }
  const present = REGISTRY_FILES.filter((name) => existsSync(join(dir, `${name}.csv`)));
  if (present.length === 0) {
    throw new RegistryError(
      `No registry files in ${dir}: expected ${REGISTRY_FILES.map((n) => `${n}.csv`).join(", ")}`,
    );
  }
  const report = Object.fromEntries(REGISTRY_FILES.map((name) => [name, noCounts()]));
  for (const [index, name] of present.entries()) {
    report[name] = await importFile(dataSource, dir, name, options, index > 0);
  }
  return report as ImportReport;
}

/**
 * Streams one file into the database in a single transaction, a batch a round trip: a
 * malformed row rolls the whole file back (earlier files stay), so a corrected file can simply
 * be imported again.
 */
async function importFile(
  dataSource: DataSource,
  dir: string,
  name: RegistryFile,
  { clock, onProgress }: ImportOptions,
  earlierFilesImported: boolean,
): Promise<FileCounts> {
  const spec = SPECS[name];
  const file = `${name}.csv`;
  const csv: CsvProgress = { bytesRead: 0, totalBytes: 0 };
  const report = (rows: number, done: boolean) => onProgress?.(file, { rows, ...csv, done });
  try {
    return await withTransaction(dataSource, async (manager) => {
      const counts = noCounts();
      const now = clock.now();
      const firstLineOfKey = new Map<string, number>();
      const rowsPerBatch = batchSize(dataSource.getMetadata(spec.entity).columns.length);
      // A first import finds nothing stored: its batches skip the lookup (duplicates inside the
      // file are caught by firstLineOfKey, and the transaction holds what earlier batches wrote).
      const tableWasEmpty = !(await manager.exists(spec.entity));
      let written = 0;
      /** Parses and checks a batch in file order (its references looked up first). */
      const parseBatch = async (pending: CsvRow[]): Promise<ObjectLiteral[]> => {
        const ids = spec.reference
          ? await referenceIds(manager, spec.reference, pending)
          : new Map();
        return pending.map(({ line, fields }) => {
          try {
            const row = spec.parse(fields, ids);
            const earlier = firstLineOfKey.get(spec.key(row));
            if (earlier !== undefined)
              problem(`same ${spec.keyColumns.join(", ")} as line ${earlier}`);
            firstLineOfKey.set(spec.key(row), line);
            return row;
          } catch (error) {
            if (error instanceof RowProblem && error.line === undefined)
              throw new RowProblem(error.message, line);
            throw error;
          }
        });
      };
      const write = async (rows: ObjectLiteral[]) => {
        const batch = await writeBatch(manager, spec, rows, now, tableWasEmpty);
        counts.created += batch.created;
        counts.updated += batch.updated;
        counts.unchanged += batch.unchanged;
        written += rows.length;
        report(written, false);
      };
      report(0, false);
      // A batch is read, parsed and checked while the one before it is written.
      let writing: Promise<void> = Promise.resolve();
      try {
        for await (const batch of readCsvBatches(
          join(dir, file),
          spec.columns,
          rowsPerBatch,
          csv,
        )) {
          const rows = await parseBatch(batch);
          await writing;
          writing = write(rows);
          writing.catch(() => undefined); // awaited before the next batch or at the end
        }
        await writing;
      } catch (error) {
        await writing.catch(() => undefined); // the transaction ends only after its last write
        throw error;
      }
      report(written, true);
      return counts;
    });
  } catch (error) {
    if (!(error instanceof RowProblem)) throw error;
    throw new RegistryFileError(file, error.line ?? null, error.message, earlierFilesImported);
  }
}

/** Natural key → id of the rows that the reference column names, in one query a batch. */
async function referenceIds(
  manager: EntityManager,
  { column, entity, field }: NonNullable<AnySpec["reference"]>,
  csvRows: CsvRow[],
): Promise<Map<string, number>> {
  const keys = [...new Set(csvRows.map(({ fields }) => fields[column]))].filter(Boolean);
  const ids = new Map<string, number>();
  const step = batchSize(1);
  for (let start = 0; start < keys.length; start += step) {
    const found = await manager.find(entity, {
      select: { id: true, [field]: true },
      where: { [field]: In(keys.slice(start, start + step)) },
    });
    for (const row of found) ids.set(row[field] as string, row.id as number);
  }
  return ids;
}

const sameValue = (a: unknown, b: unknown): boolean =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;

async function writeBatch(
  manager: EntityManager,
  spec: AnySpec,
  rows: ObjectLiteral[],
  now: Date,
  nothingStored: boolean,
): Promise<FileCounts> {
  const stored = nothingStored ? [] : await manager.find(spec.entity, { where: spec.stored(rows) });
  const storedByKey = new Map(stored.map((entity) => [spec.key(entity), entity]));
  const counts = noCounts();
  const inserts: ObjectLiteral[] = [];
  for (const row of rows) {
    const current = storedByKey.get(spec.key(row));
    if (!current) {
      inserts.push(spec.inserted(row, now));
      continue;
    }
    const changed = spec.mutable.filter((field) => !sameValue(current[field], row[field]));
    if (changed.length === 0) {
      counts.unchanged += 1;
      continue;
    }
    const patch = Object.fromEntries(changed.map((field) => [field, row[field]]));
    await manager.update(spec.entity, current.id, { ...patch, ...spec.touched?.(now) });
    counts.updated += 1;
  }
  await bulkInsert(manager, spec.entity, inserts);
  counts.created = inserts.length;
  return counts;
}
