import { graphql } from "../../gql";

/**
 * What `MeterSummary` and `MeterHistory` draw: the window, the verification, the last reading,
 * and the history's first page (with cursors, so the cache merges pages and sendings by cursor).
 */
export const MeterFieldsFragment = graphql(`
  fragment MeterFields on Meter {
    id
    serialNumber
    removedAt
    verification {
      ...MeterVerificationFields
    }
    submission {
      ...SubmissionFields
    }
    lastReading {
      ...ReadingFields
    }
    readings(first: 16) {
      totalCount
      edges {
        cursor
        node {
          ...ReadingFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
