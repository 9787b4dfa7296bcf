import type { DataSource } from "typeorm";
import { periodOf } from "../../server/src/core/almaty-time";
import { contendedItems, sendingItems } from "../operations";
import { compare, resetSendings, type BenchContext, type Comparison } from "./context";

const CONTENDED_SENDINGS = 600;

/** How many sendings each of the meters holds this month (the limit is two). */
export async function sendingsPerMeter(
  dataSource: DataSource,
  meterIds: number[],
): Promise<number[]> {
  const rows: Array<{ meterId: number; used: number }> = await dataSource.query(
    `SELECT meter_id AS meterId, COUNT(*) AS used FROM readings
      WHERE period = ? AND slot IS NOT NULL AND meter_id IN (${meterIds.join(",")})
      GROUP BY meter_id`,
    [periodOf(new Date())],
  );
  const used = new Map(rows.map((r) => [Number(r.meterId), Number(r.used)]));
  return meterIds.map((id) => used.get(id) ?? 0);
}

/**
 * Scenario 2: sendings on distinct meters (each meter sent, then corrected), and many sendings
 * on a few meters at once; after each contended run every meter must hold exactly two.
 */
export async function sending(context: BenchContext): Promise<Comparison[]> {
  const { data, options } = context;
  const meters = data.sendingMeters;
  const owners = data.users.one;
  const reset = () => resetSendings(context.dataSource);
  const distinct = await compare(
    context,
    2,
    `sending, ${meters.length} distinct meters ×2`,
    {
      connections: options.size.sendingConnections,
      amount: meters.length * 2,
      items: sendingItems(meters, owners, 2),
    },
    { between: reset, warmUp: false },
  );
  const deepAccounts = new Set(data.users.deep.flatMap((u) => u.accounts));
  const contended = meters.filter((m) => deepAccounts.has(m.account));
  const ids = contended.map((m) => m.meterId);
  const limitHeld: boolean[] = [];
  const checkThenReset = async () => {
    const used = await sendingsPerMeter(context.dataSource, ids);
    if (used.some((n) => n > 0)) limitHeld.push(used.every((n) => n === 2));
    await reset();
  };
  const busy = await compare(
    context,
    2,
    `sending, ${CONTENDED_SENDINGS} on ${contended.length} meters (contention)`,
    {
      connections: options.size.sendingConnections,
      amount: CONTENDED_SENDINGS,
      items: contendedItems(contended, data.users.deep, CONTENDED_SENDINGS),
    },
    { between: checkThenReset, warmUp: false },
  );
  const held = limitHeld.length === 2 && limitHeld.every(Boolean);
  context.log(`  monthly limit under contention: ${held ? "exactly 2 per meter" : "BROKEN"}`);
  return [distinct, { ...busy, name: `${busy.name}; limit ${held ? "held" : "BROKEN"}` }];
}
