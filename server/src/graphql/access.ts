import { type AuthCheckerFn, Extensions } from "type-graphql";
import type { Integrator } from "../integrators/api-clients.service";
import { isScope, type Scope } from "../integrators/scopes";
import { UserRole } from "../core/enums";
import { AppError } from "../common/app-error";
import { TOKEN_REFUSAL_MESSAGES } from "../common/token-refusal";
import type { GraphQLContext, Viewer } from "./context";

/**
 * Declared access: who may call each root operation (a field of Query or Mutation).
 *
 * Every root operation carries exactly one declaration, and `access.spec.ts` holds the table of
 * them all, so an operation added without one fails CI:
 *
 * - `@Authorized(Access.USER)` — a logged-in user of either role (the support desk keeps a
 *   subscriber's powers). No token: UNAUTHENTICATED; an integrator token: FORBIDDEN (JWT-3).
 * - `@Authorized(Access.OPERATOR)` — a user with the role OPERATOR; as USER, then any other
 *   user is FORBIDDEN.
 * - `@Authorized(Access.scope("readings:read"))` — an API client's token holding that scope
 *   (see `integrators/scopes.ts`). No token: UNAUTHENTICATED; a subscriber's token: FORBIDDEN;
 *   a client without the scope: FORBIDDEN "This operation needs the scope …".
 * - `@Authorized(Access.NOT_INTEGRATOR)` — anyone but an API client (`me`: null when anonymous);
 *   an integrator token: FORBIDDEN.
 * - `@Public()` — anyone, with or without a token (login, registration, recovery, the token
 *   exchange…). It adds no middleware at all: it is a marker (a field extension) that says
 *   "public on purpose", which is what the access table test reads.
 *
 * The checker throws the refusal itself (an `AppError`) rather than returning false, so the
 * codes and messages are the ones the resolvers threw by hand before; type-graphql's own
 * "Access denied!" errors are never produced. Access is declared on root operations only:
 * type-graphql wraps only fields that carry `@Authorized`, so the per-field path of the plain
 * object types (`simpleResolvers`) and the look-ahead loaders pay nothing.
 *
 * Note: type-graphql runs this check before it validates the arguments (class-validator), so
 * an anonymous call with invalid input is refused UNAUTHENTICATED before its input is looked at.
 */
export const Access = {
  USER: "user",
  OPERATOR: "role:OPERATOR",
  NOT_INTEGRATOR: "not-integrator",
  scope: (scope: Scope) => `scope:${scope}` as const,
} as const;

export type AccessRule =
  | typeof Access.USER
  | typeof Access.OPERATOR
  | typeof Access.NOT_INTEGRATOR
  | ReturnType<typeof Access.scope>;

/** The field extension that marks a root operation public on purpose. */
export const PUBLIC_ACCESS = "public";

/** Declares a root operation open to anyone (see above); no check runs. */
export const Public = () => Extensions({ access: PUBLIC_ACCESS });

/**
 * UNAUTHENTICATED, with `extensions.reason` when a token was sent and refused: TOKEN_EXPIRED
 * (renew it), TOKEN_REVOKED or TOKEN_INVALID.
 */
function unauthenticated(context: GraphQLContext): AppError {
  const reason = context.tokenRefusal;
  return reason
    ? new AppError("UNAUTHENTICATED", {
        message: TOKEN_REFUSAL_MESSAGES[reason],
        extensions: { reason },
      })
    : new AppError("UNAUTHENTICATED");
}

/** The viewer of the request; an integrator token never passes for a subscriber (JWT-3). */
function viewerOf(context: GraphQLContext): Viewer {
  if (context.integrator) throw new AppError("FORBIDDEN");
  if (!context.viewer) throw unauthenticated(context);
  return context.viewer;
}

/** The API client of the request, which must hold `scope`; a subscriber token is FORBIDDEN. */
function clientWith(context: GraphQLContext, scope: Scope): Integrator {
  if (!context.integrator)
    throw context.viewer ? new AppError("FORBIDDEN") : unauthenticated(context);
  if (!context.integrator.scopes.has(scope)) {
    throw new AppError("FORBIDDEN", { message: `This operation needs the scope ${scope}.` });
  }
  return context.integrator;
}

/** Checks one rule; refuses by throwing. Returns true (granted) or throws. */
function check(context: GraphQLContext, rule: string): true {
  switch (rule) {
    case Access.USER:
      viewerOf(context);
      return true;
    case Access.OPERATOR:
      if (viewerOf(context).user.role !== UserRole.OPERATOR) throw new AppError("FORBIDDEN");
      return true;
    case Access.NOT_INTEGRATOR:
      if (context.integrator) throw new AppError("FORBIDDEN");
      return true;
  }
  const scope = rule.startsWith("scope:") ? rule.slice("scope:".length) : "";
  if (isScope(scope)) {
    clientWith(context, scope);
    return true;
  }
  // A programming error (e.g. a bare `@Authorized()`), never a refusal: it fails loudly.
  throw new Error(`Unknown access rule ${JSON.stringify(rule)}`);
}

/** type-graphql's `authChecker`: every `@Authorized(rule)` names exactly one rule. */
export const authChecker: AuthCheckerFn<GraphQLContext> = ({ context }, rules) => {
  if (rules.length !== 1) {
    throw new Error(`@Authorized needs exactly one access rule, got ${JSON.stringify(rules)}`);
  }
  return check(context, rules[0]);
};
