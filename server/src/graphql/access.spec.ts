import "reflect-metadata";
import { type GraphQLObjectType, GraphQLError } from "graphql";
import { getMetadataStorage } from "type-graphql";
import type { Integrator } from "../integrators/api-clients.service";
import type { Scope } from "../integrators/scopes";
import { UserRole } from "../core/enums";
import type { UserEntity } from "../users/user.entity";
import { Access, authChecker, PUBLIC_ACCESS } from "./access";
import type { GraphQLContext } from "./context";
import { graphqlSchema } from "./schema";

/**
 * Who may call each root operation. A new Query or Mutation field must be added here with its
 * declaration (`@Authorized(Access.…)` or `@Public()`, see `access.ts`), or this test fails.
 */
const EXPECTED: Record<string, string> = {
  // Query
  "Query.me": Access.NOT_INTEGRATOR,
  "Query.account": Access.USER,
  "Query.operatorAccount": Access.OPERATOR,
  "Query.submittedReadings": Access.scope("readings:read"),
  "Query.readingsFeed": Access.scope("readings:read"),
  "Query.partnerAccount": Access.scope("readings:submit"),
  "Query.passwordResetTokenStatus": PUBLIC_ACCESS,
  // Mutation: sessions and the user's own data
  "Mutation.login": PUBLIC_ACCESS,
  "Mutation.refreshSession": PUBLIC_ACCESS,
  "Mutation.logout": PUBLIC_ACCESS,
  "Mutation.logoutEverywhere": Access.USER,
  "Query.pushPublicKey": PUBLIC_ACCESS,
  "Mutation.subscribePush": Access.USER,
  "Mutation.unsubscribePush": Access.USER,
  "Mutation.sendTestPush": Access.USER,
  "Mutation.register": PUBLIC_ACCESS,
  "Mutation.updateProfile": Access.USER,
  "Mutation.changePassword": Access.USER,
  "Mutation.requestPasswordReset": PUBLIC_ACCESS,
  "Mutation.resetPassword": PUBLIC_ACCESS,
  "Mutation.confirmEmail": PUBLIC_ACCESS,
  // Mutation: accounts and readings
  "Mutation.linkAccount": Access.USER,
  "Mutation.unlinkAccount": Access.USER,
  "Mutation.submitReading": Access.USER,
  // Mutation: the support desk
  "Mutation.operatorUnlinkUser": Access.OPERATOR,
  "Mutation.operatorLiftVerificationBlock": Access.OPERATOR,
  // Mutation: the Integrator API
  "Mutation.issueApiToken": PUBLIC_ACCESS,
  "Mutation.upsertAccounts": Access.scope("registry:write"),
  "Mutation.upsertMeters": Access.scope("registry:write"),
  "Mutation.recordPayments": Access.scope("registry:write"),
  "Mutation.recordReadings": Access.scope("registry:write"),
  "Mutation.submitReadingForAccount": Access.scope("readings:submit"),
  // Webhooks of the calling API client
  "Query.webhooks": Access.scope("readings:read"),
  "Query.webhookDeliveries": Access.scope("readings:read"),
  "Mutation.registerWebhook": Access.scope("readings:read"),
  "Mutation.deleteWebhook": Access.scope("readings:read"),
  "Mutation.replayWebhookDelivery": Access.scope("readings:read"),
  // Reminders: the subscriber's channels, the one-tap link (its token is the credential), operators
  "Mutation.updateReminderSettings": Access.USER,
  "Query.submitLink": PUBLIC_ACCESS,
  "Mutation.submitReadingByLink": PUBLIC_ACCESS,
  "Query.reminderRuns": Access.OPERATOR,
  "Mutation.runRemindersNow": Access.OPERATOR,
};

const UNDECLARED = "(no declaration)";

