import { GraphQLError, GraphQLScalarType, Kind } from "graphql";

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const parse = (value: unknown): Date => {
  const date = typeof value === "string" && ISO_WITH_OFFSET.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new GraphQLError("DateTime must be ISO 8601 with an offset, e.g. 2026-11-26T10:00:00Z.");
  }
  return date;
};

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: "DateTime",
  description: "An instant, ISO 8601 with offset (UTC, e.g. 2026-11-26T05:00:00.000Z).",
  serialize(value) {
    if (!(value instanceof Date)) throw new GraphQLError("DateTime values are dates.");
    return value.toISOString();
  },
  parseValue: parse,
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
});
