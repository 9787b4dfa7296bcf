import { captureRequests, type CapturedRequest } from "../floor/capture";
import type { LoadItem } from "../load/load";
import { accountsScreenItems, historyItems, sendingItems } from "../operations";
import { resetSendings, type BenchContext } from "./context";

export interface ExplainedStatement {
  operation: string;
  /** The statement as the server prepared it (`?` for its parameters). */
  sql: string;
  /** One line per table: table, access type, index, estimated rows. */
  plan: string[];
}

/** Requests captured per operation: a statement met in all of them is the request's own. */
const SAMPLES = 3;
const EXPLAINABLE = /^(SELECT|UPDATE|INSERT|DELETE)\b/i;

/**
 * Scenario 4's report: the statements the real server sent for a request of each read and
 * write (MariaDB's general log, as the floor captures them: text protocol and prepared), each
 * with its `EXPLAIN`. A background loop's statement (the webhook dispatcher's pass, a budget's
 * flush) can fall between a request's marks: only those met in every sample are kept.
 * MySQL/MariaDB only.
 */
export async function explainStatements(
  context: BenchContext,
  databaseUrl: string,
  deepCursor: string,
): Promise<ExplainedStatement[]> {
  const { dataSource, data } = context;
  if (dataSource.options.type !== "mysql") return [];
  const samples = (item: LoadItem) => Array.from({ length: SAMPLES }, () => item);
  const operations: Array<[string, LoadItem[]]> = [
    [
      "accounts screen (50 accounts)",
      samples(accountsScreenItems(data.users.fifty.slice(0, 1))[0]),
    ],
    ["history, first page", samples(historyItems(data.users.one.slice(0, 1))[0])],
    ["history, deep page", samples(historyItems(data.users.deep.slice(0, 1), deepCursor)[0])],
    // Sendings change the month: each sample is another meter's first.
    ["sending", sendingItems(data.sendingMeters.slice(0, SAMPLES), data.users.one, 1)],
  ];
  const explained: ExplainedStatement[] = [];
  try {
    for (const [operation, items] of operations) {
      const captured = await captureRequests(databaseUrl, context.servers.full.url, items);
      if (captured.failed) throw new Error(`${operation}: ${captured.firstFailure}`);
      for (const statement of ownStatements(captured.requests)) {
        if (!EXPLAINABLE.test(statement.sql)) continue;
        const rows: Array<Record<string, unknown>> = await dataSource.query(
          `EXPLAIN ${statement.sql}`,
          statement.params,
        );
        explained.push({
          operation,
          sql: statement.sql,
          plan: collapse(
            rows.map(
              (r) =>
                `${String(r.table ?? "-").replace(/\d+>$/, ">")}: ${r.type ?? "-"} via ` +
                `${r.key ?? "no index"}, ~${r.rows ?? "?"} rows` +
                (r.Extra ? ` (${r.Extra})` : ""),
            ),
          ),
        });
      }
      context.log(`  EXPLAIN ${operation}: ${explained.length} statements so far`);
    }
  } catch (error) {
    context.log(`  EXPLAIN skipped: ${(error as Error).message}`);
  } finally {
    await resetSendings(dataSource);
  }
  return explained;
}

/** The first sample's statements that every other sample made too. */
function ownStatements(requests: CapturedRequest[]): CapturedRequest {
  const [first = [], ...others] = requests;
  return first.filter((statement) =>
    others.every((other) => other.some((s) => s.sql === statement.sql)),
  );
}

/** The same line many times (a seek per meter) once, with how many. */
function collapse(lines: string[]): string[] {
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  return [...counts].map(([line, n]) => (n > 1 ? `${n} × ${line}` : line));
}
