import { fork } from "node:child_process";
import { join } from "node:path";
import { SERVER_NODE } from "../servers";
import type { LoadItem } from "../load/load";

export interface HttpFloorServer {
  url: string;
  pid: number;
  stop(): void;
}

/** Starts the HTTP floor answering with `body`. */
export function startHttpFloor(port: number, body: string): Promise<HttpFloorServer> {
  const child = fork(join(__dirname, "http-floor-server.ts"), [], {
    execPath: SERVER_NODE,
    execArgv: ["-r", "ts-node/register/transpile-only"],
    env: { ...process.env, PORT: String(port), BENCH_FLOOR_BODY: body },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("message", () =>
      resolve({ url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => child.kill() }),
    );
    child.once("exit", (code) => reject(new Error(`HTTP floor exited with ${code}`)));
  });
}

/** The full stack's answer to one request, to serve from the HTTP floor. */
export async function answerOf(serverUrl: string, item: LoadItem): Promise<string> {
  const response = await fetch(`${serverUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...item.headers },
    body: item.body,
  });
  return response.text();
}
