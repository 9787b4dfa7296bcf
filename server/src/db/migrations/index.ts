import { InitialSchema1764100000000 } from "./1764100000000-initial-schema";

/** Every migration, in order; one set for MySQL/MariaDB and SQLite. */
export const migrations = [InitialSchema1764100000000];
