import { reactive, ref } from "vue";
import { toFailure } from "../apollo/failure";
import { messageOf } from "../errors";

/** A message to show: its i18n key and parameters, translated where it is rendered. */
export interface Message {
  key: string;
  params?: Record<string, unknown>;
}

/** A rule: null when the value is fine, else the message key that says what is wrong. */
export type Rule = (value: string) => string | null;

/**
 * Per-field messages of one form: client rules first (the same modules as the server's), then
 * the server's refusal beside the field named by `extensions.field`, else above the button.
 */
export function useFormErrors<F extends string>(fields: readonly F[]) {
  const errors = reactive<Partial<Record<F, Message>>>({}) as Partial<Record<F, Message>>;
  const general = ref<Message | null>(null);

  function set(field: F, message: Message | null): void {
    if (message) errors[field] = message;
    else delete errors[field];
  }

  function check(field: F, value: string, rules: Rule[]): boolean {
    for (const rule of rules) {
      const key = rule(value);
      if (key) {
        set(field, { key });
        return false;
      }
    }
    set(field, null);
    return true;
  }

  function clear(): void {
    for (const field of fields) delete errors[field];
    general.value = null;
  }

  /** Shows a server refusal; returns its code. */
  function showFailure(error: unknown, fieldAliases: Record<string, F> = {}): string {
    const failure = toFailure(error);
    const message = messageOf(failure);
    const named = failure.field ? (fieldAliases[failure.field] ?? failure.field) : undefined;
    if (named && (fields as readonly string[]).includes(named)) set(named as F, message);
    else general.value = message;
    return failure.code;
  }

  const hasErrors = () => fields.some((field) => errors[field]);

  return { errors, general, set, check, clear, showFailure, hasErrors };
}
