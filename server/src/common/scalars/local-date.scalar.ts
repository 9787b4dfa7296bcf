import { GraphQLError, GraphQLScalarType, Kind } from "graphql";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const check = (value: unknown): string => {
  if (typeof value !== "string" || !DATE.test(value)) {
    throw new GraphQLError('LocalDate must be a date such as "2027-03-12".');
  }
  return value;
};

export const LocalDateScalar = new GraphQLScalarType<string, string>({
  name: "LocalDate",
  description: 'A calendar date in Asia/Almaty time, "YYYY-MM-DD" (for example "2027-03-12").',
  serialize: check,
  parseValue: check,
  parseLiteral: (ast) => check(ast.kind === Kind.STRING ? ast.value : undefined),
});
