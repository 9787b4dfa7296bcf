import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";

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
