import "reflect-metadata";
import { setTimeout as sleep } from "node:timers/promises";
import pino from "pino";
import { buildApp } from "./app";
import { ConfigError, loadConfig } from "./config";
import { openDatabase } from "./db/open-database";
import { startingServer } from "./http/starting-server";
import { demoCredentials, seedDemoRegistry } from "./registry/demo-seed";
import { systemClock } from "./core/clock";

/** FT-6: in-flight requests get this long after the port closes; then their sockets are cut. */
const FORCE_CLOSE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: config.logLevel });
  // FT-4 / FT-5: alive at once; ready only once the database is reached and migrated.
  const starting = startingServer(log);
  await starting.listen({
    port: config.port,
    host: config.host,
    // Not "Server listening": that line is the app's, once it serves.
    listenTextResolver: (address) => `Starting at ${address}: 503 until the database is ready`,
  });
  const stopWhileStarting = () => void starting.close().finally(() => process.exit(0));
  process.once("SIGTERM", stopWhileStarting);
  process.once("SIGINT", stopWhileStarting);
  const dataSource = await openDatabase(config.database, log, {
    attempts: Number.POSITIVE_INFINITY,
    queueBudgetMs: config.queueTimeBudgetMs,
    syncWait: config.galeraSyncWait,
  });
  if (config.seedDemo && (await seedDemoRegistry(dataSource, systemClock))) {
    log.info("seeded the demo registry");
  }
  const { fastify, lifecycle } = await buildApp({ config, dataSource, clock: systemClock, log });
  process.off("SIGTERM", stopWhileStarting);
  process.off("SIGINT", stopWhileStarting);
  await starting.close();
  await fastify.listen({ port: config.port, host: config.host });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, drainMs: config.shutdownDrainMs }, "shutting down");
    // FT-6: /readyz says 503 first, so load balancers stop sending before the port closes.
    lifecycle.draining = true;
    if (config.shutdownDrainMs > 0) await sleep(config.shutdownDrainMs);
    // New requests get 503, in-flight ones finish; after FORCE_CLOSE_MS their sockets are cut.
    const force = setTimeout(() => {
      log.warn("requests still running after the grace period; closing their connections");
      fastify.server.closeAllConnections();
    }, FORCE_CLOSE_MS);
    force.unref();
    await fastify.close();
    clearTimeout(force);
    await dataSource.destroy();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));

  const url = `http://localhost:${config.port}`;
  console.log(`\nGas readings service is running: ${url}  (GraphQL: ${url}/graphql)`);
  console.log(`Database: ${config.database.type === "sqlite" ? config.database.path : "MySQL"}`);
  if (config.seedDemo) {
    const demo = await demoCredentials(dataSource);
    if (demo.length > 0) {
      console.log("\nDemo accounts to register with (account number / exact last payment):");
      for (const account of demo) {
        const owner = account.ownerBin ? `  legal entity, BIN ${account.ownerBin}` : "";
        console.log(
          `  ${account.number}  ${account.lastPayment.padStart(10)} ₸  ${account.holderName}${owner}`,
        );
      }
      console.log("");
    }
  }
}

// Last resort: log what escaped every handler and exit; the supervisor restarts the process.
process.on("unhandledRejection", (reason) => {
  console.error("unhandled rejection", reason);
  process.exit(1);
});
process.on("uncaughtException", (error) => {
  console.error("uncaught exception", error);
  process.exit(1);
});

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
