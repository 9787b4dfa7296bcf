import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { type DataSource, type EntityManager, In, type ObjectLiteral } from "typeorm";
import { bulkInsert } from "../db/bulk-insert";
import { withTransaction } from "../db/transaction";
import type { Clock } from "../core/clock";
import { type CsvProgress, type CsvRow, problem, readCsvBatches, RowProblem } from "./csv-stream";
import { type AnySpec, type Referenced, SPECS } from "./registry-csv";
import {
  type FileCounts,
  type FileProgress,
  type ImportReport,
  noCounts,
  REGISTRY_FILES,
  type RegistryFile,
  RegistryError,
  RegistryFileError,
} from "./registry-files";
import { changedFields } from "./registry-row.rules";

/**
 * The CSV registry import (`npm run registry:import`): each file parsed and checked by its spec
 * (`registry-csv.ts`) and written in one transaction.
 */

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
            const row = spec.parse(fields, ids, now);
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
          spec.optionalColumns,
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

/**
 * Natural key → the rows (id and the spec's `also` fields) that the reference column names, in
 * one query a batch.
 */
async function referenceIds(
  manager: EntityManager,
  { column, entity, field, also = [] }: NonNullable<AnySpec["reference"]>,
  csvRows: CsvRow[],
): Promise<Map<string, Referenced>> {
  const keys = [...new Set(csvRows.map(({ fields }) => fields[column]))].filter(Boolean);
  const rows = new Map<string, Referenced>();
  const step = batchSize(1);
  const select = Object.fromEntries([field, ...also].map((name) => [name, true]));
  for (let start = 0; start < keys.length; start += step) {
    const found = await manager.find(entity, {
      select: { id: true, ...select },
      where: { [field]: In(keys.slice(start, start + step)) },
    });
    for (const row of found) rows.set(row[field] as string, row as Referenced);
  }
  return rows;
}

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
    const changed = changedFields(current, row, spec.mutable);
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
