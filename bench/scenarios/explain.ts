import { runLoad, type LoadItem } from "../load/load";
import { accountsScreenItems, historyItems, sendingItems } from "../operations";
import { resetSendings, type BenchContext } from "./context";

export interface ExplainedStatement {
  operation: string;
  sql: string;
  /** One line per table: table, access type, index, estimated rows. */
  plan: string[];
}

/**
 * Scenario 4's report: the statements the real server sent for one request of each read and
 * write (MariaDB's general log), each with its `EXPLAIN`. MySQL/MariaDB only.
 */
export async function explainStatements(
  context: BenchContext,
  deepCursor: string,
): Promise<ExplainedStatement[]> {
  const { dataSource, data } = context;
  if (dataSource.options.type !== "mysql") return [];
  const operations: Array<[string, LoadItem]> = [
    ["accounts screen (50 accounts)", accountsScreenItems(data.users.fifty.slice(0, 1))[0]],
    ["history, first page", historyItems(data.users.one.slice(0, 1))[0]],
    ["history, deep page", historyItems(data.users.deep.slice(0, 1), deepCursor)[0]],
    ["sending", sendingItems(data.sendingMeters.slice(0, 1), data.users.one, 1)[0]],
  ];
  const explained: ExplainedStatement[] = [];
  try {
    await dataSource.query("SET GLOBAL log_output = 'TABLE'");
    for (const [operation, item] of operations) {
      await dataSource.query("TRUNCATE TABLE mysql.general_log");
      await dataSource.query("SET GLOBAL general_log = 1");
      const answer = await runLoad({
        url: context.servers.full.url,
        connections: 1,
        amount: 1,
        items: [item],
      });
      context.log(`  EXPLAIN ${operation}: ${JSON.stringify(answer.codes)}`);
      await dataSource.query("SET GLOBAL general_log = 0");
      const logged: Array<{ sql: string | Buffer }> = await dataSource.query(
        `SELECT argument AS \`sql\` FROM mysql.general_log WHERE command_type = 'Query'
          ORDER BY event_time`,
      );
      for (const { sql } of logged) {
        const text = String(sql).replace(/\s+/g, " ").trim();
        // Only the request's own statements: not the probe's, nor the mail dispatcher's poll.
        if (
          !/^(SELECT|UPDATE|INSERT|DELETE)\b/i.test(text) ||
          /general_log|GLOBAL|mail_outbox/i.test(text)
        )
          continue;
        const rows: Array<Record<string, unknown>> = await dataSource.query(`EXPLAIN ${text}`);
        explained.push({
          operation,
          sql: text,
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
    }
  } catch (error) {
    context.log(`  EXPLAIN skipped: ${(error as Error).message}`);
  } finally {
    await dataSource.query("SET GLOBAL general_log = 0").catch(() => undefined);
    await resetSendings(dataSource);
  }
  return explained;
}

/** The same line many times (a seek per meter) once, with how many. */
function collapse(lines: string[]): string[] {
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  return [...counts].map(([line, n]) => (n > 1 ? `${n} × ${line}` : line));
}
