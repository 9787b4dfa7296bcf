/**
 * A logged statement with its literals inlined (MariaDB's general log of a text-protocol query,
 * or of an executed prepared statement) turned back into SQL with `?` and its parameters, so
 * that the database floor can run it as a prepared statement.
 */
export interface Parameterized {
  sql: string;
  params: Array<string | number | Buffer>;
}

/**
 * The `?` MariaDB logged for parameters it did not show: it does so for a statement executed on
 * a connection that prepared it before the general log was on. Replayed, such a statement lacks
 * its values ("Incorrect arguments to mysqld_stmt_execute").
 */
export function unloggedParameters(logged: string): number {
  let count = 0;
  for (let i = 0; i < logged.length; i++) {
    const c = logged[i];
    if (c === "`") {
      i = logged.indexOf("`", i + 1);
      if (i < 0) break;
    } else if (c === "'" || c === '"') i = readString(logged, i).end - 1;
    else if (c === "?") count += 1;
  }
  return count;
}

const ESCAPES: Record<string, string> = {
  "0": "\0",
  b: "\b",
  n: "\n",
  r: "\r",
  t: "\t",
  Z: "\x1a",
};

const TEMPORAL_KEYWORD = /\b(TIMESTAMP|DATE|TIME)\s*$/i;
const IDENTIFIER_CHAR = /[A-Za-z0-9_$.@`]/;
const NUMBER = /^\d+(\.\d+)?([eE][+-]?\d+)?/;

/** The string literal starting at `start` (a quote): its value and where it ends. */
function readString(sql: string, start: number): { value: string; end: number } {
  const quote = sql[start];
  let value = "";
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (c === "\\" && i + 1 < sql.length) {
      const next = sql[i + 1];
      // MySQL keeps the backslash of \% and \_ (they matter to LIKE only).
      value += ESCAPES[next] ?? (next === "%" || next === "_" ? `\\${next}` : next);
      i += 2;
    } else if (c === quote && sql[i + 1] === quote) {
      value += quote;
      i += 2;
    } else if (c === quote) {
      return { value, end: i + 1 };
    } else {
      value += c;
      i += 1;
    }
  }
  throw new Error(`unterminated string literal in: ${sql.slice(0, 120)}`);
}

/** LIMIT and OFFSET counts stay inline: mysql2 sends numbers as DOUBLE, which LIMIT refuses. */
const keepsCount = (before: string) => /\b(LIMIT|OFFSET)\s*$|\bLIMIT\s+\d+\s*,\s*$/i.test(before);

export function parameterize(sql: string): Parameterized {
  const params: Parameterized["params"] = [];
  let out = "";
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === "`") {
      const end = sql.indexOf("`", i + 1);
      out += sql.slice(i, end + 1);
      i = end + 1;
    } else if (c === "'" || c === '"') {
      const { value, end } = readString(sql, i);
      params.push(value);
      // A prepared statement's date parameter is logged as a typed literal: TIMESTAMP'…'.
      out = out.replace(TEMPORAL_KEYWORD, "") + "?";
      i = end;
    } else if (
      (c === "X" || c === "x") &&
      sql[i + 1] === "'" &&
      !IDENTIFIER_CHAR.test(sql[i - 1] ?? " ")
    ) {
      const end = sql.indexOf("'", i + 2);
      params.push(Buffer.from(sql.slice(i + 2, end), "hex"));
      out += "?";
      i = end + 1;
    } else if (/\d/.test(c) && !IDENTIFIER_CHAR.test(sql[i - 1] ?? " ")) {
      const literal = NUMBER.exec(sql.slice(i))![0];
      if (keepsCount(out)) {
        out += literal;
      } else {
        const n = Number(literal);
        params.push(Number.isSafeInteger(n) ? n : literal);
        out += "?";
      }
      i += literal.length;
    } else {
      out += c;
      i += 1;
    }
  }
  return { sql: out, params };
}
