import "reflect-metadata";
import pino from "pino";
import { buildApp } from "./app";
import { ConfigError, loadConfig } from "./config";
import { openDatabase } from "./db/open-database";
import { demoCredentials, seedDemoRegistry } from "./registry/demo-seed";
import { systemClock } from "./shared/clock";

const DRAIN_DELAY_MS = 5_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: config.logLevel });
  const dataSource = await openDatabase(config.database, log);
  if (config.seedDemo && (await seedDemoRegistry(dataSource, systemClock))) {
    log.info("seeded the demo registry");
  }
  const { fastify } = await buildApp({ config, dataSource, clock: systemClock, log });
  await fastify.listen({ port: config.port, host: config.host });

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

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    // Give load balancers a moment to notice before the port closes (not in development).
    if (config.isProduction) await new Promise((resolve) => setTimeout(resolve, DRAIN_DELAY_MS));
    await fastify.close();
    await dataSource.destroy();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
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
