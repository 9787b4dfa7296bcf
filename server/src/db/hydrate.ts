import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import { run } from "./sql";

/**
 * Entities from the rows of a hand-written `SELECT t.*` (for statements the query builder cannot
 * express), converted by TypeORM's driver and the columns' transformers as a find would.
 */
export function hydrate<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  rows: Array<Record<string, unknown>>,
): E[] {
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  return rows.map((row) => {
    const entity = metadata.create() as E;
    for (const column of metadata.columns) {
      column.setEntityValue(entity, driver.prepareHydratedValue(row[column.databaseName], column));
    }
    return entity;
  });
}

/** Runs a hand-written `SELECT t.* …` (prepared: sql.ts) and returns its rows as entities. */
export async function selectEntities<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  sql: string,
  parameters: unknown[],
): Promise<E[]> {
  const rows = await run<Array<Record<string, unknown>>>(manager, sql, parameters);
  return hydrate(manager, target, rows);
}
