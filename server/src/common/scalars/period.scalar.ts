import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { isPeriod } from "../../core/almaty-time";

const check = (value: unknown): string => {
  if (typeof value !== "string" || !isPeriod(value)) {
    throw new GraphQLError('Period must be a month such as "2026-11".');
  }
  return value;
};

export const PeriodScalar = new GraphQLScalarType<string, string>({
  name: "Period",
  description: 'A calendar month in Asia/Almaty time, "YYYY-MM" (for example "2026-11").',
  serialize: check,
  parseValue: check,
  parseLiteral: (ast) => check(ast.kind === Kind.STRING ? ast.value : undefined),
});
