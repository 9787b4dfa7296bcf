import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import { run } from "./sql";

/**
 * One multi-row INSERT with placeholders, the values prepared by TypeORM's driver (transformers,
 * dates, booleans) — without its query builder, whose parameter bookkeeping dominated large
 * imports. Every row must set the same properties; generated ids are not read back.
 */
export async function bulkInsert<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  rows: Partial<E>[],
): Promise<void> {
  if (rows.length === 0) return;
  await insertRows(manager, target, rows);
}

/**
 * Inserts one entity and sets its generated id from the driver's answer, in one statement:
 * TypeORM's save reads back, with a second SELECT on MySQL, every column that has a database
 * default, even when the entity gives them all. Prepared (sql.ts): one shape a table.
 */
export async function insertEntity<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  entity: E,
): Promise<E> {
  const answer = await insertRows(manager, target, [entity], true);
  const metadata = manager.connection.getMetadata(target);
  return Object.assign(
    entity,
    manager.connection.driver.createGeneratedMap(metadata, answer, 0, 1),
  );
}

/** The INSERT of bulkInsert; answers the driver's result (the generated id's source). */
async function insertRows<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  rows: Partial<E>[],
  prepared = false,
): Promise<unknown> {
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const columns = metadata.columns.filter(
    (column) => !column.isGenerated && column.propertyName in rows[0],
  );
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  const parameters: unknown[] = [];
  for (const row of rows) {
    for (const column of columns) {
      parameters.push(driver.preparePersistentValue(column.getEntityValue(row, true), column));
    }
  }
  const sql = `INSERT INTO ${driver.escape(metadata.tableName)} (${columns
    .map((column) => driver.escape(column.databaseName))
    .join(", ")}) VALUES ${rows.map(() => tuple).join(", ")}`;
  // Many rows: a statement of its own length, not worth a place in the prepared-statement cache.
  return prepared ? run(manager, sql, parameters) : manager.query(sql, parameters);
}
