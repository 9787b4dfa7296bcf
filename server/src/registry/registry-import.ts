import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { CastingContext } from "csv-parse";
import { CsvError, parse } from "csv-parse/sync";
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
import { withTransaction } from "../db/transaction";
import { MeterEntity } from "../readings/meter.entity";
import { ReadingEntity } from "../readings/reading.entity";
import { parseRegistryDate, periodOf } from "../shared/almaty-time";
import { isValidBin } from "../shared/bin";
import type { Clock } from "../shared/clock";
import { parseMoneyTiyn, parseReadingMilli } from "../shared/decimal";
import { ReadingSource } from "../shared/enums";

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

export interface ImportOptions {
  clock: Clock;
  /** Called after each batch of a file (and once before the first), `file` being e.g. "meters.csv". */
  onProgress?: (file: string, done: number, total: number) => void;
}

/** Rows loaded, compared and inserted per round trip. */
export const BATCH_SIZE = 500;

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

// ---------------------------------------------------------------------------------------------
// Reading CSV

type Fields = Record<string, string>;

interface CsvRow {
  line: number;
  fields: Fields;
}

/** What is wrong with a row (or, without a line, the file); becomes a RegistryFileError. */
class RowProblem extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

function problem(message: string, line?: number): never {
  throw new RowProblem(message, line);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const LF = 0x0a;

/** The 1-based line of byte offsets, asked in increasing order (a single pass over the file). */
function lineCounter(bytes: Buffer): (offset: number) => number {
  let scanned = 0;
  let newlines = 0;
  return (offset) => {
    for (; scanned < offset; scanned++) if (bytes[scanned] === LF) newlines++;
    return newlines + 1;
  };
}

const newlinesIn = (fields: string[]) =>
  fields.reduce((n, field) => n + field.split("\n").length - 1, 0);

/** CSV mistakes people make, in words that do not need csv-parse's own (wrong) line numbers. */
const CSV_PROBLEMS: Partial<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: "a quoted field is never closed",
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted field (quote the field, double the quote: "")',
  CSV_INVALID_CLOSING_QUOTE:
    'text after a closing quote (double a quote inside a quoted field: "")',
};

/**
 * The data rows of a file, each with the line it starts on and its fields by column name
 * (trimmed). Blank lines are skipped; the header must hold exactly `columns`, in any order.
 */
