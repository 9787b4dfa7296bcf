import { once } from "node:events";
import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { generateRegistry, REGISTRY_HEADERS, type RegistryLines } from "./registry-generator";

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
  mkdirSync(dir, { recursive: true });
  const files = Object.fromEntries(
    (Object.keys(REGISTRY_HEADERS) as (keyof RegistryLines)[]).map((name) => {
      const stream = createWriteStream(join(dir, `${name}.csv`));
      stream.write(REGISTRY_HEADERS[name]);
      return [name, stream];
    }),
  ) as Record<keyof RegistryLines, WriteStream>;
  const started = Date.now();
  for (const lines of generateRegistry({
    accounts,
    months,
    until: values.until!,
    seed: Number(values.seed),
  })) {
    for (const name of Object.keys(files) as (keyof RegistryLines)[]) {
      if (lines[name] && !files[name].write(lines[name])) await once(files[name], "drain");
    }
  }
  await Promise.all(Object.values(files).map((stream) => new Promise((done) => stream.end(done))));
  console.log(
    `Wrote ${accounts} accounts to ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
