import { graphql } from "../../gql";

/** What the bearer of a reminder's link sees: one meter and this month's window. */
export const SubmitLinkQuery = graphql(`
  query SubmitLink($token: String!) {
    submitLink(token: $token) {
      meterSerial
      accountNumber
      holderNameMasked
      lastReading {
        value
        takenAt
      }
      submission {
        ...SubmissionFields
      }
    }
  }
`);

/** A sending through the link, answered with the window after it. */
export const SubmitReadingByLinkMutation = graphql(`
  mutation SubmitReadingByLink($input: SubmitReadingByLinkInput!) {
    submitReadingByLink(input: $input) {
      value
      period
      isCorrection
      submission {
        ...SubmissionFields
      }
    }
  }
`);
