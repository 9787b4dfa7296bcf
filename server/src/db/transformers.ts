import type { ValueTransformer } from "typeorm";

/** Integer columns holding exact amounts (tiyn, thousandths of m³) travel as bigint in code. */
export const bigintColumn: ValueTransformer = {
  to: (value: bigint | null | undefined) => (value == null ? value : value.toString()),
  from: (value: string | number | null) => (value == null ? value : BigInt(value)),
};
