import { randomBytes } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The embedded default makes a secret once and keeps it beside its database
 * (`<dataDir>/secrets/<name>.txt`); `make` makes it (48 random bytes by default).
 */
export function generatedSecret(
  dataDir: string,
  name: string,
  make: () => string = () => randomBytes(48).toString("base64url"),
): string {
  const file = join(dataDir, "secrets", `${name.toLowerCase()}.txt`);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  // Several processes can start at once on one data folder (replicas, a migration beside the
  // server): the secret is written whole to a file of this process's own and linked into place,
  // which only one of them can do; the others read the winner's.
  const value = make();
  const own = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(own, value + "\n", { mode: 0o600, flag: "wx" });
  try {
    linkSync(own, file);
    return value;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return readFileSync(file, "utf8").trim();
  } finally {
    unlinkSync(own);
  }
}
