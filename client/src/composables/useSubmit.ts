import { ref } from "vue";
import { toFailure, type ApiFailure } from "../apollo/failure";
import type { useFormErrors } from "./useFormErrors";

type FormErrors<F extends string> = ReturnType<typeof useFormErrors<F>>;

export interface SubmitOptions<F extends string> {
  /** The server's `extensions.field` names that a form shows under another of its fields. */
  fieldAliases?: Record<string, F>;
  /** Handles a failure itself (returns true) instead of showing it on the form. */
  onFailure?: (failure: ApiFailure) => boolean | void;
}

/**
 * A form's sending: one at a time (`busy`), the previous refusal cleared, a new refusal shown
 * beside its field or above the button. Resolves with the answer, or undefined after a failure.
 */
export function useSubmit<F extends string>(form: FormErrors<F>, options: SubmitOptions<F> = {}) {
  const busy = ref(false);

  async function submit<T>(request: () => Promise<T>): Promise<T | undefined> {
    if (busy.value) return undefined;
    busy.value = true;
    form.clear();
    try {
      return await request();
    } catch (error) {
      const failure = toFailure(error);
      if (!options.onFailure?.(failure)) form.showFailure(failure, options.fieldAliases);
      return undefined;
    } finally {
      busy.value = false;
    }
  }

  return { busy, submit };
}