function readCsv(path: string, columns: readonly string[]): CsvRow[] {
  const bytes = readFileSync(path);
  try {
    utf8.decode(bytes);
  } catch {
    problem("the file is not valid UTF-8 text");
  }
  // csv-parse's line count goes wrong after a quoted CRLF; its byte offsets do not.
  const lineAt = lineCounter(bytes);
  const records: { line: number; values: string[] }[] = [];
  let parsedTo = 0;
  try {
    parse(bytes, {
      bom: true,
      relax_column_count: true,
      record_delimiter: ["\r\n", "\n"],
      on_record: (record: string[], { bytes: end = 0 }: CastingContext & { bytes?: number }) => {
        parsedTo = end;
        const lastLine = lineAt(bytes[end - 1] === LF ? end - 1 : end);
        records.push({ line: lastLine - newlinesIn(record), values: record.map((v) => v.trim()) });
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // The broken record starts at the first non-blank byte after the last good one.
    const start = bytes
      .subarray(parsedTo)
      .findIndex((byte) => !/\s/.test(String.fromCharCode(byte)));
    problem(CSV_PROBLEMS[error.code] ?? error.message, lineAt(parsedTo + Math.max(start, 0)));
  }
  const rows = records.filter(({ values }) => values.some((value) => value !== ""));
  if (rows.length === 0) problem("the header row is missing");
  const [header, ...data] = rows;
  checkHeader(header.values, columns, header.line);
  return data.map(({ line, values }) => {
    if (values.length !== header.values.length) {
      problem(`has ${values.length} fields, the header has ${header.values.length}`, line);
    }
    return { line, fields: Object.fromEntries(header.values.map((name, i) => [name, values[i]])) };
  });
}

/**
 * The rows of one registry file as column → value (header checked, values trimmed, nothing else
 * validated), for tools and tests.
 */
export function readRegistryFile(dir: string, name: RegistryFile): Fields[] {
  try {
    return readCsv(join(dir, `${name}.csv`), SPECS[name].columns).map((row) => row.fields);
  } catch (error) {
    if (!(error instanceof RowProblem)) throw error;
    throw new RegistryFileError(`${name}.csv`, error.line ?? null, error.message, false);
  }
}

function checkHeader(header: string[], columns: readonly string[], line: number): void {
  const missing = columns.filter((column) => !header.includes(column));
  const unknown = header.filter((column) => !columns.includes(column));
  const repeated = header.filter((column, i) => header.indexOf(column) !== i);
  const faults = [
    missing.length > 0 && `missing column ${missing.join(", ")}`,
    unknown.length > 0 && `unknown column ${unknown.map((c) => JSON.stringify(c)).join(", ")}`,
    repeated.length > 0 && `repeated column ${repeated.join(", ")}`,
  ].filter(Boolean);
  if (faults.length > 0) {
    problem(`header: ${faults.join("; ")} (the columns are ${columns.join(",")})`, line);
  }
}

// ---------------------------------------------------------------------------------------------
// Field checks: each returns the field's value or throws a RowProblem naming the column.

const quoted = (value: string) => JSON.stringify(value);

function text(fields: Fields, column: string, maxLength: number): string {
  const value = fields[column];
  if (value === "") problem(`${column} is empty`);
  if ([...value].length > maxLength) problem(`${column} is longer than ${maxLength} characters`);
  return value;
}

function parsed<T>(fields: Fields, column: string, what: string, parser: (s: string) => T | null) {
  return parser(fields[column]) ?? problem(`${column} ${quoted(fields[column])} is not ${what}`);
}

const date = (fields: Fields, column: string): Date =>
  parsed(fields, column, "an ISO 8601 date", parseRegistryDate);

/** Account numbers as account-number.ts accepts them from people: letters, digits, dashes. */
const ACCOUNT_NUMBER = /^[0-9A-Za-z-]{1,32}$/;

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
const READING_SOURCES = new Set<string>(Object.values(ReadingSource));

const accounts: FileSpec<AccountEntity, AccountRow> = {
  entity: AccountEntity,
  columns: ["number", "holder_name", "address", "owner_bin"],
  keyColumns: ["number"],
  parse: (fields) => ({
    number: parsed(fields, "number", "an account number (up to 32 letters, digits, dashes)", (s) =>
      ACCOUNT_NUMBER.test(s) ? s : null,
    ),
    holderName: text(fields, "holder_name", 200),
    address: text(fields, "address", 500),
    ownerBin:
      fields.owner_bin === ""
        ? null
        : parsed(fields, "owner_bin", "a valid BIN", (s) => (isValidBin(s) ? s : null)),
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
    serialNumber: text(fields, "serial_number", 64),
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
    amountTiyn: parsed(fields, "amount", "an amount in tenge (at most 2 decimals)", parseMoneyTiyn),
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
    const source = parsed(fields, "source", [...READING_SOURCES].join("/"), (s) =>
      READING_SOURCES.has(s) ? (s as ReadingSource) : null,
    );
    return {
      meterId,
      valueMilli: parsed(
        fields,
        "value",
        "a reading in m³ (at most 3 decimals)",
        parseReadingMilli,
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

async function importFile(
  dataSource: DataSource,
  dir: string,
  name: RegistryFile,
  { clock, onProgress }: ImportOptions,
  earlierFilesImported: boolean,
): Promise<FileCounts> {
  const spec = SPECS[name];
  const file = `${name}.csv`;
  const fail = (line: number | null, error: unknown): never => {
    if (!(error instanceof RowProblem)) throw error;
    throw new RegistryFileError(file, error.line ?? line, error.message, earlierFilesImported);
  };
  let csvRows: CsvRow[] = [];
  try {
    csvRows = readCsv(join(dir, file), spec.columns);
  } catch (error) {
    fail(null, error);
  }
  return withTransaction(dataSource, async (manager) => {
    const ids = spec.reference ? await referenceIds(manager, spec.reference, csvRows) : new Map();
    const firstLineOfKey = new Map<string, number>();
    const rows = csvRows.map(({ line, fields }) => {
      try {
        const row = spec.parse(fields, ids);
        const earlier = firstLineOfKey.get(spec.key(row));
        if (earlier !== undefined) {
          problem(`same ${spec.keyColumns.join(", ")} as line ${earlier}`);
        }
        firstLineOfKey.set(spec.key(row), line);
        return row;
      } catch (error) {
        return fail(line, error);
      }
    });

    const counts = noCounts();
    const now = clock.now();
    onProgress?.(file, 0, rows.length);
    for (let start = 0; start < rows.length; start += BATCH_SIZE) {
      const batch = await writeBatch(manager, spec, rows.slice(start, start + BATCH_SIZE), now);
      counts.created += batch.created;
      counts.updated += batch.updated;
      counts.unchanged += batch.unchanged;
      onProgress?.(file, Math.min(start + BATCH_SIZE, rows.length), rows.length);
    }
    return counts;
  });
}

/** Natural key → id of the rows that the reference column names, BATCH_SIZE keys a query. */
async function referenceIds(
  manager: EntityManager,
  { column, entity, field }: NonNullable<AnySpec["reference"]>,
  csvRows: CsvRow[],
): Promise<Map<string, number>> {
  const keys = [...new Set(csvRows.map(({ fields }) => fields[column]))].filter(Boolean);
  const ids = new Map<string, number>();
  for (let start = 0; start < keys.length; start += BATCH_SIZE) {
    const found = await manager.find(entity, {
      select: { id: true, [field]: true },
      where: { [field]: In(keys.slice(start, start + BATCH_SIZE)) },
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
): Promise<FileCounts> {
  const stored = await manager.find(spec.entity, { where: spec.stored(rows) });
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
  if (inserts.length > 0) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(spec.entity)
      .values(inserts)
      .updateEntity(false)
      .execute();
  }
  counts.created = inserts.length;
  return counts;
}
