/** Which database a process opens: MySQL/MariaDB by URL, or the embedded SQLite file. */
export type DatabaseConfig =
  { type: "mysql"; url: string; database: string } | { type: "sqlite"; path: string };
