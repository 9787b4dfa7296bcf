import { GraphQLError } from "graphql";

/**
 * A scalar's refusal of an input value, worded without the value: the error formatter
 * (`graphql/format-error.ts`) adds the input field's path and keeps the wording.
 */
export class InputProblem extends GraphQLError {
  constructor(message: string) {
    super(message);
  }
}
