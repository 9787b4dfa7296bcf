import type { DataSource } from "typeorm";

const galera = new WeakMap<DataSource, Promise<boolean>>();

/**
 * True when the MariaDB server is a node of a Galera cluster (`wsrep_on`). MySQL has no such
 * variable and answers no row.
 */
export function isGaleraNode(dataSource: DataSource): Promise<boolean> {
  let answer = galera.get(dataSource);
  if (!answer) {
    answer = (
      dataSource.query("SHOW VARIABLES LIKE 'wsrep_on'") as Promise<Array<{ Value: string }>>
    ).then((rows) => rows[0]?.Value === "ON");
    galera.set(dataSource, answer);
  }
  return answer;
}

/**
 * What every session on a Galera node waits for before it reads (`wsrep_sync_wait`, a bit mask):
 * 1 makes a read wait until the node has applied every commit the cluster had when the read
 * began, so a session created, a token refreshed or a sending stored through another node is
 * seen at once. docs/operations.md gives what it costs.
 */
export const DEFAULT_SYNC_WAIT = 1;
