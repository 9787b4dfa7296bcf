/**
 * The registry's CSV files: their names in import order, what an import reports of each (counts
 * and progress), and the errors that name one.
 */

/** The registry files, in the order they are imported (later files refer to earlier ones). */
export const REGISTRY_FILES = ["accounts", "meters", "payments", "readings"] as const;
export type RegistryFile = (typeof REGISTRY_FILES)[number];

export interface FileCounts {
  created: number;
  updated: number;
  unchanged: number;
}
export type ImportReport = Record<RegistryFile, FileCounts>;

export const noCounts = (): FileCounts => ({ created: 0, updated: 0, unchanged: 0 });

export interface FileProgress {
  /** Data rows written so far. */
  rows: number;
  bytesRead: number;
  totalBytes: number;
  /** True once the whole file is written (its transaction is about to commit). */
  done: boolean;
}

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
