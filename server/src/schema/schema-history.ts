import { CriticalityLevel, diff, type Change } from "@graphql-inspector/core";
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLSchema,
} from "graphql";

/** Removals that must be announced by `@deprecated(reason:)` first, by the released schema. */
const REMOVALS = new Set([
  "FIELD_REMOVED",
  "INPUT_FIELD_REMOVED",
  "ENUM_VALUE_REMOVED",
  "FIELD_ARGUMENT_REMOVED",
]);
const REMOVAL_DATE = /\b(\d{4}-\d{2}-\d{2})\b/;

export interface SchemaHistoryReport {
  breaking: Change[];
  dangerous: Change[];
  safe: Change[];
  /** Why the change may not ship as it is; empty: it may. */
  problems: string[];
}

/** The "## Unreleased" section of CHANGELOG.md (up to the next "## " heading), or "". */
export function unreleasedSection(changelog: string): string {
  const match = /^## Unreleased[^\n]*\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(changelog);
  return match?.[1] ?? "";
}

/** The `@deprecated` reason of a schema member by its inspector path (`Type.field[.arg]`). */
export function deprecationOf(schema: GraphQLSchema, path: string): string | null {
  const [typeName, memberName, argName] = path.split(".");
  const type = schema.getType(typeName);
  if (isEnumType(type)) return type.getValue(memberName)?.deprecationReason ?? null;
  if (!isObjectType(type) && !isInterfaceType(type) && !isInputObjectType(type)) return null;
  const field = type.getFields()[memberName];
  if (!field) return null;
  if (argName === undefined) return field.deprecationReason ?? null;
  const args = "args" in field ? field.args : [];
  return args.find((arg) => arg.name === argName)?.deprecationReason ?? null;
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The public contract's history (issue 19 item 3): what changed between the last released
 * schema and the current one, by @graphql-inspector/core. A breaking change may ship only when
 * CHANGELOG.md's "Unreleased" section names its path in backticks (`Type.field`); a removal only
 * when the released schema deprecated the member with a reason holding its removal date
 * (YYYY-MM-DD) and that date has come.
 */
export async function schemaHistory(
  released: GraphQLSchema,
  current: GraphQLSchema,
  changelog: string,
  today: Date,
): Promise<SchemaHistoryReport> {
  const changes = await diff(released, current);
  const of = (level: CriticalityLevel) => changes.filter((c) => c.criticality.level === level);
  const breaking = of(CriticalityLevel.Breaking);
  const unreleased = unreleasedSection(changelog);
  const problems: string[] = [];
  for (const change of breaking) {
    const path = change.path ?? "";
    if (!path || !new RegExp("`" + escaped(path) + "(?![\\w.])").test(unreleased)) {
      problems.push(
        `Breaking: ${change.message} Name \`${path || "its path"}\` in CHANGELOG.md's "Unreleased" section.`,
      );
    }
    if (!REMOVALS.has(change.type)) continue;
    const reason = deprecationOf(released, path);
    const date = reason ? REMOVAL_DATE.exec(reason)?.[1] : undefined;
    if (!date) {
      problems.push(
        `Removed without notice: ${path} was not released with @deprecated(reason: "… Removal on YYYY-MM-DD.").`,
      );
    } else if (date > today.toISOString().slice(0, 10)) {
      problems.push(`Removed too early: ${path} was announced for removal on ${date}.`);
    }
  }
  return {
    breaking,
    dangerous: of(CriticalityLevel.Dangerous),
    safe: of(CriticalityLevel.NonBreaking),
    problems,
  };
}
