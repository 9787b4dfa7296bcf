import { encodeCursor } from "../../server/src/common/pagination";
import { accountsScreenItems, historyItems } from "../operations";
import { compare, type BenchContext, type Comparison } from "./context";

/** Scenario 1: the accounts screen of users with 1, 3 and 50 accounts. */
export async function accountsScreen(context: BenchContext): Promise<Comparison[]> {
  const { size } = context.options;
  const results: Comparison[] = [];
  for (const [group, count] of [
    ["one", 1],
    ["three", 3],
    ["fifty", 50],
  ] as const) {
    results.push(
      await compare(context, 1, `accounts screen, ${count} account${count > 1 ? "s" : ""}`, {
        connections: size.connections,
        seconds: size.loadSeconds,
        items: accountsScreenItems(context.data.users[group]),
      }),
    );
  }
  return results;
}

/** The cursor after the `depth`-th newest reading of the first deep-history meter. */
export async function deepCursor(context: BenchContext, depth: number): Promise<string> {
  const [row] = await context.dataSource.query(
    `SELECT r.id AS id, r.taken_at AS takenAt FROM readings r
       JOIN meters m ON m.id = r.meter_id WHERE m.serial_number = 'G4-0000000001-1'
      ORDER BY r.taken_at DESC, r.id DESC LIMIT 1 OFFSET ${depth}`,
  );
  const at =
    row.takenAt instanceof Date
      ? row.takenAt
      : new Date(String(row.takenAt).replace(" ", "T") + "Z");
  return encodeCursor({ at, id: Number(row.id) });
}

/** Scenario 3: the first page of a meter's history, and a page deep into it (cursor). */
export async function history(context: BenchContext): Promise<Comparison[]> {
  const { size } = context.options;
  const job = { connections: size.connections, seconds: size.loadSeconds };
  const depth = Math.floor(context.options.size.deepReadings * 0.9);
  return [
    await compare(context, 3, "history, first page", {
      ...job,
      items: historyItems(context.data.users.one),
    }),
    await compare(context, 3, `history, page after ${depth} readings`, {
      ...job,
      items: historyItems(context.data.users.deep, await deepCursor(context, depth)),
    }),
  ];
}
