/* eslint-disable */
import * as types from "./graphql";
import type { TypedDocumentNode as DocumentNode } from "@graphql-typed-document-node/core";

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
  "\n  fragment AccountCard on Account {\n    number\n    holderName\n    address\n    meters {\n      id\n      removedAt\n      submission {\n        period\n        used\n      }\n      lastReading {\n        id\n        takenAt\n        period\n        isCorrection\n      }\n    }\n  }\n": typeof types.AccountCardFragmentDoc;
  "\n  mutation LinkAccount($input: LinkAccountInput!) {\n    linkAccount(input: $input) {\n      ...AccountCard\n    }\n  }\n": typeof types.LinkAccountDocument;
  "\n  mutation UnlinkAccount($number: String!) {\n    unlinkAccount(number: $number)\n  }\n": typeof types.UnlinkAccountDocument;
  "\n  fragment MeterFields on Meter {\n    id\n    serialNumber\n    removedAt\n    verification {\n      ...MeterVerificationFields\n    }\n    submission {\n      ...SubmissionFields\n    }\n    lastReading {\n      ...ReadingFields\n    }\n    readings(first: 16) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...ReadingFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.MeterFieldsFragmentDoc;
  "\n  fragment ReadingFields on Reading {\n    id\n    value\n    takenAt\n    source\n    period\n    isCorrection\n  }\n": typeof types.ReadingFieldsFragmentDoc;
  "\n  fragment SubmissionFields on SubmissionWindow {\n    period\n    used\n    remaining\n    minimumValue\n    reopensAt\n  }\n": typeof types.SubmissionFieldsFragmentDoc;
  "\n  mutation SubmitReading($input: SubmitReadingInput!) {\n    submitReading(input: $input) {\n      ...ReadingFields\n      meter {\n        ...MeterFields\n      }\n    }\n  }\n": typeof types.SubmitReadingDocument;
  "\n  fragment MeterVerificationFields on MeterVerification {\n    due\n    status\n    daysLeft\n  }\n": typeof types.MeterVerificationFieldsFragmentDoc;
  "\n  mutation LogoutEverywhere {\n    logoutEverywhere\n  }\n": typeof types.LogoutEverywhereDocument;
  "\n  query PushPublicKey {\n    pushPublicKey\n  }\n": typeof types.PushPublicKeyDocument;
  "\n  mutation SubscribePush($input: PushSubscriptionInput!) {\n    subscribePush(input: $input)\n  }\n": typeof types.SubscribePushDocument;
  "\n  mutation UnsubscribePush($endpoint: String!) {\n    unsubscribePush(endpoint: $endpoint)\n  }\n": typeof types.UnsubscribePushDocument;
  "\n  mutation SendTestPush {\n    sendTestPush {\n      sent\n    }\n  }\n": typeof types.SendTestPushDocument;
  "\n  query ReminderSettings {\n    me {\n      id\n      reminderEmail\n      reminderPush\n    }\n  }\n": typeof types.ReminderSettingsDocument;
  "\n  mutation UpdateReminderSettings($email: Boolean!, $push: Boolean!) {\n    updateReminderSettings(email: $email, push: $push) {\n      id\n      reminderEmail\n      reminderPush\n    }\n  }\n": typeof types.UpdateReminderSettingsDocument;
  "\n  query SubmitLink($token: String!) {\n    submitLink(token: $token) {\n      meterSerial\n      accountNumber\n      holderNameMasked\n      lastReading {\n        value\n        takenAt\n      }\n      submission {\n        ...SubmissionFields\n      }\n    }\n  }\n": typeof types.SubmitLinkDocument;
  "\n  mutation SubmitReadingByLink($input: SubmitReadingByLinkInput!) {\n    submitReadingByLink(input: $input) {\n      value\n      period\n      isCorrection\n      submission {\n        ...SubmissionFields\n      }\n    }\n  }\n": typeof types.SubmitReadingByLinkDocument;
  "\n  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {\n    requestPasswordReset(input: $input)\n  }\n": typeof types.RequestPasswordResetDocument;
  "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input)\n  }\n": typeof types.ResetPasswordDocument;
  "\n  mutation ConfirmEmail($token: String!) {\n    confirmEmail(token: $token)\n  }\n": typeof types.ConfirmEmailDocument;
  "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      ...UserFields\n    }\n  }\n": typeof types.UpdateProfileDocument;
  "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n": typeof types.ChangePasswordDocument;
  "\n  fragment UserFields on User {\n    id\n    email\n    lastName\n    firstName\n    phone\n    personType\n    bin\n    language\n    canLinkAccounts\n  }\n": typeof types.UserFieldsFragmentDoc;
  "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      expiresAt\n      user {\n        ...UserFields\n      }\n    }\n  }\n": typeof types.LoginDocument;
  "\n  mutation RefreshSession {\n    refreshSession {\n      accessToken\n      expiresAt\n      user {\n        ...UserFields\n      }\n    }\n  }\n": typeof types.RefreshSessionDocument;
  "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument;
  "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      user {\n        id\n        email\n      }\n    }\n  }\n": typeof types.RegisterDocument;
  "\n  query MyAccounts {\n    me {\n      id\n      canLinkAccounts\n      accounts {\n        ...AccountCard\n      }\n    }\n  }\n": typeof types.MyAccountsDocument;
  "\n  query AccountReadings($number: String!) {\n    account(number: $number) {\n      ...AccountCard\n      meters {\n        ...MeterFields\n      }\n    }\n  }\n": typeof types.AccountReadingsDocument;
  "\n  query ResetTokenStatus($token: String!) {\n    passwordResetTokenStatus(token: $token)\n  }\n": typeof types.ResetTokenStatusDocument;
};
const documents: Documents = {
  "\n  fragment AccountCard on Account {\n    number\n    holderName\n    address\n    meters {\n      id\n      removedAt\n      submission {\n        period\n        used\n      }\n      lastReading {\n        id\n        takenAt\n        period\n        isCorrection\n      }\n    }\n  }\n":
    types.AccountCardFragmentDoc,
  "\n  mutation LinkAccount($input: LinkAccountInput!) {\n    linkAccount(input: $input) {\n      ...AccountCard\n    }\n  }\n":
    types.LinkAccountDocument,
  "\n  mutation UnlinkAccount($number: String!) {\n    unlinkAccount(number: $number)\n  }\n":
    types.UnlinkAccountDocument,
  "\n  fragment MeterFields on Meter {\n    id\n    serialNumber\n    removedAt\n    verification {\n      ...MeterVerificationFields\n    }\n    submission {\n      ...SubmissionFields\n    }\n    lastReading {\n      ...ReadingFields\n    }\n    readings(first: 16) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...ReadingFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n":
    types.MeterFieldsFragmentDoc,
  "\n  fragment ReadingFields on Reading {\n    id\n    value\n    takenAt\n    source\n    period\n    isCorrection\n  }\n":
    types.ReadingFieldsFragmentDoc,
  "\n  fragment SubmissionFields on SubmissionWindow {\n    period\n    used\n    remaining\n    minimumValue\n    reopensAt\n  }\n":
    types.SubmissionFieldsFragmentDoc,
  "\n  mutation SubmitReading($input: SubmitReadingInput!) {\n    submitReading(input: $input) {\n      ...ReadingFields\n      meter {\n        ...MeterFields\n      }\n    }\n  }\n":
    types.SubmitReadingDocument,
  "\n  fragment MeterVerificationFields on MeterVerification {\n    due\n    status\n    daysLeft\n  }\n":
    types.MeterVerificationFieldsFragmentDoc,
  "\n  mutation LogoutEverywhere {\n    logoutEverywhere\n  }\n": types.LogoutEverywhereDocument,
  "\n  query PushPublicKey {\n    pushPublicKey\n  }\n": types.PushPublicKeyDocument,
  "\n  mutation SubscribePush($input: PushSubscriptionInput!) {\n    subscribePush(input: $input)\n  }\n":
    types.SubscribePushDocument,
  "\n  mutation UnsubscribePush($endpoint: String!) {\n    unsubscribePush(endpoint: $endpoint)\n  }\n":
    types.UnsubscribePushDocument,
  "\n  mutation SendTestPush {\n    sendTestPush {\n      sent\n    }\n  }\n":
    types.SendTestPushDocument,
  "\n  query ReminderSettings {\n    me {\n      id\n      reminderEmail\n      reminderPush\n    }\n  }\n":
    types.ReminderSettingsDocument,
  "\n  mutation UpdateReminderSettings($email: Boolean!, $push: Boolean!) {\n    updateReminderSettings(email: $email, push: $push) {\n      id\n      reminderEmail\n      reminderPush\n    }\n  }\n":
    types.UpdateReminderSettingsDocument,
  "\n  query SubmitLink($token: String!) {\n    submitLink(token: $token) {\n      meterSerial\n      accountNumber\n      holderNameMasked\n      lastReading {\n        value\n        takenAt\n      }\n      submission {\n        ...SubmissionFields\n      }\n    }\n  }\n":
    types.SubmitLinkDocument,
  "\n  mutation SubmitReadingByLink($input: SubmitReadingByLinkInput!) {\n    submitReadingByLink(input: $input) {\n      value\n      period\n      isCorrection\n      submission {\n        ...SubmissionFields\n      }\n    }\n  }\n":
    types.SubmitReadingByLinkDocument,
  "\n  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {\n    requestPasswordReset(input: $input)\n  }\n":
    types.RequestPasswordResetDocument,
  "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input)\n  }\n":
    types.ResetPasswordDocument,
  "\n  mutation ConfirmEmail($token: String!) {\n    confirmEmail(token: $token)\n  }\n":
    types.ConfirmEmailDocument,
  "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      ...UserFields\n    }\n  }\n":
    types.UpdateProfileDocument,
  "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n":
    types.ChangePasswordDocument,
  "\n  fragment UserFields on User {\n    id\n    email\n    lastName\n    firstName\n    phone\n    personType\n    bin\n    language\n    canLinkAccounts\n  }\n":
    types.UserFieldsFragmentDoc,
  "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      expiresAt\n      user {\n        ...UserFields\n      }\n    }\n  }\n":
    types.LoginDocument,
  "\n  mutation RefreshSession {\n    refreshSession {\n      accessToken\n      expiresAt\n      user {\n        ...UserFields\n      }\n    }\n  }\n":
    types.RefreshSessionDocument,
  "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
  "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      user {\n        id\n        email\n      }\n    }\n  }\n":
    types.RegisterDocument,
  "\n  query MyAccounts {\n    me {\n      id\n      canLinkAccounts\n      accounts {\n        ...AccountCard\n      }\n    }\n  }\n":
    types.MyAccountsDocument,
  "\n  query AccountReadings($number: String!) {\n    account(number: $number) {\n      ...AccountCard\n      meters {\n        ...MeterFields\n      }\n    }\n  }\n":
    types.AccountReadingsDocument,
  "\n  query ResetTokenStatus($token: String!) {\n    passwordResetTokenStatus(token: $token)\n  }\n":
    types.ResetTokenStatusDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  fragment AccountCard on Account {\n    number\n    holderName\n    address\n    meters {\n      id\n      removedAt\n      submission {\n        period\n        used\n      }\n      lastReading {\n        id\n        takenAt\n        period\n        isCorrection\n      }\n    }\n  }\n",
): (typeof documents)["\n  fragment AccountCard on Account {\n    number\n    holderName\n    address\n    meters {\n      id\n      removedAt\n      submission {\n        period\n        used\n      }\n      lastReading {\n        id\n        takenAt\n        period\n        isCorrection\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation LinkAccount($input: LinkAccountInput!) {\n    linkAccount(input: $input) {\n      ...AccountCard\n    }\n  }\n",
): (typeof documents)["\n  mutation LinkAccount($input: LinkAccountInput!) {\n    linkAccount(input: $input) {\n      ...AccountCard\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation UnlinkAccount($number: String!) {\n    unlinkAccount(number: $number)\n  }\n",
): (typeof documents)["\n  mutation UnlinkAccount($number: String!) {\n    unlinkAccount(number: $number)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  fragment MeterFields on Meter {\n    id\n    serialNumber\n    removedAt\n    verification {\n      ...MeterVerificationFields\n    }\n    submission {\n      ...SubmissionFields\n    }\n    lastReading {\n      ...ReadingFields\n    }\n    readings(first: 16) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...ReadingFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n",
): (typeof documents)["\n  fragment MeterFields on Meter {\n    id\n    serialNumber\n    removedAt\n    verification {\n      ...MeterVerificationFields\n    }\n    submission {\n      ...SubmissionFields\n    }\n    lastReading {\n      ...ReadingFields\n    }\n    readings(first: 16) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...ReadingFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  fragment ReadingFields on Reading {\n    id\n    value\n    takenAt\n    source\n    period\n    isCorrection\n  }\n",
): (typeof documents)["\n  fragment ReadingFields on Reading {\n    id\n    value\n    takenAt\n    source\n    period\n    isCorrection\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  fragment SubmissionFields on SubmissionWindow {\n    period\n    used\n    remaining\n    minimumValue\n    reopensAt\n  }\n",
): (typeof documents)["\n  fragment SubmissionFields on SubmissionWindow {\n    period\n    used\n    remaining\n    minimumValue\n    reopensAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation SubmitReading($input: SubmitReadingInput!) {\n    submitReading(input: $input) {\n      ...ReadingFields\n      meter {\n        ...MeterFields\n      }\n    }\n  }\n",
): (typeof documents)["\n  mutation SubmitReading($input: SubmitReadingInput!) {\n    submitReading(input: $input) {\n      ...ReadingFields\n      meter {\n        ...MeterFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  fragment MeterVerificationFields on MeterVerification {\n    due\n    status\n    daysLeft\n  }\n",
): (typeof documents)["\n  fragment MeterVerificationFields on MeterVerification {\n    due\n    status\n    daysLeft\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation LogoutEverywhere {\n    logoutEverywhere\n  }\n",
): (typeof documents)["\n  mutation LogoutEverywhere {\n    logoutEverywhere\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  query PushPublicKey {\n    pushPublicKey\n  }\n",
): (typeof documents)["\n  query PushPublicKey {\n    pushPublicKey\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation SubscribePush($input: PushSubscriptionInput!) {\n    subscribePush(input: $input)\n  }\n",
): (typeof documents)["\n  mutation SubscribePush($input: PushSubscriptionInput!) {\n    subscribePush(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation UnsubscribePush($endpoint: String!) {\n    unsubscribePush(endpoint: $endpoint)\n  }\n",
): (typeof documents)["\n  mutation UnsubscribePush($endpoint: String!) {\n    unsubscribePush(endpoint: $endpoint)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation SendTestPush {\n    sendTestPush {\n      sent\n    }\n  }\n",
): (typeof documents)["\n  mutation SendTestPush {\n    sendTestPush {\n      sent\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  query ReminderSettings {\n    me {\n      id\n      reminderEmail\n      reminderPush\n    }\n  }\n",
): (typeof documents)["\n  query ReminderSettings {\n    me {\n      id\n      reminderEmail\n      reminderPush\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation UpdateReminderSettings($email: Boolean!, $push: Boolean!) {\n    updateReminderSettings(email: $email, push: $push) {\n      id\n      reminderEmail\n      reminderPush\n    }\n  }\n",
): (typeof documents)["\n  mutation UpdateReminderSettings($email: Boolean!, $push: Boolean!) {\n    updateReminderSettings(email: $email, push: $push) {\n      id\n      reminderEmail\n      reminderPush\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  query SubmitLink($token: String!) {\n    submitLink(token: $token) {\n      meterSerial\n      accountNumber\n      holderNameMasked\n      lastReading {\n        value\n        takenAt\n      }\n      submission {\n        ...SubmissionFields\n      }\n    }\n  }\n",
): (typeof documents)["\n  query SubmitLink($token: String!) {\n    submitLink(token: $token) {\n      meterSerial\n      accountNumber\n      holderNameMasked\n      lastReading {\n        value\n        takenAt\n      }\n      submission {\n        ...SubmissionFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation SubmitReadingByLink($input: SubmitReadingByLinkInput!) {\n    submitReadingByLink(input: $input) {\n      value\n      period\n      isCorrection\n      submission {\n        ...SubmissionFields\n      }\n    }\n  }\n",
): (typeof documents)["\n  mutation SubmitReadingByLink($input: SubmitReadingByLinkInput!) {\n    submitReadingByLink(input: $input) {\n      value\n      period\n      isCorrection\n      submission {\n        ...SubmissionFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {\n    requestPasswordReset(input: $input)\n  }\n",
): (typeof documents)["\n  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {\n    requestPasswordReset(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input)\n  }\n",
): (typeof documents)["\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation ConfirmEmail($token: String!) {\n    confirmEmail(token: $token)\n  }\n",
): (typeof documents)["\n  mutation ConfirmEmail($token: String!) {\n    confirmEmail(token: $token)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      ...UserFields\n    }\n  }\n",
): (typeof documents)["\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n",
): (typeof documents)["\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  fragment UserFields on User {\n    id\n    email\n    lastName\n    firstName\n    phone\n    personType\n    bin\n    language\n    canLinkAccounts\n  }\n",
): (typeof documents)["\n  fragment UserFields on User {\n    id\n    email\n    lastName\n    firstName\n    phone\n    personType\n    bin\n    language\n    canLinkAccounts\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      expiresAt\n      user {\n        ...UserFields\n      }\n    }\n  }\n",
): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      expiresAt\n      user {\n        ...UserFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation RefreshSession {\n    refreshSession {\n      accessToken\n      expiresAt\n      user {\n        ...UserFields\n      }\n    }\n  }\n",
): (typeof documents)["\n  mutation RefreshSession {\n    refreshSession {\n      accessToken\n      expiresAt\n      user {\n        ...UserFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation Logout {\n    logout\n  }\n",
): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      user {\n        id\n        email\n      }\n    }\n  }\n",
): (typeof documents)["\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      user {\n        id\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  query MyAccounts {\n    me {\n      id\n      canLinkAccounts\n      accounts {\n        ...AccountCard\n      }\n    }\n  }\n",
): (typeof documents)["\n  query MyAccounts {\n    me {\n      id\n      canLinkAccounts\n      accounts {\n        ...AccountCard\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  query AccountReadings($number: String!) {\n    account(number: $number) {\n      ...AccountCard\n      meters {\n        ...MeterFields\n      }\n    }\n  }\n",
): (typeof documents)["\n  query AccountReadings($number: String!) {\n    account(number: $number) {\n      ...AccountCard\n      meters {\n        ...MeterFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  query ResetTokenStatus($token: String!) {\n    passwordResetTokenStatus(token: $token)\n  }\n",
): (typeof documents)["\n  query ResetTokenStatus($token: String!) {\n    passwordResetTokenStatus(token: $token)\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> =
  TDocumentNode extends DocumentNode<infer TType, any> ? TType : never;
