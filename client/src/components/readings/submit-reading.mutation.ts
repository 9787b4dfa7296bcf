import { graphql } from "../../gql";

/**
 * A sending, answered with the meter's new state (window, last reading, history): the cache is
 * right after this one round trip, on every screen that shows the meter.
 */
export const SubmitReadingMutation = graphql(`
  mutation SubmitReading($input: SubmitReadingInput!) {
    submitReading(input: $input) {
      ...ReadingFields
      meter {
        ...MeterFields
      }
    }
  }
`);
