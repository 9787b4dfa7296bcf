import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { canonicalDecimal, decimalProblem } from "../../core/decimal";
import { InputProblem } from "./input-problem";

/** Says what is wrong with the input (not a string, negative, too many decimals, …). */
function parse(value: unknown): string {
  const canonical = typeof value === "string" ? canonicalDecimal(value) : null;
  if (canonical === null) throw new InputProblem(`Decimal ${decimalProblem(value)}.`);
  return canonical;
}

/** Exact decimal as a string; input may use "," and digit-group spaces, output is canonical. */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: "Decimal",
  description:
    'An exact decimal number sent as a string: readings in m³ with up to 3 decimals ("1234.567"), ' +
    'money in tenge with up to 2 ("12345.67"). Input also accepts "," as the decimal separator ' +
    "and spaces between digit groups; output is canonical.",
  serialize(value) {
    if (typeof value !== "string") throw new GraphQLError("Decimal values are strings.");
    return value;
  },
  parseValue: parse,
  parseLiteral(ast) {
    return parse(ast.kind === Kind.STRING ? ast.value : undefined);
  },
});
