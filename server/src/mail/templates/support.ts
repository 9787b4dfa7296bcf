/** Where subscribers write; the same address as in the BIN_NOT_FOUND message. */
export const SUPPORT_EMAIL = "support@gazholding.kz";
