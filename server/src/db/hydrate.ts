import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from "typeorm";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";
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

/** How one column of a row becomes a property: worked out once per entity and prefix. */
interface ColumnRead {
  key: string;
  column: ColumnMetadata;
  /** A plain property (not embedded, not a relation's id object): assigned directly. */
  property: string | null;
}

const readsByPrefix = new WeakMap<EntityMetadata, Map<string, ColumnRead[]>>();

function columnReads(metadata: EntityMetadata, prefix: string): ColumnRead[] {
  let byPrefix = readsByPrefix.get(metadata);
  if (!byPrefix) readsByPrefix.set(metadata, (byPrefix = new Map()));
  let reads = byPrefix.get(prefix);
  if (!reads) {
    reads = metadata.columns.map((column) => ({
      key: prefix + column.databaseName,
      column,
      property: column.embeddedMetadata || column.isVirtual ? null : column.propertyName,
    }));
    byPrefix.set(prefix, reads);
  }
  return reads;
}

/** Builds `target`'s entity from a row whose columns are named `<prefix><column>`. */
function entityOf<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  prefix: string,
): (row: Record<string, unknown>) => E {
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const reads = columnReads(metadata, prefix);
  return (row) => {
    const entity = metadata.create() as Record<string, unknown>;
    for (let i = 0; i < reads.length; i++) {
      const { key, column, property } = reads[i];
      const value = driver.prepareHydratedValue(row[key], column);
      if (property === null) column.setEntityValue(entity, value);
      else entity[property] = value;
    }
    return entity as E;
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
