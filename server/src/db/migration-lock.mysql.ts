import type { DataSource } from "typeorm";

/** A named lock (`GET_LOCK`) on a connection of its own, freed if the process dies. */
export async function withNamedLock<T>(
  dataSource: DataSource,
  work: () => Promise<T>,
  timeoutSeconds: number,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  try {
    // Named locks are server-wide: the database's name keeps two databases apart.
    const [{ got }] = (await runner.query(
      "SELECT GET_LOCK(CONCAT('gas_migrations:', DATABASE()), ?) AS got",
      [timeoutSeconds],
    )) as Array<{ got: number | string | null }>;
    if (Number(got) !== 1) {
      throw new Error(`another replica held the migration lock for over ${timeoutSeconds} s`);
    }
    try {
      return await work();
    } finally {
      await runner
        .query("SELECT RELEASE_LOCK(CONCAT('gas_migrations:', DATABASE()))")
        .catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}
