import { reactive } from "vue";

/**
 * The registration form's values, kept in memory (never in storage) so that reading the user
 * agreement and coming back does not empty the form.
 */
const draft = reactive({
  email: "",
  password: "",
  passwordConfirmation: "",
  lastName: "",
  firstName: "",
  phone: "",
  personType: "INDIVIDUAL" as "INDIVIDUAL" | "LEGAL_ENTITY",
  bin: "",
  accountNumber: "",
  lastPaymentAmount: "",
  acceptTerms: false,
});

const EMPTY = { ...draft };

export function useRegistrationDraft() {
  return {
    draft,
    reset: () => Object.assign(draft, EMPTY),
  };
}
