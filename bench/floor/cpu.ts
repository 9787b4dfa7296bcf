import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { createConnection } from "mysql2/promise";

/** Clock ticks a second of /proc/<pid>/stat's times (USER_HZ: 100 on every Linux we run on). */
const TICKS_PER_SECOND = Number(process.env.BENCH_CLK_TCK ?? 100);

/** CPU time (user + system, every thread) a process has used so far, in ms. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** CPU ms per request of each process over `work`. */
export async function cpuPerRequest<T extends { requests: number }>(
  pids: Record<string, number | null>,
  work: () => Promise<T>,
): Promise<{ result: T; cpu: Record<string, number | undefined> }> {
  const before = Object.fromEntries(
    Object.entries(pids).map(([name, pid]) => [name, pid ? cpuMs(pid) : null]),
  );
  const result = await work();
  const cpu: Record<string, number | undefined> = {};
  for (const [name, pid] of Object.entries(pids)) {
    const start = before[name];
    cpu[name] =
      pid && start !== null && result.requests > 0
        ? (cpuMs(pid) - start) / result.requests
        : undefined;
  }
  return { result, cpu };
}

/** The database server's process id, from its pid file (same machine only). */
export async function databasePid(databaseUrl: string): Promise<number | null> {
  try {
    const db = await createConnection({ uri: databaseUrl });
    const [rows] = await db.query("SELECT @@pid_file AS file");
    await db.end();
    const file = (rows as Array<{ file: string }>)[0].file;
    const pid = Number(readFileSync(file, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Places every thread of a process on the given CPUs (`taskset -a -p -c`). */
export function pinProcess(pid: number, cpuList: string): void {
  execFileSync("taskset", ["-a", "-p", "-c", cpuList, String(pid)], { stdio: "ignore" });
}

/** Every CPU of the machine, to undo a pin. */
export const ALL_CPUS = `0-${cpus().length - 1}`;
