import { isValidBin, normalizeBin } from "../core/bin";
import { parseMoneyTiyn } from "../core/decimal";
import { PersonType } from "../core/enums";
import { isAccountNumber, stripAccountNumber } from "./account-number.rules";

/**
 * Registration's proof (and linking an account): someone shows they hold an account by its
 * number and the exact amount of its last payment; a legal entity also names its BIN, which must
 * own the account. Pure rules; `AccountsService` and `UsersService` read the rows and word the
 * refusals, `GuessLimiter` (RL-1) limits the comparisons.
 */

export interface AccountProof {
  accountNumber: string;
  /** Canonical decimal string from the Decimal scalar. */
  lastPaymentAmount: string;
}

export type ProofReading =
  | { kind: "ok"; number: string; amountTiyn: bigint }
  | { kind: "malformed"; field: "accountNumber" | "lastPaymentAmount" };

/** The proof as given, normalized (spaces in the number go), or the first malformed field. */
export function readProof(proof: AccountProof): ProofReading {
  const number = stripAccountNumber(proof.accountNumber);
  if (!isAccountNumber(number)) return { kind: "malformed", field: "accountNumber" };
  const amountTiyn = parseMoneyTiyn(proof.lastPaymentAmount);
  if (amountTiyn === null) return { kind: "malformed", field: "lastPaymentAmount" };
  return { kind: "ok", number, amountTiyn };
}

/** Which payment is an account's last: the latest by paid date, then the latest recorded. */
export const LAST_PAYMENT_ORDER = { paidAt: "DESC", id: "DESC" } as const;

/**
 * The proof holds when the account exists, has a payment, and its last payment is exactly the
 * amount given. Whether the number or the amount was wrong is never told apart.
 */
export const proofHolds = (
  amountTiyn: bigint,
  account: object | null,
  lastPayment: { amountTiyn: bigint } | null,
): boolean => account !== null && lastPayment !== null && lastPayment.amountTiyn === amountTiyn;

export type RegistrationBin =
  { kind: "ok"; bin: string | null } | { kind: "missing" } | { kind: "invalid" };

/** The BIN registration records: none for a person; a legal entity's, given and valid. */
export function registrationBin(
  personType: PersonType,
  input: string | null | undefined,
): RegistrationBin {
  if (personType !== PersonType.LEGAL_ENTITY) return { kind: "ok", bin: null };
  if (input == null || input.trim() === "") return { kind: "missing" };
  const bin = normalizeBin(input);
  return isValidBin(bin) ? { kind: "ok", bin } : { kind: "invalid" };
}

/** A legal entity's accounts are those of its BIN: the proven account must be one of them. */
export const binOwnsAccount = (bin: string | null, account: { ownerBin: string | null }): boolean =>
  bin === null || account.ownerBin === bin;
