import "reflect-metadata";
import "./enums";
import type { GraphQLSchema } from "graphql";
import { buildSchemaSync } from "type-graphql";
import { AccountsResolver } from "../accounts/accounts.resolver";
import { AuthResolver } from "../auth/auth.resolver";
import { IntegratorsResolver } from "../integrators/integrators.resolver";
import { PartnerAccountResolver } from "../integrators/partner-account.resolver";
import { OperatorsResolver } from "../operators/operators.resolver";
import { PushResolver } from "../push/push.resolver";
import { MetersResolver } from "../readings/meters.resolver";
import { ReadingsResolver } from "../readings/readings.resolver";
import { RecoveryResolver } from "../recovery/recovery.resolver";
import { DateTimeScalar } from "../common/scalars/date-time.scalar";
import { RemindersResolver } from "../reminders/reminders.resolver";
import { SubmitLinksResolver } from "../submit-links/submit-links.resolver";
import { UsersResolver } from "../users/users.resolver";
import { WebhooksResolver } from "../webhooks/webhooks.resolver";
import { authChecker } from "./access";
import { resolverContainer, type ResolverClass, type ResolverFactory } from "./resolver-container";

/**
 * Every resolver class and how it is built: each receives the services it names (constructor
 * injection), never the whole `Services`; see `resolver-container.ts`.
 */
const RESOLVERS = new Map<ResolverClass, ResolverFactory>([
  [AuthResolver, (s) => new AuthResolver(s)],
  [UsersResolver, (s) => new UsersResolver(s)],
  [AccountsResolver, (s) => new AccountsResolver(s)],
  [MetersResolver, (s) => new MetersResolver(s)],
  [ReadingsResolver, () => new ReadingsResolver()],
  [IntegratorsResolver, (s) => new IntegratorsResolver(s)],
  [PartnerAccountResolver, (s) => new PartnerAccountResolver(s)],
  [OperatorsResolver, (s) => new OperatorsResolver(s)],
  [RecoveryResolver, (s) => new RecoveryResolver(s)],
  [WebhooksResolver, (s) => new WebhooksResolver(s)],
  [PushResolver, (s) => new PushResolver(s)],
  [SubmitLinksResolver, (s) => new SubmitLinksResolver(s)],
  [RemindersResolver, (s) => new RemindersResolver(s)],
]);

let built: GraphQLSchema | undefined;

/** The executable schema, built once per process (it is the same for every request). */
export function graphqlSchema(): GraphQLSchema {
  built ??= buildSchemaSync({
    resolvers: [...RESOLVERS.keys()] as [ResolverClass, ...ResolverClass[]],
    container: resolverContainer(RESOLVERS),
    // Access is declared on every root operation (`access.ts`); refusals are thrown by the checker.
    authChecker,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    // Never echo submitted values (passwords, amounts) in validation errors.
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
  });
  return built;
}
