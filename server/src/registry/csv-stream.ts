import { createReadStream, statSync } from "node:fs";
import { Transform, type TransformCallback } from "node:stream";
import { finished } from "node:stream/promises";
import { TextDecoder } from "node:util";
import { CsvError, parse } from "csv-parse";

export type Fields = Record<string, string>;

export interface CsvRow {
  /** 1-based line of the file on which the row starts. */
  line: number;
  fields: Fields;
}

/** What is wrong with a row (or, without a line, the file). */
export class RowProblem extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

export function problem(message: string, line?: number): never {
  throw new RowProblem(message, line);
}

/** CSV mistakes people make, in words that do not need csv-parse's own (wrong) line numbers. */
const CSV_PROBLEMS: Partial<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: "a quoted field is never closed",
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted field (quote the field, double the quote: "")',
  CSV_INVALID_CLOSING_QUOTE:
    'text after a closing quote (double a quote inside a quoted field: "")',
};

/** Passes the bytes through, failing on the first that is not UTF-8. */
class Utf8Check extends Transform {
  private readonly utf8 = new TextDecoder("utf-8", { fatal: true });

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    done(
      this.failure(() => this.utf8.decode(chunk, { stream: true })),
      chunk,
    );
  }

  /** The end of the file: a sequence cut short there is not UTF-8 either. */
  override _flush(done: TransformCallback) {
    done(this.failure(() => this.utf8.decode()));
  }

  private failure(decode: () => void): RowProblem | null {
    try {
      decode();
      return null;
    } catch {
      return new RowProblem("the file is not valid UTF-8 text");
    }
  }
}

/** The line breaks a record spans: its own and those inside its quoted fields. */
function linesOf(values: string[]): number {
  let lines = 1;
  for (const value of values) {
    for (let i = value.indexOf("\n"); i !== -1; i = value.indexOf("\n", i + 1)) lines += 1;
  }
  return lines;
}

/** The file's records, the bytes checked as UTF-8 on the way. */
function parseCsv(path: string, onRecord?: (values: string[]) => void) {
  const utf8 = new Utf8Check();
  const parser = createReadStream(path)
    .on("error", (error) => utf8.destroy(error))
    .pipe(utf8)
    .on("error", (error) => parser.destroy(error))
    .pipe(
      parse({
        bom: true,
        relax_column_count: true,
        record_delimiter: ["\r\n", "\n"],
        on_record: onRecord && ((values: string[]) => (onRecord(values), values)),
      }),
    );
  return parser;
}

/**
 * The line on which the record that csv-parse refused starts. The reading loop cannot know: the
 * parser runs ahead of it, and the records it buffered are dropped with the error. So the file is
 * parsed again, counting every record the moment it is parsed (slower, but only for a bad file).
 */
async function lineOfBrokenRecord(path: string): Promise<number> {
  let line = 1;
  try {
    await finished(parseCsv(path, (values) => (line += linesOf(values))).resume());
  } catch {
    // the same error again: `line` is where the broken record starts
  }
  return line;
}

export interface CsvProgress {
  bytesRead: number;
  totalBytes: number;
}

/** Groups the parser's records, so that the reading loop wakes once a batch, not once a row. */
class Batches extends Transform {
  private batch: string[][] = [];

  constructor(private readonly size: number) {
    super({ objectMode: true });
  }

  override _transform(record: string[], _encoding: BufferEncoding, done: TransformCallback) {
    this.batch.push(record);
    if (this.batch.length >= this.size) {
      this.push(this.batch);
      this.batch = [];
    }
    done();
  }

  override _flush(done: TransformCallback) {
    if (this.batch.length > 0) this.push(this.batch);
    done();
  }
}

/**
 * Streams the data rows of a CSV file in batches of at most `rowsPerBatch`, each row with the
 * line it starts on and its fields by column name (trimmed). Blank lines are skipped; the header
 * must hold exactly `columns`, in any order, and may hold any of `optional` (a row of a file
 * without one has no such field). Memory stays flat however large the file is.
 */
export async function* readCsvBatches(
  path: string,
  columns: readonly string[],
  rowsPerBatch: number,
  progress?: CsvProgress,
  optional: readonly string[] = [],
): AsyncGenerator<CsvRow[]> {
  if (progress) progress.totalBytes = statSync(path).size;
  const parser = parseCsv(path);
  const batches = parser
    .on("error", (error) => batches.destroy(error))
    .pipe(new Batches(rowsPerBatch));
  // Lines are counted from the records themselves (csv-parse's own count goes wrong after a
  // quoted CRLF); blank lines arrive as records of one blank field.
  let nextLine = 1;
  let header: string[] | undefined;
  try {
    for await (const records of batches as AsyncIterable<string[][]>) {
      if (progress) progress.bytesRead = Math.min(parser.info.bytes, progress.totalBytes);
      const rows: CsvRow[] = [];
      for (const raw of records) {
        const line = nextLine;
        nextLine += linesOf(raw);
        if (raw.every((value) => value.trim() === "")) continue;
        if (!header) {
          header = raw.map((value) => value.trim());
          checkHeader(header, columns, optional, line);
          continue;
        }
        if (raw.length !== header.length) {
          problem(`has ${raw.length} fields, the header has ${header.length}`, line);
        }
        const fields: Fields = {};
        for (let i = 0; i < header.length; i++) fields[header[i]] = raw[i].trim();
        rows.push({ line, fields });
      }
      if (rows.length > 0) yield rows;
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    problem(CSV_PROBLEMS[error.code] ?? error.message, await lineOfBrokenRecord(path));
  } finally {
    parser.destroy();
    batches.destroy();
  }
  if (!header) problem("the header row is missing");
}

function checkHeader(
  header: string[],
  columns: readonly string[],
  optional: readonly string[],
  line: number,
): void {
  const missing = columns.filter((column) => !header.includes(column));
  const unknown = header.filter(
    (column) => !columns.includes(column) && !optional.includes(column),
  );
  const repeated = header.filter((column, i) => header.indexOf(column) !== i);
  const faults = [
    missing.length > 0 && `missing column ${missing.join(", ")}`,
    unknown.length > 0 && `unknown column ${unknown.map((c) => JSON.stringify(c)).join(", ")}`,
    repeated.length > 0 && `repeated column ${repeated.join(", ")}`,
  ].filter(Boolean);
  if (faults.length > 0) {
    const optionals = optional.length > 0 ? `, optional ${optional.join(",")}` : "";
    problem(
      `header: ${faults.join("; ")} (the columns are ${columns.join(",")}${optionals})`,
      line,
    );
  }
}
