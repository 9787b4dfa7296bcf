import {
  GraphQLError,
  Kind,
  TokenKind,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from "graphql";

/** GQL-1 / RL-8 numbers. */
export const MAX_DEPTH = 10;
export const MAX_ALIASES = 5;
export const MAX_TOKENS = 1000;
/**
 * The parser's ceiling while introspection is on: introspection operations are exempt from
 * MAX_TOKENS (a client's "full" introspection query may be long), not from this, nor from the
 * cost limit. Other operations are held to MAX_TOKENS by `operationShapeRules`.
 */
export const INTROSPECTION_MAX_TOKENS = 3000;

/** Root fields that read the schema itself (GQL-3). */
const INTROSPECTION_ROOT_FIELDS: ReadonlySet<string> = new Set([
  "__schema",
  "__type",
  "__typename",
]);

/** Operations that check a secret: one root field each, never aliased (RL-8). */
export const SENSITIVE_ROOT_FIELDS: ReadonlySet<string> = new Set([
  "login",
  "register",
  "linkAccount",
  "refreshSession",
  "requestPasswordReset",
  "resetPassword",
  "passwordResetTokenStatus",
  "changePassword",
]);

type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

const refusal = (message: string) =>
  new GraphQLError(message, { extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });

/** The deepest field nesting of a selection set, following fragments (cycles stop). */
export function selectionDepth(
  set: SelectionSetNode | undefined,
  fragments: Fragments,
  seen: ReadonlySet<string> = new Set(),
): number {
  if (!set) return 0;
  let deepest = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      deepest = Math.max(deepest, 1 + selectionDepth(selection.selectionSet, fragments, seen));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(selection.selectionSet, fragments, seen));
    } else if (!seen.has(selection.name.value)) {
      const fragment = fragments.get(selection.name.value);
      const next = new Set(seen).add(selection.name.value);
      deepest = Math.max(deepest, selectionDepth(fragment?.selectionSet, fragments, next));
    }
  }
  return deepest;
}

/** How many aliased fields an operation asks for, fragments counted where they are spread. */
export function aliasCount(
  set: SelectionSetNode | undefined,
  fragments: Fragments,
  seen: ReadonlySet<string> = new Set(),
): number {
  if (!set) return 0;
  let count = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      count += (selection.alias ? 1 : 0) + aliasCount(selection.selectionSet, fragments, seen);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += aliasCount(selection.selectionSet, fragments, seen);
    } else if (!seen.has(selection.name.value)) {
      const fragment = fragments.get(selection.name.value);
      const next = new Set(seen).add(selection.name.value);
      count += aliasCount(fragment?.selectionSet, fragments, next);
    }
  }
  return count;
}

/** The root fields of an operation as [name, aliased], fragments flattened. */
export function rootFields(
  set: SelectionSetNode,
  fragments: Fragments,
  seen: ReadonlySet<string> = new Set(),
): Array<{ name: string; aliased: boolean }> {
  return set.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) {
      return [{ name: selection.name.value, aliased: selection.alias !== undefined }];
    }
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      return rootFields(selection.selectionSet, fragments, seen);
    }
    const fragment = fragments.get(selection.name.value);
    if (!fragment || seen.has(selection.name.value)) return [];
    return rootFields(fragment.selectionSet, fragments, new Set(seen).add(selection.name.value));
  });
}

/** What is wrong with an operation's shape, or null (pure: the rules below and tests use it). */
export function operationShapeProblem(
  operation: OperationDefinitionNode,
  fragments: Fragments,
  limitDepth = true,
): string | null {
  const depth = limitDepth ? selectionDepth(operation.selectionSet, fragments) : 0;
  if (depth > MAX_DEPTH) return `The query is nested ${depth} levels deep; at most ${MAX_DEPTH}.`;
  const aliases = aliasCount(operation.selectionSet, fragments);
  if (aliases > MAX_ALIASES) return `The query has ${aliases} aliases; at most ${MAX_ALIASES}.`;
  const roots = rootFields(operation.selectionSet, fragments);
  const sensitive = roots.find((field) => SENSITIVE_ROOT_FIELDS.has(field.name));
  if (sensitive && (roots.length > 1 || roots.some((field) => field.aliased))) {
    return `${sensitive.name} must be the only field of its operation, without an alias.`;
  }
  return null;
}

/** An operation that only reads the schema (`__schema`, `__type`, `__typename` at its root). */
export function isIntrospectionOperation(
  operation: OperationDefinitionNode,
  fragments: Fragments,
): boolean {
  const roots = rootFields(operation.selectionSet, fragments);
  return (
    operation.operation === "query" &&
    roots.some((field) => field.name !== "__typename") &&
    roots.every((field) => INTROSPECTION_ROOT_FIELDS.has(field.name))
  );
}

/** The tokens of a parsed document, comments aside, as graphql's `maxTokens` counts them. */
export function tokenCount(document: DocumentNode): number {
  let count = 0;
  for (let token = document.loc?.startToken.next; token; token = token.next) {
    if (token.kind === TokenKind.EOF) break;
    if (token.kind !== TokenKind.COMMENT) count++;
  }
  return count;
}

/**
 * GQL-1 and RL-8 as one validation rule: refused before anything runs. With introspection on
 * (development, or GRAPHQL_INTROSPECTION=true), an introspection operation is exempt from the
 * depth and token limits so that tools (codegen, IDEs, the explorer) can load the schema; the
 * parser then stops at INTROSPECTION_MAX_TOKENS and every other operation is held to MAX_TOKENS
 * here. Its aliases are still limited and its cost still counted (cost.ts).
 */
export function operationShapeRules(options: { introspection: boolean }) {
  return function operationShapeRule(context: ValidationContext): ASTVisitor {
    const document = context.getDocument();
    const fragments = new Map(
      document.definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((d) => [d.name.value, d]),
    );
    const exempt = (operation: OperationDefinitionNode) =>
      options.introspection && isIntrospectionOperation(operation, fragments);
    return {
      Document(node) {
        if (!options.introspection) return;
        const operations = node.definitions.filter(
          (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
        );
        if (operations.every(exempt)) return;
        if (tokenCount(node) > MAX_TOKENS) {
          context.reportError(refusal(`Document contains more than ${MAX_TOKENS} tokens.`));
        }
      },
      OperationDefinition(operation) {
        const problem = operationShapeProblem(operation, fragments, !exempt(operation));
        if (problem) context.reportError(refusal(problem));
      },
    };
  };
}
