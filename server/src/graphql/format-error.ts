import { randomUUID } from "node:crypto";
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";
import { ArgumentValidationError } from "type-graphql";
import type { ValidationError } from "class-validator";
import { DeadlinePassedError } from "../db/deadline-scope";
import { isConnectionError, isLockConflict } from "../db/transaction";
import { isContractCode } from "../core/error-codes";
import { InputProblem } from "../common/scalars/input-problem";

/** Errors of the GraphQL layer itself that a client may see as they are. */
const PROTOCOL_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
]);

function firstInvalidField(errors: ValidationError[], prefix = ""): string | undefined {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints && Object.keys(error.constraints).length > 0) return path;
    const nested = firstInvalidField(error.children ?? [], path);
    if (nested) return nested;
  }
  return undefined;
}

/**
 * The input field a variable's coercion error is about, as a path from the variable
 * (`input.value`, `items[2].meterSerial`), and what is wrong when that can be said without
 * echoing the value:
 * `Variable "$input" got invalid value … at "input.value"; Decimal has more than 3 decimals.`
 * `Variable "$i" got invalid value …; Field "idempotencyKey" of required type "String!" was not provided.`
 */
function coercionProblem(message: string, original: unknown): { field?: string; message: string } {
  // The last ` at "…"; `: the value echoed before it may hold anything.
  const at = /^.* at "([^"]+)"; /s.exec(message)?.[1];
  const variable = /^Variable "\$([^"]+)"/.exec(message)?.[1];
  const missing = /; Field "([^"]+)" of required type "[^"]+" was not provided\.$/.exec(
    message,
  )?.[1];
  const unknown =
    /; Field "([^"]+)" is not defined by type "([^"]+)"\.[^;"]*(?:"[^"]*"[^;"]*)*$/.exec(message);
  const child = missing ?? unknown?.[1];
  const parent = at ?? variable;
  const path = child && parent ? `${parent}.${child}` : parent;
  const field = (child ?? path?.split(".").pop())?.replace(/\[\d+\]$/, "");
  if (!path) return { message: "Invalid input." };
  if (missing) return { field, message: `${path} is required.` };
  if (unknown) return { field, message: `${path}: ${unknown[2]} has no such field.` };
  if (/not to be null\.$/.test(message)) return { field, message: `${path} may not be null.` };
  if (original instanceof InputProblem) {
    return { field, message: `Invalid value for ${path}: ${original.message}` };
  }
  return { field, message: `Invalid value for ${path}.` };
}

/**
 * Contract codes pass through; validation becomes VALIDATION_FAILED with the field and without
 * the submitted value; anything else is masked as INTERNAL with an id the log holds.
 */
export function createErrorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.code;
    const base = { locations: formatted.locations, path: formatted.path };

    if (original instanceof ArgumentValidationError) {
      const errors = (original.extensions.validationErrors ?? []) as ValidationError[];
      const field = firstInvalidField(errors);
      return {
        ...base,
        message: field ? `Invalid value for ${field}.` : "Invalid input.",
        extensions: { code: "VALIDATION_FAILED", ...(field ? { field } : {}) },
      };
    }
    if (isContractCode(code) && code !== "INTERNAL") return formatted;
    if (code === "BAD_USER_INPUT") {
      const { field, message } = coercionProblem(formatted.message, originalOf(error));
      return {
        ...base,
        message,
        extensions: { code: "VALIDATION_FAILED", ...(field ? { field } : {}) },
      };
    }
    if (typeof code === "string" && PROTOCOL_CODES.has(code)) {
      // A literal's value would be echoed in "Expected value of type X, found <value>".
      const message = formatted.message.replace(
        /(Expected value of type "[^"]+"), found .*$/s,
        "$1.",
      );
      return { ...formatted, message };
    }
    // Apollo's own refusals of a request it cannot run (an automatic persisted query whose hash
    // does not match its text, an unknown persisted-query version) carry HTTP 400 and no code.
    if (isCodelessBadRequest(original)) {
      return { ...base, message: formatted.message, extensions: { code: "BAD_REQUEST" } };
    }
    // Issue 17 item 1: the deadline's 503 has been (or is being) sent; nothing was stored.
    if (original instanceof DeadlinePassedError) {
      return {
        ...base,
        message: "The service is temporarily unavailable; try again.",
        extensions: { code: "SERVICE_UNAVAILABLE" },
      };
    }
    // FT-2: an outage is retryable, not a bug (also when the context could not be built);
    // CON-2: so is a deadlock or lock wait timeout that outlasted the transaction's retries.
    const outage = isConnectionError(original);
    if (outage || isLockConflict(original)) {
      log.warn({ err: redact(original) }, outage ? "database unavailable" : "database busy");
      return {
        ...base,
        message: "The service is temporarily unavailable; try again.",
        extensions: { code: "SERVICE_UNAVAILABLE" },
      };
    }
    const errorId = randomUUID();
    log.error({ errorId, err: redact(original) }, "unexpected error");
    return { ...base, message: "Internal error.", extensions: { code: "INTERNAL", errorId } };
  };
}

function isCodelessBadRequest(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions.code !== undefined) return false;
  return (error.extensions.http as { status?: number } | undefined)?.status === 400;
}

/** The error a GraphQL error wraps (a scalar's refusal of a variable's value), if any. */
function originalOf(error: unknown): unknown {
  return error instanceof GraphQLError ? (error.originalError ?? error) : error;
}

/** TypeORM's QueryFailedError carries the SQL and its parameters: keep them out of the log. */
function redact(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const { name, message, stack } = error;
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  const isQuery = name === "QueryFailedError";
  return {
    name,
    message: isQuery ? `database error ${String(code ?? errno)}` : message,
    stack: isQuery ? stack?.split("\n").slice(1).join("\n") : stack,
    code,
    errno,
  };
}
