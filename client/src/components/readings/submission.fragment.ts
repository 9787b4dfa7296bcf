import { graphql } from "../../gql";

/** The month's window as `SubmissionStatus` and the form show it. */
export const SubmissionFieldsFragment = graphql(`
  fragment SubmissionFields on SubmissionWindow {
    period
    used
    remaining
    minimumValue
    reopensAt
  }
`);
