import { once } from "node:events";
import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import {
  generateRegistry,
  type GeneratorOptions,
  REGISTRY_HEADERS,
  type RegistryLines,
} from "./registry-generator";

/** Writes a generated registry's four CSV files into `dir`, streaming (memory stays flat). */
export async function writeRegistry(dir: string, options: GeneratorOptions): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const names = Object.keys(REGISTRY_HEADERS) as (keyof RegistryLines)[];
  const files = names.map((name) => {
    const stream = createWriteStream(join(dir, `${name}.csv`));
    stream.write(REGISTRY_HEADERS[name]);
    return { name, stream };
  });
  for (const lines of generateRegistry(options)) {
    for (const { name, stream } of files) {
      if (lines[name] && !stream.write(lines[name])) await once(stream, "drain");
    }
  }
  await Promise.all(files.map(({ stream }) => new Promise((done) => stream.end(done))));
}
