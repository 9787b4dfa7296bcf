import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { writeRegistry } from "./write-registry";

/** `npm run registry:generate -- --accounts N --out DIR [--months 12] [--until 2026-10] [--seed 1]` */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      accounts: { type: "string" },
      out: { type: "string" },
      months: { type: "string", default: "12" },
      until: { type: "string", default: "2026-10" },
      seed: { type: "string", default: "1" },
    },
  });
  const accounts = Number(values.accounts);
  const months = Number(values.months);
  if (
    !Number.isInteger(accounts) ||
    accounts < 1 ||
    !values.out ||
    !Number.isInteger(months) ||
    !/^\d{4}-\d{2}$/.test(values.until!)
  ) {
    throw new Error(
      "Usage: npm run registry:generate -- --accounts N --out DIR [--months 12] [--until 2026-10] [--seed 1]",
    );
  }
  const dir = resolve(process.env.INIT_CWD ?? process.cwd(), values.out);
  const started = Date.now();
  await writeRegistry(dir, {
    accounts,
    months,
    until: values.until!,
    seed: Number(values.seed),
  });
  console.log(
    `Wrote ${accounts} accounts to ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
