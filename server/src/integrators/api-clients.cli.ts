import "reflect-metadata";
import pino from "pino";
import type { DataSource } from "typeorm";
import { AuditService } from "../audit/audit.service";
import { ConfigError, loadConfig } from "../config";
import { openDatabase } from "../db/open-database";
import { systemClock } from "../core/clock";
import { ApiClientsService } from "./api-clients.service";
import { option, UsageError } from "../common/cli-args";
import { IntegratorTokens } from "./integrator-token";
import { parseScopes, SCOPES } from "./scopes";

const USAGE = [
  "npm run apiclient:create -- --name NAME --scopes registry:write,readings:read,readings:submit",
  "npm run apiclient:list",
  "npm run apiclient:revoke -- --id CLIENT_ID",
].join("\n");

/** API clients of integrators: `create` prints the secret once; `list`; `revoke`. */
async function main(): Promise<void> {
  const [command, ...argv] = process.argv.slice(2);
  if (!["create", "list", "revoke"].includes(command)) throw new UsageError(USAGE);
  const config = loadConfig();
  const log = pino({ level: config.logLevel }, pino.destination(2));
  let dataSource: DataSource | undefined;
  try {
    dataSource = await openDatabase(config.database, log);
    const clients = new ApiClientsService(
      dataSource,
      systemClock,
      new IntegratorTokens(config.integratorJwtSecret, config.integratorJwtPreviousSecret),
    );
    const audit = new AuditService(dataSource, systemClock);
    if (command === "create") {
      const name = option(argv, "name");
      const scopesText = option(argv, "scopes");
      if (!name || !scopesText) throw new UsageError(USAGE);
      const parsed = parseScopes(scopesText);
      if ("unknown" in parsed) {
        throw new UsageError(
          `Unknown scope "${parsed.unknown}"; the scopes are ${SCOPES.join(", ")}.`,
        );
      }
      const { client, secret } = await clients.create(name, parsed.scopes);
      await audit.record({
        type: "API_CLIENT_CHANGED",
        detail: { action: "created", clientId: client.clientId, scopes: client.scopes },
      });
      console.log(`Created API client "${client.name}" with scopes ${client.scopes}.`);
      console.log(`client id:     ${client.clientId}`);
      console.log(`client secret: ${secret}`);
      console.log("The secret is shown only now; store it in the integrator's secret store.");
    } else if (command === "list") {
      const all = await clients.list();
      if (all.length === 0) console.log("No API clients.");
      for (const client of all) {
        const state = client.revokedAt ? `revoked ${client.revokedAt.toISOString()}` : "active";
        console.log(
          `${client.clientId}  ${client.name}  [${client.scopes}]  created ` +
            `${client.createdAt.toISOString()}  ${state}`,
        );
      }
    } else {
      const id = option(argv, "id");
      if (!id) throw new UsageError(USAGE);
      if (!(await clients.revoke(id))) {
        throw new UsageError(`No active API client ${id} (see npm run apiclient:list).`);
      }
      await audit.record({
        type: "API_CLIENT_CHANGED",
        detail: { action: "revoked", clientId: id },
      });
      console.log(`Revoked ${id}: its tokens stop working at their next request.`);
    }
  } finally {
    await dataSource?.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const known = error instanceof UsageError || error instanceof ConfigError;
    console.error(known ? error.message : error);
    process.exit(1);
  },
);
