import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from "graphql";

/** GQL-1 / RL-8 numbers. */
export const MAX_DEPTH = 10;
export const MAX_ALIASES = 5;
export const MAX_TOKENS = 1000;

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
): string | null {
  const depth = selectionDepth(operation.selectionSet, fragments);
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

/** GQL-1 and RL-8 as one validation rule: refused before anything runs. */
export function operationShapeRule(context: ValidationContext): ASTVisitor {
  const fragments = new Map(
    context
      .getDocument()
      .definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  return {
    OperationDefinition(operation) {
      const problem = operationShapeProblem(operation, fragments);
      if (problem) context.reportError(refusal(problem));
    },
  };
}
