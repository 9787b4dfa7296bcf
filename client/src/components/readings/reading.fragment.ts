import { graphql } from "../../gql";

/** A reading as the history and the last-reading line show it. */
export const ReadingFieldsFragment = graphql(`
  fragment ReadingFields on Reading {
    id
    value
    takenAt
    source
    period
    isCorrection
  }
`);
