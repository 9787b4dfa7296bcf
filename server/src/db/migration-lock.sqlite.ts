import { setTimeout as sleep } from "node:timers/promises";
import type { DataSource } from "typeorm";

/** An immediate transaction, so the work must not start one itself. */
export async function withImmediateTransaction<T>(
  dataSource: DataSource,
  work: () => Promise<T>,
  timeoutSeconds: number,
): Promise<T> {
  const giveUpAt = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    try {
      await dataSource.query("BEGIN IMMEDIATE");
      break;
    } catch (error) {
      // busy_timeout has already waited; keep waiting while another process migrates.
      if (!isBusy(error) || Date.now() > giveUpAt) throw error;
      await sleep(100);
    }
  }
  try {
    const result = await work();
    await dataSource.query("COMMIT");
    return result;
  } catch (error) {
    await dataSource.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

const isBusy = (error: unknown): boolean =>
  /SQLITE_BUSY|database is locked/.test(
    `${(error as { code?: string })?.code ?? ""} ${(error as Error)?.message ?? ""}`,
  );
