import { normalizeKzMobile } from "@core/phone";
import type { Rule } from "./composables/useFormErrors";

/**
 * The server's own phone rule (libphonenumber's full metadata). Imported only by the lazy
 * registration and settings pages, so it stays out of the initial bundle.
 */
export const kzMobile: Rule = (value) =>
  normalizeKzMobile(value) === null ? "errors.INVALID_PHONE" : null;
