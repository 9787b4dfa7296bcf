import type { TableColumnOptions } from "typeorm";

/** Column shapes shared by the migrations, portable between MySQL/MariaDB and SQLite. */
export const id = (): TableColumnOptions => ({
  name: "id",
  // "integer": SQLite allows AUTOINCREMENT only on INTEGER PRIMARY KEY; MySQL reads it as INT.
  type: "integer",
  isPrimary: true,
  isGenerated: true,
  generationStrategy: "increment",
});
export const instant = (name: string, isNullable = false): TableColumnOptions => ({
  name,
  type: "datetime",
  precision: 3,
  isNullable,
});
export const text = (name: string, length: number, isNullable = false): TableColumnOptions => ({
  name,
  type: "varchar",
  length: String(length),
  isNullable,
});
export const integer = (name: string, isNullable = false): TableColumnOptions => ({
  name,
  type: "int",
  isNullable,
});
export const bigint = (name: string, isNullable = false): TableColumnOptions => ({
  name,
  type: "bigint",
  isNullable,
});
