import { closeSync, createReadStream, openSync, readSync, statSync } from "node:fs";
import { Transform, type TransformCallback } from "node:stream";
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

const LF = 0x0a;

/** CSV mistakes people make, in words that do not need csv-parse's own (wrong) line numbers. */
const CSV_PROBLEMS: Partial<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: "a quoted field is never closed",
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted field (quote the field, double the quote: "")',
  CSV_INVALID_CLOSING_QUOTE:
    'text after a closing quote (double a quote inside a quoted field: "")',
};

/**
 * Where the file's line breaks are, learnt while the bytes stream past (csv-parse's own line
 * count goes wrong after a quoted CRLF; byte offsets do not). Also checks the bytes are UTF-8.
 */
class LineIndex extends Transform {
  private readonly newlines: number[] = [];
  private readonly utf8 = new TextDecoder("utf-8", { fatal: true });
  bytesRead = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    try {
      this.utf8.decode(chunk, { stream: true });
    } catch {
      return done(new RowProblem("the file is not valid UTF-8 text"));
    }
    for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) {
      this.newlines.push(this.bytesRead + i);
    }
    this.bytesRead += chunk.length;
    done(null, chunk);
  }

  /** The 1-based line of a byte offset. */
  lineAt(offset: number): number {
    let low = 0;
    let high = this.newlines.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.newlines[mid] < offset) low = mid + 1;
      else high = mid;
    }
    return low + 1;
  }
}

const newlinesIn = (values: string[]) =>
  values.reduce((n, value) => n + value.split("\n").length - 1, 0);

/** The first byte at or after `offset` that is not white space (read only when a row is bad). */
function firstContentAfter(path: string, offset: number): number {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const length = readSync(fd, buffer, 0, buffer.length, offset);
    const index = buffer
      .subarray(0, length)
      .findIndex((byte) => !/\s/.test(String.fromCharCode(byte)));
    return offset + Math.max(index, 0);
  } finally {
    closeSync(fd);
  }
}

export interface CsvProgress {
  bytesRead: number;
  totalBytes: number;
}

/**
 * Streams the data rows of a CSV file, each with the line it starts on and its fields by column
 * name (trimmed). Blank lines are skipped; the header must hold exactly `columns`, in any order.
 * Memory stays flat however large the file is.
 */
export async function* readCsvRows(
  path: string,
  columns: readonly string[],
  progress?: CsvProgress,
): AsyncGenerator<CsvRow> {
  const lines = new LineIndex();
  let parsedTo = 0;
  if (progress) progress.totalBytes = statSync(path).size;
  const parser = createReadStream(path)
    .on("error", (error) => lines.destroy(error))
    .pipe(lines)
    .on("error", (error) => parser.destroy(error))
    .pipe(
      parse({
        bom: true,
        relax_column_count: true,
        record_delimiter: ["\r\n", "\n"],
        // Each record travels with the byte offset of its end. The parser runs ahead of the loop
        // below, so `parsedTo` also says how far it got before an error.
        on_record: (record: string[], context) => {
          parsedTo = (context as { bytes?: number }).bytes ?? parsedTo;
          return { values: record, end: parsedTo };
        },
      }),
    );
  let header: string[] | undefined;
  try {
    for await (const { values: raw, end } of parser as AsyncIterable<{
      values: string[];
      end: number;
    }>) {
      if (progress) progress.bytesRead = end;
      const values = raw.map((value) => value.trim());
      if (values.every((value) => value === "")) continue;
      // The line of the record's last byte, less the line breaks inside its quoted fields.
      const lastLine = lines.lineAt(end - 1);
      const line = raw.some((value) => value.includes("\n"))
        ? lastLine - newlinesIn(raw)
        : lastLine;
      if (!header) {
        checkHeader(values, columns, line);
        header = values;
        continue;
      }
      if (values.length !== header.length) {
        problem(`has ${values.length} fields, the header has ${header.length}`, line);
      }
      const fields: Fields = {};
      for (let i = 0; i < header.length; i++) fields[header[i]] = values[i];
      yield { line, fields };
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // The broken record starts at the first non-blank byte after the last good one.
    problem(
      CSV_PROBLEMS[error.code] ?? error.message,
      lines.lineAt(firstContentAfter(path, parsedTo)),
    );
  } finally {
    parser.destroy();
  }
  if (!header) problem("the header row is missing");
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