/** "Query.me" → its declared access, read from type-graphql's metadata and the built schema. */
function declaredAccess(): Record<string, string> {
  const schema = graphqlSchema();
  const storage = getMetadataStorage();
  const table: Record<string, string> = {};
  const roots: [GraphQLObjectType | null | undefined, typeof storage.queries][] = [
    [schema.getQueryType(), storage.queries],
    [schema.getMutationType(), storage.mutations],
  ];
  for (const [type, operations] of roots) {
    for (const field of Object.values(type?.getFields() ?? {})) {
      const operation = operations.find((o) => o.schemaName === field.name);
      const authorized = storage.authorizedFields.filter(
        (a) => a.target === operation?.target && a.fieldName === operation?.methodName,
      );
      const isPublic = field.extensions?.access === PUBLIC_ACCESS;
      const declarations = [
        ...authorized.map((a) => a.roles.join(" + ") || "(bare @Authorized)"),
        ...(isPublic ? [PUBLIC_ACCESS] : []),
      ];
      table[`${type!.name}.${field.name}`] = declarations.join(" AND ") || UNDECLARED;
    }
  }
  return table;
}

describe("declared access", () => {
  it("every root operation declares exactly the access of the table", () => {
    expect(declaredAccess()).toEqual(EXPECTED);
  });

  it("access is declared on root operations only (the per-field path stays unchecked)", () => {
    const storage = getMetadataStorage();
    const roots = [...storage.queries, ...storage.mutations];
    const elsewhere = storage.authorizedFields.filter(
      (a) => !roots.some((r) => r.target === a.target && r.methodName === a.fieldName),
    );
    expect(elsewhere.map((a) => `${a.target.name}.${a.fieldName}`)).toEqual([]);
    expect(storage.authorizedResolver).toEqual([]);
  });
});

describe("authChecker refusals (the codes and messages the resolvers threw by hand)", () => {
  const user = (role: UserRole) => ({ user: { id: 1, role } as UserEntity, sessionId: "s" });
  const client = (...scopes: Scope[]): Integrator => ({
    id: 1,
    clientId: "gci_x",
    name: "x",
    scopes: new Set(scopes),
  });
  const callers: Record<string, Pick<GraphQLContext, "viewer" | "integrator">> = {
    anonymous: { viewer: null, integrator: null },
    subscriber: { viewer: user(UserRole.SUBSCRIBER), integrator: null },
    operator: { viewer: user(UserRole.OPERATOR), integrator: null },
    "client(readings:read)": { viewer: null, integrator: client("readings:read") },
  };

  const outcome = (rule: string, caller: keyof typeof callers): string => {
    const context = callers[caller] as GraphQLContext;
    try {
      const granted = authChecker({ context, root: {}, args: {}, info: {} as never }, [rule]);
      return granted === true ? "ok" : `returned ${String(granted)}`;
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      return `${String(error.extensions.code)}: ${error.message}`;
    }
  };

  it.each([
    [Access.USER, ["UNAUTHENTICATED", "ok", "ok", "FORBIDDEN"]],
    [Access.OPERATOR, ["UNAUTHENTICATED", "FORBIDDEN", "ok", "FORBIDDEN"]],
    [Access.NOT_INTEGRATOR, ["ok", "ok", "ok", "FORBIDDEN"]],
    [Access.scope("readings:read"), ["UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", "ok"]],
    [
      Access.scope("readings:submit"),
      [
        "UNAUTHENTICATED",
        "FORBIDDEN",
        "FORBIDDEN",
        "FORBIDDEN: This operation needs the scope readings:submit.",
      ],
    ],
  ])("%s", (rule, expected) => {
    const got = Object.keys(callers).map((caller) => outcome(rule, caller));
    // Only the scope refusal has its own message; the others keep the code's default message.
    expect(got.map((g, i) => (expected[i].includes(":") ? g : g.split(":")[0]))).toEqual(expected);
  });

  it("an unknown or missing rule is a programming error, not a refusal", () => {
    const context = callers.subscriber as GraphQLContext;
    const data = { context, root: {}, args: {}, info: {} as never };
    expect(() => authChecker(data, [])).toThrow(/exactly one access rule/);
    expect(() => authChecker(data, ["scope:nope"])).toThrow(/Unknown access rule/);
  });
});
