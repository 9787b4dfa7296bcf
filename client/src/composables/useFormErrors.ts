import { getCurrentInstance, nextTick, onBeforeUnmount, onMounted, reactive, ref } from "vue";
import { toFailure } from "../apollo/failure";
import { messageOf } from "../errors";

/** A message to show: its i18n key and parameters, translated where it is rendered. */
export interface Message {
  key: string;
  params?: Record<string, unknown>;
}

/** A rule: null when the value is fine, else the message key that says what is wrong. */
export type Rule = (value: string) => string | null;

/** What a refusal moves focus to: the first field marked invalid, else the form's alert. */
const REFUSAL_TARGET = '[aria-invalid="true"], [data-form-alert]';

/**
 * Moves focus to the first field in error inside `root` (in page order), else to the form's
 * error summary, and brings it to the middle of the screen: a refusal shown at the top of a
 * long form scrolled to its button would otherwise go unseen. Returns the element focused.
 */
export function focusFirstError(root: Element | null | undefined): HTMLElement | null {
  const target = root?.querySelector<HTMLElement>(REFUSAL_TARGET) ?? null;
  if (!target) return null;
  target.focus({ preventScroll: true });
  // jsdom has no scrollIntoView; smooth scrolling is left to the user's motion preference.
  target.scrollIntoView?.({ block: "center" });
  return target;
}

/**
 * Per-field messages of one form: client rules first (the same modules as the server's), then
 * the server's refusal beside the field named by `extensions.field`, else above the button.
 *
 * Every refusal is brought to the user: when a submit leaves errors (the client's rules) and
 * when the server refuses (`showFailure`), focus moves to the first field in error or to the
 * form's alert (FormAlert), whose text is announced (role="alert"). The component's root
 * element is watched for submits, so a form needs no code of its own for this.
 */
export function useFormErrors<F extends string>(fields: readonly F[]) {
  const errors = reactive<Partial<Record<F, Message>>>({}) as Partial<Record<F, Message>>;
  const general = ref<Message | null>(null);
  const instance = getCurrentInstance();
  const rootElement = (): Element | null => {
    const el: unknown = instance?.proxy?.$el;
    return el instanceof Element ? el : null;
  };
  /** After the DOM shows the messages: focus the first one, if any is left. */
  const bringToFocus = () =>
    nextTick(() => {
      if (hasErrors() || general.value) focusFirstError(rootElement());
    });
  // A submit whose handler set errors synchronously (the client's rules refused the values).
  // The listener sits on the component's root, so it runs after the form's own @submit.
  const onSubmit = () => {
    if (hasErrors() || general.value) void bringToFocus();
  };
  if (instance) {
    onMounted(() => rootElement()?.addEventListener("submit", onSubmit));
    onBeforeUnmount(() => rootElement()?.removeEventListener("submit", onSubmit));
  }

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
    void bringToFocus();
    return failure.code;
  }

  const hasErrors = () => fields.some((field) => errors[field]);

  return { errors, general, set, check, clear, showFailure, hasErrors };
}
