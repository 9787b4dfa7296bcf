import "reflect-metadata";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import pino from "pino";
import type { DataSource } from "typeorm";
import { loadConfig } from "../config";
import { openDatabase } from "../db/open-database";
import { csvField } from "../common/csv-field";
import { isPeriod } from "../core/almaty-time";
import { EXPORT_MAX_PAGE, exportReadings } from "./readings-export";

const HEADER =
  "reading_id,account_number,meter_serial,value,taken_at,period,source,is_correction," +
  "meter_verification_overdue\n";

/**
 * `npm run readings:export -- --period 2026-11 [--out FILE]`: the readings sent through this
 * service in a month (subscribers and partners, corrections included), as CSV on stdout or FILE.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { period: { type: "string" }, out: { type: "string" } },
  });
  if (!values.period || !isPeriod(values.period)) {
    throw new Error("Usage: npm run readings:export -- --period YYYY-MM [--out FILE]");
  }
  const config = loadConfig();
  const log = pino({ level: config.logLevel }, pino.destination(2));
  const out = values.out
    ? createWriteStream(resolve(process.env.INIT_CWD ?? process.cwd(), values.out))
    : process.stdout;
  let dataSource: DataSource | undefined;
  let count = 0;
  try {
    dataSource = await openDatabase(config.database, log);
    out.write(HEADER);
    for (let after: string | null = null; ;) {
      const page = await exportReadings(dataSource, {
        period: values.period,
        after,
        first: EXPORT_MAX_PAGE,
      });
      for (const r of page.readings) {
        const line = [
          String(r.id),
          r.accountNumber,
          r.meterSerial,
          r.value,
          r.takenAt.toISOString(),
          r.period,
          r.source,
          String(r.isCorrection),
          String(r.meterVerificationOverdue),
        ];
        if (!out.write(line.map(csvField).join(",") + "\n")) await once(out, "drain");
      }
      count += page.readings.length;
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
  } finally {
    await dataSource?.destroy();
  }
  if (out !== process.stdout) await new Promise<void>((done) => out.end(() => done()));
  console.error(`Exported ${count} readings of ${values.period}.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
