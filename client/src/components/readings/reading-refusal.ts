import type { ApiFailure } from "../../apollo/failure";
import type { useFormErrors } from "../../composables/useFormErrors";

type ValueForm = ReturnType<typeof useFormErrors<"value">>;

/** Refusals after which the screen's window is stale: the server's moved on. */
export const WINDOW_MOVED = new Set(["READING_BELOW_PREVIOUS", "MONTHLY_LIMIT_REACHED"]);

/**
 * A reading form's refusal: below the previous reading is said under the field with the
 * server's minimum (the typed value stays); anything else above the button.
 */
export function showReadingRefusal(
  form: ValueForm,
  failure: ApiFailure,
  belowMessage: (minimum: string) => { key: string; params: Record<string, unknown> },
  shownMinimum: string,
): void {
  if (failure.code === "READING_BELOW_PREVIOUS") {
    const minimum = failure.extensions.minimumValue;
    form.set("value", belowMessage(typeof minimum === "string" ? minimum : shownMinimum));
  } else {
    form.showFailure(failure);
  }
}
