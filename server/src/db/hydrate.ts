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
  const toEntity = entityOf(manager, target, "");
  return rows.map(toEntity);
}

/** Builds `target`'s entity from a row whose columns are named `<prefix><column>`. */
function entityOf<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  prefix: string,
): (row: Record<string, unknown>) => E {
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  return (row) => {
    const entity = metadata.create() as E;
    for (const column of metadata.columns) {
      const value = row[prefix + column.databaseName];
      column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
    }
    return entity;
  };
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

/** `target`'s columns as `alias.column AS alias__column`, to select two tables' rows side by side. */
export function prefixedColumns<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  alias: string,
): string {
  return manager.connection
    .getMetadata(target)
    .columns.map((c) => `${alias}.${c.databaseName} AS ${alias}__${c.databaseName}`)
    .join(", ");
}

/**
 * The entities in the `prefixedColumns` of each row, converted as `hydrate` does; null where a
 * row has none (a LEFT JOIN that found nothing: its primary key is null).
 */
export function hydratePrefixed<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  alias: string,
  rows: Array<Record<string, unknown>>,
): Array<E | null> {
  const prefix = `${alias}__`;
  const key = prefix + manager.connection.getMetadata(target).primaryColumns[0].databaseName;
  const toEntity = entityOf(manager, target, prefix);
  return rows.map((row) => (row[key] === null || row[key] === undefined ? null : toEntity(row)));
}
