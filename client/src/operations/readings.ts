import { graphql } from "../gql";

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

export const SubmissionFieldsFragment = graphql(`
  fragment SubmissionFields on SubmissionWindow {
    period
    used
    remaining
    minimumValue
    reopensAt
  }
`);

export const MeterFieldsFragment = graphql(`
  fragment MeterFields on Meter {
    id
    serialNumber
    removedAt
    submission {
      ...SubmissionFields
    }
    readings(first: 16) {
      totalCount
      edges {
        node {
          ...ReadingFields
        }
      }
    }
  }
`);

export const AccountReadingsQuery = graphql(`
  query AccountReadings($number: String!) {
    account(number: $number) {
      ...AccountCard
      meters {
        ...MeterFields
      }
    }
  }
`);

export const SubmitReadingMutation = graphql(`
  mutation SubmitReading($input: SubmitReadingInput!) {
    submitReading(input: $input) {
      ...ReadingFields
    }
  }
`);

/** After a sending: only the windows (cheap), the new reading is added to the history locally. */
export const AccountSubmissionsQuery = graphql(`
  query AccountSubmissions($number: String!) {
    account(number: $number) {
      number
      meters {
        id
        submission {
          ...SubmissionFields
        }
      }
    }
  }
`);
