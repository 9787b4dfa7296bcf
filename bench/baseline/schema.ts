import { buildSchema } from "graphql";

/** Only what bench/operations.ts sends, under the real names: both servers get the same queries. */
export const schema = buildSchema(`
  type Query { me: User, account(number: String!): Account }
  type Mutation {
    submitReading(input: SubmitReadingInput!): Reading!
    login(input: LoginInput!): Login!
  }
  input SubmitReadingInput { meterId: ID!, value: String!, idempotencyKey: String }
  input LoginInput { email: String!, password: String!, rememberMe: Boolean }
  type Login { accessToken: String! }
  type User { id: ID!, email: String!, accounts: [Account!]! }
  type Account { number: String!, holderName: String!, address: String!, meters: [Meter!]! }
  type Meter {
    id: ID!, serialNumber: String!, lastReading: Reading, submission: SubmissionWindow!
    readings(first: Int, after: String): ReadingConnection!
  }
  type Reading {
    id: ID!, value: String!, takenAt: String!, source: String!, period: String!, isCorrection: Boolean!
  }
  type SubmissionWindow {
    period: String!, used: Int!, remaining: Int!, minimumValue: String!, reopensAt: String
  }
  type ReadingConnection { edges: [ReadingEdge!]!, pageInfo: PageInfo!, totalCount: Int! }
  type ReadingEdge { cursor: String!, node: Reading! }
  type PageInfo { hasNextPage: Boolean!, endCursor: String }
`);
