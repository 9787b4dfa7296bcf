import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";

// For the hand-written statements of the reads every request makes (session check, accounts
// screen): TypeORM's find and query builder build their SQL anew on every call, which the
// accounts screen paid per request.

/** `?, ?, ?`: the placeholders of an `IN (…)` list of `count` values (count ≥ 1). */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => "?").join(", ");
}

/**
 * `value` as the driver stores it in an entity's column (a date as SQLite's UTC text, a bigint
 * as a string…), for a `?` parameter compared with that column.
 */
export function columnParameter<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  propertyName: keyof E & string,
  value: unknown,
): unknown {
  const column = manager.connection.getMetadata(target).findColumnWithPropertyName(propertyName);
  if (!column) throw new Error(`No column ${propertyName}`);
  return manager.connection.driver.preparePersistentValue(value, column);
}
